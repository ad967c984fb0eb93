import { type Kysely, sql } from 'kysely';

/**
 * Registry: data keys, holders (ID numbers sealed + blind index), certificates (numbers that embed an ID number
 * sealed too), per-certificate history, import jobs and their row errors.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('data_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('wrapped', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('retired_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('holders')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('id_type', 'text', (c) => c.notNull())
    .addColumn('id_index', 'text', (c) => c.notNull().unique())
    .addColumn('id_cipher', 'text', (c) => c.notNull())
    .addColumn('id_masked', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('holders_name_idx').on('holders').column('name').execute();

  await db.schema
    .createTable('certificates')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('department', 'text', (c) => c.notNull())
    .addColumn('number', 'text')
    .addColumn('number_index', 'text', (c) => c.notNull())
    .addColumn('number_cipher', 'text')
    .addColumn('number_masked', 'text', (c) => c.notNull())
    .addColumn('holder_id', 'uuid', (c) => c.notNull().references('holders.id'))
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_until', 'date')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issuer_region', 'text', (c) => c.notNull())
    .addColumn('issuer_org', 'text', (c) => c.notNull())
    .addColumn('issuer_org_code', 'text')
    .addColumn('occupation', 'text')
    .addColumn('level', 'text')
    .addColumn('import_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('certificates_type_number_key', ['type', 'number_index'])
    .addCheckConstraint('certificates_status_check', sql`status in ('valid','suspended','revoked')`)
    .addCheckConstraint('certificates_dates_check', sql`valid_until is null or valid_until >= valid_from`)
    .execute();
  await db.schema.createIndex('certificates_holder_idx').on('certificates').column('holder_id').execute();
  await db.schema
    .createIndex('certificates_updated_idx')
    .on('certificates')
    .columns(['updated_at', 'id'])
    .execute();
  await db.schema
    .createIndex('certificates_dept_idx')
    .on('certificates')
    .columns(['department', 'issuer_region'])
    .execute();
  await db.schema.createIndex('certificates_until_idx').on('certificates').column('valid_until').execute();

  await db.schema
    .createTable('certificate_history')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('certificate_id', 'uuid', (c) => c.notNull().references('certificates.id'))
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('request_id', 'text')
    .addColumn('import_id', 'uuid')
    .execute();
  await db.schema
    .createIndex('certificate_history_cert_idx')
    .on('certificate_history')
    .columns(['certificate_id', 'id'])
    .execute();

  await db.schema
    .createTable('imports')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('filename', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('accept_valid', 'boolean', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('worker', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('finished_at', 'timestamptz')
    .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invalid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .execute();

  await db.schema
    .createTable('import_errors')
    .addColumn('import_id', 'uuid', (c) => c.notNull().references('imports.id').onDelete('cascade'))
    .addColumn('row', 'integer', (c) => c.notNull())
    .addColumn('column', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('import_errors_idx')
    .on('import_errors')
    .columns(['import_id', 'row'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'import_errors',
    'imports',
    'certificate_history',
    'certificates',
    'holders',
    'data_keys',
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
