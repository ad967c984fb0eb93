import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { projectRoot } from '../config.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase, pgliteParsers } from '../db/database.ts';

/**
 * A fresh, migrated database for one test file: a new PostgreSQL database when DATABASE_URL is set, otherwise an
 * in-memory PGlite loaded from a snapshot of the migrated schema (creating PGlite from scratch takes ~6 s, loading
 * a dump ~1 s; stack-notes.md). The snapshot is keyed by the migrations' content, so a new migration makes a new one.
 */
export async function createTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.DATABASE_URL;
  return url ? createPostgresDatabase(url) : createPgliteDatabase();
}

async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server of `adminUrl`: its URL, and a function that drops it. */
export async function createScratchPostgres(adminUrl: string, prefix = 'hutong_t') {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

/**
 * SQL on the store a child process (the CLI) uses: the scratch PostgreSQL database, or the PGlite data directory
 * (open it only while no process holds it).
 */
export async function queryStore<R>(
  store: { url?: string | undefined; pgliteDir: string },
  statement: string,
): Promise<R[]> {
  if (store.url) {
    const client = new pg.Client({ connectionString: store.url });
    await client.connect();
    try {
      return (await client.query(statement)).rows as R[];
    } finally {
      await client.end();
    }
  }
  const db = await PGlite.create(store.pgliteDir);
  try {
    const results = await db.exec(statement);
    return (results.at(-1)?.rows ?? []) as R[];
  } finally {
    await db.close();
  }
}

async function createPostgresDatabase(adminUrl: string): Promise<DatabaseHandle> {
  const scratch = await createScratchPostgres(adminUrl);
  const handle = await openDatabase({ databaseUrl: scratch.url, poolSize: 12 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await scratch.drop();
    },
  };
}

function migrationsKey(): string {
  const dir = path.join(projectRoot, 'src', 'db', 'migrations');
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(dir).sort())
    hash.update(file).update(fs.readFileSync(path.join(dir, file)));
  return hash.digest('hex').slice(0, 16);
}

export function pgliteSnapshotPath(): string {
  return path.join(projectRoot, '.test-tmp', `pglite-${migrationsKey()}.tar.gz`);
}

/** Creates the migrated snapshot once; the test runner calls this before starting test files in parallel. */
export async function ensurePgliteSnapshot(): Promise<string> {
  const file = pgliteSnapshotPath();
  if (fs.existsSync(file)) return file;
  const pglite = await PGlite.create({ parsers: pgliteParsers });
  const handle = await openDatabase({ pglite });
  await migrateToLatest(handle.db);
  const blob = await pglite.dumpDataDir('gzip');
  await handle.close();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  fs.renameSync(tmp, file);
  return file;
}

async function createPgliteDatabase(): Promise<DatabaseHandle> {
  const file = await ensurePgliteSnapshot();
  const pglite = await PGlite.create({
    loadDataDir: new Blob([fs.readFileSync(file)]),
    parsers: pgliteParsers,
  });
  const handle = await openDatabase({ pglite });
  // Migrating again is a no-op on an up-to-date snapshot and keeps a stale one honest.
  await migrateToLatest(handle.db);
  return handle;
}
