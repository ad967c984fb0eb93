import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { todayInChina } from '../shared/clock.ts';
import { seal } from './archive.ts';
import { issueFor } from './issuance.ts';
import { planFor, type ResultsDeps } from './results.scope.ts';

/**
 * Issuance (issue 7 §5–6): each passed result whose 公示 and appeal windows have closed (or that an appeal made
 * final) gets its certificates in its own transaction — the 22-character number, the registry's certificate, the
 * 一试多证 requests to the other departments, the result, the sealed archive record and the audit row; then the roster and the used papers are
 * sealed once per issuance.
 */
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
  const issued: {
    registrationId: string;
    number: string;
    /** 一试多证: what each other department was asked (issue 13 item 8); it issues with its own number. */
    requested: { type: string; status: 'pending' | 'already-held' }[];
  }[] = [];
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
            certificates: [out.skill.number],
            requested: out.requested.map((q) => ({ type: q.type, request: q.id, status: q.status })),
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
          requested: out.requested,
        },
      });
      issued.push({
        registrationId: d.registration_id,
        number: out.skill.number,
        requested: out.requested.map((q) => ({ type: q.type, status: q.status })),
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
