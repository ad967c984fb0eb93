/**
 * One import benchmark run, in its own process so its peak RSS is its own: Hutong's import of the generated file,
 * then the anchor — a raw COPY of the very rows it produced into a copy of the certificates table with the same
 * indexes, on the same engine. Prints one JSON line.
 *
 *   node --import tsx bench/import-child.ts <file.csv> <pglite|postgres-url>
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type { Principal } from '../src/accounts/accounts.model.ts';
import { loadCatalog } from '../src/catalog/catalog.load.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase, pgliteParsers } from '../src/db/database.ts';
import { openKeyring } from '../src/protection/protection.service.ts';
import { createImportJob, executeImportJob } from '../src/registry/import/import.service.ts';
import { systemClock } from '../src/shared/clock.ts';

const [file, target] = process.argv.slice(2);
if (!file || !target) throw new Error('usage: import-child.ts FILE pglite|URL');

const operator: Principal = {
  via: 'session',
  userId: null,
  username: 'bench',
  role: 'system-admin',
  department: null,
  province: null,
  institution: null,
  holderId: null,
};

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-bench-import-'));
  let pglite: PGlite | undefined;
  let dbName: string | undefined;
  let url: string | undefined;
  if (target === 'pglite') {
    pglite = await PGlite.create(path.join(tmp, 'pgdata'), { parsers: pgliteParsers });
  } else {
    dbName = `hutong_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: target as string });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
    const u = new URL(target as string);
    u.pathname = `/${dbName}`;
    url = u.toString();
  }
  const handle = await openDatabase(pglite ? { pglite } : { databaseUrl: url });
  await migrateToLatest(handle.db);
  const keyring = await openKeyring(handle.db, randomBytes(32), 0);
  const deps = {
    db: handle.db,
    catalog: loadCatalog(loadConfig({}).catalogDir),
    keyring,
    clock: systemClock,
    bulk: handle.bulk,
  };
  const request = { filePath: file as string, filename: path.basename(file as string), acceptValid: false };
  const id = await createImportJob(deps, operator, request);
  const ctx = { actorId: null, actorLabel: 'bench', requestId: null, at: new Date() };
  const t0 = performance.now();
  const outcome = await executeImportJob(deps, ctx, operator, id, request);
  const importSeconds = (performance.now() - t0) / 1000;
  const importRssMb = process.resourceUsage().maxRSS / 1024;
  if (outcome.status !== 'succeeded') throw new Error(`import failed: ${outcome.message}`);

  // The anchor: COPY the same certificate rows into a table with the same columns, constraints and indexes.
  const rowsFile = path.join(tmp, 'rows.csv');
  let copySeconds: number;
  const createCopy = 'create table certificates_copy (like certificates including all)';
  if (pglite) {
    const dump = await pglite.query("copy certificates to '/dev/blob' with (format csv)");
    await pglite.exec(createCopy);
    const blob = dump.blob as Blob;
    const t1 = performance.now();
    await pglite.query("copy certificates_copy from '/dev/blob' with (format csv)", [], { blob });
    copySeconds = (performance.now() - t1) / 1000;
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await pipeline(
      client.query(copyTo('copy certificates to stdout with (format csv)')),
      fs.createWriteStream(rowsFile),
    );
    await client.query(createCopy);
    const t1 = performance.now();
    await pipeline(
      fs.createReadStream(rowsFile),
      client.query(copyFrom('copy certificates_copy from stdin with (format csv)')),
    );
    copySeconds = (performance.now() - t1) / 1000;
    await client.end();
  }
  keyring.close();
  await handle.close();
  if (dbName) {
    const admin = new pg.Client({ connectionString: target as string });
    await admin.connect();
    await admin.query(`drop database if exists ${dbName} with (force)`);
    await admin.end();
  }
  fs.rmSync(tmp, { recursive: true, force: true });
  process.stdout.write(
    `${JSON.stringify({ rows: outcome.total, created: outcome.created, importSeconds, copySeconds, importRssMb })}\n`,
  );
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
