import { type Kysely, sql } from 'kysely';

/**
 * 国密 profile (issue 18): the crypto profile chosen at install (`international` or `gm`), one row, written by the
 * keyring on first start (an install that already has data keys is `international`). `migration` holds the state
 * of a running `hutong keys migrate` (target profile, progress), null otherwise.
 *
 * The audit log and the archive chains name the hash of each link (`hash_alg`): links made before a switch keep
 * theirs, so the chain verifies across it. Rows that predate this migration are SHA-256.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('crypto_profile')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('profile', 'text', (c) => c.notNull().check(sql`profile in ('international', 'gm')`))
    .addColumn('chosen_at', 'timestamptz', (c) => c.notNull())
    // The blind indexes' profile when it differs from `profile` (an install migrated by `hutong keys migrate`).
    .addColumn('index_profile', 'text', (c) => c.check(sql`index_profile in ('international', 'gm')`))
    .addColumn('migration', 'jsonb')
    .execute();
  await db.schema
    .alterTable('audit_log')
    .addColumn('hash_alg', 'text', (c) => c.notNull().defaultTo('sha256'))
    .execute();
  await db.schema
    .alterTable('archive_records')
    .addColumn('hash_alg', 'text', (c) => c.notNull().defaultTo('sha256'))
    .execute();
  await db.schema
    .alterTable('credentials')
    .addColumn('sm2_protected', 'text')
    .addColumn('sm2_signature', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('credentials').dropColumn('sm2_signature').dropColumn('sm2_protected').execute();
  await db.schema.alterTable('archive_records').dropColumn('hash_alg').execute();
  await db.schema.alterTable('audit_log').dropColumn('hash_alg').execute();
  await db.schema.dropTable('crypto_profile').execute();
}
