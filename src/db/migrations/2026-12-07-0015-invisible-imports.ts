import { type Kysely, sql } from 'kysely';
import { STATUS_LIST_SIZE } from './2026-11-29-0004-credentials.ts';

/**
 * Imports that do not freeze the embedded store (issue 17 §7).
 *
 * PGlite is one session: an import written in one transaction held it for many seconds, and every other request
 * waited. An import now writes in short transactions rows that stay invisible until one final flip:
 *
 * - `certificate_rows` is the table; `certificates` becomes a view of its visible rows: those written by no import,
 *   or by an import no longer *open* (`import_open`). The view is automatically updatable, so every reader and
 *   writer keeps using `certificates` unchanged; only the import writes `certificate_rows` directly.
 * - A job is open from its first write until its flip — one transaction that applies the changes to existing
 *   certificates, marks the job succeeded, removes it from `import_open` and writes the audit row — or until the
 *   rows of a failed or dead job are swept. Rows keep `written_by_import`: nothing is rewritten after the flip, and
 *   `not in (select id from import_open)` is one hash probe per row against a table that is almost always empty.
 * - `import_staged_rows` holds what the flip needs of a running job: its rows for certificates that already exist
 *   (unlogged: a crash loses them, and the job is interrupted then anyway). Holders an import creates are visible
 *   at once (a person with no visible certificate shows nothing) and carry `written_by_import`, so a failed job's
 *   new holders are swept too.
 *
 * The view lists every column of the table but `written_by_import`: a migration that adds a certificate column
 * must recreate it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table certificates rename to certificate_rows`.execute(db);
  await sql`create table import_open (id uuid primary key)`.execute(db);
  await sql`alter table certificate_rows add column written_by_import uuid`.execute(db);
  await sql`create index certificate_rows_written_by_import on certificate_rows (written_by_import)
    where written_by_import is not null`.execute(db);
  const columns = await sql<{ column_name: string }>`
    select column_name from information_schema.columns
    where table_name = 'certificate_rows' and table_schema = current_schema() and column_name <> 'written_by_import'
    order by ordinal_position`.execute(db);
  const list = sql.join(columns.rows.map((c) => sql.ref(`c.${c.column_name}`)));
  await sql`create view certificates as select ${list} from certificate_rows c
    where c.written_by_import is null or c.written_by_import not in (select o.id from import_open o)`.execute(
    db,
  );

  await sql`alter table holders add column written_by_import uuid`.execute(db);
  await sql`create index holders_written_by_import on holders (written_by_import)
    where written_by_import is not null`.execute(db);

  // The status-list writer must see every row, visible or not: a revoked certificate of a running import gets its
  // bit when written (its position is its own for ever, so an early bit tells nothing of a swept row).
  await statusWriter(db, 'certificate_rows');

  await sql`create unlogged table import_staged_rows (
    import_id uuid not null, row integer not null,
    type text not null, department text not null, number text, number_index text not null,
    number_cipher text, number_masked text not null, id_type text not null, id_index text not null,
    id_cipher text not null, id_masked text not null, name text not null, valid_from date not null, valid_until date,
    reviewed_until date, status text not null, issuer_region text not null, issuer_org text not null,
    issuer_org_code text, occupation text, level text
  )`.execute(db);
  await sql`create index import_staged_rows_key on import_staged_rows (import_id, type, number_index)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_staged_rows`.execute(db);
  await sql`delete from certificate_rows where written_by_import in (select id from import_open)`.execute(db);
  await sql`drop view certificates`.execute(db);
  await sql`drop table import_open`.execute(db);
  await sql`alter table certificate_rows drop column written_by_import`.execute(db);
  await sql`alter table certificate_rows rename to certificates`.execute(db);
  await sql`alter table holders drop column written_by_import`.execute(db);
  await statusWriter(db, 'certificates');
}

/** `hutong_apply_status_pending` of migration 0004, reading `table`. */
async function statusWriter(db: Kysely<unknown>, table: 'certificate_rows' | 'certificates'): Promise<void> {
  await sql`
    create or replace function hutong_apply_status_pending() returns void language plpgsql as $$
    declare
      size constant integer := ${sql.lit(STATUS_LIST_SIZE)};
      l record;
      r record;
      p text;
      bad text;
      b bytea;
      pos integer;
    begin
      for l in select distinct (status_index / size)::integer as list from status_list_pending loop
        foreach p in array array['revocation', 'suspension'] loop
          bad := case p when 'revocation' then 'revoked' else 'suspended' end;
          insert into status_lists (purpose, list, bits, version, updated_at)
            values (p, l.list, decode(repeat('00', size / 8), 'hex'), 0, now())
            on conflict do nothing;
          select s.bits into b from status_lists s where s.purpose = p and s.list = l.list for update;
          for r in
            select c.status_index, c.status from ${sql.raw(table)} c
            where c.status_index in (
              select distinct q.status_index from status_list_pending q where q.status_index / size = l.list)
          loop
            pos := (r.status_index % size)::integer;
            b := set_bit(b, (pos / 8) * 8 + 7 - pos % 8, case when r.status = bad then 1 else 0 end);
          end loop;
          update status_lists s set bits = b, version = s.version + 1, updated_at = now()
            where s.purpose = p and s.list = l.list;
        end loop;
      end loop;
      delete from status_list_pending;
    end
    $$`.execute(db);
}
