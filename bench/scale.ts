import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import pg from 'pg';
import { loadCatalog } from '../src/catalog/catalog.load.ts';
import { loadConfig, projectRoot } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { openKeyring } from '../src/protection/protection.service.ts';
import { hostedCertificates } from '../src/query/query.service.ts';
import { simulateDraft } from '../src/recognition/policy.simulate.ts';
import { loadPolicyPacks } from '../src/recognition/recognition.load.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { refreshTallies } from '../src/statistics/statistics.tally.ts';
import { createScratchPostgres } from '../src/testing/database.ts';
import type { Figure } from './figures.ts';
import { benchAuditCeiling } from './foundation.ts';
import { startBenchPostgres } from './postgres.ts';
import { POOL } from './query-seed.ts';
import { seedScale } from './scale-seed.ts';
import { benchAdmin, createBenchDraft } from './simulation-draft.ts';

/**
 * `npm run bench -- scale [--rows N]` (issue 16 §7): a registry of N certificates (default 10,000,000) built on
 * PostgreSQL, then on it: the public query over HTTP at 50 clients against the bare indexed lookup (latency
 * percentiles), each statistics endpoint's latency, and a provincial policy simulation over every holder. The
 * server runs alone in bench/query-child.ts; sizes of the tables and indexes come from PostgreSQL.
 */
const CONNECTIONS = 50;
const SECONDS = 10;
const ADMIN = `bench-${randomBytes(8).toString('hex')}`;
const STATISTICS = [
  '/api/v1/statistics/certificates',
  '/api/v1/statistics/certificates?province=440000',
  '/api/v1/statistics/recognitions',
  '/api/v1/statistics/flows',
];

const log = (line: string) => process.stderr.write(`${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
const mb = (bytes: number) =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;

export async function benchScale(figures: Figure[], rows: number): Promise<void> {
  const server = startBenchPostgres();
  if (!server) {
    log('PostgreSQL not available (no DATABASE_URL and not root): scale bench skipped');
    return;
  }
  const scratch = await createScratchPostgres(server.url, 'hutong_scale');
  try {
    let handle = await openDatabase({ databaseUrl: scratch.url });
    await migrateToLatest(handle.db);
    const seeded = await seedScale(handle, rows, log);
    const sizes = await sql<{ name: string; heap: string; indexes: string }>`
      select relname as name, pg_table_size(oid)::text as heap, pg_indexes_size(oid)::text as indexes
      from pg_class where relname in ('certificate_rows', 'holders')`.execute(handle.db);
    const sizeText = sizes.rows
      .map((r) => `${r.name} ${mb(Number(r.heap))} + indexes ${mb(Number(r.indexes))}`)
      .join('; ');
    // The statistics' counts taken ahead, as the worker's loop does every 15 minutes.
    const tallyStart = performance.now();
    const tallied = await refreshTallies(handle.db, new Date());
    figures.push({
      name: `statistics tallies recounted over ${(tallied ?? 0).toLocaleString('en-US')} certificates (the worker's background refresh)`,
      value: (performance.now() - tallyStart) / 1000,
      unit: 's',
    });
    const lookupSql = hostedCertificates(handle.db)
      .where('h.id_index', '=', 'x')
      .orderBy('c.valid_from')
      .compile().sql;
    await handle.close();
    log(
      `scale: ${seeded.certificates.toLocaleString('en-US')} certificates built in ${Math.round(seeded.seconds)} s (${sizeText})`,
    );

    // The public query and the statistics, against a server in its own process.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(projectRoot, 'bench', 'query-child.ts'), scratch.url, seeded.master],
      { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, BENCH_ADMIN_TOKEN: ADMIN } },
    );
    const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const nextLine = async () => {
      const line = await lines.next();
      if (line.done) throw new Error('scale bench server exited');
      return JSON.parse(line.value);
    };
    try {
      const { port } = (await nextLine()) as { port: number };
      const { persons } = seeded;
      let next = 0;
      const pick = () => persons[next++ % persons.length] as (typeof persons)[number];
      const pool = new pg.Pool({ connectionString: scratch.url, max: POOL });
      const anchorLatencies: number[] = [];
      const until = performance.now() + SECONDS * 1000;
      await Promise.all(
        Array.from({ length: CONNECTIONS }, async () => {
          while (performance.now() < until) {
            const t0 = performance.now();
            await pool.query(lookupSql, [pick().index]);
            anchorLatencies.push(performance.now() - t0);
          }
        }),
      );
      await pool.end();
      anchorLatencies.sort((a, b) => a - b);
      const result = await autocannon({
        url: `http://127.0.0.1:${port}/api/v1/public/certificates/search`,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: persons.map((p) => ({
          method: 'POST' as const,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
        })),
      });
      const failed = result.errors + result.non2xx;
      if (failed > 0) throw new Error(`scale bench: ${failed} public queries failed`);
      figures.push({
        name: `public query over HTTP on ${seeded.certificates.toLocaleString('en-US')} certificates, ${CONNECTIONS} clients (p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms; bare lookup p50 ${percentile(anchorLatencies, 50).toFixed(1)} ms, p99 ${percentile(anchorLatencies, 99).toFixed(1)} ms)`,
        value: result.requests.average,
        unit: 'req/s',
        anchor: {
          name: `the same SQL lookup, bare on pg (pool ${POOL}, ${CONNECTIONS} concurrent)`,
          value: anchorLatencies.length / SECONDS,
        },
        target: '≥ 0.6×, p99 < 25 ms',
      });

      for (const url of STATISTICS) {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) {
          const t0 = performance.now();
          const res = await fetch(`http://127.0.0.1:${port}${url}`, {
            headers: { authorization: `Bearer ${ADMIN}` },
          });
          const body = (await res.json()) as { talliedAt?: string | null };
          if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
          times.push(performance.now() - t0);
          if (i === 0 && url.includes('/certificates') && !body.talliedAt)
            log(`scale: ${url} answered live, not from the tallies`);
        }
        figures.push({
          name: `statistics ${url.replace('/api/v1/statistics/', '')} on ${seeded.certificates.toLocaleString('en-US')} certificates (first ${Math.round(times[0] ?? 0)} ms, then ${Math.round(times[1] ?? 0)} / ${Math.round(times[2] ?? 0)} ms)`,
          value: Math.min(...times),
          unit: 'ms',
          target: '< 1,000 ms',
        });
      }
      child.stdin.write('stop\n');
      const { rssMb } = (await nextLine()) as { rssMb: number };
      log(`scale: server peak RSS ${Math.round(rssMb)} MB`);
      await new Promise((resolve) => {
        child.once('exit', resolve);
        setTimeout(resolve, 30_000).unref();
      });
    } finally {
      if (child.exitCode === null) child.kill('SIGTERM');
    }

    // A provincial policy simulation over every holder.
    handle = await openDatabase({ databaseUrl: scratch.url });
    try {
      const catalog = loadCatalog(loadConfig({}).catalogDir);
      const clock = fixedClock('2026-11-29T02:00:00Z');
      const deps = {
        db: handle.db,
        catalog,
        keyring: await openKeyring(handle.db, Buffer.from(seeded.master, 'hex'), 0),
        clock,
        bulk: handle.bulk,
        policies: loadPolicyPacks(path.join(projectRoot, 'policies'), catalog),
      };
      const version = await createBenchDraft(deps, {
        actorId: null,
        actorLabel: 'bench',
        requestId: null,
        at: clock.now(),
      });
      const t0 = performance.now();
      const simulated = await simulateDraft(deps, benchAdmin, '310000', version);
      const seconds = (performance.now() - t0) / 1000;
      deps.keyring.close();
      figures.push({
        name: `policy simulation over ${simulated.holders.toLocaleString('en-US')} holders (${seeded.certificates.toLocaleString('en-US')} certificates; ${simulated.changed.toLocaleString('en-US')} changed)`,
        value: seconds,
        unit: 's',
        target: '< 60 s for 10 M holders',
      });
    } finally {
      await handle.close();
    }
    // The audit chain's global lock (issue 16 §7), on the same server: its own scratch database.
    process.env.DATABASE_URL ??= server.url;
    await benchAuditCeiling(figures);
  } finally {
    await scratch.drop();
    server.stop();
  }
}
