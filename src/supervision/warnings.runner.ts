import { sql } from 'kysely';
import type { AuditContext } from '../audit/audit.store.ts';
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
}

export interface WarningRunner {
  runOnce(): Promise<RunnerReport>;
  start(intervalMs: number): void;
  stop(): Promise<void>;
}

export function createWarningRunner(
  deps: SupervisionDeps,
  onError: (msg: string, err: unknown) => void = () => {},
): WarningRunner {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<RunnerReport> | undefined;

  async function pass(): Promise<RunnerReport> {
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

  /** One pass at a time: a pass still running when the timer fires is awaited, not doubled. */
  function runOnce(): Promise<RunnerReport> {
    running ??= pass().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    runOnce,
    start(intervalMs) {
      if (timer || intervalMs <= 0) return;
      timer = setInterval(() => {
        runOnce().catch((err) => onError('supervision rules pass failed', err));
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running?.catch(() => {});
    },
  };
}
