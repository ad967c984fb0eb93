import { CompiledQuery, type Kysely } from 'kysely';
import PgBoss from 'pg-boss';
import type { ScriptRunner } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import type { JobDefinition } from './jobs.model.ts';

/**
 * The job queue (issue 16 §2): pg-boss 10.4.2 (the last line for Node 20; stack-notes.md) on the same database as
 * everything else. A worker takes a job with `FOR UPDATE SKIP LOCKED`, so two workers never take the same one; a job
 * still active past its lease is failed by pg-boss's maintenance and retried with backoff while attempts are left.
 *
 * pg-boss talks to the database through a `db` adapter of one method, so it runs unchanged on embedded PGlite:
 * statements go through Kysely (on PGlite behind the dialect's session mutex, so a job never lands inside another
 * request's transaction), and its schema migration, one multi-statement script, through the simple protocol.
 */
export interface JobQueue {
  /** Sends a job; with `db` (a transaction) it is created in that transaction, so it exists iff the work was asked. */
  send<T>(job: JobDefinition<T>, data: T, options?: SendOptions): Promise<string | null>;
  /**
   * After the transaction that sent a job has committed: a worker of this process looks for it now rather than at
   * its next poll (up to 2 s later). Other processes' workers find it at their next poll. Used for uploads,
   * which a person waits on; a simulation waits for the poll (it runs for seconds or minutes anyway, and may be
   * cancelled while queued).
   */
  wake(queue: string): void;
  /** Cancels a job not yet finished (a running handler sees it at its next check). */
  cancel(queue: string, id: string, db?: Kysely<Database>): Promise<boolean>;
  /** A failed job back in the queue, with one more attempt. */
  retry(queue: string, id: string, db?: Kysely<Database>): Promise<boolean>;
  /**
   * A periodic job (the statistics refresh): every `everyMs` this process sends one, and pg-boss keeps one per time
   * slot (`singletonSeconds`), so with several workers it still runs once per period, on whichever takes it. Only in
   * processes that work; 0 turns it off.
   */
  every<T>(job: JobDefinition<T>, data: T, everyMs: number): void;
  /** Whether the job is still wanted: created, retried or active. */
  isLive(queue: string, id: string): Promise<boolean>;
  /**
   * Starts taking jobs, in processes that work. A queue sends from the start; it takes jobs only from here, so the
   * server can listen first (start-up, issue 16 §6: the first polls of every queue otherwise come before the port
   * opens, on PGlite's one session).
   */
  begin(): Promise<void>;
  stop(): Promise<void>;
}

export interface SendOptions {
  db?: Kysely<Database>;
  /** At most one job of this key queued or active at a time (pg-boss `singletonKey`). */
  singletonKey?: string;
  /** At most one job of the key per this many seconds (a periodic job sent by several processes). */
  singletonSeconds?: number;
}

export interface QueueOptions {
  /** Whether this process takes jobs (the worker and all roles) or only sends them (the api role). */
  work: boolean;
  pollingIntervalSeconds?: number;
  maintenanceIntervalSeconds?: number;
  /** Tests shorten every lease. */
  expireInSeconds?: number;
  log?: (message: string, error?: unknown) => void;
}

function adapterOf(db: Kysely<Database>, script?: ScriptRunner) {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if ((!values || values.length === 0) && script) return script(text);
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows };
    },
  };
}

export async function startJobQueue(
  db: Kysely<Database>,
  script: ScriptRunner,
  definitions: readonly JobDefinition<unknown>[],
  options: QueueOptions,
): Promise<JobQueue> {
  const boss = new PgBoss({
    db: adapterOf(db, script),
    schema: 'pgboss',
    migrate: true,
    // Maintenance (expired leases, archiving) and the state monitor run where jobs run.
    supervise: options.work,
    schedule: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
    // The periodic jobs (the outbox every 5 s, the warning rules every 2 s) would fill the 后台任务 page with
    // completed passes: a completed job moves to the archive after 15 minutes (a failed one after 7 days, for retry), and
    // the archive keeps two days.
    archiveCompletedAfterSeconds: 15 * 60,
    archiveFailedAfterSeconds: 7 * 24 * 3600,
    deleteAfterDays: 2,
  } as unknown as PgBoss.ConstructorOptions);
  boss.on('error', (error) => options.log?.('job queue error', error));
  await boss.start();
  const byName = new Map<string, JobDefinition<unknown>>();
  const dbOf = db;
  // One read of the queues instead of two writes per queue at every start (start-up time on PGlite, and fewer
  // chances for two processes starting at once to deadlock).
  const existing = new Map((await boss.getQueues()).map((q) => [q.name, q]));
  for (const def of definitions) {
    byName.set(def.name, def);
    const queueOptions = {
      name: def.name,
      retryLimit: def.retryLimit,
      retryDelay: def.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: options.expireInSeconds ?? def.expireInSeconds,
    };
    // Several processes starting at once create the same queues: PostgreSQL may pick one of them as a deadlock
    // victim (CI saw it with two API processes); the loser tries again.
    const known = existing.get(def.name);
    const same =
      known &&
      known.retryLimit === queueOptions.retryLimit &&
      known.retryDelay === queueOptions.retryDelay &&
      known.retryBackoff === queueOptions.retryBackoff &&
      known.expireInSeconds === queueOptions.expireInSeconds;
    if (same) continue;
    await retryDeadlock(async () => {
      if (!known) await boss.createQueue(def.name, queueOptions);
      await boss.updateQueue(def.name, queueOptions);
    });
  }
  const workers = new Map<string, string>();
  let begun = false;
  let stopped = false;
  const takeJobs = async () => {
    if (!options.work || begun || stopped) return;
    begun = true;
    for (const def of definitions) {
      if (stopped) return;
      let worker = '';
      worker = await boss.work<unknown>(
        def.name,
        { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 1, includeMetadata: true },
        async ([job]) => {
          if (!job) return undefined;
          const meta = job as unknown as { retryCount?: number };
          const data = def.data.parse(job.data);
          try {
            return await def.run(data, { id: job.id, attempt: meta.retryCount ?? 0 });
          } catch (error) {
            options.log?.(`job ${def.name} ${job.id} failed`, error);
            throw error;
          } finally {
            // pg-boss fetches once per polling interval; after a job, look for the next one at once.
            boss.notifyWorker(worker);
          }
        },
      );
      workers.set(def.name, worker);
    }
  };
  const timers: NodeJS.Timeout[] = [];
  const queue: JobQueue = {
    async send(def, data, sendOptions = {}) {
      if (!byName.has(def.name)) throw new AppError('internal', `job ${def.name} is not declared`);
      const parsed = def.data.parse(data);
      return boss.send(def.name, parsed as object, {
        ...(sendOptions.db && { db: adapterOf(sendOptions.db) }),
        ...(sendOptions.singletonKey && { singletonKey: sendOptions.singletonKey }),
        ...(sendOptions.singletonSeconds && { singletonSeconds: sendOptions.singletonSeconds }),
      });
    },
    wake(queue) {
      const worker = workers.get(queue);
      if (worker) boss.notifyWorker(worker);
    },
    async cancel(queue, id, db) {
      const via = db ? { db: adapterOf(db) } : {};
      const result = (await boss.cancel(queue, id, via)) as unknown as { affected?: number } | undefined;
      const cancelled = (result?.affected ?? 0) > 0;
      const def = byName.get(queue);
      if (cancelled && def?.cancelled) {
        const job = await boss.getJobById(queue, id, { ...via, includeArchive: false });
        const data = def.data.safeParse(job?.data);
        if (data.success) await def.cancelled(data.data, db ?? dbOf);
      }
      return cancelled;
    },
    async retry(queue, id, db) {
      const result = (await boss.retry(queue, id, db ? { db: adapterOf(db) } : {})) as unknown as
        | { affected?: number }
        | undefined;
      return (result?.affected ?? 0) > 0;
    },
    async isLive(queue, id) {
      const job = await boss.getJobById(queue, id);
      return job !== null && ['created', 'retry', 'active'].includes(job.state);
    },
    every(def, data, everyMs) {
      if (!options.work || everyMs <= 0) return;
      const timer = setInterval(() => {
        queue
          .send(def, data, {
            singletonKey: def.name,
            singletonSeconds: Math.max(1, Math.round(everyMs / 1000)),
          })
          .catch((error: unknown) => options.log?.(`job ${def.name} could not be sent`, error));
      }, everyMs);
      timer.unref();
      timers.push(timer);
    },
    begin: takeJobs,
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
  return queue;
}

async function retryDeadlock(step: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await step();
      return;
    } catch (error) {
      const deadlock =
        (error as { code?: string }).code === '40P01' || /deadlock detected/.test(String(error));
      if (!deadlock || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}
