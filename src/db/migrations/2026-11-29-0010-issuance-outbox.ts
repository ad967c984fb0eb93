import { type Kysely, sql } from 'kysely';

/**
 * 一试多证 pushed to the department that issues the qualification certificate itself (issue 7 §5): a linked
 * source may name an issuance endpoint (URL + shared secret, the secret sealed like personal data), and issuance
 * writes an `issuance_requests` row in its own transaction — the outbox — which a worker then delivers. The
 * request body carries the candidate's name and ID number (the department needs them to issue), so it is sealed;
 * `last_error` holds only status codes and error kinds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sources')
    .addColumn('issuance_url', 'text')
    .addColumn('issuance_secret_cipher', 'text')
    .execute();
  await db.schema
    .alterTable('sources')
    .addCheckConstraint(
      'sources_issuance_check',
      sql`(issuance_url is null) = (issuance_secret_cipher is null) and (issuance_url is null or kind = 'linked')`,
    )
    .execute();

  await db.schema
    .createTable('issuance_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('source_id', 'text', (c) => c.notNull().references('sources.id'))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('exam_registrations.id'))
    .addColumn('certificate_type', 'text', (c) => c.notNull())
    // The issuing institution's province: a provincial department admin sees its province's requests.
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('body_cipher', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('reference', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('issuance_requests_status_check', sql`status in ('pending', 'delivered', 'failed')`)
    .addCheckConstraint(
      'issuance_requests_pending_check',
      sql`status <> 'pending' or next_attempt_at is not null`,
    )
    // One request per registration and certificate type: issuing twice can never ask the department twice.
    .addUniqueConstraint('issuance_requests_once', ['registration_id', 'certificate_type'])
    .execute();
  await sql`create index issuance_requests_due_idx on issuance_requests (next_attempt_at)
    where status = 'pending'`.execute(db);
  await db.schema
    .createIndex('issuance_requests_created_idx')
    .on('issuance_requests')
    .columns(['created_at', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('issuance_requests').execute();
  await db.schema.alterTable('sources').dropConstraint('sources_issuance_check').execute();
  await db.schema
    .alterTable('sources')
    .dropColumn('issuance_url')
    .dropColumn('issuance_secret_cipher')
    .execute();
}
