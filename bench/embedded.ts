import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { projectRoot } from '../src/config.ts';
import type { Figure } from './figures.ts';
import { writeImportFile } from './import.ts';

/**
 * The embedded default as a new user runs it (issue 16 §6): the server started the way `npm start` starts it
 * (scripts/start.mjs: dist/server/server.mjs, compiled when older than the sources), on
 * a fresh PGlite data directory (demo data seeded), N generated certificates (default 30,000) imported with
 * `hutong import`, then at 30 clients (autocannon in its own process): the public query, `POST
 * /recognition/evaluate` and `/health`. The public query runs with the proof-of-work off and the public limits
 * raised (HUTONG_PUBLIC_POW_BITS=0, HUTONG_PUBLIC_RATE_LIMIT / _IDENTIFIER_LIMIT 10^8): the work costs the
 * client, and one address hitting the same people would otherwise be refused. Its anchor is a bare indexed
 * lookup of the same rows (holders by `id_index` joined to their certificate rows) with PGlite's own `query()`,
 * from one process on a copy of the same data directory (after `analyze`).
 * Also the server's RSS and the start-up of the existing data directory (spawn to the first `/health` 200).
 * BENCH_CPU_PROF=<dir> writes the second server's CPU profile there.
 */
const CONNECTIONS = 30;
const SECONDS = 8;
const WARMUP_SECONDS = 2;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

/**
 * Where the resident memory is: PGlite's WASM memory is one large anonymous mapping (reserved far beyond its use),
 * so the largest resident mapping is PGlite's; the rest of the anonymous memory is mostly V8's heap.
 */
function largestMappingMb(pid: number): { largestMb: number; anonMb: number } {
  const smaps = fs.readFileSync(`/proc/${pid}/smaps`, 'utf8');
  let largest = 0;
  let anon = 0;
  for (const m of smaps.matchAll(/^Rss:\s+(\d+) kB[\s\S]*?^Anonymous:\s+(\d+) kB/gm)) {
    largest = Math.max(largest, Number(m[1]));
    anon += Number(m[2]);
  }
  return { largestMb: largest / 1024, anonMb: anon / 1024 };
}

function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

interface Server {
  child: ChildProcess;
  port: number;
  startMs: number;
}

async function startServer(env: NodeJS.ProcessEnv, profile?: string): Promise<Server> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : []),
      // What `npm start` runs after building the web UI: the server compiled ahead of time when stale.
      path.join(projectRoot, 'scripts', 'start.mjs'),
    ],
    { cwd: projectRoot, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 20));
    if (performance.now() - started > 120_000) throw new Error('server did not start in 120 s');
  }
  return { child, port, startMs: performance.now() - started };
}

async function stopServer(server: Server): Promise<void> {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await exited;
}

function runChild(args: string[]): Record<string, number> {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(projectRoot, 'bench', 'embedded-child.ts'), ...args],
    { cwd: projectRoot, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  if (result.status !== 0) throw new Error(`bench child ${args[0]} failed:\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}');
}

function loadTest(dir: string, name: string, options: object, seconds = SECONDS) {
  const file = path.join(dir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ connections: CONNECTIONS, duration: seconds, ...options }));
  const r = runChild(['load', file]);
  if ((r.non2xx ?? 0) + (r.errors ?? 0) > 0)
    throw new Error(`${name}: ${r.non2xx} non-2xx and ${r.errors} errors of ${r.total} requests`);
  return r as { rps: number; p50: number; p99: number };
}

export async function benchEmbedded(figures: Figure[], rows: number): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-bench-embedded-'));
  const dataDir = path.join(dir, 'data');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HUTONG_DATA_DIR: dataDir,
    HUTONG_PUBLIC_POW_BITS: '0',
    HUTONG_PUBLIC_RATE_LIMIT: '100000000',
    HUTONG_PUBLIC_IDENTIFIER_LIMIT: '100000000',
  };
  delete env.DATABASE_URL;
  delete env.HUTONG_LOG_LEVEL;
  let server: Server | undefined;
  try {
    const file = path.join(dir, 'certificates.csv');
    await writeImportFile(file, rows);
    server = await startServer(env);
    const firstStartMs = server.startMs;
    await stopServer(server);
    const imported = spawnSync(
      process.execPath,
      [path.join(projectRoot, 'bin', 'hutong.js'), 'import', file],
      { cwd: projectRoot, env, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    if (imported.status !== 0) throw new Error(`hutong import failed:\n${imported.stderr}`);
    const anchorDir = path.join(dir, 'anchor');
    fs.cpSync(dataDir, anchorDir, { recursive: true });
    const peopleFile = path.join(dir, 'people.json');
    const bare = runChild(['anchor', anchorDir, String(SECONDS), String(CONNECTIONS), peopleFile]);
    fs.rmSync(anchorDir, { recursive: true, force: true });
    server = await startServer(env, process.env.BENCH_CPU_PROF);
    const restartMs = server.startMs;
    const startRss = memoryOf(server.child.pid as number).rssMb;
    const base = `http://127.0.0.1:${server.port}/api/v1`;
    const people = JSON.parse(fs.readFileSync(peopleFile, 'utf8')) as { name: string; idNumber: string }[];
    const query = {
      url: `${base}/public/certificates/search`,
      requests: people.map((p) => ({
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: p.name, idNumber: p.idNumber }),
      })),
    };
    const evaluate = {
      url: `${base}/recognition/evaluate`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        region: '310000',
        certificates: [
          {
            type: 'mem.lv-electrician',
            number: 'T11010519491231002X',
            validFrom: '2024-03-01',
            validUntil: '2030-02-28',
          },
          {
            type: 'mem.fusion-welding',
            number: 'T11010519491231002Y',
            validFrom: '2024-03-01',
            validUntil: '2030-02-28',
          },
        ],
      }),
    };
    const health = { url: `${base}/health` };
    for (const [name, options] of Object.entries({ health, query, evaluate }))
      loadTest(dir, `${name}-warmup`, options, WARMUP_SECONDS);
    const h = loadTest(dir, 'health', health);
    const q = loadTest(dir, 'query', query);
    const e = loadTest(dir, 'evaluate', evaluate);
    const memory = memoryOf(server.child.pid as number);
    const split = largestMappingMb(server.child.pid as number);
    await stopServer(server);
    server = undefined;
    const n = rows.toLocaleString('en-US');
    figures.push(
      {
        name: `embedded: public query, ${CONNECTIONS} clients, ${n} imported certificates, PoW off and limits raised (HUTONG_PUBLIC_POW_BITS=0) (p50 ${q.p50} ms, p99 ${q.p99} ms)`,
        value: q.rps,
        unit: 'req/s',
        anchor: {
          name: `a bare indexed lookup of the same rows, PGlite query(), one process, ${CONNECTIONS} concurrent, after analyze`,
          value: bare.rps as number,
        },
        target: '≥ 0.5×',
      },
      {
        name: `embedded: POST /recognition/evaluate, region 310000, 2 certificates (p50 ${e.p50} ms, p99 ${e.p99} ms)`,
        value: e.rps,
        unit: 'req/s',
        anchor: { name: `GET /health (p50 ${h.p50} ms, p99 ${h.p99} ms)`, value: h.rps },
        target: '≥ 0.4×',
      },
      {
        name: `embedded: the public query's own SQL through Hutong's dialect, same process as the anchor${bare.indexed ? '' : ' (NOT an index plan)'} (context)`,
        value: bare.serviceRps as number,
        unit: '/s',
        anchor: { name: 'the bare indexed lookup', value: bare.rps as number },
      },
      {
        name: 'embedded: the bare lookup vs the health route (context)',
        value: bare.rps as number,
        unit: '/s',
        anchor: { name: 'GET /health', value: h.rps },
      },
      {
        name: `embedded: server RSS after start ${Math.round(startRss)} MB, after the load (of it: anonymous ${Math.round(split.anonMb)} MB, the largest mapping — PGlite's WASM memory — ${Math.round(split.largestMb)} MB)`,
        value: memory.rssMb,
        unit: 'MB',
        anchor: { name: 'peak RSS', value: memory.peakMb },
        target: '< 500 MB',
      },
      {
        name: 'embedded: start-up of the existing data dir (spawn to the first /health 200)',
        value: restartMs,
        unit: 'ms',
        anchor: { name: 'first start (creates the database, seeds demo data)', value: firstStartMs },
        target: '< 1,500 ms',
      },
    );
  } finally {
    if (server) await stopServer(server);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
