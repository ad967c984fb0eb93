import { type Kysely, sql } from 'kysely';

/**
 * Verifiable credentials (issue 5 §3–5).
 *
 * Status lists: every certificate gets a fixed position (`status_index`) in the W3C Bitstring Status Lists, one
 * list pair (revocation, suspension) per 131,072 positions — the spec's minimum size, so one bit does not single a
 * person out. The bits are kept by triggers on `certificates.status`, so every writer (the API's lifecycle actions,
 * imports, department pushes) flips them in its own transaction (issue 5 §3) without having to remember to.
 * Row triggers only note the changed positions; one statement trigger then rewrites each touched list once, so a
 * bulk import costs one list write per statement, not one per row.
 */
export const STATUS_LIST_SIZE = 131_072;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence certificate_status_index as bigint minvalue 0 start 0`.execute(db);
  await sql`alter table certificates
    add column status_index bigint not null default nextval('certificate_status_index')`.execute(db);
  await sql`create unique index certificates_status_index_key on certificates (status_index)`.execute(db);

  await db.schema
    .createTable('status_lists')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('list', 'integer', (c) => c.notNull())
    .addColumn('bits', 'bytea', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('status_lists_pk', ['purpose', 'list'])
    .addCheckConstraint('status_lists_purpose_check', sql`purpose in ('revocation', 'suspension')`)
    .execute();
  await db.schema
    .createTable('status_list_pending')
    .addColumn('status_index', 'bigint', (c) => c.notNull())
    .execute();

  // Bit i of a list is the i-th bit from the left (W3C Bitstring Status List §3.1); PostgreSQL's set_bit counts
  // from the right within each byte, hence `7 - i % 8`.
  await sql`
    create function hutong_apply_status_pending() returns void language plpgsql as $$
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
            select c.status_index, c.status from certificates c
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
  await sql`
    create function hutong_status_mark() returns trigger language plpgsql as $$
    begin
      insert into status_list_pending (status_index) values (new.status_index);
      return null;
    end
    $$`.execute(db);
  await sql`
    create function hutong_status_apply() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from status_list_pending) then
        perform hutong_apply_status_pending();
      end if;
      return null;
    end
    $$`.execute(db);
  await sql`create trigger certificates_status_insert after insert on certificates
    for each row when (new.status <> 'valid') execute function hutong_status_mark()`.execute(db);
  await sql`create trigger certificates_status_update after update of status on certificates
    for each row when (old.status is distinct from new.status) execute function hutong_status_mark()`.execute(
    db,
  );
  await sql`create trigger certificates_status_apply after insert or update on certificates
    for each statement execute function hutong_status_apply()`.execute(db);
  // Certificates already suspended or revoked before this migration.
  await sql`insert into status_list_pending select status_index from certificates where status <> 'valid'`.execute(
    db,
  );
  await sql`select hutong_apply_status_pending()`.execute(db);

  await db.schema
    .createTable('credential_keys')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    .addColumn('public_jwk', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('certificate_id', 'uuid', (c) => c.notNull().references('certificates.id'))
    .addColumn('kid', 'text', (c) => c.notNull())
    .addColumn('facts_hash', 'text', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('credentials_certificate_idx')
    .on('credentials')
    .column('certificate_id')
    .execute();

  await db.schema
    .createTable('trusted_issuers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('issuer', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('keys', 'jsonb', (c) => c.notNull())
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'trusted_issuers_source_kind_check',
      sql`source_kind in ('jwks-url', 'did-web', 'verification-method')`,
    )
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('trusted_issuers').execute();
  await db.schema.dropTable('credentials').execute();
  await db.schema.dropTable('credential_keys').execute();
  await sql`drop trigger certificates_status_apply on certificates`.execute(db);
  await sql`drop trigger certificates_status_update on certificates`.execute(db);
  await sql`drop trigger certificates_status_insert on certificates`.execute(db);
  await sql`drop function hutong_status_apply(), hutong_status_mark(), hutong_apply_status_pending()`.execute(
    db,
  );
  await db.schema.dropTable('status_list_pending').execute();
  await db.schema.dropTable('status_lists').execute();
  await sql`alter table certificates drop column status_index`.execute(db);
  await sql`drop sequence certificate_status_index`.execute(db);
}
