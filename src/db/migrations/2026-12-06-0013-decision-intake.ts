import { type Kysely, sql } from 'kysely';

/**
 * 互认决定书 (issue 13 item 7): a recognition decision signed as a credential, and the outcome each target
 * department records when the holder presents it. One outcome per decision × department; a later change replaces
 * it and is audited with both (audit_log), so the table holds the current answer only. `rules` are the decision's
 * exemptions towards that department, kept so 跟踪分析 counts per rule without re-reading the decision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('decision_credentials')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('decision_id', 'uuid', (c) => c.notNull().references('recognition_decisions.id'))
    .addColumn('kid', 'text', (c) => c.notNull())
    // The basis certificates' credential ids the decision credential names: a new one of them needs a new credential.
    .addColumn('basis', 'jsonb', (c) => c.notNull())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('jws', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
    .addColumn('valid_until', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('decision_credentials_decision_idx')
    .on('decision_credentials')
    .column('decision_id')
    .execute();

  await db.schema
    .createTable('decision_intakes')
    .addColumn('decision_id', 'uuid', (c) => c.notNull().references('recognition_decisions.id'))
    .addColumn('department', 'text', (c) => c.notNull())
    // The province the department took the decision in: the decision's region, else the recorder's province.
    .addColumn('region', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('rules', 'jsonb', (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('decision_intakes_pk', ['decision_id', 'department'])
    .addCheckConstraint('decision_intakes_outcome_check', sql`outcome in ('accepted', 'refused')`)
    .execute();
  await db.schema
    .createIndex('decision_intakes_recorded_idx')
    .on('decision_intakes')
    .column('recorded_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('decision_intakes').execute();
  await db.schema.dropTable('decision_credentials').execute();
}
