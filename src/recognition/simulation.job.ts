import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import type { JobDefinition } from '../jobs/jobs.model.ts';
import type { JobQueue } from '../jobs/jobs.queue.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { assertProvinceAdmin, getPolicyVersion, type PolicyDeps } from './policy.service.ts';
import { runSimulation, type SimulationResult } from './policy.simulate.ts';

/**
 * A policy simulation as a job (issue 16 §2): asked for over HTTP (a row and a pg-boss job in one transaction, with
 * its audit row), run by whichever worker takes the job, its progress written to the row as it goes so the editor
 * can show it, and cancellable. Run again after a worker died mid-way, it writes its result once: the final update
 * only changes a run still queued or running.
 */
export const SIMULATION_QUEUE = 'policy-simulation';

export interface SimulationRun {
  id: string;
  region: string;
  version: string;
  asOf: string;
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  phase: 'queued' | 'grouping' | 'evaluating' | 'done';
  done: number;
  total: number;
  result: SimulationResult | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface SimulationJobDeps extends PolicyDeps {
  /** PostgreSQL only: stops a running query of another session (PGlite is one session: it checks between phases). */
  cancelBackend?: (pid: number) => Promise<void>;
  /** How often a running simulation looks whether it was cancelled. */
  cancelPollMs?: number;
}

const jobData = z.object({ simulationId: z.uuid() });

type Row = Awaited<ReturnType<typeof findRow>>;

function findRow(db: Kysely<Database>, id: string) {
  return db.selectFrom('policy_simulations').selectAll().where('id', '=', id).executeTakeFirst();
}

function toRun(row: NonNullable<Row>): SimulationRun {
  return {
    id: row.id,
    region: row.region,
    version: row.version,
    asOf: row.as_of,
    status: row.status,
    phase: row.phase,
    done: row.done,
    total: row.total,
    result: (row.result as SimulationResult | null) ?? null,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

const live = ['queued', 'running'] as const;
const RETRY_LIMIT = 2;

export function simulationJob(deps: SimulationJobDeps): JobDefinition<z.infer<typeof jobData>> {
  return {
    name: SIMULATION_QUEUE,
    data: jobData,
    retryLimit: RETRY_LIMIT,
    retryDelaySeconds: 5,
    // 10 million holders take about a minute here (docs/PERFORMANCE.md); 30 minutes leaves room for a busy primary.
    expireInSeconds: 30 * 60,
    // Cancelled from the 后台任务 page: the run says so too (cancelSimulation marks it itself, before).
    async cancelled({ simulationId }, db) {
      await db
        .updateTable('policy_simulations')
        .set({ status: 'cancelled', finished_at: deps.clock.now() })
        .where('id', '=', simulationId)
        .where('status', 'in', live)
        .execute();
    },
    async run({ simulationId }, job) {
      const row = await findRow(deps.db, simulationId);
      // Finished or cancelled already (a retry after the result was written): nothing to do twice.
      if (!row || !(live as readonly string[]).includes(row.status))
        return { skipped: row?.status ?? 'missing' };
      const now = deps.clock.now();
      await setProgress(deps.db, simulationId, { status: 'running', started_at: now, error: null });
      let pid: number | undefined;
      let cancelled = false;
      const watch = setInterval(async () => {
        const current = await findRow(deps.db, simulationId).catch(() => undefined);
        if (current?.status !== 'cancelled' || cancelled) return;
        cancelled = true;
        if (pid !== undefined) await deps.cancelBackend?.(pid).catch(() => {});
      }, deps.cancelPollMs ?? 1000);
      try {
        const result = await runSimulation(deps, row.region, row.version, row.as_of, {
          backend: (p) => {
            pid = p;
          },
          phase: async (phase, total) => {
            const current = await findRow(deps.db, simulationId);
            if (current?.status === 'cancelled') throw new Cancelled();
            await setProgress(deps.db, simulationId, { phase, total, done: 0 });
          },
        });
        await deps.db
          .updateTable('policy_simulations')
          .set({
            status: 'done',
            phase: 'done',
            done: result.holders,
            total: result.holders,
            result: JSON.stringify(result),
            finished_at: deps.clock.now(),
          })
          .where('id', '=', simulationId)
          .where('status', 'in', live)
          .execute();
        return { holders: result.holders, changed: result.changed };
      } catch (error) {
        const current = await findRow(deps.db, simulationId);
        if (error instanceof Cancelled || current?.status === 'cancelled') return { cancelled: true };
        const message = error instanceof AppError ? error.message : 'the simulation failed';
        // The last attempt leaves the run failed; an earlier one leaves it queued for the retry.
        const last = job.attempt >= RETRY_LIMIT;
        await setProgress(deps.db, simulationId, {
          status: last ? 'failed' : 'queued',
          error: message,
          ...(last && { finished_at: deps.clock.now() }),
        });
        throw error;
      } finally {
        clearInterval(watch);
      }
    },
  };
}

class Cancelled extends Error {}

async function setProgress(
  db: Kysely<Database>,
  id: string,
  values: Partial<{
    status: SimulationRun['status'];
    phase: SimulationRun['phase'];
    done: number;
    total: number;
    error: string | null;
    started_at: Date;
    finished_at: Date;
  }>,
): Promise<void> {
  await db
    .updateTable('policy_simulations')
    .set(values)
    .where('id', '=', id)
    .where('status', 'in', live)
    .execute();
}

/** Asks for a simulation: the run's row, its job and the audit row commit together. */
export async function requestSimulation(
  deps: PolicyDeps & { jobs: JobQueue; job: JobDefinition<{ simulationId: string }> },
  ctx: AuditContext,
  principal: Principal,
  region: string,
  version: string,
  asOfInput?: string,
): Promise<SimulationRun> {
  assertProvinceAdmin(principal, region);
  const draft = await getPolicyVersion(deps, region, version);
  if (draft.status !== 'draft') throw new AppError('conflict', `${version} is not a draft`);
  const id = newId();
  const asOf = asOfInput ?? todayInChina(deps.clock);
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('policy_simulations')
      .values({
        id,
        region,
        version,
        as_of: asOf,
        status: 'queued',
        phase: 'queued',
        result: null,
        error: null,
        job_id: null,
        requested_by: ctx.actorLabel,
        created_at: ctx.at,
        started_at: null,
        finished_at: null,
      })
      .execute();
    const jobId = await deps.jobs.send(deps.job, { simulationId: id }, { db: trx });
    await trx.updateTable('policy_simulations').set({ job_id: jobId }).where('id', '=', id).execute();
    await appendAudit(trx, ctx, {
      action: 'policy.simulate',
      targetType: 'policy',
      targetId: `${region}@${version}`,
      after: { simulation: id, asOf },
    });
  });
  return getSimulation(deps, principal, region, id);
}

export async function getSimulation(
  deps: { db: Kysely<Database> },
  principal: Principal,
  region: string,
  id: string,
): Promise<SimulationRun> {
  assertProvinceAdmin(principal, region);
  const row = await findRow(deps.db, id);
  if (!row || row.region !== region) throw new AppError('not_found', 'no such simulation');
  return toRun(row);
}

/** Cancels a queued or running simulation; the worker stops at its next check (on PostgreSQL, mid-query). */
export async function cancelSimulation(
  deps: { db: Kysely<Database>; jobs: JobQueue },
  ctx: AuditContext,
  principal: Principal,
  region: string,
  id: string,
): Promise<SimulationRun> {
  const run = await getSimulation(deps, principal, region, id);
  if (!(live as readonly string[]).includes(run.status))
    throw new AppError('conflict', `the simulation is ${run.status}`);
  const jobId = await deps.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('policy_simulations')
      .set({ status: 'cancelled', finished_at: ctx.at })
      .where('id', '=', id)
      .where('status', 'in', live)
      .returning('job_id')
      .executeTakeFirst();
    if (!updated) throw new AppError('conflict', 'the simulation has just finished');
    await appendAudit(trx, ctx, {
      action: 'policy.simulate.cancel',
      targetType: 'policy',
      targetId: `${region}@${run.version}`,
      after: { simulation: id },
    });
    return updated.job_id;
  });
  // A job not yet taken is cancelled in the queue; a running one stops itself on seeing the row.
  if (jobId) await deps.jobs.cancel(SIMULATION_QUEUE, jobId);
  return getSimulation(deps, principal, region, id);
}

/** PostgreSQL: stops the grouping query of a cancelled simulation (pg_cancel_backend, the server's own cancel). */
export function postgresCanceller(db: Kysely<Database>) {
  return async (pid: number): Promise<void> => {
    await sql`select pg_cancel_backend(${pid})`.execute(db);
  };
}
