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
import type { Kysely } from 'kysely';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { loadCatalog } from '../src/catalog/catalog.load.ts';
import { loadConfig } from '../src/config.ts';
import { migrateToLatest, openDatabase, pgliteParsers } from '../src/db/database.ts';
import type { Database } from '../src/db/schema.ts';
import { openKeyring } from '../src/protection/protection.service.ts';
import { createImportJob, executeImportJob } from '../src/registry/import/import.service.ts';
import { systemClock } from '../src/shared/clock.ts';
import { benchAdmin } from './simulation-draft.ts';

const [file, target] = process.argv.slice(2);
if (!file || !target) throw new Error('usage: import-child.ts FILE pglite|URL');

const operator = benchAdmin;

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
  // Other requests meanwhile (issue 17 §7): a certificate lookup by number every 10 ms, idle first (the anchor),
  // then during the import; each waits for the session like a request does.
  const idle = await probe(handle.db, 2_000);
  const during = probe(handle.db);
  const t0 = performance.now();
  const outcome = await executeImportJob(deps, ctx, operator, id, request);
  const importSeconds = (performance.now() - t0) / 1000;
  const waits = await during.stop();
  const importRssMb = process.resourceUsage().maxRSS / 1024;
  if (outcome.status !== 'succeeded') throw new Error(`import failed: ${outcome.message}`);

  // The anchor: COPY the same certificate rows into a table with the same columns, constraints and indexes.
  const rowsFile = path.join(tmp, 'rows.csv');
  let copySeconds: number;
  const createCopy = 'create table certificates_copy (like certificate_rows including all)';
  if (pglite) {
    const dump = await pglite.query("copy certificate_rows to '/dev/blob' with (format csv)");
    await pglite.exec(createCopy);
    const blob = dump.blob as Blob;
    const t1 = performance.now();
    await pglite.query("copy certificates_copy from '/dev/blob' with (format csv)", [], { blob });
    copySeconds = (performance.now() - t1) / 1000;
  } else {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await pipeline(
      client.query(copyTo('copy certificate_rows to stdout with (format csv)')),
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
    `${JSON.stringify({
      rows: outcome.total,
      created: outcome.created,
      importSeconds,
      copySeconds,
      importRssMb,
      idleP99Ms: percentile(idle, 0.99),
      duringP99Ms: percentile(waits, 0.99),
      duringMaxMs: Math.max(...waits),
      probes: waits.length,
    })}\n`,
  );
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

/** Latencies of a lookup issued every 10 ms: for `ms`, or until `stop()`. */
function probe(db: Kysely<Database>, ms: number): Promise<number[]>;
function probe(db: Kysely<Database>): { stop(): Promise<number[]> };
function probe(db: Kysely<Database>, ms?: number) {
  const latencies: number[] = [];
  let running = true;
  let n = 0;
  const loop = (async () => {
    const until = ms === undefined ? Number.POSITIVE_INFINITY : performance.now() + ms;
    while (running && performance.now() < until) {
      const t = performance.now();
      await db
        .selectFrom('certificates')
        .select('id')
        .where('type', '=', 'mem.lv-electrician')
        .where('number_index', '=', `probe-${n++}`)
        .executeTakeFirst();
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
    return latencies;
  })();
  if (ms !== undefined) return loop;
  return {
    stop: async () => {
      running = false;
      return loop;
    },
  };
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
