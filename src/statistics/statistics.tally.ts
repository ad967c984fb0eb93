import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { type JobDefinition, periodicJob } from '../jobs/jobs.model.ts';
import type { EffectiveStatus } from './statistics.model.ts';
import type { CertificateCountRow } from './statistics.rules.ts';
import { type CertificateFilter, countCertificates } from './statistics.store.ts';

/**
 * Certificate figures from counts taken ahead (issue 16 §7): at 10 million certificates the live GROUP BY reads
 * every row (seconds); `certificate_tallies` holds the same counts grouped by month of `valid_from` and
 * `valid_until` (a few hundred thousand rows at national scale), refreshed by a background loop.
 *
 * An answer from the tallies is exact as of the refresh: a month decides a row's status on `today` and its place
 * in a period unless it is today's month, or the month a period starts or ends in; rows in those months are
 * counted live (an index on each date keeps that part to a month of rows), the rest from the tallies, and the two
 * parts never overlap. Rows written after the refresh are missing until the next one: the answer says when it was
 * taken (`talliedAt`).
 */
type Db = Kysely<Database>;

export interface TallyState {
  refreshedAt: Date;
  rows: number;
}

// One refresh at a time across processes: a second one finds the lock taken and skips.
const REFRESH_LOCK = 5_316_016;

export async function readTallyState(db: Db): Promise<TallyState | null> {
  const row = await db.selectFrom('statistics_tally_state').selectAll().executeTakeFirst();
  return row ? { refreshedAt: new Date(row.refreshed_at), rows: Number(row.row_count) } : null;
}

/** Recounts the tallies in one transaction (readers keep the previous counts until it commits); null if skipped. */
export async function refreshTallies(db: Db, now: Date): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{
      locked: boolean;
    }>`select pg_try_advisory_xact_lock(${REFRESH_LOCK}) as locked`.execute(trx);
    if (!rows[0]?.locked) return null;
    await sql`delete from certificate_tallies`.execute(trx);
    await sql`insert into certificate_tallies
        (department, type, province, status, occupation, level, from_month, until_month, n)
      select department, type, left(issuer_region, 2) || '0000', status, occupation, level,
        date_trunc('month', valid_from)::date, date_trunc('month', valid_until)::date, count(*)
      from certificates
      group by 1, 2, 3, 4, 5, 6, 7, 8`.execute(trx);
    const total = await sql<{
      n: number | null;
    }>`select sum(n)::bigint as n from certificate_tallies`.execute(trx);
    const count = Number(total.rows[0]?.n ?? 0);
    await trx
      .insertInto('statistics_tally_state')
      .values({ id: 1, refreshed_at: now, row_count: count })
      .onConflict((oc) => oc.column('id').doUpdateSet({ refreshed_at: now, row_count: count }))
      .execute();
    return count;
  });
}

/** `YYYY-MM-01` of a civil date. */
export const monthOf = (date: string) => `${date.slice(0, 7)}-01`;

function nextMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/** The months the tallies cannot decide for this question: counted live. */
export function undecidedMonths(f: Pick<CertificateFilter, 'today' | 'from' | 'to'>) {
  const current = monthOf(f.today);
  const from = [
    ...new Set([current, ...(f.from ? [monthOf(f.from)] : []), ...(f.to ? [monthOf(f.to)] : [])]),
  ];
  return {
    current,
    from,
    ranges: from.map((m) => [m, nextMonth(m)] as const),
    currentEnd: nextMonth(current),
  };
}

/** The same rows as `countCertificates`, from the tallies plus a live count of the undecided months. */
export async function countCertificatesTallied(db: Db, f: CertificateFilter): Promise<CertificateCountRow[]> {
  const months = undecidedMonths(f);
  let q = db
    .selectFrom('certificate_tallies as t')
    .select([
      't.department',
      't.type',
      't.province',
      sql<EffectiveStatus>`case
          when t.status <> 'valid' then t.status
          when t.from_month > ${months.current} then 'not-yet-valid'
          when t.until_month < ${months.current} then 'expired'
          else 'valid' end`.as('status'),
      sql<string>`sum(t.n)`.as('n'),
    ])
    .where('t.from_month', 'not in', months.from)
    .where((eb) => eb.or([eb('t.until_month', 'is', null), eb('t.until_month', '<>', months.current)]));
  if (f.scope.department) q = q.where('t.department', '=', f.scope.department);
  if (f.scope.province) q = q.where('t.province', '=', `${f.scope.province.slice(0, 2)}0000`);
  if (f.from) q = q.where('t.from_month', '>', monthOf(f.from));
  if (f.to) q = q.where('t.from_month', '<', monthOf(f.to));
  if (f.occupation) q = q.where('t.occupation', '=', f.occupation);
  if (f.level) q = q.where('t.level', '=', f.level);
  const [tallied, live] = await Promise.all([
    q.groupBy(['t.department', 't.type', 't.province', sql`4`]).execute(),
    countCertificates(db, { ...f, onlyMonths: months }),
  ]);
  const merged = new Map<string, CertificateCountRow>();
  for (const row of [...tallied.map((r) => ({ ...r, n: Number(r.n) })), ...live]) {
    const key = `${row.department}|${row.type}|${row.province}|${row.status}`;
    const seen = merged.get(key);
    if (seen) seen.n += row.n;
    else merged.set(key, { ...row });
  }
  return [...merged.values()];
}

/**
 * The background recount (worker and `all` roles): every `intervalMs`, the first one after a full interval so a
 * short-lived process (a test, a CLI command) never recounts. Any number of workers may run it; the advisory lock
 * lets one recount at a time.
 */
/**
 * The refresh as a job (issue 16 §2): sent every `HUTONG_STATISTICS_REFRESH_MS` by each working process, kept once per
 * period by the queue, run by one worker; the advisory lock still makes a stray second run skip.
 */
export function tallyRefreshJob(db: Db, clock: { now(): Date }): JobDefinition<Record<string, never>> {
  // 12 s at 10 million certificates (docs/PERFORMANCE.md).
  return periodicJob(
    'statistics-refresh',
    { expireInSeconds: 30 * 60, retryLimit: 2, retryDelaySeconds: 60 },
    async () => ({
      rows: await refreshTallies(db, clock.now()),
    }),
  );
}
