import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { newestFirstPage, olderThan } from '../shared/cursor.ts';
import type { ListQueueInput, RequestStatus } from './issuance.model.ts';

/** Kysely queries of the 一试多证 requests to departments (issue 13 item 8), table `qualification_requests`. */
type Db = Kysely<Database> | Transaction<Database>;

export interface NewRequest {
  id: string;
  type: string;
  department: string;
  province: string;
  holderId: string;
  registrationId: string;
  planId: string;
  skillCertificateId: string;
  arrangement: string | null;
  status: Extract<RequestStatus, 'pending' | 'already-held'>;
  existingCertificateId: string | null;
  outboxRequestId: string | null;
  at: Date;
}

export async function insertRequest(trx: Transaction<Database>, r: NewRequest): Promise<void> {
  const decided = r.status === 'already-held';
  await trx
    .insertInto('qualification_requests')
    .values({
      id: r.id,
      type: r.type,
      department: r.department,
      province: r.province,
      holder_id: r.holderId,
      registration_id: r.registrationId,
      plan_id: r.planId,
      skill_certificate_id: r.skillCertificateId,
      arrangement: r.arrangement,
      status: r.status,
      existing_certificate_id: r.existingCertificateId,
      outbox_request_id: r.outboxRequestId,
      certificate_id: null,
      refusal_reason: null,
      created_at: r.at,
      // Already held is decided by Hutong at once: nothing for the department to do but offer renewal.
      decided_at: decided ? r.at : null,
      decided_by: decided ? 'hutong' : null,
    })
    .execute();
}

/** The holder's certificate of `type` held valid on `asOf`, the latest-running one first. */
export function findHeldValid(db: Db, holderId: string, type: string, asOf: string) {
  return db
    .selectFrom('certificates')
    .select(['id', 'status', 'valid_from', 'valid_until'])
    .where('holder_id', '=', holderId)
    .where('type', '=', type)
    .where('status', '=', 'valid')
    .where('valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>=', asOf)]))
    .orderBy(sql`valid_until desc nulls first`)
    .executeTakeFirst();
}

const viewColumns = [
  'q.id',
  'q.type',
  'q.department',
  'q.province',
  'q.holder_id',
  'q.registration_id',
  'q.plan_id',
  'q.skill_certificate_id',
  'q.arrangement',
  'q.status',
  'q.existing_certificate_id',
  'q.outbox_request_id',
  'q.certificate_id',
  'q.refusal_reason',
  'q.created_at',
  'q.decided_at',
  'q.decided_by',
  'h.name',
  'h.id_masked',
  'p.name as plan_name',
] as const;

const base = (db: Db) =>
  db
    .selectFrom('qualification_requests as q')
    .innerJoin('holders as h', 'h.id', 'q.holder_id')
    .innerJoin('exam_plans as p', 'p.id', 'q.plan_id');

export type RequestRow = Awaited<ReturnType<typeof findRequest>> & object;

/** By its own id, or by the outbox id the department received (`Idempotency-Key`) when it was pushed. */
export function findRequest(db: Db, id: string, lock = false) {
  const q = base(db)
    .select(viewColumns)
    .where((eb) => eb.or([eb('q.id', '=', id), eb('q.outbox_request_id', '=', id)]));
  return (lock ? q.forUpdate('q') : q).executeTakeFirst();
}

/** Newest first, keyset on (created_at, id); `scope` limits a department admin to its department (and province). */
export async function findRequests(
  db: Db,
  scope: { department: string | null; province: string | null },
  q: ListQueueInput,
) {
  let query = base(db).select(viewColumns);
  if (scope.department) query = query.where('q.department', '=', scope.department);
  if (scope.province) query = query.where('q.province', '=', scope.province);
  if (q.status) query = query.where('q.status', '=', q.status);
  if (q.province) query = query.where('q.province', '=', q.province);
  if (q.type) query = query.where('q.type', '=', q.type);
  if (q.cursor) query = query.where(olderThan('q', q.cursor));
  const rows = await query
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return newestFirstPage(rows, q.limit);
}

/** A holder's own requests, with the issued certificate's number (clear, or masked when it embeds an ID). */
export function findHolderRequests(db: Db, holderId: string) {
  return db
    .selectFrom('qualification_requests as q')
    .leftJoin('certificates as c', 'c.id', 'q.certificate_id')
    .select([
      'q.id',
      'q.registration_id',
      'q.type',
      'q.department',
      'q.status',
      'q.existing_certificate_id',
      'q.refusal_reason',
      'q.decided_at',
      'c.number',
      'c.number_masked',
    ])
    .where('q.holder_id', '=', holderId)
    .orderBy('q.created_at', 'desc')
    .orderBy('q.id', 'desc')
    .execute();
}

export async function decideRequest(
  trx: Transaction<Database>,
  id: string,
  decision:
    | { status: 'issued'; certificateId: string; at: Date; by: string }
    | { status: 'refused'; reason: string; at: Date; by: string },
): Promise<void> {
  await trx
    .updateTable('qualification_requests')
    .set({
      status: decision.status,
      certificate_id: decision.status === 'issued' ? decision.certificateId : null,
      refusal_reason: decision.status === 'refused' ? decision.reason : null,
      decided_at: decision.at,
      decided_by: decision.by,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
