import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { IndexRebuildProgress, MigrationProgress, MigrationState } from './profile-migration.service.ts';
import type { Protector } from './protection.model.ts';

/**
 * The blind-index rebuild of `hutong keys migrate` (issue 18 §2). Each rebuildable index is recomputed from the
 * sealed (or clear) value it indexes, under the protector's write version:
 *
 * - holders: `id_index` = index(`id:<type>`, ID number) from `id_cipher`;
 * - certificate_rows: `number_index` = index(`number:<type>`, number) from `number` or `number_cipher`;
 * - import_staged_rows (a running import's staged rows): both.
 *
 * Rows are taken `limit batchSize` at a time among those whose `index_version` is not the target's; each batch
 * is one transaction that also stores the progress in `crypto_profile.migration`, so a killed run resumes where
 * it stopped. A row is updated only if its index is unchanged since read. A row whose new index another row
 * already holds (the same person or number written twice during the window, e.g. by an import merged meanwhile)
 * is not rewritten: it is listed in `conflicts`, keeps its old version, and lookups keep matching that version
 * (`index_fallback_version` is kept) until an administrator resolves it.
 *
 * Keyed hashes that are not in these tables cannot be recomputed (a ticket's lookup code is stored only as its
 * hash): they keep the install's original algorithm, see `isRebuildableIndexDomain`.
 */
export async function rebuildIndexes(
  db: Kysely<Database>,
  protector: Protector,
  state: MigrationState,
  batchSize: number,
  onProgress?: (p: MigrationProgress) => void,
): Promise<void> {
  const version = protector.indexVersion;
  state.indexes = state.indexes ?? {};
  const indexes = state.indexes;
  for (const table of ['holders', 'certificate_rows', 'import_staged_rows'] as const) {
    const remaining = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(table)} where index_version <> ${version}`.execute(db);
    const progress: IndexRebuildProgress = indexes[table] ?? { done: 0, total: 0, conflicts: [] };
    indexes[table] = progress;
    progress.total = progress.done + progress.conflicts.length + Number(remaining.rows[0]?.n ?? 0);
    // A conflicted row is skipped, not retried: the set of skipped ids bounds the loop.
    for (;;) {
      const skip = progress.conflicts;
      const done = await rebuildBatch(db, protector, table, version, skip, batchSize);
      if (done === null) break;
      progress.done += done.rebuilt;
      progress.conflicts.push(...done.conflicts);
      await db
        .updateTable('crypto_profile')
        .set({ migration: JSON.stringify(state) })
        .where('id', '=', 1)
        .execute();
      onProgress?.({ index: table, rebuilt: progress.done, total: progress.total });
    }
  }
}

type Table = 'holders' | 'certificate_rows' | 'import_staged_rows';

/** One batch in one transaction; null when no row is left. */
async function rebuildBatch(
  db: Kysely<Database>,
  protector: Protector,
  table: Table,
  version: number,
  skip: readonly string[],
  batchSize: number,
): Promise<{ rebuilt: number; conflicts: string[] } | null> {
  const skipping = skip.length > 0 ? sql`and not (${rowKey(table)} = any(${[...skip]}))` : sql``;
  const rows = await sql<Record<string, string | null>>`
    select ${rowKey(table)} as key, * from ${sql.table(table)}
    where index_version <> ${version} ${skipping} limit ${batchSize}`.execute(db);
  if (rows.rows.length === 0) return null;
  const conflicts: string[] = [];
  let rebuilt = 0;
  await db.transaction().execute(async (trx) => {
    for (const row of rows.rows) {
      const key = String(row.key);
      const idIndex = table === 'certificate_rows' ? null : holderIndexOf(protector, row);
      const numberIndex = table === 'holders' ? null : numberIndexOf(protector, row);
      const updated =
        table === 'holders'
          ? await sql`update holders h set id_index = ${idIndex}, index_version = ${version}
              where h.id = ${key} and h.id_index = ${row.id_index} and not exists (
                select 1 from holders o where o.id_index = ${idIndex} and o.id <> h.id)`.execute(trx)
          : table === 'certificate_rows'
            ? await sql`update certificate_rows c
                set number_index = ${numberIndex}, index_version = ${version}
                where c.id = ${key} and c.number_index = ${row.number_index} and not exists (
                  select 1 from certificate_rows o
                  where o.type = c.type and o.number_index = ${numberIndex} and o.id <> c.id)`.execute(trx)
            : await sql`update import_staged_rows s
                set id_index = ${idIndex}, number_index = ${numberIndex},
                  index_version = ${version}
                where s.import_id || ':' || s.row = ${key} and s.id_index = ${row.id_index}
                  and s.number_index = ${row.number_index}`.execute(trx);
      if (Number(updated.numAffectedRows ?? 0) > 0) {
        rebuilt++;
        continue;
      }
      // Not updated: changed since read (the next batch reads it again) or its new index is taken.
      const current = await sql<{ index_version: number }>`
        select index_version from ${sql.table(table)} where ${rowKey(table)} = ${key}`.execute(trx);
      const stillOld = current.rows[0] && current.rows[0].index_version !== version;
      const unchanged =
        table === 'holders'
          ? await sql`select 1 from holders where id = ${key} and id_index = ${row.id_index}`.execute(trx)
          : table === 'certificate_rows'
            ? await sql`select 1 from certificate_rows where id = ${key} and number_index = ${row.number_index}`.execute(
                trx,
              )
            : { rows: [] };
      if (stillOld && unchanged.rows.length > 0) conflicts.push(key);
    }
  });
  return { rebuilt, conflicts };
}

function rowKey(table: Table) {
  return table === 'import_staged_rows' ? sql`(import_id || ':' || row)` : sql.ref('id');
}

function holderIndexOf(protector: Protector, row: Record<string, string | null>): string {
  if (!row.id_type || !row.id_cipher) throw new Error('a holder row without its sealed ID number');
  return protector.index(`id:${row.id_type}`, protector.decrypt(row.id_cipher));
}

function numberIndexOf(protector: Protector, row: Record<string, string | null>): string {
  const number = row.number ?? (row.number_cipher ? protector.decrypt(row.number_cipher) : null);
  if (!row.type || number === null) throw new Error('a certificate row without its number');
  return protector.index(`number:${row.type}`, number);
}
