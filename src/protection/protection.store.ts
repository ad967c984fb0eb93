import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function findDataKeys(db: Db) {
  return db.selectFrom('data_keys').selectAll().orderBy('created_at').execute();
}

export async function insertDataKey(db: Db, row: { id: string; wrapped: string; createdAt: Date }) {
  await db
    .insertInto('data_keys')
    .values({ id: row.id, wrapped: row.wrapped, created_at: row.createdAt, retired_at: null })
    .execute();
}

export function findCryptoProfileRow(db: Db) {
  return db.selectFrom('crypto_profile').selectAll().where('id', '=', 1).executeTakeFirst();
}

export async function insertCryptoProfile(db: Db, profile: string, at: Date) {
  await db
    .insertInto('crypto_profile')
    .values({ id: 1, profile, chosen_at: at, migration: null })
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

/** Tables with rebuildable blind indexes (issue 18 §2); each has `index_version`. */
export const INDEXED_TABLES = ['holders', 'certificate_rows', 'import_staged_rows'] as const;

/** Makes `version` the default of every `index_version` column: writers that do not name it get it. */
export async function setIndexVersionDefault(db: Db, version: number) {
  const literal = sql.lit(Number.isInteger(version) ? version : 1);
  for (const table of INDEXED_TABLES)
    await sql`alter table ${sql.table(table)} alter column index_version set default ${literal}`.execute(db);
}
