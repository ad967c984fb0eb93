import { type Kysely, sql } from 'kysely';

/**
 * Ticket attachments in the database (issue 14 §2), as the other uploads are (`warning_attachments.content`): the
 * file sealed by the keyring (`content_cipher`), so a backup carries it and a restore brings it back with its row.
 * `path` stays for files written before this migration, which the start-up sweep moves in
 * (src/tickets/tickets.attachments-sweep.ts); new rows have none.
 *
 * `tickets.due_provisional`: the deadline reaches a year whose holiday arrangement the calendar did not hold when
 * it was computed (src/tickets/tickets.calendar.ts `deadlineAfter`), so it counted weekends only there.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table ticket_attachments add column content_cipher text, alter column path drop not null`.execute(
    db,
  );
  await sql`alter table tickets add column due_provisional boolean not null default false`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table tickets drop column due_provisional`.execute(db);
  await sql`delete from ticket_attachments where path is null`.execute(db);
  await sql`alter table ticket_attachments drop column content_cipher, alter column path set not null`.execute(
    db,
  );
}
