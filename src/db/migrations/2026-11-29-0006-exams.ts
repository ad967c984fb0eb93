import { type Kysely, sql } from 'kysely';

/**
 * Skill-level evaluation, part 1 (issue 6): filed evaluation institutions (遴选备案) with their sites and filed scope,
 * exam plans (认定计划, single-institution or joint across provinces) with sittings, registrations (报名) and the
 * event stream the exam and supervision issues consume.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('institutions')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('credit_code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('filing_level', 'text', (c) => c.notNull())
    .addColumn('national_code', 'text', (c) => c.notNull())
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('site_code', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('institutions_kind_check', sql`kind in ('Y', 'S')`)
    .addCheckConstraint('institutions_filing_level_check', sql`filing_level in ('national', 'provincial')`)
    .addCheckConstraint('institutions_status_check', sql`status in ('active', 'suspended', 'revoked')`)
    .addCheckConstraint('institutions_validity_check', sql`valid_until >= valid_from`)
    .execute();
  await db.schema.createIndex('institutions_province_idx').on('institutions').column('province').execute();

  await db.schema
    .createTable('institution_sites')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('institution_sites_institution_idx')
    .on('institution_sites')
    .column('institution_id')
    .execute();

  await db.schema
    .createTable('institution_scopes')
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('occupation', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('institution_scopes_pk', ['institution_id', 'occupation', 'level'])
    .execute();
  await db.schema
    .createIndex('institution_scopes_lookup_idx')
    .on('institution_scopes')
    .columns(['occupation', 'level'])
    .execute();

  await db.schema
    .createTable('exam_plans')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('occupation', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('lead_province', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('subjects', 'jsonb', (c) => c.notNull())
    .addColumn('registration_opens', 'date', (c) => c.notNull())
    .addColumn('registration_closes', 'date', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('approved_by', 'text')
    .addColumn('approved_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('exam_plans_kind_check', sql`kind in ('single', 'joint')`)
    .addCheckConstraint(
      'exam_plans_status_check',
      sql`status in ('draft', 'approved', 'closed', 'cancelled')`,
    )
    .execute();

  await db.schema
    .createTable('exam_plan_institutions')
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('province', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('exam_plan_institutions_pk', ['plan_id', 'institution_id'])
    .execute();
  await db.schema
    .createIndex('exam_plan_institutions_institution_idx')
    .on('exam_plan_institutions')
    .column('institution_id')
    .execute();

  await db.schema
    .createTable('exam_sittings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('site_id', 'uuid', (c) => c.notNull().references('institution_sites.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('booked', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // The capacity guard of last resort: a registration that would overbook fails here even if a check is missed.
    .addCheckConstraint('exam_sittings_booked_check', sql`booked >= 0 and booked <= capacity`)
    .addCheckConstraint('exam_sittings_time_check', sql`ends_at > starts_at`)
    .execute();
  await db.schema.createIndex('exam_sittings_plan_idx').on('exam_sittings').column('plan_id').execute();

  await db.schema
    .createTable('registration_batches')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('registered', 'integer', (c) => c.notNull())
    .addColumn('invalid', 'integer', (c) => c.notNull())
    .addColumn('errors', 'jsonb', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exam_registrations')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('sitting_id', 'uuid', (c) => c.notNull().references('exam_sittings.id'))
    .addColumn('institution_id', 'uuid', (c) => c.notNull().references('institutions.id'))
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('holder_id', 'uuid', (c) => c.notNull().references('holders.id'))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('batch_id', 'uuid', (c) => c.references('registration_batches.id'))
    .addColumn('declared', 'jsonb', (c) => c.notNull())
    .addColumn('commitment', 'jsonb', (c) => c.notNull())
    .addColumn('eligibility', 'jsonb', (c) => c.notNull())
    .addColumn('decision_id', 'uuid', (c) => c.references('recognition_decisions.id'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('cancelled_by', 'text')
    .addColumn('cancelled_at', 'timestamptz')
    .addCheckConstraint('exam_registrations_status_check', sql`status in ('registered', 'cancelled')`)
    .addCheckConstraint('exam_registrations_channel_check', sql`channel in ('self', 'batch')`)
    .execute();
  await sql`create unique index exam_registrations_once_idx on exam_registrations (plan_id, holder_id)
    where status = 'registered'`.execute(db);
  await db.schema
    .createIndex('exam_registrations_holder_idx')
    .on('exam_registrations')
    .columns(['holder_id', 'starts_at'])
    .execute();
  await db.schema
    .createIndex('exam_registrations_sitting_idx')
    .on('exam_registrations')
    .column('sitting_id')
    .execute();

  await db.schema
    .createTable('exam_events')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('institution_id', 'uuid')
    .addColumn('plan_id', 'uuid')
    .addColumn('province', 'text')
    .addColumn('subject_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('exam_events_plan_idx').on('exam_events').columns(['plan_id', 'id']).execute();
  await db.schema
    .createIndex('exam_events_institution_idx')
    .on('exam_events')
    .columns(['institution_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'exam_events',
    'exam_registrations',
    'registration_batches',
    'exam_sittings',
    'exam_plan_institutions',
    'exam_plans',
    'institution_scopes',
    'institution_sites',
    'institutions',
  ])
    await db.schema.dropTable(table).execute();
}
