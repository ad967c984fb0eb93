import { type Kysely, sql } from 'kysely';

/**
 * 国密 blind indexes (issue 18 §2): every rebuildable blind index names its version (`index_version`: 1 =
 * HMAC-SHA-256, 2 = HMAC-SM3), so `hutong keys migrate --profile gm` can rebuild them in resumable batches while
 * lookups match both versions. The column default is the install's current write version: writers that do not
 * name it (the view, the import's set-based merge) get the right one. `crypto_profile.index_version` is the write
 * version of the rebuildable indexes (null: that of `index_profile`, else of `profile`);
 * `index_fallback_version` the one lookups also match while rows still carry it.
 *
 * 互认决定书 credentials carry an SM2 signature beside their EdDSA one under gm, as certificates' do (migration 0030).
 *
 * `certificates` is a view listing every column of `certificate_rows` but `written_by_import` (migration 0015): it
 * gains the new column at its end.
 */
const TABLES = ['holders', 'certificate_rows', 'import_staged_rows'] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES)
    await sql`alter table ${sql.table(table)} add column index_version smallint not null default 1`.execute(
      db,
    );
  await recreateView(db);
  await sql`alter table crypto_profile add column index_version smallint, add column index_fallback_version smallint`.execute(
    db,
  );
  await sql`alter table decision_credentials add column sm2_protected text, add column sm2_signature text`.execute(
    db,
  );
  // A database created under the gm profile before this migration already holds HMAC-SM3 indexes.
  const gm = await sql<{ gm: boolean }>`
    select coalesce(index_profile, profile) = 'gm' as gm from crypto_profile where id = 1`.execute(db);
  if (gm.rows[0]?.gm) {
    for (const table of TABLES) {
      await sql`update ${sql.table(table)} set index_version = 2`.execute(db);
      await sql`alter table ${sql.table(table)} alter column index_version set default 2`.execute(db);
    }
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table decision_credentials drop column sm2_signature, drop column sm2_protected`.execute(
    db,
  );
  await sql`alter table crypto_profile drop column index_fallback_version, drop column index_version`.execute(
    db,
  );
  await sql`drop view certificates`.execute(db);
  for (const table of TABLES)
    await sql`alter table ${sql.table(table)} drop column index_version`.execute(db);
  await recreateView(db);
}

async function recreateView(db: Kysely<unknown>): Promise<void> {
  const columns = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_name = 'certificate_rows' and table_schema = current_schema() and column_name <> 'written_by_import'
    order by ordinal_position`.execute(db);
  const list = sql.join(columns.rows.map((c) => sql.ref(`c.${c.column_name}`)));
  await sql`create or replace view certificates as select ${list} from certificate_rows c
    where c.written_by_import is null or c.written_by_import not in (select o.id from import_open o)`.execute(
    db,
  );
}
