import { type Kysely, sql } from 'kysely';

/**
 * Policy versions edited through the API (issue 4 §1): draft → published with an effective date; a published
 * version is never changed. Recognition decisions stored with their policy versions and facts for replay (§4).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policy_versions')
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'date')
    .addColumn('pack', 'jsonb', (c) => c.notNull())
    .addColumn('based_on', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_by', 'text')
    .addColumn('published_at', 'timestamptz')
    .addPrimaryKeyConstraint('policy_versions_pk', ['policy_id', 'version'])
    .addCheckConstraint('policy_versions_status_check', sql`status in ('draft', 'published')`)
    .execute();

  await db.schema
    .createTable('recognition_decisions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('holder_id', 'uuid')
    .addColumn('region', 'text')
    .addColumn('as_of', 'date', (c) => c.notNull())
    .addColumn('national_version', 'text', (c) => c.notNull())
    .addColumn('province_version', 'text')
    .addColumn('facts', 'jsonb', (c) => c.notNull())
    .addColumn('facts_hash', 'text', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('recognition_decisions_holder_idx')
    .on('recognition_decisions')
    .column('holder_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('recognition_decisions').execute();
  await db.schema.dropTable('policy_versions').execute();
}
