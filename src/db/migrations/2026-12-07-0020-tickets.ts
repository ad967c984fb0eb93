import { type Kysely, sql } from 'kysely';

/**
 * 回应关切 (issue 14): questions and complaints (咨询/投诉) from workers, routed to the office that answers them,
 * with a reply deadline in working days; the thread of each ticket; its attachments (sealed files on disk); the
 * notifications to the submitter (an outbox, delivered by SMTP when configured); and the FAQ published from replies.
 *
 * Personal data is sealed like ID numbers (`<keyId>.<iv|tag|ct>`): the contact (phone or e-mail, with a mask for
 * officials), every message body (workers write their names and numbers into them), attachment file names and the
 * outbox's recipient and body. The lookup code is stored only as a keyed hash (HMAC, the keyring's index key).
 * FAQ entries are public text, masked and confirmed by an official before they are published; their `tokens` are
 * the CJK unigrams and bigrams (and Latin/digit words) of the text, searched through a GIN index on both engines.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('ticket_sequences')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('last', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tickets')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('topic_kind', 'text', (c) => c.notNull())
    .addColumn('topic_ref', 'text', (c) => c.notNull())
    // {zh, en}: the type's, rule's, plan's or institution's public name, never personal data.
    .addColumn('topic_label', 'jsonb', (c) => c.notNull())
    // What statistics group by: the certificate type and the recognition rule the ticket is about, when known.
    .addColumn('certificate_type', 'text')
    .addColumn('rule', 'text')
    .addColumn('region', 'text', (c) => c.notNull())
    // The office answering it: a department, and a province (null = the department's national level).
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('office_province', 'text')
    .addColumn('routing_row', 'text', (c) => c.notNull())
    .addColumn('routing_version', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('escalated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('escalated_at', 'timestamptz')
    .addColumn('assignee_id', 'uuid', (c) => c.references('users.id'))
    .addColumn('holder_id', 'uuid', (c) => c.references('holders.id'))
    .addColumn('contact_kind', 'text')
    .addColumn('contact_cipher', 'text')
    .addColumn('contact_masked', 'text')
    .addColumn('faq_requested', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('rating', 'smallint')
    .addColumn('rating_comment_cipher', 'text')
    .addColumn('rated_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('first_replied_at', 'timestamptz')
    .addColumn('closed_at', 'timestamptz')
    .addCheckConstraint('tickets_kind_check', sql`kind in ('question', 'complaint')`)
    .addCheckConstraint(
      'tickets_topic_check',
      sql`topic_kind in ('certificate-type', 'rule', 'decision', 'registration', 'institution')`,
    )
    .addCheckConstraint('tickets_status_check', sql`status in ('open', 'awaiting-info', 'replied', 'closed')`)
    .addCheckConstraint(
      'tickets_contact_check',
      sql`(contact_kind is null) = (contact_cipher is null) and (contact_kind is null or contact_kind in ('phone', 'email'))
        and (holder_id is not null or contact_cipher is not null)`,
    )
    .addCheckConstraint('tickets_rating_check', sql`rating is null or rating between 1 and 5`)
    .execute();
  await db.schema
    .createIndex('tickets_office_idx')
    .on('tickets')
    .columns(['department', 'office_province', 'status', 'due_on'])
    .execute();
  await db.schema.createIndex('tickets_created_idx').on('tickets').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('tickets_holder_idx').on('tickets').column('holder_id').execute();
  await sql`create index tickets_due_idx on tickets (due_on) where status = 'open' and not escalated`.execute(
    db,
  );

  await db.schema
    .createTable('ticket_events')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.generatedAlwaysAsIdentity())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    // Shown to the submitter (the submission, replies, requests for information, the answers to them, closing).
    .addColumn('is_public', 'boolean', (c) => c.notNull())
    .addColumn('body_cipher', 'text')
    // Ids and offices only (never personal data): the office before and after a transfer, the assignee.
    .addColumn('details', 'jsonb')
    .execute();
  await db.schema
    .createIndex('ticket_events_ticket_idx')
    .on('ticket_events')
    .columns(['ticket_id', 'seq'])
    .execute();

  await db.schema
    .createTable('ticket_attachments')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('event_id', 'uuid', (c) => c.references('ticket_events.id'))
    .addColumn('filename_cipher', 'text', (c) => c.notNull())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    // Relative to the data directory: tickets/<ticket id>/<attachment id>.seal
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ticket_attachments_ticket_idx')
    .on('ticket_attachments')
    .column('ticket_id')
    .execute();

  await db.schema
    .createTable('ticket_outbox')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.notNull().references('tickets.id'))
    .addColumn('event_id', 'uuid', (c) => c.references('ticket_events.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('recipient_cipher', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body_cipher', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('last_error', 'text')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('ticket_outbox_channel_check', sql`channel in ('email', 'sms')`)
    .addCheckConstraint('ticket_outbox_status_check', sql`status in ('pending', 'sent', 'failed')`)
    .execute();
  await sql`create index ticket_outbox_due_idx on ticket_outbox (next_attempt_at) where status = 'pending'`.execute(
    db,
  );
  await db.schema.createIndex('ticket_outbox_ticket_idx').on('ticket_outbox').column('ticket_id').execute();

  await db.schema
    .createTable('faq_entries')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('ticket_id', 'uuid', (c) => c.references('tickets.id').unique())
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('certificate_type', 'text')
    .addColumn('region', 'text')
    .addColumn('rule', 'text')
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('tokens', sql`text[]`, (c) => c.notNull())
    .addColumn('question_tokens', sql`text[]`, (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index faq_entries_tokens_idx on faq_entries using gin (tokens)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('faq_entries').execute();
  await db.schema.dropTable('ticket_outbox').execute();
  await db.schema.dropTable('ticket_attachments').execute();
  await db.schema.dropTable('ticket_events').execute();
  await db.schema.dropTable('tickets').execute();
  await db.schema.dropTable('ticket_sequences').execute();
}
