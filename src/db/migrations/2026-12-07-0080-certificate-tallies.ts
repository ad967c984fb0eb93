import { type Kysely, sql } from 'kysely';

/**
 * Certificate statistics aggregated ahead (issue 16 §7: statistics over 10 million certificates answer in < 1 s).
 * `certificate_tallies` counts the visible certificates by what the statistics filter and group on, with the dates
 * coarsened to months; `statistics_tally_state` says when it was taken and over how many rows. Rows whose months
 * cannot decide a question (the current month, the months a period starts and ends in) are counted live, so an
 * answer from the tallies equals the live one as of the refresh (statistics.tally.ts). `valid_from` gets an index
 * for that live part.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table certificate_tallies (
    department text not null,
    type text not null,
    province text not null,
    status text not null,
    occupation text,
    level text,
    from_month date not null,
    until_month date,
    n bigint not null check (n > 0)
  )`.execute(db);
  await sql`create table statistics_tally_state (
    id int primary key check (id = 1),
    refreshed_at timestamptz not null,
    row_count bigint not null
  )`.execute(db);
  await sql`create index certificates_from_idx on certificate_rows (valid_from)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index certificates_from_idx`.execute(db);
  await sql`drop table statistics_tally_state`.execute(db);
  await sql`drop table certificate_tallies`.execute(db);
}
