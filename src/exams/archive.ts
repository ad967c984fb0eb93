import type { Kysely } from 'kysely';
import { sql, type Transaction } from 'kysely';
import { canonicalJson } from '../audit/audit.model.ts';
import type { Database } from '../db/schema.ts';
import { chainHashOf, digestHex, type HashAlgorithm } from '../protection/crypto-profile.ts';
import { newId } from '../shared/ids.ts';
import { purgeableAfter, type ResultsRules, type RetentionClass } from './results.rules.ts';

/**
 * The sealed archive of a plan (档案管理, issue 7 §6): one record per artefact — per registration the application,
 * eligibility decision, paper version, answers, scores, examiners and certificate; the roster; the used papers —
 * whose content hash chains per plan: hash = sha256(prev_hash ‖ position ‖ retention class ‖ content hash). A purge
 * removes only content whose retention has passed and keeps the content hash as a tombstone, so the chain still
 * verifies after it. The hash is the crypto profile's (issue 18): SHA-256 or SM3, named per record in `hash_alg`
 * (content hash and link alike), so a chain that crosses a profile switch still verifies.
 */
const GENESIS = '0'.repeat(64);
export const contentHashOf = (content: unknown, alg: HashAlgorithm = 'sha256') =>
  digestHex(alg, canonicalJson(content));
const linkHash = (alg: HashAlgorithm, prev: string, position: number, cls: string, contentHash: string) =>
  digestHex(alg, `${prev}|${position}|${cls}|${contentHash}`);
const algOf = (stored: string): HashAlgorithm => (stored === 'sm3' ? 'sm3' : 'sha256');

export async function seal(
  trx: Transaction<Database>,
  planId: string,
  record: { registrationId: string | null; retention: RetentionClass; content: unknown },
  at: Date,
): Promise<void> {
  // One writer per plan chain at a time: positions stay gap-free in commit order.
  await sql`select pg_advisory_xact_lock(hashtext(${`archive:${planId}`}))`.execute(trx);
  const last = await trx
    .selectFrom('archive_records')
    .select(['position', 'hash'])
    .where('plan_id', '=', planId)
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
  const profile = await trx
    .selectFrom('crypto_profile')
    .select('profile')
    .where('id', '=', 1)
    .executeTakeFirst();
  const alg = chainHashOf(profile?.profile);
  const position = (last?.position ?? 0) + 1;
  const contentHash = contentHashOf(record.content, alg);
  await trx
    .insertInto('archive_records')
    .values({
      id: newId(),
      plan_id: planId,
      position,
      registration_id: record.registrationId,
      retention_class: record.retention,
      content: JSON.stringify(record.content),
      content_hash: contentHash,
      prev_hash: last?.hash ?? GENESIS,
      hash: linkHash(alg, last?.hash ?? GENESIS, position, record.retention, contentHash),
      hash_alg: alg,
      sealed_at: at,
    })
    .execute();
}

export interface ArchiveProblem {
  position: number;
  reason: 'content-changed' | 'link-broken' | 'gap';
}

/** Recomputes the chain: a changed content, a removed or reordered record is named by its position. */
export async function verifyArchive(
  db: Kysely<Database>,
  planId: string,
): Promise<{ ok: boolean; records: number; purged: number; problems: ArchiveProblem[] }> {
  const rows = await db
    .selectFrom('archive_records')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute();
  const problems: ArchiveProblem[] = [];
  let prev = GENESIS;
  let expected = 1;
  for (const r of rows) {
    if (r.position !== expected) problems.push({ position: expected, reason: 'gap' });
    expected = r.position + 1;
    const alg = algOf(r.hash_alg);
    if (r.content !== null && contentHashOf(r.content, alg) !== r.content_hash)
      problems.push({ position: r.position, reason: 'content-changed' });
    if (r.prev_hash !== prev || linkHash(alg, prev, r.position, r.retention_class, r.content_hash) !== r.hash)
      problems.push({ position: r.position, reason: 'link-broken' });
    prev = r.hash;
  }
  return {
    ok: problems.length === 0,
    records: rows.length,
    purged: rows.filter((r) => r.purged_at).length,
    problems,
  };
}

/**
 * Removes the content of records whose retention class allows it on `now` (counted from the plan's issuance, the
 * earliest certificate it issued), leaving the tombstone: position, class, content hash and chain link.
 */
export async function purgeArchive(
  trx: Transaction<Database>,
  rules: ResultsRules,
  planId: string,
  issuedAt: Date,
  now: Date,
): Promise<{ purged: number; kept: number }> {
  const rows = await trx
    .selectFrom('archive_records')
    .select(['id', 'retention_class'])
    .where('plan_id', '=', planId)
    .where('purged_at', 'is', null)
    .execute();
  let purged = 0;
  for (const r of rows) {
    const after = purgeableAfter(rules, r.retention_class as RetentionClass, issuedAt);
    if (after === null || after > now) continue;
    await trx
      .updateTable('archive_records')
      .set({ content: null, purged_at: now })
      .where('id', '=', r.id)
      .execute();
    purged += 1;
  }
  return { purged, kept: rows.length - purged };
}
