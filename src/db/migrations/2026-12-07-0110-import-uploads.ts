import { type Kysely, sql } from 'kysely';

/**
 * Imports as jobs (issue 16 §2): the upload, sealed as it streamed in, is kept in the database in chunks until its
 * job ends, so any worker on any machine can run it and a queued import survives a restart. The bytes are the
 * sealed stream (AES-256-GCM or SM4 under the keyring), never the department's file in clear.
 *
 * Imports of the previous version still queued or running had their upload on one process's disk: they cannot run
 * as jobs and are closed here as interrupted (their staged rows are swept at start, as before).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table import_uploads (
    import_id uuid not null references imports (id) on delete cascade,
    seq int not null,
    chunk bytea not null,
    primary key (import_id, seq)
  )`.execute(db);
  await sql`update imports set status = 'failed', finished_at = now(),
    message = 'interrupted: the process stopped before the import committed; nothing was written'
    where status in ('queued', 'running')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table import_uploads`.execute(db);
}
