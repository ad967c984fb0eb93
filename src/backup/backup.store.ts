import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type CryptoProfile, isCryptoProfile } from '../protection/crypto-profile.ts';
import { openDataKey } from '../protection/protection.model.ts';

/** What a snapshot holds, read in the same snapshot as the dump (or with the embedded store's session held). */
export interface StoreFacts {
  migration: string | null;
  counts: Record<string, number>;
  auditHead: { position: number; hash: string } | null;
  dataKeys: Array<{ id: string; wrapped: string }>;
  signingKeys: string[];
  /** The install's crypto profile (issue 18): a gm install's backup seals its keys with SM4 and SM3. */
  profile: CryptoProfile;
}

/**
 * Rows of every permanent table in `public`, the newest migration, the audit head and the keys the store refers
 * to. Unlogged tables (rate-limit windows, spent challenges, staged import rows) are left out: a crash may empty
 * them, so a backup does not keep them (pg_dump --no-unlogged-table-data) and their counts prove nothing.
 */
export async function describeStore(db: Kysely<Database>): Promise<StoreFacts> {
  const tables = (
    await sql<{ name: string }>`
      select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relpersistence = 'p'
      order by c.relname`.execute(db)
  ).rows.map((r) => r.name);
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    counts[table] = rows[0]?.n ?? 0;
  }
  const has = (t: string) => tables.includes(t);
  const migration = has('kysely_migration')
    ? ((await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(db))
        .rows[0]?.name ?? null)
    : null;
  const head = has('audit_log')
    ? (
        await sql<{ position: number; hash: string }>`
          select position::int as position, hash from audit_log order by position desc limit 1`.execute(db)
      ).rows[0]
    : undefined;
  const dataKeys = has('data_keys')
    ? (
        await sql<{
          id: string;
          wrapped: string;
        }>`select id, wrapped from data_keys order by created_at`.execute(db)
      ).rows
    : [];
  const signingKeys = has('credential_keys')
    ? (await sql<{ kid: string }>`select kid from credential_keys order by created_at`.execute(db)).rows.map(
        (r) => r.kid,
      )
    : [];
  const recorded = has('crypto_profile')
    ? (await sql<{ profile: string }>`select profile from crypto_profile where id = 1`.execute(db)).rows[0]
        ?.profile
    : undefined;
  return {
    profile: isCryptoProfile(recorded) ? recorded : 'international',
    migration,
    counts,
    auditHead: head ? { position: head.position, hash: head.hash } : null,
    dataKeys,
    signingKeys,
  };
}

/** Whether a master key opens the store's data keys: the one test that it is the key this data needs. */
export function masterOpensDataKeys(master: Buffer, dataKeys: StoreFacts['dataKeys']): boolean {
  if (dataKeys.length === 0) return true;
  return dataKeys.every((k) => {
    try {
      openDataKey(master, k.wrapped);
      return true;
    } catch {
      return false;
    }
  });
}

/** Relations outside the system schemas: a restore target with any is not empty. */
export async function countUserRelations(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_toast%'
      and n.nspname not like 'pg\\_temp%' and c.relkind in ('r', 'p', 'v', 'm', 'S')`.execute(db);
  return rows[0]?.n ?? 0;
}
