/**
 * The one poller of a process (issue 8 §1): while anybody watches, it reads new `exam_events` rows by cursor and
 * changed `warnings` rows every `pollMs`, and hands each to the subscribers whose scope covers it. Nobody
 * watching, no polling.
 *
 * Late commits. Identity values are taken when a row is inserted, not when its transaction commits, so under
 * concurrent writers id 10 can become visible after id 11. The poller therefore remembers every id it jumped over
 * (a gap) and asks for those ids again on each poll until they appear or `gapTtlMs` passes (a rolled-back
 * transaction leaves a gap for good). A gap filled late is delivered then, and remembered for the same time so a
 * client resuming from a Last-Event-ID above it still gets it. Each id is handed out once; sessions de-duplicate
 * on top. Changed warnings are re-read over a trailing window (`warningWindowMs`) and de-duplicated by id and
 * change time. PGlite is one session, so there commits are in id order anyway.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import type { EventFacts, LiveScope, WarningFacts } from './live.model.ts';
import { isEventInScope, isWarningInScope } from './live.rules.ts';
import { maxEventId, readEventIdsAfter, readEvents, readWarningsChangedSince } from './live.store.ts';

export interface LiveHubOptions {
  db: Kysely<Database>;
  clock: Clock;
  /** How often to look for new rows (ms); default 1000. */
  pollMs?: number;
  /** How long a skipped id is waited for (ms); default 120 000. */
  gapTtlMs?: number;
  /** How far back changed warnings are re-read (ms); default 120 000. */
  warningWindowMs?: number;
  onError?: (error: unknown) => void;
}

export interface LiveSubscriber {
  scope: LiveScope;
  onEvent(event: EventFacts): void;
  onWarning(warning: WarningFacts): void;
}

export interface LiveHub {
  /** Resolves once the poller runs and holds its cursor; the function unsubscribes. */
  subscribe(subscriber: LiveSubscriber): Promise<() => void>;
  /** Ids that became visible below the cursor (late commits) within the gap time. */
  lateIds(): number[];
  readonly subscribers: number;
  readonly isPolling: boolean;
  /** Stops polling and refuses new subscribers. */
  close(): void;
}

const BATCH = 500;
/** On start, missing ids this far behind the newest may still be running transactions. */
const START_LOOKBACK = 200;
/** A jump larger than this is not tracked id by id (identity values are not cached, so it should not happen). */
const MAX_GAP = 1000;

type Send<T> = (subscriber: LiveSubscriber, item: T) => void;
const warningKey = (w: WarningFacts) => `${w.id}|${w.updatedAt.toISOString()}|${w.status}`;

export function createLiveHub(o: LiveHubOptions): LiveHub {
  const pollMs = o.pollMs ?? 1000;
  const gapTtlMs = o.gapTtlMs ?? 120_000;
  const warningWindowMs = o.warningWindowMs ?? 120_000;
  const subscribers = new Set<LiveSubscriber>();
  const gaps = new Map<number, number>(); // id → when first missed (ms)
  const late = new Map<number, number>(); // id → when it turned up
  const seenWarnings = new Map<string, number>(); // `${id}|${updatedAt}|${status}` → updatedAt (ms)
  let cursor = 0;
  let generation = 0;
  let starting: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const now = () => o.clock.now().getTime();
  const report = (error: unknown) => o.onError?.(error);

  /** Hands each item to the subscribers whose scope covers it; one failing subscriber does not stop the rest. */
  function fanOut<T>(items: readonly T[], covers: (scope: LiveScope, item: T) => boolean, send: Send<T>) {
    for (const item of items)
      for (const s of subscribers) {
        if (!covers(s.scope, item)) continue;
        try {
          send(s, item);
        } catch (error) {
          report(error);
        }
      }
  }

  async function pollEvents(run: number): Promise<boolean> {
    const rows = await readEvents(o.db, cursor, [...gaps.keys()], BATCH);
    if (run !== generation) return false;
    const at = now();
    for (const row of rows) {
      if (row.id > cursor) {
        for (let id = Math.max(cursor + 1, row.id - MAX_GAP); id < row.id; id += 1) gaps.set(id, at);
        cursor = row.id;
      } else {
        gaps.delete(row.id);
        late.set(row.id, at);
      }
    }
    for (const [id, since] of gaps) if (at - since > gapTtlMs) gaps.delete(id);
    for (const [id, since] of late) if (at - since > gapTtlMs) late.delete(id);
    fanOut(rows, isEventInScope, (s, e) => s.onEvent(e));
    return rows.length === BATCH;
  }

  async function pollWarnings(run: number): Promise<void> {
    const floor = now() - warningWindowMs;
    const changed = await readWarningsChangedSince(o.db, new Date(floor), BATCH);
    if (run !== generation) return;
    const fresh = changed.filter((w) => {
      const key = warningKey(w);
      if (seenWarnings.has(key)) return false;
      seenWarnings.set(key, w.updatedAt.getTime());
      return true;
    });
    for (const [key, at] of seenWarnings) if (at <= floor) seenWarnings.delete(key);
    fanOut(fresh, isWarningInScope, (s, w) => s.onWarning(w));
  }

  function schedule(run: number, delay: number) {
    timer = setTimeout(() => void tick(run), delay);
    timer.unref();
  }

  async function tick(run: number) {
    timer = null;
    let more = false;
    try {
      more = await pollEvents(run);
      await pollWarnings(run);
    } catch (error) {
      report(error);
    }
    if (run === generation && subscribers.size > 0) schedule(run, more ? 0 : pollMs);
  }

  async function start(run: number) {
    const newest = await maxEventId(o.db);
    const present = new Set(await readEventIdsAfter(o.db, Math.max(0, newest - START_LOOKBACK)));
    const at = now();
    const recentWarnings = await readWarningsChangedSince(o.db, new Date(at - warningWindowMs), BATCH);
    if (run !== generation) return;
    cursor = newest;
    gaps.clear();
    for (let id = Math.max(1, newest - START_LOOKBACK + 1); id < newest; id += 1)
      if (!present.has(id)) gaps.set(id, at);
    // Warnings that changed before anyone watched are the snapshot's business, not news.
    seenWarnings.clear();
    for (const w of recentWarnings) seenWarnings.set(warningKey(w), w.updatedAt.getTime());
    if (subscribers.size > 0) schedule(run, pollMs);
  }

  function stop() {
    generation += 1;
    if (timer) clearTimeout(timer);
    timer = null;
    starting = null;
  }

  return {
    async subscribe(subscriber) {
      if (closed) throw new Error('live monitoring is shut down');
      subscribers.add(subscriber);
      if (!starting) {
        const run = generation;
        starting = start(run).catch((error: unknown) => {
          if (run === generation) starting = null;
          throw error;
        });
      }
      try {
        await starting;
      } catch (error) {
        subscribers.delete(subscriber);
        throw error;
      }
      return () => {
        subscribers.delete(subscriber);
        if (subscribers.size === 0) stop();
      };
    },
    lateIds: () => [...late.keys()],
    get subscribers() {
      return subscribers.size;
    },
    get isPolling() {
      return starting !== null;
    },
    close() {
      closed = true;
      subscribers.clear();
      stop();
    },
  };
}
