import { type Kysely, sql } from 'kysely';

/**
 * 一试多证 issued by the department (issue 13 item 8): Hutong never numbers another department's certificate. For
 * the qualification half of an arrangement it records a request that the department decides — confirmed with the
 * department's own number (the certificate then enters the registry), refused with a reason, or `already-held` when
 * the candidate holds that qualification valid (renewal offered instead, no second certificate).
 *
 * The table is `qualification_requests` because `issuance_requests` is the outbox of 2026-11-29-0010 (what is pushed
 * to a department's endpoint); a pushed request points at its outbox row. The candidate is referenced by `holder_id`
 * only: name and sealed ID number stay in `holders`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('qualification_requests')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    // The issuing institution's province: a provincial department admin sees its province's requests.
    .addColumn('province', 'text', (c) => c.notNull())
    .addColumn('holder_id', 'uuid', (c) => c.notNull().references('holders.id'))
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('exam_registrations.id'))
    .addColumn('plan_id', 'uuid', (c) => c.notNull().references('exam_plans.id'))
    .addColumn('skill_certificate_id', 'uuid', (c) => c.notNull().references('certificates.id'))
    .addColumn('arrangement', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('existing_certificate_id', 'uuid', (c) => c.references('certificates.id'))
    .addColumn('outbox_request_id', 'uuid', (c) => c.references('issuance_requests.id'))
    .addColumn('certificate_id', 'uuid', (c) => c.references('certificates.id'))
    .addColumn('refusal_reason', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('decided_at', 'timestamptz')
    .addColumn('decided_by', 'text')
    .addCheckConstraint(
      'qualification_requests_status_check',
      sql`status in ('pending', 'issued', 'refused', 'already-held')`,
    )
    .addCheckConstraint(
      'qualification_requests_outcome_check',
      sql`(status <> 'issued' or certificate_id is not null)
        and (status <> 'refused' or refusal_reason is not null)
        and (status <> 'already-held' or existing_certificate_id is not null)
        and ((status = 'pending') = (decided_at is null))`,
    )
    // One request per registration and type: issuing twice never asks the department twice.
    .addUniqueConstraint('qualification_requests_once', ['registration_id', 'type'])
    .execute();
  await db.schema
    .createIndex('qualification_requests_queue_idx')
    .on('qualification_requests')
    .columns(['department', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('qualification_requests_holder_idx')
    .on('qualification_requests')
    .column('holder_id')
    .execute();
  await sql`create unique index qualification_requests_outbox_idx on qualification_requests (outbox_request_id)
    where outbox_request_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('qualification_requests').execute();
}
