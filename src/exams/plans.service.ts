/**
 * Exam plan use cases (issue 6 §2): create, and update while draft (approve, cancel and close are in
 * `plans.lifecycle.ts`). Each one loads the facts, decides with `plans.rules.ts`, and writes the change, its audit
 * row and its exam event in ONE transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { appendExamEvent, type ExamEventKind } from './events.ts';
import { canManagePlan, canSeePlan } from './plans.access.ts';
import type { CreatePlanInput, InstitutionFacts, Plan, PlanDetail, UpdatePlanInput } from './plans.model.ts';
import {
  filingProblems,
  institutionDetails,
  nextPlanStatus,
  type PlanStep,
  planCode,
  resolveSubjects,
  scheduleProblems,
} from './plans.rules.ts';
import { type ExamStandards, standardFor } from './plans.standards.ts';
import {
  getInstitutionFacts,
  getPlan,
  insertPlan,
  nextPlanSeq,
  replacePlanInstitutions,
  updatePlanRow,
} from './plans.store.ts';
import { getPlanView } from './plans.views.ts';
import { getSittingFacts, institutionsWithSittings } from './sittings.store.ts';

export interface PlanDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  clock: Clock;
  standards: ExamStandards;
}

export const refuse = (message: string, details: ErrorDetail[]) => {
  if (details.length > 0) throw new AppError('rule_violation', message, details);
};

function checkOccupation(catalog: Catalog, occupation: string, level: string): void {
  const known = catalog.occupationsByCode.get(occupation);
  if (!known)
    throw new AppError('validation_failed', `unknown occupation ${occupation}`, [
      { path: 'body.occupation', message: 'unknown-occupation' },
    ]);
  if (!known.levels.some((l) => l.level === level))
    throw new AppError('validation_failed', `${occupation} has no level ${level}`, [
      { path: 'body.level', message: 'unknown-level' },
    ]);
}

function checkWindow(opens: string, closes: string): void {
  if (closes < opens)
    throw new AppError('validation_failed', 'registration closes before it opens', [
      { path: 'body.registrationCloses', message: 'before-opens' },
    ]);
}

/** The institutions named, every one filed in the register (422 naming the unknown ones otherwise). */
export async function loadInstitutions(db: Kysely<Database> | Transaction<Database>, ids: readonly string[]) {
  const facts = await getInstitutionFacts(db, ids);
  const unknown = ids.filter((id) => !facts.has(id));
  refuse(
    'unknown institution',
    unknown.map((id) => ({
      path: `institutions.${id}`,
      message: 'unknown-institution: not in the register',
    })),
  );
  return ids.map((id) => facts.get(id) as InstitutionFacts);
}

/** Who creates what (issue 6 §2): a single plan for one's own institution; a joint plan led by one's province. */
function planParties(
  principal: Principal,
  input: CreatePlanInput,
): { ids: string[]; lead: string | undefined } {
  const forbid = (message: string) => {
    throw new AppError('forbidden', message);
  };
  const ids = [...new Set(input.institutionIds ?? [])];
  if (input.kind === 'single') {
    if (ids.length === 0 && principal.role === 'institution-operator' && principal.institution)
      ids.push(principal.institution);
    if (ids.length !== 1)
      throw new AppError('validation_failed', 'a single plan has exactly one institution', [
        { path: 'body.institutionIds', message: 'exactly-one' },
      ]);
    if (principal.role === 'institution-operator' && ids[0] !== principal.institution)
      forbid('an institution operator plans for its own institution only');
    return { ids, lead: undefined };
  }
  if (principal.role !== 'province-admin' && principal.role !== 'system-admin')
    forbid('a joint plan is created by the admin of its lead province');
  if (ids.length < 2)
    throw new AppError('validation_failed', 'a joint plan has two or more institutions', [
      { path: 'body.institutionIds', message: 'at-least-two' },
    ]);
  const lead = input.leadProvince ?? principal.province ?? undefined;
  if (!lead)
    throw new AppError('validation_failed', 'a joint plan needs its lead province', [
      { path: 'body.leadProvince', message: 'required' },
    ]);
  if (principal.role === 'province-admin' && lead !== principal.province)
    forbid('a province admin leads joint plans for its own province only');
  return { ids, lead };
}

export function eventOf(plan: Plan, kind: ExamEventKind, payload: Record<string, unknown> = {}) {
  return {
    kind,
    institutionId: plan.kind === 'single' ? (plan.institutions[0]?.institutionId ?? null) : null,
    planId: plan.id,
    province: plan.leadProvince,
    subjectType: 'plan' as const,
    subjectId: plan.id,
    payload: { code: plan.code, status: plan.status, ...payload },
  };
}

/** The audit row's picture of a plan. */
function snapshot(plan: Plan) {
  const { createdAt, updatedAt, approvedAt, ...rest } = plan;
  return { ...rest, approvedAt: approvedAt?.toISOString() ?? null };
}

export async function createPlan(
  deps: PlanDeps,
  ctx: AuditContext,
  principal: Principal,
  input: CreatePlanInput,
): Promise<PlanDetail> {
  checkOccupation(deps.catalog, input.occupation, input.level);
  checkWindow(input.registrationOpens, input.registrationCloses);
  const parties = planParties(principal, input);
  const institutions = await loadInstitutions(deps.db, parties.ids);
  const first = institutions[0] as InstitutionFacts;
  if (input.kind === 'single') {
    if (principal.role === 'province-admin' && first.province !== principal.province)
      throw new AppError('forbidden', 'the institution is outside your province');
    if (input.leadProvince && input.leadProvince !== first.province)
      throw new AppError('validation_failed', 'a single plan is led by its institution’s province', [
        { path: 'body.leadProvince', message: `must be ${first.province}` },
      ]);
  }
  const leadProvince = parties.lead ?? first.province;
  const { subjects, problems } = resolveSubjects(
    standardFor(deps.standards, input.occupation, input.level),
    input.subjects,
  );
  refuse('the subjects depart from the standard', problems);
  refuse(
    'a participating institution may not run this evaluation',
    institutionDetails(filingProblems(input, institutions, [])),
  );
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const prefix = `RD-${leadProvince}-${input.registrationOpens.slice(0, 4)}-`;
    const seq = await nextPlanSeq(trx, prefix);
    const plan: Plan = {
      id,
      code: planCode(leadProvince, input.registrationOpens.slice(0, 4), seq),
      name: input.name,
      occupation: input.occupation,
      level: input.level,
      kind: input.kind,
      leadProvince,
      status: 'draft',
      subjects,
      registrationOpens: input.registrationOpens,
      registrationCloses: input.registrationCloses,
      createdBy: ctx.actorLabel,
      createdAt: ctx.at,
      approvedBy: null,
      approvedAt: null,
      updatedAt: ctx.at,
      version: 1,
      institutions: institutions.map((i) => ({ institutionId: i.id, province: i.province })),
    };
    await insertPlan(trx, plan);
    await appendAudit(trx, ctx, {
      action: 'plan.create',
      targetType: 'exam-plan',
      targetId: id,
      after: snapshot(plan),
    });
    await appendExamEvent(trx, ctx, eventOf(plan, 'plan.created', { institutionIds: parties.ids }));
  });
  return getPlanView(deps, principal, id);
}

/** The plan, locked for the change; 404 when it does not exist or the caller may not see it. */
export async function lockPlan(trx: Transaction<Database>, principal: Principal, id: string): Promise<Plan> {
  const plan = await getPlan(trx, id, true);
  if (!plan || !canSeePlan(principal, plan)) throw new AppError('not_found', 'no such plan');
  return plan;
}

export function assertStep(plan: Plan, step: PlanStep) {
  const next = nextPlanStatus(plan.status, step);
  if (!next) throw new AppError('invalid_transition', `a ${plan.status} plan cannot ${step}`);
  return next;
}

export async function updatePlan(
  deps: PlanDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: UpdatePlanInput,
): Promise<PlanDetail> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await lockPlan(trx, principal, id);
    if (!canManagePlan(principal, before)) throw new AppError('forbidden', 'you may not edit this plan');
    assertStep(before, 'update');
    if (input.version !== before.version)
      throw new AppError('conflict', 'the plan changed since you read it', [
        { path: 'body.version', message: `version-mismatch: now ${before.version}` },
      ]);
    const plan: Plan = {
      ...before,
      name: input.name ?? before.name,
      registrationOpens: input.registrationOpens ?? before.registrationOpens,
      registrationCloses: input.registrationCloses ?? before.registrationCloses,
      updatedAt: ctx.at,
      version: before.version + 1,
    };
    checkWindow(plan.registrationOpens, plan.registrationCloses);
    if (input.subjects) {
      const { subjects, problems } = resolveSubjects(
        standardFor(deps.standards, plan.occupation, plan.level),
        input.subjects,
      );
      refuse('the subjects depart from the standard', problems);
      plan.subjects = subjects;
    }
    let ids = before.institutions.map((i) => i.institutionId);
    if (input.institutionIds) {
      if (before.kind !== 'joint')
        throw new AppError('validation_failed', 'a single plan keeps its institution', [
          { path: 'body.institutionIds', message: 'joint-only' },
        ]);
      ids = [...new Set(input.institutionIds)];
      if (ids.length < 2)
        throw new AppError('validation_failed', 'a joint plan has two or more institutions', [
          { path: 'body.institutionIds', message: 'at-least-two' },
        ]);
      const scheduled = await institutionsWithSittings(trx, id);
      refuse(
        'an institution with sittings cannot leave the plan',
        [...scheduled]
          .filter((s) => !ids.includes(s))
          .map((s) => ({
            path: `institutions.${s}`,
            message: 'institution-has-sittings: remove its sittings first',
          })),
      );
    }
    const institutions = await loadInstitutions(trx, ids);
    plan.institutions = institutions.map((i) => ({ institutionId: i.id, province: i.province }));
    const sittings = await getSittingFacts(trx, id);
    refuse('the plan would break a filing or its schedule', [
      ...institutionDetails(filingProblems(plan, institutions, sittings)),
      ...scheduleProblems(plan, sittings),
    ]);
    await updatePlanRow(trx, plan);
    if (input.institutionIds) await replacePlanInstitutions(trx, id, plan.institutions);
    await appendAudit(trx, ctx, {
      action: 'plan.update',
      targetType: 'exam-plan',
      targetId: id,
      before: snapshot(before),
      after: snapshot(plan),
    });
    await appendExamEvent(trx, ctx, eventOf(plan, 'plan.updated', { version: plan.version }));
  });
  return getPlanView(deps, principal, id);
}
