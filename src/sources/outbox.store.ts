import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { newestFirstPage, olderThan } from '../shared/cursor.ts';
import type { IssuanceStatus, ListIssuanceRequestsInput } from './outbox.model.ts';
import type { NextState } from './outbox.rules.ts';

/** Kysely queries of the issuance outbox (issue 7 §5) and of a source's issuance endpoint. */
type Db = Kysely<Database> | Transaction<Database>;

export interface NewIssuanceRequest {
  id: string;
  sourceId: string;
  planId: string;
  registrationId: string;
  type: string;
  province: string;
  bodyCipher: string;
  at: Date;
}

export async function insertIssuanceRequest(trx: Transaction<Database>, r: NewIssuanceRequest) {
  await trx
    .insertInto('issuance_requests')
    .values({
      id: r.id,
      source_id: r.sourceId,
      plan_id: r.planId,
      registration_id: r.registrationId,
      certificate_type: r.type,
      province: r.province,
      body_cipher: r.bodyCipher,
      status: 'pending',
      attempts: 0,
      next_attempt_at: r.at,
      created_at: r.at,
      updated_at: r.at,
    })
    .execute();
}

/**
 * Claims up to `limit` due requests for one attempt each: the attempt is counted and the row leased until
 * `leaseUntil`, in one statement, so two workers never send the same attempt (SKIP LOCKED) and a worker that dies
 * mid-delivery leaves a row that is tried again once the lease runs out (the Idempotency-Key makes that safe).
 */
export function claimDueRequests(db: Kysely<Database>, now: Date, leaseUntil: Date, limit: number) {
  return db
    .updateTable('issuance_requests')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: leaseUntil }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('issuance_requests')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returning(['id', 'source_id', 'body_cipher', 'attempts'])
    .execute();
}

export function getIssuanceEndpoint(db: Db, sourceId: string) {
  return db
    .selectFrom('sources')
    .select(['issuance_url', 'issuance_secret_cipher'])
    .where('id', '=', sourceId)
    .executeTakeFirst();
}

export async function setIssuanceEndpoint(
  trx: Transaction<Database>,
  sourceId: string,
  endpoint: { url: string; secretCipher: string } | null,
  at: Date,
) {
  await trx
    .updateTable('sources')
    .set({
      issuance_url: endpoint?.url ?? null,
      issuance_secret_cipher: endpoint?.secretCipher ?? null,
      updated_at: at,
    })
    .where('id', '=', sourceId)
    .execute();
}

/** Writes an attempt's outcome unless the row moved on meanwhile (its lease ran out and another attempt began). */
export async function finishAttempt(
  trx: Transaction<Database>,
  id: string,
  attempts: number,
  state: NextState,
  at: Date,
): Promise<boolean> {
  const updated = await trx
    .updateTable('issuance_requests')
    .set({
      status: state.status,
      next_attempt_at: state.nextAttemptAt,
      last_error: state.lastError,
      delivered_at: state.deliveredAt,
      reference: state.reference,
      updated_at: at,
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('attempts', '=', attempts)
    .executeTakeFirst();
  return updated.numUpdatedRows > 0n;
}

const viewColumns = [
  'r.id',
  'r.source_id',
  'r.plan_id',
  'r.registration_id',
  'r.certificate_type',
  'r.province',
  'r.status',
  'r.attempts',
  'r.next_attempt_at',
  'r.last_error',
  'r.delivered_at',
  'r.reference',
  'r.created_at',
  'r.updated_at',
  's.department',
  'h.name',
  'h.id_masked',
] as const;

const base = (db: Db) =>
  db
    .selectFrom('issuance_requests as r')
    .innerJoin('sources as s', 's.id', 'r.source_id')
    .innerJoin('exam_registrations as g', 'g.id', 'r.registration_id')
    .innerJoin('holders as h', 'h.id', 'g.holder_id');

export type IssuanceRequestRow = Awaited<ReturnType<typeof findIssuanceRequest>> & object;

export function findIssuanceRequest(db: Db, id: string, lock = false) {
  const q = base(db).select(viewColumns).where('r.id', '=', id);
  return (lock ? q.forUpdate('r') : q).executeTakeFirst();
}

/** Newest first, keyset on (created_at, id); `scope` limits a department admin to its department (and province). */
export async function findIssuanceRequests(
  db: Db,
  scope: { department: string | null; province: string | null },
  q: ListIssuanceRequestsInput,
) {
  let query = base(db).select(viewColumns);
  if (scope.department) query = query.where('s.department', '=', scope.department);
  if (scope.province) query = query.where('r.province', '=', scope.province);
  if (q.status) query = query.where('r.status', '=', q.status);
  if (q.source) query = query.where('r.source_id', '=', q.source);
  if (q.plan) query = query.where('r.plan_id', '=', q.plan);
  if (q.cursor) query = query.where(olderThan('r', q.cursor));
  const rows = await query
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(q.limit + 1)
    .execute();
  return newestFirstPage(rows, q.limit);
}

/** A failed request goes back to the queue with a fresh budget of attempts. */
export async function requeueIssuanceRequest(trx: Transaction<Database>, id: string, at: Date) {
  await trx
    .updateTable('issuance_requests')
    .set({ status: 'pending' satisfies IssuanceStatus, attempts: 0, next_attempt_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
}
