/**
 * Live monitoring's use cases (issue 8 §1): the activity snapshot, and one viewer's event stream on top of the
 * process's poller (`live.hub.ts`). Reads only: nothing here writes or audits.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import {
  countOpenWarnings,
  countPlanActivity,
  countPlanSittings,
  findActivePlans,
  findSittingsBetween,
} from './live.activity.store.ts';
import type { LiveHub } from './live.hub.ts';
import type { Activity, EventFacts, LiveScope } from './live.model.ts';
import {
  chinaDayOf,
  heartbeatFrame,
  retryFrame,
  sittingPhaseAt,
  sseFrame,
  toLiveEvent,
  toWarningChange,
} from './live.rules.ts';
import { findEventsAfter, findRecentEvents, maxEventId } from './live.store.ts';

export interface LiveDeps {
  db: Kysely<Database>;
  clock: Clock;
}

/** How many events the snapshot lists, and how many a resume replays at most (the newest). */
export const RECENT_EVENTS = 50;
export const RESUME_LIMIT = 1000;
const PLAN_LIMIT = 200;
const SITTING_LIMIT = 200;
const SENT_MAX = 10_000;

const zero = {
  registered: 0,
  attemptsStarted: 0,
  attemptsSubmitted: 0,
  resultsComputed: 0,
  resultsPublished: 0,
  certificatesIssued: 0,
};

/** Evaluation activity as it stands, in the viewer's scope. */
export async function getActivity(deps: LiveDeps, scope: LiveScope): Promise<Activity> {
  const { db } = deps;
  const now = deps.clock.now();
  // The cursor first: anything newer reaches a stream from the poller, so nothing falls between the two.
  const cursor = await maxEventId(db);
  const plans = await findActivePlans(db, scope, PLAN_LIMIT);
  const planIds = plans.map((p) => p.id);
  const activity = new Map((await countPlanActivity(db, scope, planIds)).map((c) => [c.planId, c]));
  const sittingCounts = await countPlanSittings(db, scope, planIds);
  const today = chinaDayOf(now);
  const sittings = await findSittingsBetween(db, scope, today.start, today.end, SITTING_LIMIT);
  const events = await findRecentEvents(db, scope, RECENT_EVENTS);
  return {
    asOf: now.toISOString(),
    scope,
    cursor: String(cursor),
    plans: plans.map((p) => {
      const { planId: _, ...counts } = activity.get(p.id) ?? { planId: p.id, ...zero };
      const span = sittingCounts.get(p.id);
      return {
        id: p.id,
        code: p.code,
        name: p.name,
        occupation: p.occupation,
        level: p.level,
        kind: p.kind,
        leadProvince: p.lead_province,
        registrationOpens: p.registration_opens,
        registrationCloses: p.registration_closes,
        firstSittingStartsAt: span?.firstStartsAt?.toISOString() ?? null,
        lastSittingEndsAt: span?.lastEndsAt?.toISOString() ?? null,
        counts: { ...counts, sittings: span?.n ?? 0 },
      };
    }),
    sittings: sittings.map((s) => ({
      id: s.id,
      planId: s.plan_id,
      planCode: s.plan_code,
      occupation: s.occupation,
      institutionId: s.institution_id,
      institutionName: s.institution_name,
      province: s.province,
      siteName: s.site_name,
      startsAt: s.starts_at.toISOString(),
      endsAt: s.ends_at.toISOString(),
      phase: sittingPhaseAt(s.starts_at, s.ends_at, now),
      capacity: s.capacity,
      registered: s.registered,
      started: s.started,
      submitted: s.submitted,
    })),
    events: events.map(toLiveEvent),
    openWarnings: await countOpenWarnings(db, scope),
  };
}

/** Where a stream's frames go: the HTTP response in production, an array in unit tests. */
export interface LiveSink {
  write(frame: string): void;
  end(): void;
}

export interface LiveSession {
  /** Settles once the snapshot (and a resume's backlog) has been written. */
  readonly ready: Promise<void>;
  close(): void;
}

export interface LiveSessionOptions {
  scope: LiveScope;
  /** Resume after this event id (Last-Event-ID); null for a fresh view. */
  after: number | null;
  sink: LiveSink;
  heartbeatMs: number;
  retryMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * One viewer's stream: subscribe first (live events wait in a queue), then the `activity` snapshot, then on a
 * resume the events after Last-Event-ID (and late commits below it), then the queue — every exam event once per
 * connection, by id. A fresh view's snapshot frame carries the snapshot's cursor as its id, so a reconnect resumes
 * from there. Warnings are frames without an id (they do not move the cursor).
 */
export function startLiveSession(deps: LiveDeps & { hub: LiveHub }, o: LiveSessionOptions): LiveSession {
  const sent = new Set<number>();
  let queue: Array<() => void> | null = [];
  let closed = false;
  let unsubscribe: (() => void) | null = null;
  let heartbeat: NodeJS.Timeout | null = null;

  const remember = (id: number) => {
    sent.add(id);
    // Ids only repeat around the start and around late commits: the oldest half can go once the set is large.
    if (sent.size > SENT_MAX) for (const old of [...sent].slice(0, SENT_MAX / 2)) sent.delete(old);
  };
  const sendEvent = (e: EventFacts) => {
    if (closed || sent.has(e.id)) return;
    remember(e.id);
    o.sink.write(sseFrame('exam', toLiveEvent(e), String(e.id)));
  };
  const later = (frame: () => void) => (queue ? queue.push(frame) : frame());

  function close() {
    if (closed) return;
    closed = true;
    if (heartbeat) clearInterval(heartbeat);
    unsubscribe?.();
    o.sink.end();
  }

  async function run() {
    const off = await deps.hub.subscribe({
      scope: o.scope,
      onEvent: (e) => later(() => sendEvent(e)),
      onWarning: (w) => later(() => !closed && o.sink.write(sseFrame('warning', toWarningChange(w)))),
    });
    unsubscribe = off;
    if (closed) return off();
    o.sink.write(retryFrame(o.retryMs ?? 3000));
    const activity = await getActivity(deps, o.scope);
    if (closed) return;
    // A fresh view's cursor covers the listed events; a resume replays its own, so the client's cursor moves on.
    if (o.after === null) for (const e of activity.events) remember(Number(e.id));
    o.sink.write(sseFrame('activity', activity, o.after === null ? activity.cursor : undefined));
    if (o.after !== null) {
      const after = o.after;
      const late = deps.hub.lateIds().filter((id) => id <= after);
      for (const e of await findEventsAfter(deps.db, o.scope, after, late, RESUME_LIMIT)) sendEvent(e);
      if (closed) return;
    }
    const waiting = queue ?? [];
    queue = null;
    for (const frame of waiting) frame();
    heartbeat = setInterval(() => !closed && o.sink.write(heartbeatFrame), o.heartbeatMs);
    heartbeat.unref();
  }

  const ready = run().catch((error: unknown) => {
    o.onError?.(error);
    close();
  });
  return { ready, close };
}
