import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { z } from 'zod';
import { openDatabase } from '../db/database.ts';
import type { JobDefinition } from './jobs.model.ts';
import { startJobQueue } from './jobs.queue.ts';

/**
 * A worker process for jobs.processes.test.ts: the production queue (`startJobQueue`) with one test job whose
 * handler records every execution, may hold its first attempt (so the test can kill the process mid-job), and
 * writes its effect idempotently, keyed by the job's own key, as a real handler must.
 */
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL');
const handle = await openDatabase({ databaseUrl: url });
const definition: JobDefinition<{ key: string; holdFirstMs: number }> = {
  name: 'test-effect',
  data: z.object({ key: z.string(), holdFirstMs: z.number() }),
  retryLimit: 3,
  retryDelaySeconds: 1,
  expireInSeconds: 60,
  async run({ key, holdFirstMs }, job) {
    await sql`insert into job_runs (key, job_id, pid, attempt) values (${key}, ${job.id}, ${process.pid}, ${job.attempt})`.execute(
      handle.db,
    );
    if (job.attempt === 0 && holdFirstMs > 0) await sleep(holdFirstMs);
    await handle.db.transaction().execute(async (trx) => {
      await sql`insert into job_effects (key) values (${key}) on conflict (key) do nothing`.execute(trx);
    });
  },
};
const queue = await startJobQueue(handle.db, handle.script, [definition], {
  work: true,
  pollingIntervalSeconds: 0.5,
  maintenanceIntervalSeconds: 1,
  expireInSeconds: Number(process.env.TEST_EXPIRE_SECONDS ?? 60),
});
await queue.begin();
process.stdout.write('ready\n');
process.once('SIGTERM', async () => {
  await queue.stop();
  await handle.close();
  process.exit(0);
});
