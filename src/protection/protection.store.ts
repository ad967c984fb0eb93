import type { Kysely, Transaction } from 'kysely';
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
