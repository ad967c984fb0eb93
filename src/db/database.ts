import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, type MigrationResultSet, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { migrations } from './migrations/index.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  close(): Promise<void>;
}

const DATE_OID = 1082;
const INT8_OID = 20;

// `date` columns stay `YYYY-MM-DD` strings on both engines (stack-notes.md); int8 (counts, positions) as numbers,
// which is exact up to 2^53.
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));
export const pgliteParsers = { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) };

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** An already-created PGlite (tests load one from a migrated snapshot). */
  pglite?: PGlite;
  poolSize?: number;
}

/** PostgreSQL through `pg` when a URL is given, otherwise embedded PGlite in `dataDir` (or in memory). */
export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  let pglite = options.pglite;
  if (!pglite) {
    if (options.dataDir) fs.mkdirSync(path.dirname(options.dataDir), { recursive: true });
    pglite = await PGlite.create(options.dataDir, { parsers: pgliteParsers });
  }
  const owned = pglite;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(owned) });
  return {
    db,
    engine: 'pglite',
    close: async () => {
      await db.destroy();
      if (!owned.closed) await owned.close();
    },
  };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
