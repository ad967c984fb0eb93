import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { z } from 'zod';
import { type DatabaseHandle, openDatabase } from '../db/database.ts';
import { createScratchPostgres } from '../testing/database.ts';
import type { JobDefinition } from './jobs.model.ts';
import { type JobQueue, startJobQueue } from './jobs.queue.ts';

/**
 * Issue 16 §2 and the done-when: several worker processes on one PostgreSQL database never run a job twice, and a
 * worker killed mid-job loses nothing: the job's lease expires, another worker runs it again, and its effect
 * appears once. Real processes, real PostgreSQL, the production queue (jobs.worker-child.ts).
 */
const adminUrl = process.env.DATABASE_URL;

const definition: JobDefinition<{ key: string; holdFirstMs: number }> = {
  name: 'test-effect',
  data: z.object({ key: z.string(), holdFirstMs: z.number() }),
  retryLimit: 3,
  retryDelaySeconds: 1,
  expireInSeconds: 60,
  run: async () => {
    throw new Error('the test process only sends');
  },
};

function startWorker(url: string, expireSeconds: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'jobs.worker-child.ts')],
    {
      env: { PATH: process.env.PATH, DATABASE_URL: url, TEST_EXPIRE_SECONDS: String(expireSeconds) },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code})`)));
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, seconds = 60): Promise<T> {
  for (let i = 0; i < seconds * 5; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('jobs across worker processes (PostgreSQL)', {
  skip: !adminUrl && 'PostgreSQL only: the embedded store is one process',
}, () => {
  let scratch: Awaited<ReturnType<typeof createScratchPostgres>>;
  let handle: DatabaseHandle;
  let queue: JobQueue;
  const workers: ChildProcess[] = [];

  before(async () => {
    scratch = await createScratchPostgres(adminUrl as string, 'hutong_jobs');
    handle = await openDatabase({ databaseUrl: scratch.url });
    await sql`create table job_runs (key text not null, job_id uuid not null, pid int not null, attempt int not null)`.execute(
      handle.db,
    );
    await sql`create table job_effects (key text primary key)`.execute(handle.db);
    // This process only sends (the api role): pg-boss's schema is created here, before the workers start.
    queue = await startJobQueue(handle.db, handle.script, [definition], { work: false, expireInSeconds: 2 });
  });

  after(async () => {
    for (const w of workers) w.kill('SIGKILL');
    await queue?.stop();
    await handle?.close();
    await scratch?.drop();
  });

  it('runs 300 jobs over two workers, each exactly once', async () => {
    workers.push(await startWorker(scratch.url, 60), await startWorker(scratch.url, 60));
    for (let i = 0; i < 300; i++) await queue.send(definition, { key: `k${i}`, holdFirstMs: 0 });
    await until('300 effects', async () => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from job_effects`.execute(
        handle.db,
      );
      return rows[0]?.n === 300 ? true : undefined;
    });
    await sleep(1500);
    const { rows } = await sql<{ runs: number; jobs: number; pids: number }>`
      select count(*)::int as runs, count(distinct job_id)::int as jobs, count(distinct pid)::int as pids
      from job_runs`.execute(handle.db);
    assert.deepEqual(
      rows[0],
      { runs: 300, jobs: 300, pids: 2 },
      'no job ran twice, and both workers took some',
    );
    for (const w of workers.splice(0)) {
      w.kill('SIGTERM');
      await new Promise((r) => w.once('exit', r));
    }
  });

  it('runs again a job whose worker was killed mid-way; its effect appears once', async () => {
    // Leases of 4 s: the killed worker's job expires and is retried by the one started after it.
    const doomed = await startWorker(scratch.url, 4);
    workers.push(doomed);
    const id = await queue.send(definition, { key: 'killed', holdFirstMs: 120_000 });
    await until('the first attempt to start', async () => {
      const { rows } = await sql`select 1 from job_runs where key = 'killed'`.execute(handle.db);
      return rows.length > 0 ? true : undefined;
    });
    doomed.kill('SIGKILL');
    workers.push(await startWorker(scratch.url, 4));
    await until('the effect', async () => {
      const { rows } = await sql`select 1 from job_effects where key = 'killed'`.execute(handle.db);
      return rows.length > 0 ? true : undefined;
    });
    const runs = await sql<{ attempt: number; pid: number }>`
      select attempt, pid from job_runs where key = 'killed' order by attempt`.execute(handle.db);
    assert.equal(runs.rows.length, 2, 'run twice: the killed attempt and the retry');
    assert.deepEqual(
      runs.rows.map((r) => r.attempt),
      [0, 1],
    );
    assert.notEqual(runs.rows[0]?.pid, runs.rows[1]?.pid);
    const effects = await sql<{
      n: number;
    }>`select count(*)::int as n from job_effects where key = 'killed'`.execute(handle.db);
    assert.equal(effects.rows[0]?.n, 1);
    const state = await until('the job to complete', async () => {
      const { rows } = await sql<{
        state: string;
      }>`select state::text from pgboss.job where id = ${id}::uuid`.execute(handle.db);
      return rows[0]?.state === 'completed' ? rows[0].state : undefined;
    });
    assert.equal(state, 'completed');
  });
});
