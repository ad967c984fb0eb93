import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { z } from 'zod';
import type { DatabaseHandle } from '../db/database.ts';
import { createTestDatabase } from '../testing/database.ts';
import type { JobDefinition } from './jobs.model.ts';
import { type JobQueue, startJobQueue } from './jobs.queue.ts';
import { listJobs } from './jobs.store.ts';

/**
 * The queue on whichever store the suite runs on (PGlite by default, PostgreSQL with DATABASE_URL): the same
 * pg-boss code, so the embedded mode is not a second implementation. Retries, transactional sends, the admin list.
 */
describe('the job queue (issue 16 §2)', () => {
  let handle: DatabaseHandle;
  let queue: JobQueue;
  const seen: Array<{ key: string; attempt: number }> = [];

  const flaky: JobDefinition<{ key: string; failures: number }> = {
    name: 'test-flaky',
    data: z.object({ key: z.string(), failures: z.number() }),
    retryLimit: 1,
    retryDelaySeconds: 1,
    expireInSeconds: 60,
    async run({ key, failures }, job) {
      seen.push({ key, attempt: job.attempt });
      if (job.attempt < failures) throw new Error(`attempt ${job.attempt} of ${key} failed on purpose`);
      return { key };
    },
  };

  before(async () => {
    handle = await createTestDatabase();
    queue = await startJobQueue(handle.db, handle.script, [flaky], {
      work: true,
      pollingIntervalSeconds: 0.5,
    });
    await queue.begin();
  });
  after(async () => {
    await queue?.stop();
    await handle?.close();
  });

  async function stateOf(key: string, wanted: string) {
    for (let i = 0; i < 150; i++) {
      const list = await listJobs(handle.db, { queue: 'test-flaky', page: 1, pageSize: 100 });
      const job = list.items.find((j) => seen.some((s) => s.key === key) && j.state === wanted);
      if (job) return { job, list };
      await sleep(100);
    }
    throw new Error(`no ${wanted} job for ${key}`);
  }

  it('retries a failed attempt after its delay and completes', async () => {
    await queue.send(flaky, { key: 'once', failures: 1 });
    await stateOf('once', 'completed');
    assert.deepEqual(
      seen.filter((s) => s.key === 'once').map((s) => s.attempt),
      [0, 1],
    );
  });

  it('leaves a job failed with its error once its attempts are spent, and retries it when asked', async () => {
    await queue.send(flaky, { key: 'always', failures: 3 });
    const { job, list } = await stateOf('always', 'failed');
    assert.match(job.error ?? '', /failed on purpose/);
    assert.equal(list.counts.failed, 1);
    assert.ok(list.queues.includes('test-flaky'));
    assert.equal(await queue.retry('test-flaky', job.id), true);
    assert.equal(await queue.retry('test-flaky', job.id), false, 'no longer failed');
    for (let i = 0; i < 100 && seen.filter((s) => s.key === 'always').length < 3; i++) await sleep(100);
    assert.equal(seen.filter((s) => s.key === 'always').length, 3, 'the retry ran the job once more');
  });

  it('creates a job sent in a transaction only if the transaction commits', async () => {
    const before = (await listJobs(handle.db, { queue: 'test-flaky', page: 1, pageSize: 100 })).total;
    await assert.rejects(
      handle.db.transaction().execute(async (trx) => {
        await queue.send(flaky, { key: 'rolled-back', failures: 0 }, { db: trx });
        throw new Error('roll back');
      }),
      /roll back/,
    );
    const id = await handle.db
      .transaction()
      .execute((trx) => queue.send(flaky, { key: 'committed', failures: 0 }, { db: trx }));
    assert.ok(id);
    const after = (await listJobs(handle.db, { queue: 'test-flaky', page: 1, pageSize: 100 })).total;
    assert.equal(after, before + 1);
  });

  it('keeps one periodic job per period however many processes send it', async () => {
    const ticks: string[] = [];
    const tick: JobDefinition<Record<string, never>> = {
      name: 'test-tick',
      data: z.object({}) as unknown as z.ZodType<Record<string, never>>,
      retryLimit: 0,
      retryDelaySeconds: 1,
      expireInSeconds: 60,
      run: async (_data, job) => {
        ticks.push(job.id);
      },
    };
    // Two queues on one database stand for two worker processes.
    const options = { work: true, pollingIntervalSeconds: 0.5 };
    const a = await startJobQueue(handle.db, handle.script, [tick], options);
    const b = await startJobQueue(handle.db, handle.script, [tick], options);
    await Promise.all([a.begin(), b.begin()]);
    a.every(tick, {}, 1000);
    b.every(tick, {}, 1000);
    await sleep(4200);
    await a.stop();
    await b.stop();
    const { rows } = await sql<{ slot: string; n: number }>`
      select singleton_on::text as slot, count(*)::int as n from pgboss.job where name = 'test-tick'
      group by singleton_on`.execute(handle.db);
    assert.ok(rows.length >= 2, `a job every period: ${rows.length}`);
    assert.ok(
      rows.every((r) => r.n === 1),
      'one job per period',
    );
    assert.ok(
      ticks.length >= 2 && ticks.length <= rows.length,
      `${ticks.length} runs of ${rows.length} jobs`,
    );
  });

  /** A job that records each key it runs with in `ran`. */
  const recording = (name: string, ran: string[]): JobDefinition<{ key: string }> => ({
    name,
    data: z.object({ key: z.string() }),
    retryLimit: 0,
    retryDelaySeconds: 1,
    expireInSeconds: 60,
    async run({ key }) {
      ran.push(key);
      return {};
    },
  });

  it('takes a job sent in a committed transaction at once when woken, not at the next poll', async () => {
    const ran: string[] = [];
    const quick = recording('test-wake', ran);
    // A poll every 10 minutes: without the wake-up the job would wait that long.
    const slow = await startJobQueue(handle.db, handle.script, [quick], {
      work: true,
      pollingIntervalSeconds: 600,
    });
    await slow.begin();
    try {
      await sleep(500); // the worker's first fetch (at start) has found nothing
      await handle.db.transaction().execute((trx) => slow.send(quick, { key: 'woken' }, { db: trx }));
      slow.wake(quick.name);
      for (let i = 0; i < 200 && ran.length === 0; i++) await sleep(50);
      assert.deepEqual(ran, ['woken']);
    } finally {
      await slow.stop();
    }
  });

  it('takes no job before begin(): a server listens first', async () => {
    const ran: string[] = [];
    const early = recording('test-early', ran);
    const later = await startJobQueue(handle.db, handle.script, [early], {
      work: true,
      pollingIntervalSeconds: 0.5,
    });
    try {
      await later.send(early, { key: 'waits' });
      await sleep(1500);
      assert.deepEqual(ran, [], 'three polls would have taken it');
      await later.begin();
      for (let i = 0; i < 100 && ran.length === 0; i++) await sleep(50);
      assert.deepEqual(ran, ['waits']);
    } finally {
      await later.stop();
    }
  });

  it('refuses data that does not fit the job', async () => {
    await assert.rejects(queue.send(flaky, { key: 1 } as never));
  });
});
