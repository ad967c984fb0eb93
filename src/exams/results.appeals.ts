import type { Kysely, Transaction } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { appendExamEvent } from './events.ts';
import { decideResult, type ResultsRules, type SubjectSpec } from './results.rules.ts';

/**
 * Appeals (申诉, issue 7 §5). The candidate appeals a published result within the window; issuance waits until the
 * institution resolves it. Upheld (支持): the result is decided again from the theory attempt and the examiners'
 * sheets as they stand now (a sheet corrected on review is entered first, with its reason, and audited). Rejected
 * (驳回): the published result stands. Either way the result becomes final, with the reason audited.
 */
export type AppealOutcome = 'upheld' | 'rejected';

export interface AppealView {
  reason: string;
  at: string;
  outcome: AppealOutcome | null;
  resolution: string | null;
}

export async function appealResult(
  db: Kysely<Database>,
  principal: Principal,
  ctx: AuditContext,
  registrationId: string,
  reason: string,
) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('exam_results as x')
      .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
      .select(['x.status', 'x.appeal_until', 'r.holder_id', 'r.plan_id', 'r.institution_id', 'r.province'])
      .where('x.registration_id', '=', registrationId)
      .executeTakeFirst();
    if (!row || row.holder_id !== principal.holderId) throw new AppError('not_found', 'no such result');
    if (row.status !== 'published')
      throw new AppError('invalid_transition', 'only a published result can be appealed');
    if (!row.appeal_until || new Date(row.appeal_until).getTime() < ctx.at.getTime())
      throw new AppError('rule_violation', 'the appeal window has closed');
    await trx
      .updateTable('exam_results')
      .set({ status: 'appealed', updated_at: ctx.at })
      .where('registration_id', '=', registrationId)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'results.appeal',
      targetType: 'registration',
      targetId: registrationId,
      after: { reason },
    });
    await appendExamEvent(trx, ctx, {
      kind: 'results.appealed',
      institutionId: row.institution_id,
      planId: row.plan_id,
      province: row.province,
      subjectType: 'registration',
      subjectId: registrationId,
      payload: { reason },
    });
    return { registrationId, status: 'appealed' as const };
  });
}

/** The result decided again from the registration's facts as they stand (the same rule as computing). */
async function redecide(
  trx: Transaction<Database>,
  rules: ResultsRules,
  registrationId: string,
  planId: string,
) {
  const plan = await trx
    .selectFrom('exam_plans')
    .select('subjects')
    .where('id', '=', planId)
    .executeTakeFirstOrThrow();
  const subjects = (plan.subjects as SubjectSpec[]).map((s) => ({ kind: s.kind, passMark: s.passMark }));
  const attempt = await trx
    .selectFrom('exam_attempts')
    .select(['score', 'status'])
    .where('registration_id', '=', registrationId)
    .executeTakeFirst();
  const sheets = await trx
    .selectFrom('practical_scores')
    .select(['subject', 'total'])
    .where('registration_id', '=', registrationId)
    .execute();
  const totals = (subject: string) => sheets.filter((s) => s.subject === subject).map((s) => Number(s.total));
  const theory = attempt?.status === 'submitted' && attempt.score !== null ? Number(attempt.score) : null;
  return decideResult(
    subjects,
    theory,
    { skills: totals('skills'), review: totals('review') },
    rules.disagreementThreshold,
  );
}

export async function resolveAppeal(
  deps: { db: Kysely<Database>; results: ResultsRules },
  principal: Principal,
  ctx: AuditContext,
  registrationId: string,
  input: { outcome: AppealOutcome; resolution: string },
) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('exam_results as x')
      .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
      .select(['x.status', 'x.passed', 'x.scores', 'r.institution_id', 'r.plan_id', 'r.province'])
      .where('x.registration_id', '=', registrationId)
      .forUpdate()
      .executeTakeFirst();
    if (!row || (principal.role !== 'system-admin' && principal.institution !== row.institution_id))
      throw new AppError('not_found', 'no such result');
    if (row.status !== 'appealed') throw new AppError('invalid_transition', 'the result is not under appeal');
    const decided =
      input.outcome === 'upheld' ? await redecide(trx, deps.results, registrationId, row.plan_id) : null;
    await trx
      .updateTable('exam_results')
      .set({
        status: 'final',
        updated_at: ctx.at,
        ...(decided && {
          scores: JSON.stringify(decided.scores),
          passed: decided.passed,
          flags: JSON.stringify(decided.flags),
        }),
      })
      .where('registration_id', '=', registrationId)
      .execute();
    const passed = decided ? decided.passed : row.passed;
    await appendAudit(trx, ctx, {
      action: 'results.appeal-resolve',
      targetType: 'registration',
      targetId: registrationId,
      before: { status: 'appealed', passed: row.passed, scores: row.scores },
      after: {
        status: 'final',
        outcome: input.outcome,
        resolution: input.resolution,
        passed,
        ...(decided && { scores: decided.scores }),
      },
    });
    await appendExamEvent(trx, ctx, {
      kind: 'results.appeal-resolved',
      institutionId: row.institution_id,
      planId: row.plan_id,
      province: row.province,
      subjectType: 'registration',
      subjectId: registrationId,
      payload: { outcome: input.outcome, resolution: input.resolution, passed },
    });
    return { registrationId, status: 'final' as const, outcome: input.outcome, passed };
  });
}

/** Each registration's latest appeal and how it was resolved, from the exam event stream. */
export async function findAppeals(
  db: Kysely<Database>,
  registrationIds: readonly string[],
): Promise<Map<string, AppealView>> {
  const out = new Map<string, AppealView>();
  if (registrationIds.length === 0) return out;
  const events = await db
    .selectFrom('exam_events')
    .select(['subject_id', 'kind', 'at', 'payload'])
    .where('subject_type', '=', 'registration')
    .where('subject_id', 'in', registrationIds)
    .where('kind', 'in', ['results.appealed', 'results.appeal-resolved'])
    .orderBy('id')
    .execute();
  for (const e of events) {
    const payload = e.payload as { reason?: string; outcome?: AppealOutcome; resolution?: string };
    if (e.kind === 'results.appealed')
      out.set(e.subject_id, {
        reason: payload.reason ?? '',
        at: new Date(e.at).toISOString(),
        outcome: null,
        resolution: null,
      });
    else {
      const appeal = out.get(e.subject_id);
      if (appeal) {
        appeal.outcome = payload.outcome ?? null;
        appeal.resolution = payload.resolution ?? null;
      }
    }
  }
  return out;
}
