import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SharedCounters } from './limits.model.ts';

interface Hit {
  key: string;
  windowMs: number;
  now: number;
  resolve(value: { count: number; resetAt: number }): void;
  reject(error: unknown): void;
}

/** Expired rows go every this many calls of a process: the tables stay small without a timer of their own. */
const PURGE_EVERY = 1_000;

/**
 * The counters in PostgreSQL (migration 2026-12-07-0060), one statement per call: an upsert that starts a new
 * window when the old one has ended, and an insert that fails on an id spent already. The tables are unlogged:
 * after a crash they come back empty, which forgets limits and spent challenges, never personal data (keys are
 * keyed hashes and challenge ids).
 */
export function createPostgresCounters(db: Kysely<Database>): SharedCounters {
  let calls = 0;
  // Hits of one turn of the event loop go in one statement (issue 16 §6): under load every public request counts
  // two keys, and a statement each cost the query more than its own lookup. One row per key is still updated
  // atomically, so n hits of a key in a batch take the counts after−n+1 … after, exactly as n statements would.
  let pending: Hit[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    const byKey = new Map<string, Hit[]>();
    const windowOf = new Map<string, number>();
    for (const h of batch) {
      byKey.set(h.key, [...(byKey.get(h.key) ?? []), h]);
      windowOf.set(h.key, h.windowMs);
    }
    // One clock for the batch: its hits are within a turn of the event loop of each other.
    const at = Math.max(...batch.map((h) => h.now));
    // Sorted: concurrent batches then lock their rows in one order and cannot deadlock on two shared keys.
    const keys = [...byKey.keys()].sort();
    const counts = keys.map((k) => (byKey.get(k) as Hit[]).length);
    const resets = keys.map((k) => new Date(at + (windowOf.get(k) ?? 0)));
    sql<{ key: string; count: number; reset_at: Date }>`
      insert into limit_windows as w (key, count, reset_at)
      select * from unnest(${keys}::text[], ${counts}::int[], ${resets}::timestamptz[])
      on conflict (key) do update set
        count = case when w.reset_at > ${new Date(at)} then w.count + excluded.count else excluded.count end,
        reset_at = case when w.reset_at > ${new Date(at)} then w.reset_at else excluded.reset_at end
      returning key, count, reset_at`
      .execute(db)
      .then(({ rows }) => {
        for (const row of rows) {
          const hits = byKey.get(row.key) ?? [];
          const after = Number(row.count);
          const resetAt = new Date(row.reset_at).getTime();
          hits.forEach((h, i) => {
            h.resolve({ count: after - hits.length + 1 + i, resetAt });
          });
          byKey.delete(row.key);
        }
        for (const hits of byKey.values())
          for (const h of hits) h.reject(new Error('limit_windows: no row returned'));
      })
      .catch((error: unknown) => {
        for (const h of batch) h.reject(error);
      });
  };
  const purge = (now: number) => {
    calls += 1;
    if (calls % PURGE_EVERY !== 0) return;
    const at = new Date(now);
    void sql`delete from limit_windows where reset_at <= ${at}`
      .execute(db)
      .then(() => sql`delete from spent_challenges where expires_at <= ${at}`.execute(db))
      .catch(() => {});
  };
  return {
    hit(key, windowMs, now) {
      purge(now);
      return new Promise((resolve, reject) => {
        pending.push({ key, windowMs, now, resolve, reject });
        if (pending.length === 1) setImmediate(flush);
      });
    },
    async spend(id, expiresAt, now) {
      purge(now);
      // An expired row of the same id (impossible while ids are random, but cheap to allow) is taken over.
      const result = await sql`
        insert into spent_challenges as s (id, expires_at) values (${id}, ${new Date(expiresAt)})
        on conflict (id) do update set expires_at = excluded.expires_at where s.expires_at <= ${new Date(now)}
        returning id`.execute(db);
      return result.rows.length === 1;
    },
  };
}
