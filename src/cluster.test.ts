import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from './config.ts';
import { residentIdCheckChar } from './shared/identifiers.ts';
import { createScratchPostgres, queryStore } from './testing/database.ts';
import { type ServerProcess, serveProcess } from './testing/processes.ts';

/** Issue 16 §1 and §4: the api and worker roles, and several HTTP processes sharing one port. */
describe('process roles and API processes (issue 16)', () => {
  it('keeps the embedded store one process and says why', () => {
    assert.throws(() => loadConfig({ HUTONG_ROLE: 'api' }), /need DATABASE_URL/);
    assert.throws(() => loadConfig({ HUTONG_ROLE: 'worker' }), /need DATABASE_URL/);
    assert.throws(() => loadConfig({ HUTONG_API_PROCESSES: '2' }), /need DATABASE_URL/);
    assert.equal(loadConfig({}).apiProcesses, 1);
    assert.equal(loadConfig({}).role, 'all');
  });

  it('forks one HTTP process per core in the api role unless told, and only in that role', () => {
    const url = 'postgres://u@127.0.0.1:1/db';
    assert.equal(
      loadConfig({ DATABASE_URL: url, HUTONG_ROLE: 'api' }).apiProcesses,
      os.availableParallelism(),
    );
    assert.equal(
      loadConfig({ DATABASE_URL: url, HUTONG_ROLE: 'api', HUTONG_API_PROCESSES: '3' }).apiProcesses,
      3,
    );
    assert.throws(() => loadConfig({ DATABASE_URL: url, HUTONG_API_PROCESSES: '2' }), /HUTONG_ROLE=api/);
    assert.throws(() => loadConfig({ DATABASE_URL: url, HUTONG_ROLE: 'api', HUTONG_API_PROCESSES: '0' }));
  });
});

const adminUrl = process.env.DATABASE_URL;
const adminToken = 'cluster-admin-token-0123456789';
// A streaming standby of the server (CI starts one): the api processes then read from it (issue 16 §3).
const standbyUrl = process.env.HUTONG_TEST_READ_URL;

/**
 * The Node processes a process forked, by pid (procps `pgrep -P`). Only those named `node`: tsx's esbuild service,
 * started when the primary had sources to transpile (a cold cache), is a child too.
 */
function childrenOf(pid: number): number[] {
  try {
    return execFileSync('pgrep', ['-P', String(pid), '-x', 'node'], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** The same server, another database: the scratch database as the standby serves it. */
function onDatabase(url: string, pathname: string): string {
  const u = new URL(url);
  u.pathname = pathname;
  return u.toString();
}

/** One request on a connection of its own, so the cluster hands each to the next process. */
function post(port: number, url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, path: `/api/v1${url}`, method: 'POST', agent: false },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.setHeader('content-type', 'application/json');
    request.end(JSON.stringify(body));
  });
}

describe('api and worker processes on one PostgreSQL database', {
  skip: !adminUrl && 'PostgreSQL only: the embedded store runs one process',
}, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-cluster-'));
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>> | undefined;
  let api: ServerProcess | undefined;
  let worker: ServerProcess | undefined;
  let worker2: ServerProcess | undefined;
  // A killed worker's import is found dead when its lease runs out: short, to keep the test short.
  const LEASE_MS = '2000';

  before(async () => {
    scratch = await createScratchPostgres(adminUrl as string, 'hutong_cluster');
    api = await serveProcess(
      scratch.url,
      dir,
      {
        HUTONG_ROLE: 'api',
        HUTONG_API_PROCESSES: '2',
        HUTONG_PUBLIC_IDENTIFIER_LIMIT: '3',
        HUTONG_PUBLIC_POW_BITS: '0',
        HUTONG_ADMIN_TOKEN: adminToken,
        HUTONG_IMPORT_LEASE_MS: LEASE_MS,
        ...(standbyUrl && { DATABASE_READ_URL: onDatabase(standbyUrl, new URL(scratch.url).pathname) }),
      },
      '2 API processes',
    );
    const workerEnv = { HUTONG_ROLE: 'worker', HUTONG_IMPORT_LEASE_MS: LEASE_MS };
    worker = await serveProcess(scratch.url, dir, workerEnv, 'worker is running');
    worker2 = await serveProcess(scratch.url, dir, workerEnv, 'worker is running');
  });
  after(async () => {
    await api?.stop();
    await worker?.stop();
    await worker2?.stop();
    await scratch?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('forks the HTTP processes, which share the port and one identifier limit', async () => {
    const { child, port } = api as ServerProcess;
    assert.equal(childrenOf(child.pid as number).length, 2, (api as ServerProcess).output());
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        await post(port, '/public/certificates/search', { name: `试${i}`, number: 'SAMR-2024-000777' }),
      );
    assert.deepEqual(statuses, [404, 404, 404, 429, 429], (api as ServerProcess).output());
  });

  it('replaces an HTTP process that dies and goes on answering', async () => {
    const { child, port } = api as ServerProcess;
    const [victim] = childrenOf(child.pid as number);
    process.kill(victim as number, 'SIGKILL');
    let now: number[] = [];
    for (let i = 0; i < 120; i++) {
      now = childrenOf(child.pid as number);
      if (now.length === 2 && !now.includes(victim as number)) break;
      await sleep(250);
    }
    assert.equal(now.length, 2, (api as ServerProcess).output());
    assert.ok(!now.includes(victim as number));
    assert.match((api as ServerProcess).output(), /exited \(SIGKILL\); starting another/);
    for (let i = 0; i < 4; i++) {
      const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      assert.equal(health.status, 200);
    }
  });

  it('stops, naming the cause, when its processes cannot serve at all', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    try {
      const port = (taken.address() as net.AddressInfo).port;
      await assert.rejects(
        serveProcess(
          (scratch as { url: string }).url,
          dir,
          { HUTONG_ROLE: 'api', HUTONG_API_PROCESSES: '2', PORT: String(port) },
          '2 API processes',
        ),
        (error: Error) =>
          /exited \(1\)/.test(error.message) &&
          /EADDRINUSE/.test(error.message) &&
          /before serving/.test(error.message),
      );
    } finally {
      taken.close();
    }
  });

  it('runs simulations asked of the API processes in the two workers (the api role takes no jobs)', async () => {
    const { port } = api as ServerProcess;
    const call = async (method: string, url: string, body?: unknown) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1${url}`, {
        method,
        headers: {
          authorization: `Bearer ${adminToken}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      // biome-ignore lint/suspicious/noExplicitAny: the API's JSON, read field by field below
      const json: any = await res.json();
      return { status: res.status, body: json };
    };
    const draft = await call('POST', '/policies/310000/drafts', {});
    assert.equal(draft.status, 201, JSON.stringify(draft.body));
    // Six runs over two workers: each done, each job completed at its first attempt (none twice, none lost).
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      const started = await call('POST', '/policies/310000/simulations', { version: draft.body.version });
      assert.equal(started.status, 202, JSON.stringify(started.body));
      ids.push(started.body.id);
    }
    for (const id of ids) {
      let run = { status: 'queued', result: null as null | { holders: number } };
      for (let i = 0; i < 160 && run.status !== 'done' && run.status !== 'failed'; i++) {
        await sleep(250);
        run = (await call('GET', `/policies/310000/simulations/${id}`)).body;
      }
      assert.equal(run.status, 'done', `${JSON.stringify(run)}\n${(worker as ServerProcess).output()}`);
      assert.equal(run.result?.holders, 0);
    }
    const jobs = await call('GET', '/jobs?queue=policy-simulation&pageSize=100');
    assert.equal(jobs.status, 200, JSON.stringify(jobs.body));
    assert.equal(jobs.body.items.length, 6);
    assert.deepEqual(
      jobs.body.items.map((j: { state: string; retryCount: number }) => [j.state, j.retryCount]),
      Array(6).fill(['completed', 0]),
    );
  });

  it('runs an import uploaded to an API process in a worker, from the database (issue 16 §2)', async () => {
    const { port } = api as ServerProcess;
    const headers = { authorization: `Bearer ${adminToken}` };
    const csv = [
      'certificate_type,certificate_number,holder_name,id_type,id_number,valid_from,valid_until,status,issuer_region,issuer_org,occupation,level',
      'mem.lv-electrician,T11010519491231002X,张三,resident,11010519491231002X,2024-03-01,2030-02-28,valid,310000,上海市应急管理局,,',
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'cluster.csv');
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/imports`, {
      method: 'POST',
      headers,
      body: form,
    });
    assert.equal(res.status, 202, await res.clone().text());
    const { id } = (await res.json()) as { id: string };
    // The API process keeps nothing of the upload on its disk: the worker can only have read it from the database.
    assert.equal(fs.existsSync(path.join(dir, String(port), 'imports', id)), false);
    let job = { status: 'queued', created: 0 };
    for (let i = 0; i < 160 && (job.status === 'queued' || job.status === 'running'); i++) {
      await sleep(250);
      job = (await (
        await fetch(`http://127.0.0.1:${port}/api/v1/imports/${id}`, { headers })
      ).json()) as typeof job;
    }
    assert.equal(job.status, 'succeeded', `${JSON.stringify(job)}\n${(worker as ServerProcess).output()}`);
    assert.equal(job.created, 1);
    const jobs = (await (
      await fetch(`http://127.0.0.1:${port}/api/v1/jobs?queue=registry-import`, { headers })
    ).json()) as { items: Array<{ state: string; retryCount: number }> };
    assert.deepEqual(
      jobs.items.map((j) => [j.state, j.retryCount]),
      [['completed', 0]],
    );
  });

  it('runs a worker without an HTTP port', async () => {
    await assert.rejects(fetch(`http://127.0.0.1:${(worker as ServerProcess).port}/api/v1/health`));
    assert.equal((worker as ServerProcess).child.exitCode, null, 'the worker keeps running');
  });

  it('runs an import again in the other worker when its worker is killed mid-way, and writes it once', async () => {
    const { port } = api as ServerProcess;
    const headers = { authorization: `Bearer ${adminToken}` };
    const ROWS = 20_000;
    const lines = [
      'certificate_type,certificate_number,holder_name,id_type,id_number,valid_from,valid_until,status,issuer_region,issuer_org,occupation,level',
    ];
    for (let i = 0; i < ROWS; i++) {
      const body = `310101${1970 + (i % 30)}${String((i % 12) + 1).padStart(2, '0')}${String((i % 28) + 1).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
      const idNumber = body + residentIdCheckChar(body);
      lines.push(
        `mem.hv-electrician,T${idNumber},王${'伟芳娜敏'[i % 4]},resident,${idNumber},2024-03-01,2030-02-28,valid,310000,上海市应急管理局,,`,
      );
    }
    const form = new FormData();
    form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'big.csv');
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/imports`, {
      method: 'POST',
      headers,
      body: form,
    });
    assert.equal(res.status, 202, await res.clone().text());
    const { id } = (await res.json()) as { id: string };
    type Job = { status: string; created: number; message: string | null; progress: { rows: number } | null };
    const read = async () =>
      (await (await fetch(`http://127.0.0.1:${port}/api/v1/imports/${id}`, { headers })).json()) as Job;
    let job = await read();
    for (let i = 0; i < 600 && (job.progress?.rows ?? 0) < 2_000; i++) {
      assert.ok(
        job.status === 'queued' || job.status === 'running',
        `ended before the kill: ${JSON.stringify(job)}`,
      );
      await sleep(20);
      job = await read();
    }
    // The worker running it is the one whose data directory holds its spooled upload.
    const runner = [worker, worker2].find(
      (w) => w && fs.existsSync(path.join(dir, String(w.port), 'imports', id)),
    ) as ServerProcess;
    assert.ok(runner, 'one of the workers runs it');
    const exited = new Promise((resolve) => runner.child.once('exit', resolve));
    runner.child.kill('SIGKILL');
    await exited;
    for (let i = 0; i < 600 && job.status !== 'succeeded' && job.status !== 'failed'; i++) {
      await sleep(200);
      job = await read();
    }
    const survivor = runner === worker ? worker2 : worker;
    assert.equal(job.status, 'succeeded', `${JSON.stringify(job)}\n${survivor?.output()}`);
    assert.equal(job.created, ROWS, 'every row written, once, by the second run');
    assert.match(job.message ?? '', /run 2 of 3/);
    const written = await queryStore<{ n: number }>(
      { url: (scratch as { url: string }).url, pgliteDir: '' },
      "select count(*)::int as n from certificates where type = 'mem.hv-electrician'",
    );
    assert.equal(written[0]?.n, ROWS, 'each certificate once in the registry');
  });
});
