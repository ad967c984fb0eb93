import { type Kysely, sql } from 'kysely';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import {
  type CryptoProfile,
  indexVersionOf,
  isCryptoProfile,
  profileOfIndexVersion,
} from './crypto-profile.ts';
import { rebuildIndexes } from './index-rebuild.ts';
import { deriveWrappingKey, profileOfSealed } from './protection.model.ts';
import {
  createDataKey,
  installedProfile,
  KEYRING_LOCK,
  loadProtector,
  sealedColumns,
} from './protection.service.ts';
import { findCryptoProfileRow, findDataKeys, setIndexVersionDefault } from './protection.store.ts';

export interface MigrationState {
  target: CryptoProfile;
  from: CryptoProfile;
  keyId: string;
  startedAt: string;
  /** Values re-sealed so far, per `table.column`. */
  resealed: Record<string, number>;
  /** The rebuildable blind indexes' profile before the switch; absent when they already use the target's. */
  indexFrom?: CryptoProfile | undefined;
  /** Blind-index rebuild progress per table; `conflicts` are rows left under the old version (see below). */
  indexes?: Record<string, IndexRebuildProgress> | undefined;
}

export interface IndexRebuildProgress {
  done: number;
  total: number;
  conflicts: string[];
}

export type MigrationProgress =
  | { column: string; resealed: number }
  | { index: string; rebuilt: number; total: number };

/**
 * `hutong keys migrate --profile <p>` (issue 18 §2): re-seals every sealed value under a new data key of the
 * target profile while servers keep answering, then switches the recorded profile.
 *
 * 1. Start (or resume): a data key of the target profile becomes current; the state is kept in
 *    `crypto_profile.migration`, audited as `crypto.profile.migrate.start`. Servers pick the key up on their next
 *    keyring refresh (`graceMs`) and seal new values under it; both keys open meanwhile.
 * 2. Re-seal column by column in small transactions (a row is updated only if unchanged since read), recording
 *    progress in the state after each batch: a killed run resumes where it stopped.
 * 3. Switch: older keys retired, `profile` set to the target, audited as `crypto.profile.switch` in the same
 *    transaction — that row is the first link hashed with the target's hash (SM3); older links keep theirs.
 *
 * Blind indexes (`index-rebuild.ts`): from the start the rebuildable ones (holders' ID numbers, certificate
 * numbers, staged import rows) are written under the target's version and looked up under both; after the grace
 * period the column defaults move to it, then every row still under the old version is rebuilt (decrypt →
 * recompute) in batches that record their progress. Keyed hashes that cannot be recomputed (a ticket's lookup
 * code is stored only as its hash) keep the install's original algorithm (`index_profile`) and are verified
 * under it, before and after the switch.
 */
export async function migrateCryptoProfile(
  db: Kysely<Database>,
  master: Buffer,
  target: CryptoProfile,
  ctx: AuditContext,
  options: { graceMs: number; batchSize?: number; onProgress?: (p: MigrationProgress) => void },
): Promise<{ switched: boolean; resealed: number; keyId: string }> {
  const state = await startOrResume(db, master, target, ctx);
  if (!state) return { switched: false, resealed: 0, keyId: '' };
  if (options.graceMs > 0) await new Promise((r) => setTimeout(r, options.graceMs));
  // Every server now writes the target's index version: rows that do not name theirs get it too.
  if (state.indexFrom) await setIndexVersionDefault(db, indexVersionOf(target));
  const protector = await loadProtector(db, master, target);
  if (protector.currentKeyId !== state.keyId)
    throw new Error('another key rotation or migration started meanwhile');
  const batchSize = options.batchSize ?? 1000;
  for (const [table, pk, column] of sealedColumns) {
    const name = `${table}.${column}`;
    for (;;) {
      const rows = await sql<{ id: string; sealed: string }>`
        select ${sql.ref(pk)} as id, ${sql.ref(column)} as sealed from ${sql.table(table)}
        where ${sql.ref(column)} is not null and ${sql.ref(column)} not like ${`${state.keyId}.%`}
        limit ${batchSize}`.execute(db);
      if (rows.rows.length === 0) break;
      state.resealed[name] = (state.resealed[name] ?? 0) + rows.rows.length;
      await db.transaction().execute(async (trx) => {
        for (const row of rows.rows) {
          const resealed = protector.encrypt(protector.decrypt(row.sealed));
          await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${resealed}
            where ${sql.ref(pk)} = ${row.id} and ${sql.ref(column)} = ${row.sealed}`.execute(trx);
        }
        await trx
          .updateTable('crypto_profile')
          .set({ migration: JSON.stringify(state) })
          .where('id', '=', 1)
          .execute();
      });
      options.onProgress?.({ column: name, resealed: state.resealed[name] ?? 0 });
    }
  }
  if (state.indexFrom) await rebuildIndexes(db, protector, state, batchSize, options.onProgress);
  const conflicts = Object.values(state.indexes ?? {}).reduce((n, p) => n + p.conflicts.length, 0);
  const resealed = Object.values(state.resealed).reduce((a, b) => a + b, 0);
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`.execute(trx);
    await trx
      .updateTable('data_keys')
      .set({ retired_at: ctx.at })
      .where('id', '!=', state.keyId)
      .where('retired_at', 'is', null)
      .execute();
    const row = await findCryptoProfileRow(trx);
    await trx
      .updateTable('crypto_profile')
      .set({
        profile: target,
        index_profile: row?.index_profile ?? state.from,
        // Rows left under the old version (conflicts) stay findable: lookups keep matching it.
        ...(state.indexFrom && conflicts === 0 && { index_fallback_version: null }),
        migration: null,
      })
      .where('id', '=', 1)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'crypto.profile.switch',
      targetType: 'crypto-profile',
      targetId: target,
      before: { profile: state.from },
      after: {
        profile: target,
        keyId: state.keyId,
        resealed,
        indexProfile: row?.index_profile ?? state.from,
        indexes: state.indexes ?? {},
      },
    });
  });
  return { switched: true, resealed, keyId: state.keyId };
}

/** The running migration's state, or a new one; null when the install already uses `target`. */
async function startOrResume(
  db: Kysely<Database>,
  master: Buffer,
  target: CryptoProfile,
  ctx: AuditContext,
): Promise<MigrationState | null> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${KEYRING_LOCK})`.execute(trx);
    const row = await findCryptoProfileRow(trx);
    const from = isCryptoProfile(row?.profile) ? row.profile : await installedProfile(trx);
    const running = row?.migration as MigrationState | null | undefined;
    if (running) {
      if (running.target !== target)
        throw new Error(`a migration to ${running.target} is running: finish it first`);
      const keys = await findDataKeys(trx);
      const current = keys.filter((k) => !k.retired_at).at(-1);
      if (current?.id === running.keyId && profileOfSealed(current.wrapped) === target) return running;
      throw new Error('the migration key is no longer current (was a key rotated meanwhile?)');
    }
    if (from === target) return null;
    if (!row) throw new Error('no crypto profile recorded: start the server or open the keyring once first');
    const keyId = await createDataKey(trx, deriveWrappingKey(master, target), target);
    const frozen = isCryptoProfile(row.index_profile) ? row.index_profile : from;
    const indexFrom = row.index_version ? profileOfIndexVersion(row.index_version) : frozen;
    const state: MigrationState = {
      target,
      from,
      keyId,
      startedAt: ctx.at.toISOString(),
      resealed: {},
      ...(indexFrom !== target && { indexFrom, indexes: {} }),
    };
    await trx
      .updateTable('crypto_profile')
      .set({
        migration: JSON.stringify(state),
        index_profile: frozen,
        ...(indexFrom !== target && {
          index_version: indexVersionOf(target),
          index_fallback_version: indexVersionOf(indexFrom),
        }),
      })
      .where('id', '=', 1)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'crypto.profile.migrate.start',
      targetType: 'crypto-profile',
      targetId: target,
      after: { from, target, keyId },
    });
    return state;
  });
}
