import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditContext } from '../audit/audit.store.ts';
import { type JobDefinition, periodicJob } from '../jobs/jobs.model.ts';
import { runPlanRules, type SupervisionDeps } from './warnings.service.ts';

/**
 * Runs the warning rules as exam events arrive (issue 8 §2): it tails `exam_events` by id, re-evaluates each plan an
 * event touched (an institution's event touches its open plans), and runs the whole-plan statistics when results
 * are computed or the plan closes. Identity ids can commit out of order, so each pass with news also re-reads a
 * window of ids behind the cursor; raising is idempotent (one warning per rule and subject), so a re-read costs
 * time, never a duplicate.
 */
const CURSOR = 'warnings';
const LOOKBACK = 200;
const BATCH = 2000;
const wholePlanKinds = new Set(['results.computed', 'plan.closed']);

export interface RunnerReport {
  events: number;
  plans: number;
  raised: number;
  /** Another process holds the cursor's lease: this pass ran nothing. */
  leasedElsewhere?: true;
}

export interface WarningRunner {
  runOnce(): Promise<RunnerReport>;
  stop(): Promise<void>;
}

export function createWarningRunner(
  deps: SupervisionDeps,
  onError: (msg: string, err: unknown) => void = () => {},
  options: { leaseMs?: number } = {},
): WarningRunner {
  let running: Promise<RunnerReport> | undefined;
  // Several worker processes may run this runner on one database (issue 16 §1): a pass first takes or renews the
  // cursor's lease, so one process runs the rules at a time; the database's clock decides, not the processes'.
  const owner = randomUUID();
  const leaseMs = options.leaseMs ?? 60_000;
  let held = false;

  async function takeLease(): Promise<boolean> {
    const { rows } = await sql<{ name: string }>`
      insert into supervision_cursors (name, last_event_id, updated_at, lease_owner, lease_until)
      values (${CURSOR}, '0', now(), ${owner}, now() + ${leaseMs} * interval '1 millisecond')
      on conflict (name) do update set lease_owner = excluded.lease_owner, lease_until = excluded.lease_until
      where supervision_cursors.lease_owner is null or supervision_cursors.lease_owner = ${owner}
        or supervision_cursors.lease_until < now()
      returning name`.execute(deps.db);
    held = rows.length > 0;
    return held;
  }

  async function pass(): Promise<RunnerReport> {
    if (!(await takeLease())) return { events: 0, plans: 0, raised: 0, leasedElsewhere: true };
    const cursorRow = await deps.db
      .selectFrom('supervision_cursors')
      .select('last_event_id')
      .where('name', '=', CURSOR)
      .executeTakeFirst();
    const cursor = Number(cursorRow?.last_event_id ?? 0);
    const fresh = await deps.db
      .selectFrom('exam_events')
      .select(sql<string>`max(id)`.as('max'))
      .where('id', '>', String(cursor))
      .executeTakeFirst();
    if (!fresh?.max) return { events: 0, plans: 0, raised: 0 };
    const upTo = Math.min(Number(fresh.max), cursor + BATCH);
    const events = await deps.db
      .selectFrom('exam_events')
      .select(['id', 'kind', 'plan_id', 'institution_id'])
      .where('id', '>', String(Math.max(0, cursor - LOOKBACK)))
      .where('id', '<=', String(upTo))
      .orderBy('id')
      .execute();
    const plans = new Map<string, boolean>();
    const institutions = new Set<string>();
    for (const e of events) {
      if (e.plan_id) plans.set(e.plan_id, (plans.get(e.plan_id) ?? false) || wholePlanKinds.has(e.kind));
      else if (e.institution_id) institutions.add(e.institution_id);
    }
    if (institutions.size > 0) {
      const open = await deps.db
        .selectFrom('exam_plan_institutions as pi')
        .innerJoin('exam_plans as p', 'p.id', 'pi.plan_id')
        .select('p.id')
        .where('pi.institution_id', 'in', [...institutions])
        .where('p.status', 'in', ['draft', 'approved'])
        .execute();
      for (const p of open) if (!plans.has(p.id)) plans.set(p.id, false);
    }
    const ctx: AuditContext = {
      actorId: null,
      actorLabel: 'supervision-rules',
      requestId: null,
      at: deps.clock.now(),
    };
    let raised = 0;
    for (const [planId, whole] of plans) raised += (await runPlanRules(deps, ctx, planId, whole)).length;
    await deps.db
      .insertInto('supervision_cursors')
      .values({ name: CURSOR, last_event_id: String(upTo), updated_at: ctx.at })
      .onConflict((oc) => oc.column('name').doUpdateSet({ last_event_id: String(upTo), updated_at: ctx.at }))
      .execute();
    return { events: events.length, plans: plans.size, raised };
  }

  /** One pass at a time in this process: a pass still running when the next is asked for is awaited, not doubled. */
  function runOnce(): Promise<RunnerReport> {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    runOnce,
    async stop() {
      await running?.catch(() => {});
      // Given back, so another worker need not wait for the lease to lapse (a runner that never held it, as in an
      // api process, writes nothing).
      if (!held) return;
      held = false;
      await deps.db
        .updateTable('supervision_cursors')
        .set({ lease_owner: null, lease_until: null })
        .where('name', '=', CURSOR)
        .where('lease_owner', '=', owner)
        .execute()
        .catch((err) => onError('supervision rules: giving back the lease failed', err));
    },
  };
}

/**
 * The warning rules as a periodic job (issue 16 §2): one pass per `HUTONG_SUPERVISION_INTERVAL_MS`. The cursor's
 * lease stays: a pass that outlives its period cannot overlap the next one on another worker. Not retried: the next
 * pass reads from the same cursor.
 */
export function warningRulesJob(runner: WarningRunner): JobDefinition<Record<string, never>> {
  return periodicJob('supervision-rules', { expireInSeconds: 10 * 60 }, () => runner.runOnce());
}
