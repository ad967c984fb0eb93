import { type Kysely, sql } from 'kysely';

/**
 * Department sources (issue 5 §2): each `hosted` (its data is in Hutong, by import or push) or `linked` (its own
 * query site, reached by a deep link). Certificates and API tokens may name their source; idempotency keys make a
 * retried push batch apply once.
 *
 * One hosted source per department is seeded here, not by the demo: a certificate without `source_id` (registered
 * through the API or imported from a file) belongs to its department's default source `<department>-hosted`, so
 * that source must exist in every installation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('url', 'text')
    .addColumn('deep_link_template', 'text')
    .addColumn('types', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('region', 'text')
    .addColumn('last_update_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('sources_kind_check', sql`kind in ('hosted', 'linked')`)
    .addCheckConstraint('sources_department_check', sql`department in ('mohrss', 'mohurd', 'mem', 'samr')`)
    .addCheckConstraint('sources_linked_url_check', sql`kind = 'hosted' or url is not null`)
    .execute();

  await sql`
    insert into sources (id, name_zh, name_en, department, kind, created_at, updated_at) values
      ('mohrss-hosted', '人力资源社会保障部（互通托管）', 'MOHRSS (hosted by Hutong)', 'mohrss', 'hosted', now(), now()),
      ('mohurd-hosted', '住房城乡建设部（互通托管）', 'MOHURD (hosted by Hutong)', 'mohurd', 'hosted', now(), now()),
      ('mem-hosted', '应急管理部（互通托管）', 'MEM (hosted by Hutong)', 'mem', 'hosted', now(), now()),
      ('samr-hosted', '市场监管总局（互通托管）', 'SAMR (hosted by Hutong)', 'samr', 'hosted', now(), now())
  `.execute(db);

  await db.schema
    .alterTable('certificates')
    .addColumn('source_id', 'text', (c) => c.references('sources.id'))
    .execute();
  await db.schema
    .alterTable('api_tokens')
    .addColumn('source_id', 'text', (c) => c.references('sources.id'))
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('response', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['source_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
  await db.schema.alterTable('api_tokens').dropColumn('source_id').execute();
  await db.schema.alterTable('certificates').dropColumn('source_id').execute();
  await db.schema.dropTable('sources').execute();
}
