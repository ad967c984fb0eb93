import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { appendExamEvent } from './events.ts';
import { canSeeRegistration } from './registration.service.ts';

/**
 * Examiners' sheets (阅卷评分, issue 7 §4): entered by the institution running the sitting, one per examiner and
 * subject, and read back as entered, for the scoring form to start from and for supervisors to check the
 * marking against the rubric. Who reads them: those who enter them (the institution running the sitting, system
 * admins) and supervisors in scope (a province's own, national ones everywhere).
 */
export const practicalSheetsSchema = z.object({
  registrationId: z.string(),
  /** The certificate is issued: the sheets are closed to change. */
  closed: z.boolean(),
  sheets: z.array(
    z.object({
      staffId: z.string(),
      staffName: z.string(),
      subject: z.enum(['skills', 'review']),
      criteria: z.array(z.object({ criterion: z.string(), points: z.number() })),
      total: z.number(),
      scoredAt: z.string(),
    }),
  ),
});
export type PracticalSheets = z.infer<typeof practicalSheetsSchema>;

const sheetReaders: ReadonlySet<Principal['role']> = new Set([
  'system-admin',
  'institution-operator',
  'supervisor',
]);

export async function listPracticalScores(
  db: Kysely<Database>,
  principal: Principal,
  registrationId: string,
): Promise<PracticalSheets> {
  const reg = await db
    .selectFrom('exam_registrations as r')
    .leftJoin('exam_results as x', 'x.registration_id', 'r.id')
    .select(['r.id', 'r.holder_id', 'r.institution_id', 'r.province', 'x.status as result_status'])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
  if (!reg || !sheetReaders.has(principal.role) || !canSeeRegistration(principal, reg))
    throw new AppError('not_found', 'no such registration');
  const rows = await db
    .selectFrom('practical_scores as p')
    .innerJoin('exam_staff as s', 's.id', 'p.staff_id')
    .select(['p.staff_id', 's.name', 'p.subject', 'p.criteria', 'p.total', 'p.scored_at'])
    .where('p.registration_id', '=', registrationId)
    .orderBy('p.subject')
    .orderBy('s.created_at')
    .orderBy('s.id')
    .execute();
  return {
    registrationId,
    closed: reg.result_status === 'issued',
    sheets: rows.map((r) => ({
      staffId: r.staff_id,
      staffName: r.name,
      subject: r.subject as 'skills' | 'review',
      criteria: r.criteria as { criterion: string; points: number }[],
      total: Number(r.total),
      scoredAt: new Date(r.scored_at).toISOString(),
    })),
  };
}

/** One examiner's sheet; a change after it was entered needs a reason, audited with both totals (issue 7 §4). */
export async function enterPracticalScore(
  deps: { db: Kysely<Database> },
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
