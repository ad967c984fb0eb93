import { type Kysely, sql, type Transaction } from 'kysely';
import type { AuditRow, Database } from '../db/schema.ts';
import { chainHashOf, isHashAlgorithm } from '../protection/crypto-profile.ts';
import { newId } from '../shared/ids.ts';
import { type AuditEntry, GENESIS_HASH, hashAuditEntry, type StoredAuditEntry } from './audit.model.ts';

/** Who acts and under which request; built from the HTTP request or the CLI. */
export interface AuditContext {
  actorId: string | null;
  actorLabel: string;
  requestId: string | null;
  at: Date;
}

export interface AuditChange {
  action: string;
  targetType: string;
  targetId: string;
  before?: unknown;
  after?: unknown;
}

// One advisory lock serialises appends so positions stay gap-free and each row links to the true previous row.
const AUDIT_LOCK_KEY = 7_262_001;

/** Appends audit rows inside the caller's transaction, so they commit or roll back with the change. */
export async function appendAudit(
  trx: Transaction<Database>,
  ctx: AuditContext,
  changes: AuditChange | AuditChange[],
): Promise<void> {
  const list = Array.isArray(changes) ? changes : [changes];
  if (list.length === 0) return;
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`.execute(trx);
  // The last link and the installed profile in one round trip (no profile row yet: international).
  const { rows: heads } = await sql<{ position: number | null; hash: string | null; profile: string | null }>`
    select (select position from audit_log order by position desc limit 1) as position,
      (select hash from audit_log order by position desc limit 1) as hash,
      (select profile from crypto_profile where id = 1) as profile`.execute(trx);
  const head = heads[0];
  const hashAlg = chainHashOf(head?.profile);
  let position = head?.position ?? 0;
  let prevHash = head?.hash ?? GENESIS_HASH;
  const rows = list.map((change) => {
    position += 1;
    const entry: AuditEntry = {
      position,
      id: newId(),
      at: ctx.at.toISOString(),
      actorId: ctx.actorId,
      actorLabel: ctx.actorLabel,
      action: change.action,
      targetType: change.targetType,
      targetId: change.targetId,
      before: change.before ?? null,
      after: change.after ?? null,
      requestId: ctx.requestId,
      prevHash,
      ...(hashAlg !== 'sha256' && { hashAlg }),
    };
    const hash = hashAuditEntry(entry);
    prevHash = hash;
    return {
      position: entry.position,
      id: entry.id,
      at: entry.at,
      actor_id: entry.actorId,
      actor_label: entry.actorLabel,
      action: entry.action,
      target_type: entry.targetType,
      target_id: entry.targetId,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
      request_id: entry.requestId,
      prev_hash: entry.prevHash,
      hash,
      hash_alg: hashAlg,
    };
  });
  await trx.insertInto('audit_log').values(rows).execute();
}

export function toStoredEntry(row: AuditRow): StoredAuditEntry {
  return {
    position: row.position,
    id: row.id,
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actorLabel: row.actor_label,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    before: row.before ?? null,
    after: row.after ?? null,
    requestId: row.request_id,
    prevHash: row.prev_hash,
    hash: row.hash,
    ...(row.hash_alg !== 'sha256' && isHashAlgorithm(row.hash_alg) && { hashAlg: row.hash_alg }),
  };
}

export async function findAuditPage(
  db: Kysely<Database>,
  options: {
    afterPosition?: number;
    beforePosition?: number;
    limit: number;
    order: 'asc' | 'desc';
    targetType?: string;
    targetId?: string;
  },
): Promise<AuditRow[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (options.afterPosition !== undefined) q = q.where('position', '>', options.afterPosition);
  if (options.beforePosition !== undefined) q = q.where('position', '<', options.beforePosition);
  if (options.targetType) q = q.where('target_type', '=', options.targetType);
  if (options.targetId) q = q.where('target_id', '=', options.targetId);
  return q.orderBy('position', options.order).limit(options.limit).execute();
}
