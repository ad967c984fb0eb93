import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { errorOf, type JobList, type JobListQuery, type JobRow, jobStates } from './jobs.model.ts';

/**
 * The admin page's view of the queue (issue 16 §2): pg-boss's own `job` table (finished jobs move to `archive`
 * after a day), newest first, filtered by state and queue. Read with SQL: pg-boss 10 has no listing call.
 */
export async function listJobs(db: Kysely<Database>, query: JobListQuery): Promise<JobList> {
  const state = query.state ?? null;
  const queue = query.queue ?? null;
  const offset = (query.page - 1) * query.pageSize;
  const [items, counts, queues] = await Promise.all([
    sql<{
      id: string;
      name: string;
      state: JobRow['state'];
      retry_count: number;
      retry_limit: number;
      created_on: Date;
      started_on: Date | null;
      completed_on: Date | null;
      output: unknown;
    }>`select id, name, state, retry_count, retry_limit, created_on, started_on, completed_on,
         case when state = 'failed' or state = 'retry' then output end as output
       from pgboss.job
       where (${state}::text is null or state::text = ${state}) and (${queue}::text is null or name = ${queue})
       order by created_on desc, id
       limit ${query.pageSize} offset ${offset}`.execute(db),
    sql<{ state: JobRow['state']; n: number }>`select state::text as state, count(*)::int as n
       from pgboss.job where (${queue}::text is null or name = ${queue}) group by state`.execute(db),
    sql<{ name: string }>`select name from pgboss.queue order by name`.execute(db),
  ]);
  const byState = Object.fromEntries(jobStates.map((s) => [s, 0])) as JobList['counts'];
  for (const c of counts.rows) byState[c.state] = c.n;
  return {
    items: items.rows.map((r) => ({
      id: r.id,
      queue: r.name,
      state: r.state,
      retryCount: r.retry_count,
      retryLimit: r.retry_limit,
      createdOn: new Date(r.created_on).toISOString(),
      startedOn: r.started_on ? new Date(r.started_on).toISOString() : null,
      completedOn: r.completed_on ? new Date(r.completed_on).toISOString() : null,
      error: errorOf(r.output),
    })),
    total: state ? byState[state] : Object.values(byState).reduce((a, b) => a + b, 0),
    counts: byState,
    queues: queues.rows.map((q) => q.name),
  };
}

/** A job's queue, for the retry and cancel calls that need it; undefined when there is no such job. */
export async function queueOfJob(db: Kysely<Database>, id: string): Promise<string | undefined> {
  const { rows } = await sql<{ name: string }>`select name from pgboss.job where id = ${id}::uuid`.execute(
    db,
  );
  return rows[0]?.name;
}
