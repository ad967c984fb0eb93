import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';

export const DATE_OID = 1082;
export const INT8_OID = 20;

// `date` columns stay `YYYY-MM-DD` strings on both engines (stack-notes.md); int8 (counts, positions) as numbers,
// which is exact up to 2^53. database.ts sets the same parsers on `pg`.
export const pgliteParsers = { [DATE_OID]: (v: string) => v, [INT8_OID]: (v: string) => Number(v) };

/**
 * The embedded PostgreSQL in `dataDir` (in memory without one). Kept apart from database.ts, which loads Kysely and
 * `pg`, so the server's entry can start it before the rest of the server loads (server.ts).
 */
export async function createPglite(dataDir?: string): Promise<PGlite> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  // shared_buffers: PGlite's default 128 MB is most of the server's RSS (issue 16 §6: < 500 MB); the operating
  // system's page cache keeps the data files anyway, so 32 MB costs lookups little and saves ~100 MB.
  return PGlite.create(dataDir, { parsers: pgliteParsers, postgresqlconf: ['shared_buffers=32MB'] });
}

/** The embedded database lives in `<data dir>/pgdata`; the data dir also holds keys and the demo account list. */
export function pgliteDir(dataDir: string): string {
  return path.join(dataDir, 'pgdata');
}
