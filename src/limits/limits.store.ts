import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { SharedCounters } from './limits.model.ts';

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
    async hit(key, windowMs, now) {
      purge(now);
      const at = new Date(now);
      const result = await sql<{ count: number; reset_at: Date }>`
        insert into limit_windows as w (key, count, reset_at) values (${key}, 1, ${new Date(now + windowMs)})
        on conflict (key) do update set
          count = case when w.reset_at > ${at} then w.count + 1 else 1 end,
          reset_at = case when w.reset_at > ${at} then w.reset_at else excluded.reset_at end
        returning count, reset_at`.execute(db);
      const row = result.rows[0];
      if (!row) throw new Error('limit_windows: no row returned');
      return { count: Number(row.count), resetAt: new Date(row.reset_at).getTime() };
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
