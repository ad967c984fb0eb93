import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import type { ExamStandards } from '../exams/plans.standards.ts';
import { changeFilingStatusIn } from '../institutions/institution.service.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { RuleId, Severity, SupervisionRules } from './supervision.rules-data.ts';
import { loadPlanFacts } from './warnings.facts.ts';
import type {
  Finding,
  ListWarningsInput,
  WarningAction,
  WarningActionView,
  WarningStatus,
  WarningView,
} from './warnings.model.ts';
import { collectIds, findReferences, type WarningReference } from './warnings.names.ts';
import { evaluatePlan } from './warnings.rules.ts';
import {
  findActions,
  findAttachment,
  findAttachments,
  findWarning,
  listWarningRows,
  type WarningRow,
} from './warnings.store.ts';
import { canSeeWarning, checkStep, isOverdue } from './warnings.workflow.ts';

/**
 * Warnings as use cases (issue 8 §2–3): raising them from the rules' findings, listing and reading them in scope,
 * and each workflow step — in one transaction with its action row and audit row.
 */
export interface SupervisionDeps {
  db: Kysely<Database>;
  clock: Clock;
  catalog: Catalog;
  standards: ExamStandards;
  supervision: SupervisionRules;
}

const day = 24 * 60 * 60 * 1000;
const fingerprintOf = (planId: string, f: Finding) =>
  createHash('sha256').update(`${f.rule}|${planId}|${f.key}`).digest('hex');

/**
 * Runs the rules over one plan and raises a warning for each new finding; a finding already raised (same rule and
 * subject) is left as it is, whatever its status, so re-running never duplicates or reopens. Returns the new ids.
 */
export async function runPlanRules(
  deps: SupervisionDeps,
  ctx: AuditContext,
  planId: string,
  whole: boolean,
): Promise<string[]> {
  const facts = await loadPlanFacts(deps.db, deps.standards, planId, ctx.at, whole);
  if (!facts) return [];
  const findings = evaluatePlan(facts, deps.supervision, whole);
  if (findings.length === 0) return [];
  const province = new Map(facts.institutions.map((i) => [i.id, i.province]));
  return deps.db.transaction().execute(async (trx) => {
    const created: string[] = [];
    for (const f of findings) {
      const spec = deps.supervision.rules[f.rule];
      const id = newId();
      const inserted = await trx
        .insertInto('warnings')
        .values({
          id,
          rule: f.rule,
          rules_version: deps.supervision.version,
          severity: spec.severity,
          status: 'created',
          fingerprint: fingerprintOf(planId, f),
          institution_id: f.institutionId,
          plan_id: planId,
          sitting_id: f.sittingId,
          province: (f.institutionId && province.get(f.institutionId)) ?? null,
          occupation: facts.plan.occupation,
          review_level: 'province',
          summary: f.summary,
          evidence: JSON.stringify(f.evidence),
          due_at: null,
          created_at: ctx.at,
          updated_at: ctx.at,
        })
        .onConflict((oc) => oc.column('fingerprint').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!inserted) continue;
      await trx
        .insertInto('warning_actions')
        .values({
          warning_id: id,
          at: ctx.at,
          actor_id: ctx.actorId,
          actor_label: ctx.actorLabel,
          action: 'raise',
          from_status: null,
          to_status: 'created',
          comment: `${f.rule} (${deps.supervision.version})`,
        })
        .execute();
      await appendAudit(trx, ctx, {
        action: 'warning.raise',
        targetType: 'warning',
        targetId: id,
        after: { rule: f.rule, plan: planId, institution: f.institutionId, key: f.key },
      });
      created.push(id);
    }
    return created;
  });
}

const idsOf = (r: WarningRow) => collectIds([r.evidence, r.institution_id, r.plan_id, r.sitting_id]);

function toView(deps: SupervisionDeps, r: WarningRow, names: Map<string, WarningReference>): WarningView {
  const dueAt = r.due_at ? new Date(r.due_at) : null;
  return {
    id: r.id,
    rule: r.rule as RuleId,
    title: deps.supervision.rules[r.rule as RuleId]?.title ?? r.rule,
    severity: r.severity as Severity,
    status: r.status as WarningStatus,
    reviewLevel: r.review_level as 'province' | 'national',
    institution:
      r.institution_id && r.institution_name
        ? { id: r.institution_id, name: r.institution_name, code: r.institution_code ?? '' }
        : null,
    planId: r.plan_id,
    planCode: r.plan_code,
    sittingId: r.sitting_id,
    province: r.province,
    occupation: r.occupation,
    summary: r.summary,
    evidence: r.evidence,
    references: idsOf(r).flatMap((id) => names.get(id) ?? []),
    dueAt: dueAt?.toISOString() ?? null,
    overdue: isOverdue(r.status as WarningStatus, dueAt, deps.clock.now()),
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    version: r.version,
  };
}

const factsOf = (r: WarningRow) => ({
  status: r.status as WarningStatus,
  reviewLevel: r.review_level as 'province' | 'national',
  province: r.province,
  institutionId: r.institution_id,
});

export async function listWarnings(deps: SupervisionDeps, principal: Principal, q: ListWarningsInput) {
  const { rows, next } = await listWarningRows(deps.db, principal, q, deps.clock.now());
  const names = await findReferences(deps.db, [...new Set(rows.flatMap(idsOf))]);
  return { items: rows.map((r) => toView(deps, r, names)), ...(next && { next }) };
}

async function loadVisible(
  db: Kysely<Database> | Transaction<Database>,
  p: Principal,
  id: string,
  lock = false,
) {
  const row = await findWarning(db, id, lock);
  // Out of scope, a warning does not exist (scope hides existence).
  if (!row || !canSeeWarning(p, factsOf(row))) throw new AppError('not_found', 'no such warning');
  return row;
}

export async function getWarning(deps: SupervisionDeps, principal: Principal, id: string) {
  const row = await loadVisible(deps.db, principal, id);
  const [actions, attachments, names] = await Promise.all([
    findActions(deps.db, id),
    findAttachments(deps.db, id),
    findReferences(deps.db, idsOf(row)),
  ]);
  const history: WarningActionView[] = actions.map((a) => ({
    id: String(a.id),
    at: new Date(a.at).toISOString(),
    actor: a.actor_label,
    action: a.action,
    from: a.from_status,
    to: a.to_status,
    comment: a.comment,
    attachments: attachments
      .filter((x) => String(x.action_id) === String(a.id))
      .map((x) => ({
        id: x.id,
        filename: x.filename,
        mediaType: x.media_type,
        size: x.size,
        sha256: x.sha256,
      })),
  }));
  // Before it is sent, the institution does not know of it; after, it sees the rule's basis and its own record.
  return {
    ...toView(deps, row, names),
    basis: deps.supervision.rules[row.rule as RuleId]?.basis ?? '',
    history,
  };
}

export interface AttachmentInput {
  filename: string;
  mediaType: string;
  content: Buffer;
}

/**
 * One workflow step. Sending and returning set the institution's deadline; carrying out a sanction suspends the
 * filing through the institution register in the same transaction (谁备案谁负责).
 */
export async function actOnWarning(
  deps: SupervisionDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  action: WarningAction,
  input: { comment?: string | undefined; attachments?: AttachmentInput[] },
) {
  await deps.db.transaction().execute(async (trx) => {
    const row = await loadVisible(trx, principal, id, true);
    const step = checkStep(principal, factsOf(row), action, input.comment);
    if (!step.ok) {
      if (step.code === 'forbidden') throw new AppError('forbidden', step.message);
      if (step.code === 'comment_required')
        throw new AppError('validation_failed', step.message, [
          { path: 'body.comment', message: 'required' },
        ]);
      throw new AppError('invalid_transition', step.message, [{ path: 'body.action', message: row.status }]);
    }
    const due =
      step.to === 'sent' || step.to === 'returned'
        ? new Date(ctx.at.getTime() + deps.supervision.reviewDays * day)
        : row.due_at;
    if (action === 'carry-out-sanction' && row.institution_id)
      await changeFilingStatusIn(trx, deps, ctx, principal, row.institution_id, 'suspend', {
        reason: `质量督导预警 ${row.id}：${input.comment ?? ''}`,
      });
    const updated = await trx
      .updateTable('warnings')
      .set({
        status: step.to,
        review_level: step.reviewLevel,
        due_at: due,
        updated_at: ctx.at,
        version: row.version + 1,
      })
      .where('id', '=', id)
      .where('version', '=', row.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('conflict', 'the warning changed meanwhile');
    const act = await trx
      .insertInto('warning_actions')
      .values({
        warning_id: id,
        at: ctx.at,
        actor_id: ctx.actorId,
        actor_label: ctx.actorLabel,
        action,
        from_status: row.status,
        to_status: step.to,
        comment: input.comment ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const files = input.attachments ?? [];
    for (const f of files)
      await trx
        .insertInto('warning_attachments')
        .values({
          id: newId(),
          warning_id: id,
          action_id: String(act.id),
          filename: f.filename,
          media_type: f.mediaType,
          size: f.content.length,
          sha256: createHash('sha256').update(f.content).digest('hex'),
          content: f.content,
          created_at: ctx.at,
        })
        .execute();
    await appendAudit(trx, ctx, {
      action: `warning.${action}`,
      targetType: 'warning',
      targetId: id,
      before: { status: row.status, reviewLevel: row.review_level },
      after: {
        status: step.to,
        reviewLevel: step.reviewLevel,
        comment: input.comment ?? null,
        attachments: files.map((f) => ({ filename: f.filename, size: f.content.length })),
      },
    });
  });
  return getWarning(deps, principal, id);
}

export async function getAttachment(
  deps: SupervisionDeps,
  principal: Principal,
  id: string,
  attachmentId: string,
) {
  await loadVisible(deps.db, principal, id);
  const file = await findAttachment(deps.db, id, attachmentId);
  if (!file) throw new AppError('not_found', 'no such attachment');
  return file;
}
