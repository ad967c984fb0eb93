import { type Kysely, sql } from 'kysely';

/**
 * A policy simulation as a job (issue 16 §2 and §5): one row per run, written by the worker that runs it, so the
 * editor shows its progress live and can cancel it. The job itself is pg-boss's (schema `pgboss`, created by
 * pg-boss's own migration when the queue starts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table policy_simulations (
    id uuid primary key,
    region text not null,
    version text not null,
    as_of date not null,
    status text not null check (status in ('queued', 'running', 'done', 'failed', 'cancelled')),
    phase text not null check (phase in ('queued', 'grouping', 'evaluating', 'done')),
    done int not null default 0,
    total int not null default 0,
    result jsonb,
    error text,
    job_id text,
    requested_by text not null,
    created_at timestamptz not null,
    started_at timestamptz,
    finished_at timestamptz
  )`.execute(db);
  await sql`create index policy_simulations_region_idx on policy_simulations (region, created_at desc)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table policy_simulations`.execute(db);
}
