import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import autocannon from 'autocannon';
import pg from 'pg';
import { projectRoot } from '../src/config.ts';
import { migrateToLatest, openDatabase } from '../src/db/database.ts';
import { createScratchPostgres } from '../src/testing/database.ts';
import type { Figure } from './figures.ts';
import { startBenchPostgres } from './postgres.ts';
import { POOL, seedQueryBench } from './query-seed.ts';

/**
 * Public query over HTTP on PostgreSQL (issue 5 §10) vs the bare SQL lookup driven from Node with the same driver
 * and concurrency. The server runs alone in bench/query-child.ts; this process drives both the anchor (a `pg` pool
 * of the server's size, 50 concurrent loops running the service's compiled SQL) and the HTTP load (autocannon, 50
 * connections), one after the other.
 */
const CONNECTIONS = 50;
const SECONDS = 8;

export async function benchQuery(figures: Figure[], people: number): Promise<void> {
  const server = startBenchPostgres();
  if (!server) {
    process.stderr.write(
      'PostgreSQL not available (no DATABASE_URL and not root): public query bench skipped\n',
    );
    return;
  }
  const scratch = await createScratchPostgres(server.url, 'hutong_query');
  const handle = await openDatabase({ databaseUrl: scratch.url });
  await migrateToLatest(handle.db);
  const seeded = await seedQueryBench(handle, people);
  await handle.close();
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
      '--import',
      'tsx',
      path.join(projectRoot, 'bench', 'query-child.ts'),
      scratch.url,
      seeded.master,
    ],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const nextLine = async () => {
    const line = await lines.next();
    if (line.done) throw new Error('query bench server exited');
    return JSON.parse(line.value);
  };
  try {
    const ready = (await nextLine()) as { port: number };
    const pool = new pg.Pool({ connectionString: scratch.url, max: POOL });
    const { persons } = seeded;
    let next = 0;
    const pick = () => persons[next++ % persons.length] as (typeof persons)[number];
    let count = 0;
    const until = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < until) {
          await pool.query(seeded.sql, [pick().index]);
          count += 1;
        }
      }),
    );
    await pool.end();
    const anchorRps = count / SECONDS;
    // As behind a load balancer: each person asks from an address of their own (X-Forwarded-For, the server
    // trusting loopback as its proxy), so the per-address limit counts many clients as it would in service.
    const load = (oneAddress: boolean) =>
      autocannon({
        url: `http://127.0.0.1:${ready.port}/api/v1/public/certificates/search`,
        connections: CONNECTIONS,
        duration: SECONDS,
        requests: persons.map((p, i) => ({
          method: 'POST' as const,
          headers: {
            'content-type': 'application/json',
            ...(!oneAddress && { 'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }),
          },
          body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
        })),
      });
    const result = await load(false);
    const single = await load(true);
    child.stdin.write('stop\n');
    const { rssMb } = (await nextLine()) as { rssMb: number };
    // It drops its database on the way out (and writes its CPU profile when asked to).
    await new Promise((resolve) => {
      child.once('exit', resolve);
      setTimeout(resolve, 30_000).unref();
    });
    const failed = result.errors + result.non2xx + single.errors + single.non2xx;
    if (failed > 0)
      throw new Error(
        `public query bench: ${failed} requests failed (addresses: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx; one address: ${single.errors}, ${single.timeouts}, ${single.non2xx}; statuses ${JSON.stringify(result.statusCodeStats)} ${JSON.stringify(single.statusCodeStats)})`,
      );
    const minimal = await minimalRoute(scratch.url, seeded.sql, persons);
    figures.push({
      name: `public query over HTTP, PostgreSQL, ${CONNECTIONS} clients with an address each, ${people.toLocaleString('en-US')} people (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; server peak RSS ${Math.round(rssMb)} MB)`,
      value: result.requests.average,
      unit: 'req/s',
      anchor: {
        name: `the same SQL lookup, bare on pg (pool ${POOL}, ${CONNECTIONS} concurrent)`,
        value: anchorRps,
      },
      target: '≥ 0.6×, p99 < 25 ms, RSS < 300 MB',
    });
    figures.push({
      name: `the same load from one address (one shared limit row takes every request: p50 ${single.latency.p50} ms, p99 ${single.latency.p99} ms)`,
      value: single.requests.average,
      unit: 'req/s',
      anchor: { name: 'the load with an address per client', value: result.requests.average },
      target: 'context',
    });
    figures.push({
      name: `public query over HTTP against a minimal Fastify route doing the same lookup (its p50 ${minimal.p50} ms, p99 ${minimal.p99} ms)`,
      value: result.requests.average,
      unit: 'req/s',
      anchor: { name: 'minimal Fastify route, same SQL, same pool, 50 connections', value: minimal.rps },
      target: '≥ 0.8×',
    });
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await new Promise((resolve) => (child.exitCode === null ? child.once('exit', resolve) : resolve(null)));
    await scratch.drop();
    server.stop();
  }
}

/** The minimal route (bench/query-minimal.ts) in its own process, under the same load. */
async function minimalRoute(url: string, statement: string, persons: readonly { index: string }[]) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'bench', 'query-minimal.ts'), url, statement],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  try {
    const first = await lines.next();
    if (first.done) throw new Error('minimal route exited');
    const { port } = JSON.parse(first.value) as { port: number };
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/lookup`,
      connections: CONNECTIONS,
      duration: SECONDS,
      requests: persons.map((p) => ({
        method: 'POST' as const,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ index: p.index }),
      })),
    });
    if (result.errors + result.non2xx > 0) throw new Error('minimal route: requests failed');
    return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99 };
  } finally {
    child.stdin.write('stop\n');
    await new Promise((resolve) => {
      child.once('exit', resolve);
      setTimeout(resolve, 10_000).unref();
    });
    if (child.exitCode === null) child.kill('SIGTERM');
  }
}
