import { type Kysely, sql } from 'kysely';

/**
 * Skill-level evaluation, part 2 (issue 7): the unified question bank (versioned items under review, enemy sets),
 * assembled papers that pin item versions, computer-based attempts with every answer logged with its time, staff
 * assignments, practical scores per examiner, results with publicity and appeal windows, certificate number
 * sequences, and the sealed per-plan archive chain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bank_items')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('occupation', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('knowledge_point', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('province', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'bank_items_type_check',
      sql`type in ('single', 'multiple', 'true-false', 'practical')`,
    )
    .addCheckConstraint('bank_items_status_check', sql`status in ('draft', 'reviewed', 'active', 'retired')`)
    .execute();
  await db.schema
    .createIndex('bank_items_lookup_idx')
    .on('bank_items')
    .columns(['occupation', 'level', 'status', 'knowledge_point'])
    .execute();

  await db.schema
    .createTable('bank_item_versions')
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('bank_items.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('stem', 'text', (c) => c.notNull())
    .addColumn('options', 'jsonb', (c) => c.notNull())
    .addColumn('answer', 'jsonb', (c) => c.notNull())
    .addColumn('rubric', 'jsonb')
    .addColumn('score', 'numeric', (c) => c.notNull())
    .addColumn('difficulty', 'numeric', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('bank_item_versions_pk', ['item_id', 'version'])
    .execute();

  await db.schema
    .createTable('bank_enemy_sets')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('bank_enemy_members')
    .addColumn('set_id', 'uuid', (c) => c.notNull().references('bank_enemy_sets.id'))
    .addColumn('item_id', 'uuid', (c) => c.notNull().references('bank_items.id'))
    .addPrimaryKeyConstraint('bank_enemy_members_pk', ['set_id', 'item_id'])
    .execute();

  await db.schema
    .createTable('papers')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('blueprint', 'jsonb', (c) => c.notNull())
    .addColumn('total_score', 'numeric', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('papers_plan_form_key', ['plan_id', 'subject', 'form'])
    .addCheckConstraint('papers_status_check', sql`status in ('assembled', 'locked')`)
    .execute();
  await db.schema
    .createTable('paper_items')
    .addColumn('paper_id', 'uuid', (c) => c.notNull().references('papers.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('score', 'numeric', (c) => c.notNull())
    .addPrimaryKeyConstraint('paper_items_pk', ['paper_id', 'position'])
    .addForeignKeyConstraint('paper_items_version_fk', ['item_id', 'version'], 'bank_item_versions', [
      'item_id',
      'version',
    ])
    .execute();
  await db.schema.createIndex('paper_items_item_idx').on('paper_items').column('item_id').execute();

  await db.schema
    .createTable('exam_staff')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('sitting_id', 'uuid', (c) => c.notNull().references('exam_sittings.id'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('employer', 'text', (c) => c.notNull())
    .addColumn('user_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('exam_staff_role_check', sql`role in ('invigilator', 'examiner', 'reviewer')`)
    .execute();

  await db.schema
    .createTable('exam_attempts')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('registration_id', 'uuid', (c) => c.notNull().unique().references('exam_registrations.id'))
    .addColumn('paper_id', 'uuid', (c) => c.notNull().references('papers.id'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline_at', 'timestamptz', (c) => c.notNull())
    .addColumn('submitted_at', 'timestamptz')
    .addColumn('score', 'numeric')
    .addCheckConstraint('exam_attempts_status_check', sql`status in ('in-progress', 'submitted')`)
    .execute();
  await db.schema
    .createTable('exam_answers')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('attempt_id', 'uuid', (c) => c.notNull().references('exam_attempts.id'))
    .addColumn('item_id', 'uuid', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('exam_answers_attempt_idx')
    .on('exam_answers')
    .columns(['attempt_id', 'item_id', 'id'])
    .execute();

  await db.schema
    .createTable('practical_scores')
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('exam_registrations.id'))
    .addColumn('staff_id', 'uuid', (c) => c.notNull().references('exam_staff.id'))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('criteria', 'jsonb', (c) => c.notNull())
    .addColumn('total', 'numeric', (c) => c.notNull())
    .addColumn('scored_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('practical_scores_pk', ['registration_id', 'staff_id', 'subject'])
    .execute();

  await db.schema
    .createTable('exam_results')
    .addColumn('registration_id', 'uuid', (c) => c.primaryKey().references('exam_registrations.id'))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('scores', 'jsonb', (c) => c.notNull())
    .addColumn('passed', 'boolean', (c) => c.notNull())
    .addColumn('flags', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addColumn('publicity_until', 'timestamptz')
    .addColumn('appeal_until', 'timestamptz')
    .addColumn('certificate_id', 'uuid')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'exam_results_status_check',
      sql`status in ('computed', 'published', 'appealed', 'final', 'issued')`,
    )
    .execute();

  await db.schema
    .createTable('certificate_sequences')
    .addColumn('prefix', 'text', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('archive_records')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('registration_id', 'uuid')
    .addColumn('retention_class', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('sealed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('purged_at', 'timestamptz')
    .addUniqueConstraint('archive_records_position_key', ['plan_id', 'position'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'archive_records',
    'certificate_sequences',
    'exam_results',
    'practical_scores',
    'exam_answers',
    'exam_attempts',
    'exam_staff',
    'paper_items',
    'papers',
    'bank_enemy_members',
    'bank_enemy_sets',
    'bank_item_versions',
    'bank_items',
  ])
    await db.schema.dropTable(table).execute();
}
