import { type Kysely, sql } from 'kysely';

/**
 * Issue 13: the departments own their rules. Department packs (特别规定) live in `policy_versions` beside the
 * provincial ones (policy id `dept-<department>[-<province>]`); a provincial draft touching another department's
 * certificates waits for that department's co-signature (会同): status `awaiting-cosign` and one row per department
 * in `policy_cosignatures`. Designations record "issued" and "not issued" (no row = unknown) and which rows are demo.
 * Decisions keep the department pack versions they were made under, for replay.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table policy_versions drop constraint policy_versions_status_check`.execute(db);
  await sql`alter table policy_versions add constraint policy_versions_status_check
    check (status in ('draft', 'awaiting-cosign', 'published'))`.execute(db);

  await db.schema
    .createTable('policy_cosignatures')
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    /** The draft's rows that concern the department, as submitted. */
    .addColumn('rows', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_cosignatures_pk', ['policy_id', 'version', 'department'])
    .addForeignKeyConstraint('policy_cosignatures_version_fk', ['policy_id', 'version'], 'policy_versions', [
      'policy_id',
      'version',
    ])
    .addCheckConstraint('policy_cosignatures_status_check', sql`status in ('pending', 'signed', 'rejected')`)
    .execute();

  await db.schema
    .alterTable('province_designations')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('issued'))
    .execute();
  await db.schema
    .alterTable('province_designations')
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema
    .alterTable('province_designations')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`alter table province_designations add constraint province_designations_status_check
    check (status in ('issued', 'not-issued'))`.execute(db);

  await db.schema.alterTable('recognition_decisions').addColumn('department_versions', 'jsonb').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('recognition_decisions').dropColumn('department_versions').execute();
  await sql`alter table province_designations drop constraint province_designations_status_check`.execute(db);
  for (const column of ['version', 'is_demo', 'status'])
    await db.schema.alterTable('province_designations').dropColumn(column).execute();
  await db.schema.dropTable('policy_cosignatures').execute();
  await sql`alter table policy_versions drop constraint policy_versions_status_check`.execute(db);
  await sql`alter table policy_versions add constraint policy_versions_status_check
    check (status in ('draft', 'published'))`.execute(db);
}
