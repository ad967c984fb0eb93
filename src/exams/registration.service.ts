import type { Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { filingProblem } from '../institutions/institution.rules.ts';
import { createPolicyResolver, type PolicyDeps } from '../recognition/policy.service.ts';
import { storeDecision } from '../recognition/recognition.decisions.ts';
import { evaluate } from '../recognition/recognition.engine.ts';
import type { HeldCertificate } from '../recognition/recognition.model.ts';
import { selectCertificates } from '../registry/registry.store.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { type Declared, decideEligibility, type Eligibility } from './eligibility.ts';
import { appendExamEvent } from './events.ts';
import { isPublished } from './plans.access.ts';
import { chinaDateOf } from './plans.model.ts';
import {
  COMMITMENT,
  COMMITMENT_HASH,
  type RegistrationView,
  type SelfRegistration,
} from './registration.model.ts';
import {
  findActiveForHolder,
  findTarget,
  lockHolder,
  type RegistrationRow,
  releaseSeat,
  selectRegistrations,
  type Target,
  takeSeat,
} from './registration.store.ts';

export type ExamDeps = PolicyDeps;

export function createEligibilityChecker(deps: ExamDeps) {
  const resolve = createPolicyResolver(deps);
  /**
   * The holder's registry certificates through the recognition engine for the province where they would sit, then
   * the occupation's 申报条件; the engine's answer is stored as a decision with its policy versions (replayable).
   */
  return async (
    holderId: string | null,
    occupationCode: string,
    level: string,
    region: string,
    declared: Declared,
  ): Promise<{ eligibility: Eligibility; decisionId: string }> => {
    const occupation = deps.catalog.occupationsByCode.get(occupationCode);
    if (!occupation)
      throw new AppError('rule_violation', `occupation ${occupationCode} is not in the catalog`);
    const asOf = todayInChina(deps.clock);
    // Someone not yet in the registry (a batch row) holds no certificate Hutong knows of.
    const rows = holderId
      ? await selectCertificates(deps.db).where('c.holder_id', '=', holderId).execute()
      : [];
    // Masked numbers only: the stored decision holds no ID number (MEM numbers embed one).
    const held: HeldCertificate[] = rows.map((r) => ({
      type: r.type,
      number: r.number_masked,
      validFrom: r.valid_from,
      validUntil: r.valid_until,
      status: r.status as HeldCertificate['status'],
      ...(r.reviewed_until && { reviewedUntil: r.reviewed_until }),
      ...(r.occupation && { occupation: r.occupation }),
      ...(r.level && { level: r.level as HeldCertificate['level'] }),
    }));
    const experience =
      declared.yearsInOccupation === undefined && declared.yearsSinceLevel === undefined
        ? undefined
        : [
            {
              occupation: occupationCode,
              ...(declared.yearsInOccupation !== undefined && {
                yearsInOccupation: declared.yearsInOccupation,
              }),
              ...(declared.yearsSinceLevel !== undefined && { yearsSinceLevel: declared.yearsSinceLevel }),
            },
          ];
    const policy = await resolve(region, asOf);
    const result = evaluate(policy.compiled, held, asOf, region, experience ? { experience } : {});
    const decisionId = await storeDecision(deps, {
      holderId,
      region,
      asOf,
      nationalVersion: policy.nationalVersion,
      provinceVersion: policy.provinceVersion,
      departmentVersions: policy.departmentVersions,
      facts: { certificates: held, ...(experience && { experience }) },
      result,
    });
    return { eligibility: decideEligibility(occupation, level, result, declared), decisionId };
  };
}
export type EligibilityChecker = ReturnType<typeof createEligibilityChecker>;

/** The plan is open for registration today, and the sitting's institution may run it on the sitting's date. */
export function targetProblem(t: Target, today: string): { code: string; message: string } | null {
  if (t.plan_status !== 'approved')
    return { code: 'plan-not-approved', message: 'the plan is not approved for registration' };
  if (today < t.registration_opens || today > t.registration_closes)
    return {
      code: 'registration-closed',
      message: `registration is open ${t.registration_opens} – ${t.registration_closes}`,
    };
  const problem = filingProblem(
    { status: t.institution_status, validFrom: t.valid_from, validUntil: t.valid_until },
    t.scopes,
    t.occupation,
    t.level,
    chinaDateOf(new Date(t.starts_at)),
  );
  return problem
    ? { code: problem.code, message: `the institution cannot run this sitting: ${problem.code}` }
    : null;
}

/**
 * The sitting of the plan, open for registration today. `isVisible` is whether the caller may know of it at all:
 * one they may not is a 404 before anything about its plan's state is said (issue 17 §4, scope hides existence).
 */
export async function loadOpenTarget(
  deps: ExamDeps,
  planId: string,
  sittingId: string,
  isVisible: (target: Target) => boolean = () => true,
): Promise<Target> {
  const target = await findTarget(deps.db, planId, sittingId);
  if (!target || !isVisible(target)) throw new AppError('not_found', 'no such sitting in this plan');
  const problem = targetProblem(target, todayInChina(deps.clock));
  if (problem)
    throw new AppError('rule_violation', problem.message, [
      { path: 'body.sittingId', message: problem.code },
    ]);
  return target;
}

/**
 * A plan never approved (a draft, or a draft cancelled) is not public (plans.access.ts): to a candidate its sittings
 * do not exist. An approved or closed plan was approved whatever its stored approval time.
 */
function wasApproved(t: Target): boolean {
  return (
    t.plan_status === 'approved' ||
    t.plan_status === 'closed' ||
    isPublished({ approvedAt: t.plan_approved_at })
  );
}

export interface NewRegistration {
  target: Target;
  holderId: string;
  declared: Declared;
  eligibility: Eligibility;
  decisionId: string;
  channel: 'self' | 'batch';
  batchId?: string;
  /** 工作单位 as declared (issue 7 §3 recusal); null or absent when not given. */
  employer?: string | null;
}

export type RegistrationRefusal = 'already-registered' | 'overlapping-sitting' | 'sitting-full';

/**
 * Registers one person in one transaction (with its audit row and event). Refusals are values so a batch can
 * report them per row; the self-service route turns them into 409s.
 */
export async function registerIn(
  trx: Transaction<Database>,
  ctx: AuditContext,
  r: NewRegistration,
): Promise<{ ok: true; id: string } | { ok: false; reason: RegistrationRefusal }> {
  const { target } = r;
  await lockHolder(trx, r.holderId);
  const active = await findActiveForHolder(trx, r.holderId);
  if (active.some((a) => a.plan_id === target.plan_id)) return { ok: false, reason: 'already-registered' };
  const starts = new Date(target.starts_at).getTime();
  const ends = new Date(target.ends_at).getTime();
  // Half-open intervals: one sitting ending at 11:30 and another starting at 11:30 do not overlap.
  if (active.some((a) => new Date(a.starts_at).getTime() < ends && new Date(a.ends_at).getTime() > starts))
    return { ok: false, reason: 'overlapping-sitting' };
  if (!(await takeSeat(trx, target.sitting_id))) return { ok: false, reason: 'sitting-full' };
  const id = newId();
  await trx
    .insertInto('exam_registrations')
    .values({
      id,
      plan_id: target.plan_id,
      sitting_id: target.sitting_id,
      institution_id: target.institution_id,
      province: target.province,
      holder_id: r.holderId,
      starts_at: target.starts_at,
      ends_at: target.ends_at,
      status: 'registered',
      channel: r.channel,
      batch_id: r.batchId ?? null,
      employer: r.employer ?? null,
      declared: JSON.stringify(r.declared),
      commitment: JSON.stringify({ version: COMMITMENT.version, textSha256: COMMITMENT_HASH, at: ctx.at }),
      eligibility: JSON.stringify(r.eligibility),
      decision_id: r.decisionId,
      created_by: ctx.actorLabel,
      created_at: ctx.at,
    })
    .execute();
  const after = { plan: target.plan_id, sitting: target.sitting_id, holder: r.holderId, channel: r.channel };
  await appendAudit(trx, ctx, {
    action: 'registration.create',
    targetType: 'registration',
    targetId: id,
    // The employer is recorded with the registration; the event stream (read for supervision) does not carry it.
    after: { ...after, employer: r.employer ?? null },
  });
  await appendExamEvent(trx, ctx, {
    kind: 'registration.created',
    institutionId: target.institution_id,
    planId: target.plan_id,
    province: target.province,
    subjectType: 'registration',
    subjectId: id,
    payload: { ...after, decision: r.decisionId, eligible: r.eligibility.eligible },
  });
  return { ok: true, id };
}

const refusalMessage: Record<RegistrationRefusal, string> = {
  'already-registered': '已报名该计划 already registered for this plan',
  'overlapping-sitting': '与已报名的另一场考试时间重叠 overlaps a sitting you are registered for',
  'sitting-full': '该场次已满 the sitting is full',
};

export async function selfRegister(
  deps: ExamDeps,
  check: EligibilityChecker,
  principal: Principal,
  ctx: AuditContext,
  planId: string,
  body: SelfRegistration,
): Promise<RegistrationView> {
  const holderId = principal.holderId;
  if (principal.role !== 'holder' || !holderId)
    throw new AppError('forbidden', 'only a holder account registers itself');
  const target = await loadOpenTarget(deps, planId, body.sittingId, wasApproved);
  const { eligibility, decisionId } = await check(
    holderId,
    target.occupation,
    target.level,
    target.province,
    body.declared,
  );
  if (!eligibility.eligible)
    throw new AppError('rule_violation', eligibility.summaryZh, [
      { path: 'body.declared', message: eligibility.reasonCodes.join(',') },
    ]);
  const result = await deps.db.transaction().execute((trx) =>
    registerIn(trx, ctx, {
      target,
      holderId,
      declared: body.declared,
      eligibility,
      decisionId,
      channel: 'self',
      employer: body.employer || null,
    }),
  );
  if (!result.ok)
    throw new AppError('conflict', refusalMessage[result.reason], [
      { path: 'body.sittingId', message: result.reason },
    ]);
  return getRegistration(deps, principal, result.id);
}

/** Who sees a registration: its candidate, the sitting institution's operators, admins and supervisors in scope. */
export function canSeeRegistration(
  p: Principal,
  r: { holder_id: string; institution_id: string; province: string },
) {
  switch (p.role) {
    case 'system-admin':
      return true;
    case 'holder':
      return p.holderId === r.holder_id;
    case 'institution-operator':
      return p.institution === r.institution_id;
    case 'province-admin':
    case 'supervisor':
      return p.province === null || p.province === r.province;
    default:
      return false;
  }
}

export function toRegistrationView(r: RegistrationRow): RegistrationView {
  return {
    id: r.id,
    planId: r.plan_id,
    planCode: r.plan_code,
    planName: r.plan_name,
    occupation: r.occupation,
    level: r.level,
    sittingId: r.sitting_id,
    institutionId: r.institution_id,
    institutionName: r.institution_name,
    province: r.province,
    holder: { name: r.holder_name, idNumberMasked: r.holder_id_masked },
    employer: r.employer,
    startsAt: new Date(r.starts_at).toISOString(),
    endsAt: new Date(r.ends_at).toISOString(),
    status: r.status as RegistrationView['status'],
    channel: r.channel as RegistrationView['channel'],
    eligibility: r.eligibility as Eligibility,
    decisionId: r.decision_id,
    createdAt: new Date(r.created_at).toISOString(),
    cancelledAt: r.cancelled_at ? new Date(r.cancelled_at).toISOString() : null,
  };
}

export async function getRegistration(
  deps: ExamDeps,
  principal: Principal,
  id: string,
): Promise<RegistrationView> {
  const row = await selectRegistrations(deps.db).where('r.id', '=', id).executeTakeFirst();
  if (!row || !canSeeRegistration(principal, row)) throw new AppError('not_found', 'no such registration');
  return toRegistrationView(row);
}

export async function cancelRegistration(
  deps: ExamDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
): Promise<RegistrationView> {
  await deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('exam_registrations')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row || !canSeeRegistration(principal, row) || principal.role === 'supervisor')
      throw new AppError('not_found', 'no such registration');
    if (row.status !== 'registered')
      throw new AppError('invalid_transition', 'the registration is already cancelled');
    if (new Date(row.starts_at).getTime() <= ctx.at.getTime())
      throw new AppError('rule_violation', 'the sitting has started; it can no longer be cancelled');
    await trx
      .updateTable('exam_registrations')
      .set({ status: 'cancelled', cancelled_by: ctx.actorLabel, cancelled_at: ctx.at })
      .where('id', '=', id)
      .execute();
    await releaseSeat(trx, row.sitting_id);
    await appendAudit(trx, ctx, {
      action: 'registration.cancel',
      targetType: 'registration',
      targetId: id,
      before: { status: 'registered' },
      after: { status: 'cancelled' },
    });
    await appendExamEvent(trx, ctx, {
      kind: 'registration.cancelled',
      institutionId: row.institution_id,
      planId: row.plan_id,
      province: row.province,
      subjectType: 'registration',
      subjectId: id,
      payload: { sitting: row.sitting_id },
    });
  });
  return getRegistration(deps, principal, id);
}
