/**
 * The computer-based theory exam (组织实施, issue 7 §3): start or resume, read, answer, submit. Start and submit are
 * one transaction each with their audit row and exam event. Answers are not audited one by one: `exam_answers` is
 * itself an append-only log with the server's time (the integrity analytics of the supervision issue read it).
 */
import { randomBytes } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { AttemptView, Response } from './attempts.model.ts';
import {
  candidateOrder,
  chooseForm,
  deadlineFor,
  fitsType,
  gradeAttempt,
  isPastDeadline,
  remainingSeconds,
  type StartRefusal,
  startProblem,
} from './attempts.rules.ts';
import {
  type AttemptRow,
  appendAnswer,
  findPaperItems,
  findRegistrationForAttempt,
  findTheoryPapers,
  latestResponses,
  lockAttempt,
  selectAttempt,
} from './attempts.store.ts';
import { appendExamEvent } from './events.ts';
import type { ExamDeps } from './registration.service.ts';

type Db = ExamDeps['db'] | Transaction<Database>;

const refusalMessage: Record<StartRefusal, string> = {
  'registration-cancelled': '报名已取消 the registration is cancelled',
  'before-sitting': '考试尚未开始 the sitting has not started',
  'after-sitting': '考试已结束 the sitting has ended',
};

/** Only the candidate reaches their attempt; anyone else is told it does not exist. */
function assertOwner(principal: Principal, holderId: string | undefined): void {
  if (principal.role !== 'holder' || !principal.holderId || principal.holderId !== holderId)
    throw new AppError('not_found', 'no such attempt');
}

async function toView(db: Db, row: AttemptRow, now: Date): Promise<AttemptView> {
  const items = await findPaperItems(db, row.paper_id);
  const responses = await latestResponses(db, row.id);
  const ordered = candidateOrder(
    row.seed,
    // The key stays on the server: only these fields are copied out.
    items.map(({ itemId, type, stem, options, score }) => ({ itemId, type, stem, options, score })),
  );
  const deadline = new Date(row.deadline_at);
  return {
    id: row.id,
    registrationId: row.registration_id,
    status: row.status as AttemptView['status'],
    startedAt: new Date(row.started_at).toISOString(),
    deadlineAt: deadline.toISOString(),
    submittedAt: row.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    serverTime: now.toISOString(),
    remainingSeconds: row.status === 'in-progress' ? remainingSeconds(now, deadline) : 0,
    score: row.score === null ? null : Number(row.score),
    maxScore: items.reduce((sum, i) => sum + i.score, 0),
    items: ordered,
    responses: Object.fromEntries(responses),
  };
}

/** Grades the latest responses and closes the attempt, with its audit row and `attempt.submitted` event. */
async function submitIn(trx: Transaction<Database>, ctx: AuditContext, row: AttemptRow, auto: boolean) {
  const items = await findPaperItems(trx, row.paper_id);
  const responses = await latestResponses(trx, row.id);
  const grade = gradeAttempt(items, responses);
  await trx
    .updateTable('exam_attempts')
    .set({ status: 'submitted', submitted_at: ctx.at, score: grade.score })
    .where('id', '=', row.id)
    .execute();
  const after = { status: 'submitted', score: grade.score, maxScore: grade.maxScore, auto };
  await appendAudit(trx, ctx, {
    action: 'attempt.submit',
    targetType: 'attempt',
    targetId: row.id,
    before: { status: 'in-progress' },
    after,
  });
  await appendExamEvent(trx, ctx, {
    kind: 'attempt.submitted',
    institutionId: row.institution_id,
    planId: row.plan_id,
    province: row.province,
    subjectType: 'attempt',
    subjectId: row.id,
    payload: { ...after, registration: row.registration_id, answered: responses.size },
  });
  return { ...row, status: 'submitted', submitted_at: ctx.at, score: String(grade.score) };
}

/**
 * Loads the candidate's attempt; one past its deadline is submitted automatically first, in its own transaction,
 * so the grade stands even when the caller then refuses what was asked (issue 7 §3: timer).
 */
async function loadCurrent(deps: ExamDeps, principal: Principal, ctx: AuditContext, id: string) {
  const row = await selectAttempt(deps.db).where('a.id', '=', id).executeTakeFirst();
  assertOwner(principal, row?.holder_id);
  if (row?.status === 'in-progress' && isPastDeadline(ctx.at, new Date(row.deadline_at)))
    return deps.db.transaction().execute(async (trx) => {
      const locked = await lockAttempt(trx, id);
      if (locked?.status !== 'in-progress') return locked as AttemptRow;
      return submitIn(trx, { ...ctx, actorLabel: `${ctx.actorLabel} (deadline)` }, locked, true);
    });
  return row as AttemptRow;
}

export async function startAttempt(
  deps: ExamDeps,
  principal: Principal,
  ctx: AuditContext,
  registrationId: string,
): Promise<{ created: boolean; view: AttemptView }> {
  const existing = await selectAttempt(deps.db)
    .where('a.registration_id', '=', registrationId)
    .executeTakeFirst();
  if (existing) {
    const row = await loadCurrent(deps, principal, ctx, existing.id);
    return { created: false, view: await toView(deps.db, row, ctx.at) };
  }
  const reg = await findRegistrationForAttempt(deps.db, registrationId);
  if (!reg || principal.role !== 'holder' || principal.holderId !== reg.holder_id)
    throw new AppError('not_found', 'no such registration');
  const sitting = { startsAt: new Date(reg.starts_at), endsAt: new Date(reg.ends_at) };
  const refusal = startProblem(ctx.at, sitting, reg.status);
  if (refusal)
    throw new AppError('rule_violation', refusalMessage[refusal], [{ path: 'id', message: refusal }]);
  const theory = (reg.subjects as { kind: string; durationMinutes: number }[]).find(
    (s) => s.kind === 'theory',
  );
  if (!theory)
    throw new AppError('rule_violation', '该计划没有理论知识考试 the plan has no theory exam', [
      { path: 'id', message: 'no-theory-subject' },
    ]);
  const paper = chooseForm(registrationId, await findTheoryPapers(deps.db, reg.plan_id));
  if (!paper)
    throw new AppError(
      'rule_violation',
      '试卷尚未组好并封卷 no theory paper is assembled and locked for the plan',
      [{ path: 'id', message: 'no-paper' }],
    );
  const id = newId();
  const deadline = deadlineFor(ctx.at, theory.durationMinutes, sitting.endsAt);
  const created = await deps.db.transaction().execute(async (trx) => {
    // The unique registration_id settles a double click: the second insert does nothing and resumes.
    const inserted = await trx
      .insertInto('exam_attempts')
      .values({
        id,
        registration_id: registrationId,
        paper_id: paper.id,
        seed: randomBytes(16).toString('hex'),
        status: 'in-progress',
        started_at: ctx.at,
        deadline_at: deadline,
      })
      .onConflict((oc) => oc.column('registration_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return false;
    const after = { registration: registrationId, paper: paper.id, form: paper.form, deadline };
    await appendAudit(trx, ctx, { action: 'attempt.start', targetType: 'attempt', targetId: id, after });
    await appendExamEvent(trx, ctx, {
      kind: 'attempt.started',
      institutionId: reg.institution_id,
      planId: reg.plan_id,
      province: reg.province,
      subjectType: 'attempt',
      subjectId: id,
      payload: after,
    });
    return true;
  });
  const row = await selectAttempt(deps.db)
    .where('a.registration_id', '=', registrationId)
    .executeTakeFirstOrThrow();
  return { created, view: await toView(deps.db, row, ctx.at) };
}

export async function getAttempt(deps: ExamDeps, principal: Principal, ctx: AuditContext, id: string) {
  return toView(deps.db, await loadCurrent(deps, principal, ctx, id), ctx.at);
}

const closed = (row: AttemptRow) =>
  new AppError('conflict', '考试已交卷或已超时 the attempt is submitted or past its deadline', [
    { path: 'id', message: row.status === 'submitted' ? 'submitted' : 'past-deadline' },
  ]);

/** Appends the response as given, timed by the server; refused (409) once submitted or past the deadline. */
export async function saveAnswer(
  deps: ExamDeps,
  principal: Principal,
  ctx: AuditContext,
  id: string,
  itemId: string,
  response: Response,
) {
  const current = await loadCurrent(deps, principal, ctx, id);
  if (current.status !== 'in-progress') throw closed(current);
  const item = (await findPaperItems(deps.db, current.paper_id)).find((i) => i.itemId === itemId);
  if (!item) throw new AppError('not_found', 'no such item on this paper');
  if (!fitsType(item.type, response))
    throw new AppError('validation_failed', `a ${item.type} item takes another kind of response`, [
      { path: 'body.response', message: item.type },
    ]);
  await deps.db.transaction().execute(async (trx) => {
    // Re-checked under the row lock: a submit that raced this save wins, and the save is refused.
    const row = await lockAttempt(trx, id);
    if (row?.status !== 'in-progress' || isPastDeadline(ctx.at, new Date(row.deadline_at)))
      throw closed(row ?? current);
    await appendAnswer(trx, { attemptId: id, itemId, response, at: ctx.at });
  });
  return {
    itemId,
    answeredAt: ctx.at.toISOString(),
    remainingSeconds: remainingSeconds(ctx.at, new Date(current.deadline_at)),
  };
}

export async function submitAttempt(deps: ExamDeps, principal: Principal, ctx: AuditContext, id: string) {
  const current = await loadCurrent(deps, principal, ctx, id);
  if (current.status !== 'in-progress')
    throw new AppError('invalid_transition', '已交卷 the attempt is already submitted', [
      { path: 'id', message: 'submitted' },
    ]);
  const row = await deps.db.transaction().execute(async (trx) => {
    const locked = await lockAttempt(trx, id);
    if (locked?.status !== 'in-progress')
      throw new AppError('invalid_transition', '已交卷 the attempt is already submitted');
    return submitIn(trx, ctx, locked, false);
  });
  return toView(deps.db, row, ctx.at);
}
