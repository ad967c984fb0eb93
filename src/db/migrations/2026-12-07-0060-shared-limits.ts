import { type Kysely, sql } from 'kysely';

/**
 * Limits and single-use challenges shared by every API process (issue 16 §4): fixed windows per key (an address or a
 * keyed hash of an identifier, namespaced by what it limits) and spent proof-of-work challenge ids. Unlogged: a
 * crash forgets them, which is harmless, and they cost no WAL on the hot path of the public query.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create unlogged table limit_windows (
    key text primary key, count integer not null, reset_at timestamptz not null)`.execute(db);
  await sql`create unlogged table spent_challenges (
    id text primary key, expires_at timestamptz not null)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table spent_challenges`.execute(db);
  await sql`drop table limit_windows`.execute(db);
}
