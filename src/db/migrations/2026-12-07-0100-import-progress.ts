import { type Kysely, sql } from 'kysely';

/**
 * An import's live progress in its row (issue 16 §1, §4): with several API processes behind one port, the status
 * request may reach a process other than the one running the import, so progress cannot live in that process's
 * memory. Written at most once a second while the import runs; cleared when it ends.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports add column progress jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table imports drop column progress`.execute(db);
}
