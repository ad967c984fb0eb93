/**
 * Paper assembly use cases (issue 7 §2): assemble a plan's papers from a blueprint (one per parallel form), list
 * and show them with their blueprint coverage, lock one for delivery. Each write stores the papers, their audit rows
 * and exam events in ONE transaction; a blueprint the bank cannot meet is a 422 naming every unmet constraint and
 * stores nothing.
 */
import type { Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { checkForms, coverageOf } from './assembly.check.ts';
import {
  type Blueprint,
  blueprintSchema,
  formNames,
  type PaperSummary,
  type PaperView,
} from './assembly.model.ts';
import { assembleForms } from './assembly.rules.ts';
import {
  deletePapers,
  findCandidates,
  getPaper,
  getPaperItems,
  insertPaper,
  listPapers,
  type PaperRow,
  setPaperStatus,
} from './assembly.store.ts';
import { appendExamEvent, type ExamEventKind } from './events.ts';
import { canSeePlan, isInScope } from './plans.access.ts';
import type { Plan } from './plans.model.ts';
import type { PlanDeps } from './plans.service.ts';
import { getPlan } from './plans.store.ts';

type Db = PlanDeps['db'] | Transaction<Database>;

/**
 * Who assembles and locks papers (issue 7 §2): a participating institution's operator for a single plan, the lead
 * province's admin for a joint plan, a system admin.
 */
export function canAssemblePapers(principal: Principal, plan: Plan): boolean {
  if (principal.role === 'system-admin') return true;
  if (plan.kind === 'joint')
    return principal.role === 'province-admin' && principal.province === plan.leadProvince;
  return (
    principal.role === 'institution-operator' &&
    plan.institutions.some((i) => i.institutionId === principal.institution)
  );
}

/** Papers are confidential (试卷保密): those who assemble them, and supervisors whose scope covers the plan. */
export function canSeePapers(principal: Principal, plan: Plan): boolean {
  return (
    canAssemblePapers(principal, plan) || (principal.role === 'supervisor' && isInScope(principal, plan))
  );
}

/** The plan, 404 when unknown or invisible to the caller, 403 when visible but its papers are not the caller's. */
async function planFor(db: Db, principal: Principal, planId: string, need: 'see' | 'assemble', lock = false) {
  const plan = await getPlan(db, planId, lock);
  if (!plan || !canSeePlan(principal, plan)) throw new AppError('not_found', 'no such plan');
  const allowed = need === 'see' ? canSeePapers(principal, plan) : canAssemblePapers(principal, plan);
  if (!allowed) throw new AppError('forbidden', `you may not ${need} this plan's papers`);
  return plan;
}

async function viewOf(db: Db, paper: PaperRow): Promise<PaperView> {
  const items = await getPaperItems(db, paper.id);
  const blueprint = blueprintSchema.parse(paper.blueprint);
  return {
    id: paper.id,
    planId: paper.planId,
    form: paper.form,
    subject: paper.subject,
    status: paper.status,
    totalScore: paper.totalScore,
    blueprint: paper.blueprint,
    createdAt: paper.createdAt.toISOString(),
    items,
    coverage: coverageOf(blueprint, items),
  };
}

async function record(
  trx: Transaction<Database>,
  ctx: AuditContext,
  plan: Plan,
  paper: PaperView,
  kind: ExamEventKind,
) {
  const facts = { planId: plan.id, form: paper.form, subject: paper.subject, status: paper.status };
  const pinned = paper.items.map((i) => `${i.itemId}@${i.version}`);
  await appendAudit(trx, ctx, {
    action: kind === 'paper.assembled' ? 'paper.assemble' : 'paper.lock',
    targetType: 'exam-paper',
    targetId: paper.id,
    after: { ...facts, totalScore: paper.totalScore, items: pinned },
  });
  await appendExamEvent(trx, ctx, {
    kind,
    institutionId: plan.kind === 'single' ? (plan.institutions[0]?.institutionId ?? null) : null,
    planId: plan.id,
    province: plan.leadProvince,
    subjectType: 'paper',
    subjectId: paper.id,
    payload: { ...facts, itemCount: paper.items.length },
  });
}

export async function assemblePapers(
  deps: PlanDeps,
  ctx: AuditContext,
  principal: Principal,
  planId: string,
  blueprint: Blueprint,
): Promise<PaperView[]> {
  return deps.db.transaction().execute(async (trx) => {
    const plan = await planFor(trx, principal, planId, 'assemble', true);
    if (plan.status !== 'draft' && plan.status !== 'approved')
      throw new AppError('invalid_transition', `a ${plan.status} plan gets no new papers`);
    if (blueprint.occupation !== plan.occupation || blueprint.level !== plan.level)
      throw new AppError('rule_violation', 'the blueprint is for another occupation or level', [
        {
          path: 'body.occupation',
          message: `plan-mismatch: the plan is ${plan.occupation} level ${plan.level}`,
        },
      ]);
    // Re-assembly replaces the subject's papers until one is locked for delivery.
    const existing = await listPapers(trx, plan.id, blueprint.subject);
    if (existing.some((p) => p.status === 'locked'))
      throw new AppError('conflict', `the ${blueprint.subject} papers are locked`);
    const replaced = existing.map((p) => p.id);
    const candidates = await findCandidates(trx, plan.occupation, plan.level, replaced);
    const outcome = assembleForms(blueprint, candidates);
    if (!outcome.ok)
      throw new AppError('rule_violation', 'the bank cannot meet the blueprint', outcome.problems);
    const problems = checkForms(blueprint, candidates, outcome.forms);
    if (problems.length > 0)
      throw new AppError('rule_violation', 'the assembled papers break the blueprint', problems);
    await deletePapers(trx, replaced);
    const views: PaperView[] = [];
    for (const [f, items] of outcome.forms.entries()) {
      const paper: PaperRow = {
        id: newId(),
        planId: plan.id,
        form: formNames[f] ?? String(f + 1),
        subject: blueprint.subject,
        blueprint,
        totalScore: blueprint.totalScore,
        status: 'assembled',
        createdBy: ctx.actorLabel,
        createdAt: ctx.at,
      };
      await insertPaper(trx, paper, items);
      const view = await viewOf(trx, paper);
      await record(trx, ctx, plan, view, 'paper.assembled');
      views.push(view);
    }
    return views;
  });
}

export async function listPlanPapers(
  deps: PlanDeps,
  principal: Principal,
  planId: string,
): Promise<PaperSummary[]> {
  const plan = await planFor(deps.db, principal, planId, 'see');
  const papers = await listPapers(deps.db, plan.id);
  return Promise.all(
    papers.map(async (p) => {
      const { items, blueprint, ...rest } = await viewOf(deps.db, p);
      return { ...rest, itemCount: items.length };
    }),
  );
}

async function paperFor(db: Db, principal: Principal, id: string, need: 'see' | 'assemble', lock = false) {
  const found = await getPaper(db, id);
  if (!found) throw new AppError('not_found', 'no such paper');
  // The plan row is locked before the paper, in the same order as assembly, so the two never deadlock.
  const plan = await planFor(db, principal, found.planId, need, lock).catch((e: unknown) => {
    // A paper of a plan the caller may not see is as absent as the plan.
    if (e instanceof AppError && e.code === 'not_found') throw new AppError('not_found', 'no such paper');
    throw e;
  });
  const paper = lock ? await getPaper(db, id, true) : found;
  if (!paper) throw new AppError('not_found', 'no such paper');
  return { paper, plan };
}

export async function getPaperView(deps: PlanDeps, principal: Principal, id: string): Promise<PaperView> {
  const { paper } = await paperFor(deps.db, principal, id, 'see');
  return viewOf(deps.db, paper);
}

/** Locking freezes a paper for delivery (issue 7 §3 attempts pin it); a locked paper is never re-assembled. */
export async function lockPaper(deps: PlanDeps, ctx: AuditContext, principal: Principal, id: string) {
  return deps.db.transaction().execute(async (trx) => {
    const { paper, plan } = await paperFor(trx, principal, id, 'assemble', true);
    if (paper.status === 'locked') throw new AppError('invalid_transition', 'the paper is already locked');
    await setPaperStatus(trx, paper.id, 'locked');
    const view = await viewOf(trx, { ...paper, status: 'locked' });
    await record(trx, ctx, plan, view, 'paper.locked');
    return view;
  });
}
