import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely, type MigrationResultSet, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { migrations } from './migrations/index.ts';
import { createPglite, DATE_OID, INT8_OID } from './pglite.open.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import type { Database } from './schema.ts';

export type Engine = 'pglite' | 'postgres';

/** One database session for bulk work: a Kysely bound to it, and COPY of a CSV file into a table. */
export interface BulkSession {
  db: Kysely<Database>;
  copyCsv(table: string, columns: readonly string[], file: string): Promise<void>;
}
export type BulkRunner = <T>(fn: (session: BulkSession) => Promise<T>) => Promise<T>;

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** Runs `fn` on one dedicated session (a pooled client; PGlite's one session, held for the duration). */
  readonly bulk: BulkRunner;
  /**
   * A statement or several, without parameters, on the simple protocol (the job queue's own schema migration is
   * one multi-statement script; PGlite's `query()` takes one statement): the last statement's rows.
   */
  readonly script: ScriptRunner;
  close(): Promise<void>;
}

export type ScriptRunner = (text: string) => Promise<{ rows: unknown[] }>;

function lastResult<R extends { rows: unknown[] }>(result: R | R[]): { rows: unknown[] } {
  return Array.isArray(result) ? (result.at(-1) ?? { rows: [] }) : result;
}

const COPY_CHUNK_BYTES = 16 * 1024 * 1024;

/** PGlite COPY reads a blob: the file goes in chunks cut at line ends, so memory stays bounded. */
async function copyFileIntoPglite(pglite: PGlite, table: string, columns: readonly string[], file: string) {
  const statement = `copy ${table} (${columns.join(', ')}) from '/dev/blob' with (format csv)`;
  let pending = Buffer.alloc(0);
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    pending = Buffer.concat([pending, chunk as Buffer]);
    if (pending.length < COPY_CHUNK_BYTES) continue;
    const cut = pending.lastIndexOf(0x0a) + 1;
    if (cut <= 0) continue;
    await pglite.query(statement, [], { blob: new Blob([pending.subarray(0, cut)]) });
    pending = pending.subarray(cut);
  }
  if (pending.length > 0) await pglite.query(statement, [], { blob: new Blob([pending]) });
}

// `date` columns stay `YYYY-MM-DD` strings on both engines (stack-notes.md); int8 (counts, positions) as numbers,
// which is exact up to 2^53. PGlite gets the same (pglite.open.ts).
pg.types.setTypeParser(DATE_OID, (v: string) => v);
pg.types.setTypeParser(INT8_OID, (v: string) => Number(v));

export { pgliteParsers } from './pglite.open.ts';

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
    // An idle client whose server connection ends (a restart, a failover, an administrator's terminate) emits
    // 'error' on the pool; unheard, it would crash the process. The pool drops that client and opens another.
    pool.on('error', (error) => {
      process.stderr.write(`postgres: an idle connection failed and was dropped (${error.message})\n`);
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    const bulk: BulkRunner = async (fn) => {
      const client = await pool.connect();
      // A Kysely whose "pool" is this one client, so its transaction and the COPY share the session.
      const own = new Kysely<Database>({
        dialect: new PostgresDialect({
          pool: {
            connect: async () =>
              ({ query: client.query.bind(client), release: () => {} }) as unknown as pg.PoolClient,
            end: async () => {},
          },
        }),
      });
      try {
        return await fn({
          db: own,
          copyCsv: async (table, columns, file) => {
            const sink = client.query(
              copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`),
            );
            await pipeline(fs.createReadStream(file), sink);
          },
        });
      } finally {
        await own.destroy();
        client.release();
      }
    };
    const script: ScriptRunner = async (text) => lastResult(await pool.query(text));
    return { db, engine: 'postgres', bulk, script, close: () => db.destroy() };
  }
  const owned = options.pglite ?? (await createPglite(options.dataDir));
  const db = new Kysely<Database>({ dialect: new PGliteDialect(owned) });
  // db.connection() holds the dialect's mutex for the whole callback: PGlite's session is ours alone.
  const bulk: BulkRunner = (fn) =>
    db
      .connection()
      .execute((conn) =>
        fn({ db: conn, copyCsv: (table, columns, file) => copyFileIntoPglite(owned, table, columns, file) }),
      );
  const script: ScriptRunner = (text) =>
    db.connection().execute(async () => lastResult(await owned.exec(text)));
  return {
    db,
    engine: 'pglite',
    bulk,
    script,
    close: async () => {
      await db.destroy();
      if (!owned.closed) await owned.close();
    },
  };
}

export async function migrateToLatest(db: Kysely<Database>): Promise<MigrationResultSet> {
  // Every start checks the schema (issue 16 §6: start-up < 1.5 s). Kysely's migrator first introspects every table
  // and column to find its own two tables — on PGlite ~1 s of a ~3 s start. When every migration is recorded as
  // applied there is nothing to do, and two small queries say so; otherwise the migrator runs as before (and takes
  // its lock, so processes starting together still migrate once).
  if (await allApplied(db)) return { results: [] };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}

async function allApplied(db: Kysely<Database>): Promise<boolean> {
  const table = await sql<{ present: boolean }>`
    select to_regclass('kysely_migration') is not null as present`.execute(db);
  if (!table.rows[0]?.present) return false;
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  return Object.keys(migrations).every((name) => names.has(name));
}
