import { type Kysely, sql } from 'kysely';

/**
 * An import whose process died while it ran is run again from its stored upload (issue 16 §1: "no piece of work
 * … is lost when a process dies mid-way"): the row keeps the job's data, so whoever finds it interrupted can queue
 * it again, and counts the runs, so a file that kills its process every time is not run forever.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports add column attempts int not null default 0, add column job_data jsonb`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports drop column attempts, drop column job_data`.execute(db);
}
