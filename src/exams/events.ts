import type { Transaction } from 'kysely';
import type { AuditContext } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';

/**
 * The exam event stream (issue 6 §4): every step of filing, planning and registration writes one row, in the same
 * transaction as the change and its audit row, with actor and time. The exam and supervision issues read it
 * (`id` is a gap-tolerant, increasing cursor). Payloads carry ids and facts, never ID numbers.
 */
export const examEventKinds = [
  'institution.filed',
  'institution.updated',
  'institution.renewed',
  'institution.suspended',
  'institution.reinstated',
  'institution.withdrawn',
  'plan.created',
  'plan.updated',
  'plan.approved',
  'plan.cancelled',
  'plan.closed',
  'sitting.created',
  'sitting.updated',
  'sitting.removed',
  'registration.created',
  'registration.cancelled',
  'registration.batch',
  // Paper assembly (issue 7 §2).
  'paper.assembled',
  'paper.locked',
  'results.computed',
  'results.published',
  'results.appealed',
  'results.appeal-resolved',
  'score.changed',
  'certificate.issued',
  'issuance.requested',
  'archive.purged',
  // The theory exam (issue 7 §3) and its staff.
  'attempt.started',
  'attempt.submitted',
  'staff.assigned',
] as const;
export type ExamEventKind = (typeof examEventKinds)[number];

export interface ExamEvent {
  kind: ExamEventKind;
  institutionId?: string | null;
  planId?: string | null;
  province?: string | null;
  subjectType: 'institution' | 'plan' | 'sitting' | 'registration' | 'batch' | 'attempt' | 'paper';
  subjectId: string;
  payload?: Record<string, unknown>;
}

export async function appendExamEvent(
  trx: Transaction<Database>,
  ctx: AuditContext,
  event: ExamEvent,
): Promise<void> {
  await trx
    .insertInto('exam_events')
    .values({
      at: ctx.at,
      actor_id: ctx.actorId,
      actor_label: ctx.actorLabel,
      kind: event.kind,
      institution_id: event.institutionId ?? null,
      plan_id: event.planId ?? null,
      province: event.province ?? null,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      payload: JSON.stringify(event.payload ?? {}),
    })
    .execute();
}
