import { type Kysely, sql } from 'kysely';

/**
 * Quality supervision (issue 8): warnings raised by the rules in `supervision/rules.json`, their review workflow
 * (every transition a row, with the institution's attachments), and the cursor of the rule runner that tails
 * `exam_events`. Also the candidate's employer at registration (issue 7 §3: recusal "not from the candidate's
 * employer" needs it).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('exam_registrations').addColumn('employer', 'text').execute();

  await db.schema
    .createTable('warnings')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('rules_version', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // One warning per rule and subject: re-running the rules (each event, each plan close) never duplicates.
    .addColumn('fingerprint', 'text', (c) => c.notNull().unique())
    .addColumn('institution_id', 'uuid')
    .addColumn('plan_id', 'uuid')
    .addColumn('sitting_id', 'uuid')
    .addColumn('province', 'text')
    .addColumn('occupation', 'text')
    // Who reviews it: the province's supervisors first, national ones after an escalation.
    .addColumn('review_level', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('evidence', 'jsonb', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addCheckConstraint('warnings_severity_check', sql`severity in ('hard', 'high', 'medium', 'low')`)
    .addCheckConstraint(
      'warnings_status_check',
      sql`status in ('created', 'sent', 'answered', 'returned', 'escalated', 'sanction-proposed', 'closed')`,
    )
    .addCheckConstraint('warnings_level_check', sql`review_level in ('province', 'national')`)
    .execute();
  await db.schema
    .createIndex('warnings_status_idx')
    .on('warnings')
    .columns(['status', 'created_at'])
    .execute();
  await db.schema
    .createIndex('warnings_institution_idx')
    .on('warnings')
    .columns(['institution_id', 'created_at'])
    .execute();
  await db.schema.createIndex('warnings_plan_idx').on('warnings').columns(['plan_id']).execute();

  await db.schema
    .createTable('warning_actions')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('warning_id', 'uuid', (c) => c.notNull().references('warnings.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .execute();
  await db.schema
    .createIndex('warning_actions_warning_idx')
    .on('warning_actions')
    .columns(['warning_id', 'id'])
    .execute();

  await db.schema
    .createTable('warning_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('warning_id', 'uuid', (c) => c.notNull().references('warnings.id'))
    .addColumn('action_id', 'bigint', (c) => c.notNull().references('warning_actions.id'))
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('supervision_cursors')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('last_event_id', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['supervision_cursors', 'warning_attachments', 'warning_actions', 'warnings'])
    await db.schema.dropTable(table).ifExists().execute();
  await db.schema.alterTable('exam_registrations').dropColumn('employer').execute();
}
