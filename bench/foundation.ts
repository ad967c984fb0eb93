/**
 *  1. certificate-number check (catalog rules) vs a bare regex test of the same pattern
 *  2. audited write transactions (change + hash-chained audit row) vs the same write without audit
 *  3. HTTP catalog lookup vs the health route, autocannon, 32 connections
 *  4. start-up on an existing data directory (target < 3 s)
 */

import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { buildApp } from '../src/app.ts';
import { appendAudit } from '../src/audit/audit.store.ts';
import { checkCertificateNumber } from '../src/catalog/catalog.rules.ts';
import { loadConfig, projectRoot } from '../src/config.ts';
import { generateSigningKey } from '../src/credentials/keys.ts';
import { openKeyring } from '../src/protection/protection.service.ts';
import { systemClock } from '../src/shared/clock.ts';
import { testCatalog } from '../src/testing/app.ts';
import { createTestDatabase } from '../src/testing/database.ts';
import type { Figure } from './figures.ts';

const figures: Figure[] = [];

function opsPerSecond(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 10_000; i++) fn();
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 1000; i++) fn();
    n += 1000;
    now = performance.now();
  }
  return (n / (now - start)) * 1000;
}

function benchNumberCheck(): void {
  const catalog = testCatalog();
  const type = catalog.certificateTypesById.get('mem.lv-electrician');
  if (!type) throw new Error('catalog lacks mem.lv-electrician');
  const re = new RegExp(type.numberFormat.pattern, 'u');
  const numbers = [
    'T11010519491231002X',
    'T440524188001010014',
    'T34052419800101001X',
    'T370101190102039973',
  ];
  let i = 0;
  let sink = 0;
  const anchor = opsPerSecond(() => {
    if (re.test(numbers[i++ & 3] as string)) sink++;
  });
  const value = opsPerSecond(() => {
    if (checkCertificateNumber(type, numbers[i++ & 3] as string).ok) sink++;
  });
  if (sink === 0) throw new Error('no number passed');
  figures.push({
    name: 'MEM number check (regex + GB 11643 check digit)',
    value,
    unit: 'checks/s',
    anchor: { name: 'bare regex', value: anchor },
  });
}

/** The audit row a bench write appends, as a service's write does (one hash-chained link). */
function auditInsert(trx: Parameters<typeof appendAudit>[0], id: number) {
  return appendAudit(
    trx,
    { actorId: null, actorLabel: 'bench', requestId: null, at: new Date() },
    { action: 'bench.insert', targetType: 'bench', targetId: String(id), after: { v: 'x' } },
  );
}

async function benchAuditedWrites(): Promise<void> {
  const handle = await createTestDatabase();
  try {
    await sql`create table bench_items (id int primary key, v text)`.execute(handle.db);
    const n = 400;
    let t0 = performance.now();
    for (let i = 0; i < n; i++) {
      await handle.db.transaction().execute(async (trx) => {
        await sql`insert into bench_items values (${i}, 'x')`.execute(trx);
      });
    }
    const plain = (n / (performance.now() - t0)) * 1000;
    t0 = performance.now();
    for (let i = 0; i < n; i++) {
      await handle.db.transaction().execute(async (trx) => {
        await sql`insert into bench_items values (${n + i}, 'x')`.execute(trx);
        await auditInsert(trx, i);
      });
    }
    const audited = (n / (performance.now() - t0)) * 1000;
    figures.push({
      name: `audited write transaction (${handle.engine})`,
      value: audited,
      unit: 'tx/s',
      anchor: { name: 'same write without audit', value: plain },
    });
  } finally {
    await handle.close();
  }
}

/**
 * The audited-write ceiling (issue 16 §7): every audited write appends to one hash chain, so the chain's head is a
 * global lock. 16 clients write for 3 s each way on PostgreSQL (its own pool; the embedded store is one session,
 * so there is nothing concurrent to measure there); the anchor is the same writes without the audit row.
 */
export async function benchAuditCeiling(out: Figure[] = figures): Promise<void> {
  if (!process.env.DATABASE_URL) return;
  const handle = await createTestDatabase();
  try {
    await sql`create table bench_ceiling (id bigint primary key, v text)`.execute(handle.db);
    let next = 0;
    const run = async (audited: boolean): Promise<number> => {
      const until = performance.now() + 3000;
      let done = 0;
      await Promise.all(
        Array.from({ length: 16 }, async () => {
          while (performance.now() < until) {
            const id = next++;
            await handle.db.transaction().execute(async (trx) => {
              await sql`insert into bench_ceiling values (${id}, 'x')`.execute(trx);
              if (audited) await auditInsert(trx, id);
            });
            done += 1;
          }
        }),
      );
      return done / 3;
    };
    const plain = await run(false);
    const audited = await run(true);
    out.push({
      name: 'audited-write ceiling, 16 clients (postgres)',
      value: audited,
      unit: 'tx/s',
      anchor: { name: 'same writes without audit, 16 clients', value: plain },
    });
  } finally {
    await handle.close();
  }
}

async function benchHttp(): Promise<void> {
  const handle = await createTestDatabase();
  const app = await buildApp({
    config: loadConfig({ HUTONG_LOG_LEVEL: 'silent' }),
    db: handle.db,
    engine: handle.engine,
    script: handle.script,
    catalog: testCatalog(),
    clock: systemClock,
    keyring: await openKeyring(handle.db, randomBytes(32), 0),
    signing: await generateSigningKey(),
    bulk: handle.bulk,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  const run = (p: string) =>
    autocannon({ url: `http://127.0.0.1:${address.port}${p}`, connections: 32, duration: 4 }).then((r) => ({
      rps: r.requests.average,
      p99: r.latency.p99,
      errors: r.errors + r.non2xx,
    }));
  try {
    const health = await run('/api/v1/health');
    const lookup = await run('/api/v1/catalog/certificate-types/mem.lv-electrician');
    if (lookup.errors > 0) throw new Error(`catalog lookups failed: ${lookup.errors}`);
    figures.push({
      name: `HTTP catalog type lookup (p99 ${lookup.p99} ms)`,
      value: lookup.rps,
      unit: 'req/s',
      anchor: { name: `health route (p99 ${health.p99} ms)`, value: health.rps },
    });
  } finally {
    await app.close();
    await handle.close();
  }
}

async function timeStartup(dataDir: string): Promise<number> {
  const port = 18000 + Math.floor(Math.random() * 2000);
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'src', 'server.ts')], {
    env: { ...process.env, HUTONG_DATA_DIR: dataDir, PORT: String(port), HUTONG_LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  try {
    for (;;) {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        if (res.ok) return performance.now() - t0;
      } catch {}
      if (performance.now() - t0 > 60_000) throw new Error('server did not start in 60 s');
      await new Promise((r) => setTimeout(r, 25));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function benchStartup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-bench-'));
  try {
    const first = await timeStartup(dataDir);
    const again = await timeStartup(dataDir);
    figures.push({
      name: 'npm start on an existing data dir, to first healthy response',
      value: again,
      unit: 'ms',
      anchor: { name: 'first start (creates the database)', value: first },
      target: '< 3000 ms',
    });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Figures for the foundation: rules, audited writes, HTTP, start-up. */
export async function benchFoundation(out: Figure[]): Promise<void> {
  benchNumberCheck();
  await benchAuditedWrites();
  await benchAuditCeiling();
  await benchHttp();
  await benchStartup();
  out.push(...figures);
}
