import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { AppError } from '../shared/errors.ts';
import { purgeArchive } from './archive.ts';
import { appendExamEvent } from './events.ts';
import { loadPlanForWholeAct } from './plans.whole.ts';
import { findAppeals } from './results.appeals.ts';
import type { resultStatuses } from './results.responses.ts';
import { decideResult, type ResultFlag, type SubjectScore, type SubjectSpec } from './results.rules.ts';
import { planFor, type ResultsDeps } from './results.scope.ts';

type ResultStatus = (typeof resultStatuses)[number];

/**
 * Results (issue 7 §4–6). The institution running the sitting enters each examiner's sheet (`results.sheets.ts`);
 * results are computed per registration, published for a 公示 period with an appeal window (`results.appeals.ts`),
 * then issued (`results.issue.ts`) — each registration in one transaction with its certificates, result, archive
 * record, audit row and event.
 */

// The demo imports these from here.
export { issueCertificates } from './results.issue.ts';
export { enterPracticalScore } from './results.sheets.ts';

const DAY = 86_400_000;

/** Computes (or recomputes, before publication) every active registration's result in the caller's scope. */
export async function computeResults(
  deps: ResultsDeps,
  principal: Principal,
  ctx: AuditContext,
  planId: string,
) {
  const { plan, mine } = await planFor(deps, principal, planId);
  const subjects = (plan.subjects as { kind: SubjectSpec['kind']; passMark: number }[]).map((s) => ({
    kind: s.kind,
    passMark: s.passMark,
  }));
  const regs = await deps.db
    .selectFrom('exam_registrations as r')
    .leftJoin('exam_attempts as a', 'a.registration_id', 'r.id')
    .select(['r.id', 'r.institution_id', 'r.province', 'a.score', 'a.status as attempt_status'])
    .where('r.plan_id', '=', planId)
    .where('r.status', '=', 'registered')
    .where(
      'r.institution_id',
      'in',
      mine.map((m) => m.id),
    )
    .execute();
  const sheets = await deps.db
    .selectFrom('practical_scores')
    .select(['registration_id', 'subject', 'total'])
    .where(
      'registration_id',
      'in',
      regs.length > 0 ? regs.map((r) => r.id) : ['00000000-0000-0000-0000-000000000000'],
    )
    .execute();
  let computed = 0;
  await deps.db.transaction().execute(async (trx) => {
    for (const r of regs) {
      const existing = await trx
        .selectFrom('exam_results')
        .select('status')
        .where('registration_id', '=', r.id)
        .executeTakeFirst();
      if (existing && existing.status !== 'computed') continue;
      const mineSheets = sheets.filter((s) => s.registration_id === r.id);
      const totals = (subject: string) =>
        mineSheets.filter((s) => s.subject === subject).map((s) => Number(s.total));
      const theory = r.attempt_status === 'submitted' && r.score !== null ? Number(r.score) : null;
      const d = decideResult(
        subjects,
        theory,
        { skills: totals('skills'), review: totals('review') },
        deps.results.disagreementThreshold,
      );
      const values = {
        scores: JSON.stringify(d.scores),
        passed: d.passed,
        flags: JSON.stringify(d.flags),
        status: 'computed',
        updated_at: ctx.at,
      };
      await trx
        .insertInto('exam_results')
        .values({ registration_id: r.id, plan_id: planId, ...values })
        .onConflict((oc) => oc.column('registration_id').doUpdateSet(values))
        .execute();
      computed += 1;
    }
    await appendAudit(trx, ctx, {
      action: 'results.compute',
      targetType: 'plan',
      targetId: planId,
      after: { computed },
    });
    await appendExamEvent(trx, ctx, {
      kind: 'results.computed',
      planId,
      subjectType: 'plan',
      subjectId: planId,
      payload: { computed },
    });
  });
  return listResults(deps, principal, planId);
}

export async function publishResults(
  deps: ResultsDeps,
  principal: Principal,
  ctx: AuditContext,
  planId: string,
  input: { publicityDays?: number | undefined; appealDays?: number | undefined },
) {
  const { mine } = await planFor(deps, principal, planId);
  const publicityUntil = new Date(
    ctx.at.getTime() + (input.publicityDays ?? deps.results.publicityDays) * DAY,
  );
  const appealUntil = new Date(ctx.at.getTime() + (input.appealDays ?? deps.results.appealDays) * DAY);
  await deps.db.transaction().execute(async (trx) => {
    const ids = await trx
      .selectFrom('exam_results as x')
      .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
      .select('x.registration_id')
      .where('x.plan_id', '=', planId)
      .where('x.status', '=', 'computed')
      .where(
        'r.institution_id',
        'in',
        mine.map((m) => m.id),
      )
      .execute();
    if (ids.length === 0) throw new AppError('invalid_transition', 'no computed results to publish');
    await trx
      .updateTable('exam_results')
      .set({
        status: 'published',
        published_at: ctx.at,
        publicity_until: publicityUntil,
        appeal_until: appealUntil,
        updated_at: ctx.at,
      })
      .where(
        'registration_id',
        'in',
        ids.map((i) => i.registration_id),
      )
      .execute();
    const after = {
      published: ids.length,
      publicityUntil: publicityUntil.toISOString(),
      appealUntil: appealUntil.toISOString(),
    };
    await appendAudit(trx, ctx, { action: 'results.publish', targetType: 'plan', targetId: planId, after });
    await appendExamEvent(trx, ctx, {
      kind: 'results.published',
      planId,
      subjectType: 'plan',
      subjectId: planId,
      payload: after,
    });
  });
  return listResults(deps, principal, planId);
}

export async function listResults(deps: ResultsDeps, principal: Principal, planId: string) {
  const { mine } = await planFor(deps, principal, planId);
  const rows = await deps.db
    .selectFrom('exam_results as x')
    .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
    .innerJoin('holders as h', 'h.id', 'r.holder_id')
    .leftJoin('certificates as c', 'c.id', 'x.certificate_id')
    .select([
      'x.registration_id',
      'x.scores',
      'x.passed',
      'x.flags',
      'x.status',
      'x.publicity_until',
      'x.appeal_until',
      'r.province',
      'h.name',
      'h.id_masked',
      'c.number',
      'c.number_masked',
    ])
    .where('x.plan_id', '=', planId)
    .where(
      'r.institution_id',
      'in',
      mine.map((m) => m.id),
    )
    .orderBy('h.name')
    .execute();
  const appeals = await findAppeals(
    deps.db,
    rows.map((r) => r.registration_id),
  );
  return {
    items: rows.map((r) => ({
      registrationId: r.registration_id,
      holder: { name: r.name, idNumberMasked: r.id_masked },
      province: r.province,
      // The columns hold what decideResult wrote (results.rules.ts); the statuses are migration 0008's.
      scores: r.scores as unknown as SubjectScore[],
      passed: r.passed,
      flags: r.flags as unknown as ResultFlag[],
      status: r.status as ResultStatus,
      publicityUntil: r.publicity_until ? new Date(r.publicity_until).toISOString() : null,
      appealUntil: r.appeal_until ? new Date(r.appeal_until).toISOString() : null,
      certificateNumber: r.number ?? r.number_masked ?? null,
      appeal: appeals.get(r.registration_id) ?? null,
    })),
  };
}

export async function purgePlanArchive(
  deps: ResultsDeps,
  principal: Principal,
  ctx: AuditContext,
  planId: string,
) {
  await planFor(deps, principal, planId);
  await loadPlanForWholeAct(deps.db, principal, planId);
  const first = await deps.db
    .selectFrom('archive_records')
    .select('sealed_at')
    .where('plan_id', '=', planId)
    .orderBy('position')
    .limit(1)
    .executeTakeFirst();
  if (!first) return { purged: 0, kept: 0 };
  return deps.db.transaction().execute(async (trx) => {
    const r = await purgeArchive(trx, deps.results, planId, new Date(first.sealed_at), ctx.at);
    await appendAudit(trx, ctx, { action: 'archive.purge', targetType: 'plan', targetId: planId, after: r });
    await appendExamEvent(trx, ctx, {
      kind: 'archive.purged',
      planId,
      subjectType: 'plan',
      subjectId: planId,
      payload: r,
    });
    return r;
  });
}
