/**
 * Sitting use cases (issue 6 §2): add, change and remove a plan's sittings, each with its audit row and exam event
 * in one transaction. The plan row is locked first, so approval (which re-checks every sitting) and sitting
 * changes never interleave; the sitting row is locked next, so a concurrent registration's booking is seen.
 */
import type { Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { appendExamEvent, type ExamEventKind } from './events.ts';
import { canManageSittingsAt, canSeePlan } from './plans.access.ts';
import { type InstitutionFacts, type Plan, type SittingView, toChinaIso } from './plans.model.ts';
import type { PlanDeps } from './plans.service.ts';
import { getInstitutionFacts, getPlan } from './plans.store.ts';
import { toSittingView } from './plans.views.ts';
import type { CreateSittingInput, Sitting, UpdateSittingInput } from './sittings.model.ts';
import { bookingConflict, sittingProblems } from './sittings.rules.ts';
import {
  deleteSitting,
  getSitting,
  hasRegistrations,
  insertSitting,
  listSittings,
  updateSittingRow,
} from './sittings.store.ts';

/** The plan, locked; 404 when it does not exist or the caller may not see it. */
async function lockVisiblePlan(
  trx: Transaction<Database>,
  principal: Principal,
  planId: string,
): Promise<Plan> {
  const plan = await getPlan(trx, planId, true);
  if (!plan || !canSeePlan(principal, plan)) throw new AppError('not_found', 'no such plan');
  return plan;
}

/** The institution whose sittings the caller schedules, once it takes part and the caller may act for it. */
async function institutionFor(
  trx: Transaction<Database>,
  principal: Principal,
  plan: Plan,
  institutionId: string,
): Promise<InstitutionFacts> {
  const member = plan.institutions.find((i) => i.institutionId === institutionId);
  if (!member)
    throw new AppError('rule_violation', 'the institution does not take part in this plan', [
      { path: 'body.institutionId', message: 'institution-not-in-plan' },
    ]);
  if (!canManageSittingsAt(principal, plan, { id: institutionId, province: member.province }))
    throw new AppError('forbidden', 'you may not schedule sittings for this institution');
  if (plan.status !== 'draft' && plan.status !== 'approved')
    throw new AppError('invalid_transition', `a ${plan.status} plan's sittings do not change`);
  const institution = (await getInstitutionFacts(trx, [institutionId])).get(institutionId);
  if (!institution) throw new AppError('not_found', 'no such institution');
  return institution;
}

async function viewOf(
  trx: Transaction<Database>,
  deps: PlanDeps,
  plan: Plan,
  id: string,
): Promise<SittingView> {
  const row = (await listSittings(trx, plan.id)).find((s) => s.id === id);
  if (!row) throw new AppError('internal', 'sitting vanished');
  return toSittingView(plan, row, deps.standards);
}

const auditOf = (s: Sitting) => ({
  planId: s.planId,
  institutionId: s.institutionId,
  siteId: s.siteId,
  startsAt: toChinaIso(s.startsAt),
  endsAt: toChinaIso(s.endsAt),
  capacity: s.capacity,
  booked: s.booked,
});

const steps = {
  create: 'sitting.created',
  update: 'sitting.updated',
  remove: 'sitting.removed',
} as const satisfies Record<string, ExamEventKind>;

async function record(
  trx: Transaction<Database>,
  ctx: AuditContext,
  step: keyof typeof steps,
  institution: InstitutionFacts,
  before: Sitting | null,
  after: Sitting | null,
): Promise<void> {
  const s = (after ?? before) as Sitting;
  await appendAudit(trx, ctx, {
    action: `sitting.${step}`,
    targetType: 'exam-sitting',
    targetId: s.id,
    before: before && auditOf(before),
    after: after && auditOf(after),
  });
  await appendExamEvent(trx, ctx, {
    kind: steps[step],
    institutionId: institution.id,
    planId: s.planId,
    province: institution.province,
    subjectType: 'sitting',
    subjectId: s.id,
    payload: auditOf(s),
  });
}

export async function addSitting(
  deps: PlanDeps,
  ctx: AuditContext,
  principal: Principal,
  planId: string,
  input: CreateSittingInput,
): Promise<SittingView> {
  return deps.db.transaction().execute(async (trx) => {
    const plan = await lockVisiblePlan(trx, principal, planId);
    const institution = await institutionFor(trx, principal, plan, input.institutionId);
    const sitting: Sitting = {
      id: newId(),
      planId,
      institutionId: institution.id,
      siteId: input.siteId,
      startsAt: new Date(input.startsAt),
      endsAt: new Date(input.endsAt),
      capacity: input.capacity,
      booked: 0,
      createdAt: ctx.at,
    };
    const problems = sittingProblems(plan, institution, sitting);
    if (problems.length > 0)
      throw new AppError('rule_violation', 'the sitting cannot be held there and then', problems);
    await insertSitting(trx, sitting);
    await record(trx, ctx, 'create', institution, null, sitting);
    return viewOf(trx, deps, plan, sitting.id);
  });
}

async function loadSitting(trx: Transaction<Database>, principal: Principal, planId: string, id: string) {
  const plan = await lockVisiblePlan(trx, principal, planId);
  const sitting = await getSitting(trx, planId, id, true);
  if (!sitting) throw new AppError('not_found', 'no such sitting');
  return { plan, sitting, institution: await institutionFor(trx, principal, plan, sitting.institutionId) };
}

export async function updateSitting(
  deps: PlanDeps,
  ctx: AuditContext,
  principal: Principal,
  planId: string,
  id: string,
  input: UpdateSittingInput,
): Promise<SittingView> {
  return deps.db.transaction().execute(async (trx) => {
    const { plan, institution, sitting: before } = await loadSitting(trx, principal, planId, id);
    const after: Sitting = {
      ...before,
      startsAt: input.startsAt ? new Date(input.startsAt) : before.startsAt,
      endsAt: input.endsAt ? new Date(input.endsAt) : before.endsAt,
      capacity: input.capacity ?? before.capacity,
    };
    const movesTime =
      after.startsAt.getTime() !== before.startsAt.getTime() ||
      after.endsAt.getTime() !== before.endsAt.getTime();
    const conflict = bookingConflict(before.booked, { capacity: input.capacity, movesTime });
    if (conflict) throw new AppError('conflict', 'places of this sitting are booked', [conflict]);
    if (movesTime) {
      const problems = sittingProblems(plan, institution, after);
      if (problems.length > 0)
        throw new AppError('rule_violation', 'the sitting cannot be held there and then', problems);
    }
    await updateSittingRow(trx, after);
    await record(trx, ctx, 'update', institution, before, after);
    return viewOf(trx, deps, plan, id);
  });
}

export async function removeSitting(
  deps: PlanDeps,
  ctx: AuditContext,
  principal: Principal,
  planId: string,
  id: string,
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const { institution, sitting } = await loadSitting(trx, principal, planId, id);
    const conflict = bookingConflict(sitting.booked, { movesTime: true });
    if (conflict || (await hasRegistrations(trx, id)))
      throw new AppError('conflict', 'a sitting with registrations cannot be removed', [
        { path: 'sittingId', message: `sitting-has-bookings: ${sitting.booked} places are booked` },
      ]);
    await deleteSitting(trx, id);
    await record(trx, ctx, 'remove', institution, sitting, null);
  });
}
