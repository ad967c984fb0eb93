import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { PolicyDeps } from '../recognition/policy.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { purgeArchive, seal } from './archive.ts';
import { appendExamEvent } from './events.ts';
import { issueFor } from './issuance.ts';
import { decideResult, type ResultsRules, type SubjectSpec } from './results.rules.ts';

/**
 * Grading, results and issuance (issue 7 §4–6). The institution running the sitting enters each examiner's sheet;
 * results are computed per registration, published for a 公示 period with an appeal window, then issued — each
 * registration in one transaction with its certificates, result, archive record, audit row and event.
 */
export interface ResultsDeps extends PolicyDeps {
  results: ResultsRules;
}

const DAY = 86_400_000;

async function planFor(deps: ResultsDeps, principal: Principal, planId: string) {
  const plan = await deps.db.selectFrom('exam_plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new AppError('not_found', 'no such plan');
  const members = await deps.db
    .selectFrom('exam_plan_institutions as pi')
    .innerJoin('institutions as i', 'i.id', 'pi.institution_id')
    .select(['i.id', 'i.code', 'i.name', 'pi.province'])
    .where('pi.plan_id', '=', planId)
    .execute();
  const mine =
    principal.role === 'system-admin'
      ? members
      : principal.role === 'institution-operator'
        ? members.filter((m) => m.id === principal.institution)
        : principal.role === 'province-admin'
          ? members.filter((m) => m.province === principal.province)
          : [];
  if (mine.length === 0) throw new AppError('not_found', 'no such plan');
  return { plan, members, mine };
}

export async function enterPracticalScore(
  deps: ResultsDeps,
  principal: Principal,
  ctx: AuditContext,
  registrationId: string,
  input: {
    staffId: string;
    subject: 'skills' | 'review';
    criteria: { criterion: string; points: number }[];
    reason?: string | undefined;
  },
) {
  return deps.db.transaction().execute(async (trx) => {
    const reg = await trx
      .selectFrom('exam_registrations')
      .selectAll()
      .where('id', '=', registrationId)
      .executeTakeFirst();
    if (!reg || (principal.role !== 'system-admin' && principal.institution !== reg.institution_id))
      throw new AppError('not_found', 'no such registration');
    const staff = await trx
      .selectFrom('exam_staff')
      .selectAll()
      .where('id', '=', input.staffId)
      .executeTakeFirst();
    const role = input.subject === 'skills' ? 'examiner' : 'reviewer';
    if (!staff || staff.sitting_id !== reg.sitting_id || staff.role !== role)
      throw new AppError('validation_failed', `not a ${role} of this sitting`, [
        { path: 'body.staffId', message: 'not-assigned' },
      ]);
    const total = input.criteria.reduce((a, c) => a + c.points, 0);
    if (total > 100)
      throw new AppError('validation_failed', 'a sheet totals at most 100', [
        { path: 'body.criteria', message: 'over-100' },
      ]);
    const result = await trx
      .selectFrom('exam_results')
      .select('status')
      .where('registration_id', '=', registrationId)
      .executeTakeFirst();
    if (result?.status === 'issued')
      throw new AppError('invalid_transition', 'the certificate is issued; scores are closed');
    const before = await trx
      .selectFrom('practical_scores')
      .selectAll()
      .where('registration_id', '=', registrationId)
      .where('staff_id', '=', input.staffId)
      .where('subject', '=', input.subject)
      .executeTakeFirst();
    // A change after a score was submitted needs a reason, and both versions go to the audit log (issue 7 §4).
    if (before && !input.reason?.trim())
      throw new AppError('validation_failed', 'changing a submitted score needs a reason', [
        { path: 'body.reason', message: 'required' },
      ]);
    const row = {
      registration_id: registrationId,
      staff_id: input.staffId,
      subject: input.subject,
      criteria: JSON.stringify(input.criteria),
      total,
      scored_at: ctx.at,
    };
    await trx
      .insertInto('practical_scores')
      .values(row)
      .onConflict((oc) =>
        oc
          .columns(['registration_id', 'staff_id', 'subject'])
          .doUpdateSet({ criteria: row.criteria, total, scored_at: ctx.at }),
      )
      .execute();
    await appendAudit(trx, ctx, {
      action: before ? 'score.change' : 'score.enter',
      targetType: 'registration',
      targetId: registrationId,
      before: before
        ? { staff: before.staff_id, subject: before.subject, total: Number(before.total) }
        : undefined,
      after: { staff: input.staffId, subject: input.subject, total, reason: input.reason ?? null },
    });
    if (before)
      await appendExamEvent(trx, ctx, {
        kind: 'score.changed',
        institutionId: reg.institution_id,
        planId: reg.plan_id,
        province: reg.province,
        subjectType: 'registration',
        subjectId: registrationId,
        payload: { staff: input.staffId, subject: input.subject, from: Number(before.total), to: total },
      });
    return { registrationId, staffId: input.staffId, subject: input.subject, total };
  });
}

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

/** After the 公示 and appeal windows: each passed, unappealed result gets its certificates, in its own transaction. */
export async function issueCertificates(
  deps: ResultsDeps,
  principal: Principal,
  ctx: AuditContext,
  planId: string,
) {
  const { plan, mine } = await planFor(deps, principal, planId);
  const due = await deps.db
    .selectFrom('exam_results as x')
    .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
    .innerJoin('holders as h', 'h.id', 'r.holder_id')
    .select([
      'x.registration_id',
      'x.scores',
      'x.status',
      'x.publicity_until',
      'x.appeal_until',
      'x.passed',
      'r.institution_id',
      'r.sitting_id',
      'r.declared',
      'r.eligibility',
      'r.decision_id',
      'h.name',
      'h.id_type',
      'h.id_cipher',
      'h.id_masked',
    ])
    .where('x.plan_id', '=', planId)
    .where('x.status', 'in', ['published', 'final'])
    .where(
      'r.institution_id',
      'in',
      mine.map((m) => m.id),
    )
    .execute();
  const protector = deps.keyring.protector();
  const issuedOn = todayInChina(deps.clock);
  const issued: { registrationId: string; number: string; alsoIssued: string[] }[] = [];
  const waiting: string[] = [];
  for (const d of due) {
    const windowEnd = Math.max(
      new Date(d.publicity_until ?? 0).getTime(),
      new Date(d.appeal_until ?? 0).getTime(),
    );
    if (d.status === 'published' && windowEnd > ctx.at.getTime()) {
      waiting.push(d.registration_id);
      continue;
    }
    if (!d.passed) continue;
    const inst = mine.find((m) => m.id === d.institution_id);
    if (!inst) continue;
    await deps.db.transaction().execute(async (trx) => {
      const out = await issueFor(
        deps,
        trx,
        ctx,
        {
          registrationId: d.registration_id,
          planId,
          occupation: plan.occupation,
          level: plan.level,
          institution: inst,
          holder: { name: d.name, idType: d.id_type, idNumber: protector.decrypt(d.id_cipher) },
        },
        issuedOn,
      );
      await trx
        .updateTable('exam_results')
        .set({ status: 'issued', certificate_id: out.skill.id, updated_at: ctx.at })
        .where('registration_id', '=', d.registration_id)
        .execute();
      const attempt = await trx
        .selectFrom('exam_attempts')
        .select(['id', 'paper_id', 'score', 'submitted_at'])
        .where('registration_id', '=', d.registration_id)
        .executeTakeFirst();
      const answers = attempt
        ? await trx
            .selectFrom('exam_answers')
            .select(['item_id', 'response', 'answered_at'])
            .where('attempt_id', '=', attempt.id)
            .orderBy('id')
            .execute()
        : [];
      const examiners = await trx
        .selectFrom('practical_scores as p')
        .innerJoin('exam_staff as s', 's.id', 'p.staff_id')
        .select(['s.name', 's.role', 'p.subject', 'p.criteria', 'p.total'])
        .where('p.registration_id', '=', d.registration_id)
        .execute();
      await seal(
        trx,
        planId,
        {
          registrationId: d.registration_id,
          retention: 'process',
          content: {
            application: {
              registration: d.registration_id,
              sitting: d.sitting_id,
              holder: { name: d.name, idMasked: d.id_masked },
              declared: d.declared,
            },
            eligibility: { decision: d.decision_id, answer: d.eligibility },
            paper: attempt ? { paper: attempt.paper_id, submittedAt: attempt.submitted_at } : null,
            answers: answers.map((a) => ({
              item: a.item_id,
              response: a.response,
              at: new Date(a.answered_at).toISOString(),
            })),
            scores: d.scores,
            examiners: examiners.map((e) => ({
              name: e.name,
              role: e.role,
              subject: e.subject,
              criteria: e.criteria,
              total: Number(e.total),
            })),
            certificates: [out.skill.number, ...out.alsoIssued.map((c) => c.number)],
          },
        },
        ctx.at,
      );
      await appendAudit(trx, ctx, {
        action: 'results.issue',
        targetType: 'registration',
        targetId: d.registration_id,
        after: {
          certificate: out.skill.id,
          alsoIssued: out.alsoIssued.map((c) => c.id),
          requested: out.requested,
        },
      });
      issued.push({
        registrationId: d.registration_id,
        number: out.skill.number,
        alsoIssued: out.alsoIssued.map((c) => c.number),
      });
    });
  }
  if (issued.length > 0)
    await sealRosterAndPapers(
      deps,
      ctx,
      planId,
      mine.map((m) => m.id),
    );
  return { issued, waiting };
}

/** The roster (permanent) and the used papers (≥ 1 year after issuance) of this issuance, sealed once each. */
async function sealRosterAndPapers(
  deps: ResultsDeps,
  ctx: AuditContext,
  planId: string,
  institutions: string[],
) {
  await deps.db.transaction().execute(async (trx) => {
    const roster = await trx
      .selectFrom('exam_results as x')
      .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
      .innerJoin('holders as h', 'h.id', 'r.holder_id')
      .innerJoin('certificates as c', 'c.id', 'x.certificate_id')
      .select(['r.id', 'h.name', 'h.id_masked', 'c.number', 'c.number_masked'])
      .where('x.plan_id', '=', planId)
      .where('x.status', '=', 'issued')
      .where('r.institution_id', 'in', institutions)
      .orderBy('r.id')
      .execute();
    await seal(
      trx,
      planId,
      {
        registrationId: null,
        retention: 'roster',
        content: {
          roster: roster.map((r) => ({
            registration: r.id,
            name: r.name,
            idMasked: r.id_masked,
            certificate: r.number ?? r.number_masked,
          })),
        },
      },
      ctx.at,
    );
    const papers = await trx
      .selectFrom('papers as p')
      .innerJoin('paper_items as i', 'i.paper_id', 'p.id')
      .select(['p.id', 'p.form', 'p.subject', 'i.position', 'i.item_id', 'i.version'])
      .where('p.plan_id', '=', planId)
      .orderBy('p.id')
      .orderBy('i.position')
      .execute();
    if (papers.length > 0)
      await seal(trx, planId, { registrationId: null, retention: 'paper', content: { papers } }, ctx.at);
  });
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
  return {
    items: rows.map((r) => ({
      registrationId: r.registration_id,
      holder: { name: r.name, idNumberMasked: r.id_masked },
      province: r.province,
      scores: r.scores,
      passed: r.passed,
      flags: r.flags,
      status: r.status,
      publicityUntil: r.publicity_until ? new Date(r.publicity_until).toISOString() : null,
      appealUntil: r.appeal_until ? new Date(r.appeal_until).toISOString() : null,
      certificateNumber: r.number ?? r.number_masked ?? null,
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

/** The candidate appeals within the window (issue 7 §5); issuance waits until the institution resolves it. */
export async function appealResult(
  deps: ResultsDeps,
  principal: Principal,
  ctx: AuditContext,
  registrationId: string,
  reason: string,
) {
  return deps.db.transaction().execute(async (trx) => {
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

export async function resolveAppeal(
  deps: ResultsDeps,
  principal: Principal,
  ctx: AuditContext,
  registrationId: string,
  resolution: string,
) {
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('exam_results as x')
      .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
      .select(['x.status', 'r.institution_id'])
      .where('x.registration_id', '=', registrationId)
      .executeTakeFirst();
    if (!row || (principal.role !== 'system-admin' && principal.institution !== row.institution_id))
      throw new AppError('not_found', 'no such result');
    if (row.status !== 'appealed') throw new AppError('invalid_transition', 'the result is not under appeal');
    await trx
      .updateTable('exam_results')
      .set({ status: 'final', updated_at: ctx.at })
      .where('registration_id', '=', registrationId)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'results.appeal-resolve',
      targetType: 'registration',
      targetId: registrationId,
      after: { resolution },
    });
    return { registrationId, status: 'final' as const };
  });
}
