import { type Kysely, sql } from 'kysely';

/**
 * The warning rules' runner holds a lease on its cursor (issue 16 §1): with several worker processes on one
 * database, one runs the rules at a time and another takes over when its lease lapses (a dead process) or is given
 * back (a stopped one).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table supervision_cursors add column lease_owner text, add column lease_until timestamptz`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table supervision_cursors drop column lease_owner, drop column lease_until`.execute(db);
}
