import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { PassCountRow } from './statistics.funnel.ts';
import type { AgeBucket, EffectiveStatus, StatisticsScope } from './statistics.model.ts';
import type { CertificateCountRow, WarningCountRow } from './statistics.rules.ts';

/**
 * The SQL of the figures: every figure is one aggregate query (GROUP BY in the database); the rows it returns are
 * a few per department, type, province, rule or institution, whatever the size of the tables.
 */
type Db = Kysely<Database>;

/** A civil date's first instant in China Standard Time. */
export function chinaMidnight(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

/** `LIKE` pattern of a province's regions: its two-digit prefix (cities and counties included). */
export function provincePattern(province: string): string {
  return `${province.slice(0, 2)}%`;
}

export interface CertificateFilter {
  scope: StatisticsScope;
  /** Issued (valid from) in the period, both days inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  occupation?: string | undefined;
  level?: string | undefined;
  /** The date the effective status is taken on. */
  today: string;
  /**
   * Only rows issued in one of `ranges` (`[first day, first day of the next month)`) or expiring in the current
   * month: the part of a tallied answer counted live (statistics.tally.ts).
   */
  onlyMonths?: { ranges: (readonly [string, string])[]; current: string; currentEnd: string } | undefined;
}

/** Certificates by department, type, issuing province and effective status (as registry.search.ts derives it). */
export async function countCertificates(db: Db, f: CertificateFilter): Promise<CertificateCountRow[]> {
  let q = db.selectFrom('certificates as c').select([
    'c.department',
    'c.type',
    sql<string>`left(c.issuer_region, 2) || '0000'`.as('province'),
    sql<EffectiveStatus>`case
        when c.status <> 'valid' then c.status
        when c.valid_from > ${f.today} then 'not-yet-valid'
        when c.valid_until < ${f.today} then 'expired'
        else 'valid' end`.as('status'),
    (eb) => eb.fn.countAll<string>().as('n'),
  ]);
  if (f.scope.department) q = q.where('c.department', '=', f.scope.department);
  if (f.scope.province) q = q.where('c.issuer_region', 'like', provincePattern(f.scope.province));
  if (f.from) q = q.where('c.valid_from', '>=', f.from);
  if (f.to) q = q.where('c.valid_from', '<=', f.to);
  if (f.occupation) q = q.where('c.occupation', '=', f.occupation);
  if (f.level) q = q.where('c.level', '=', f.level);
  const only = f.onlyMonths;
  if (only)
    q = q.where((eb) =>
      eb.or([
        ...only.ranges.map(([first, next]) =>
          eb.and([eb('c.valid_from', '>=', first), eb('c.valid_from', '<', next)]),
        ),
        eb.and([eb('c.valid_until', '>=', only.current), eb('c.valid_until', '<', only.currentEnd)]),
      ]),
    );
  // By position: a GROUP BY name would mean the input column c.status, not the derived one.
  const rows = await q.groupBy(['c.department', 'c.type', sql`3`, sql`4`]).execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

export interface PassRateFilter {
  scope: StatisticsScope;
  /** The plans' year: the year their registration opens, as the funnel warning takes its peers. */
  year: number;
  occupation?: string | undefined;
  level?: string | undefined;
}

/** Results and passes per institution (the institution a candidate registered with), narrowed to the scope. */
export async function countPasses(db: Db, f: PassRateFilter): Promise<PassCountRow[]> {
  let q = db
    .selectFrom('exam_results as x')
    .innerJoin('exam_registrations as r', 'r.id', 'x.registration_id')
    .innerJoin('exam_plans as p', 'p.id', 'x.plan_id')
    .innerJoin('institutions as i', 'i.id', 'r.institution_id')
    .select([
      'i.id',
      'i.name',
      'i.code',
      'i.province',
      (eb) => eb.fn.countAll<string>().as('n'),
      sql<string>`count(*) filter (where x.passed)`.as('passed'),
    ])
    .where('p.registration_opens', '>=', `${f.year}-01-01`)
    .where('p.registration_opens', '<=', `${f.year}-12-31`);
  if (f.scope.province) q = q.where('i.province', '=', f.scope.province);
  if (f.occupation) q = q.where('p.occupation', '=', f.occupation);
  if (f.level) q = q.where('p.level', '=', f.level);
  const rows = await q.groupBy(['i.id', 'i.name', 'i.code', 'i.province']).execute();
  return rows.map((r) => ({ ...r, n: Number(r.n), passed: Number(r.passed) }));
}

export interface WarningFilter {
  scope: StatisticsScope;
  /** Raised in the period, both days inclusive (China time). */
  from?: string | undefined;
  to?: string | undefined;
  occupation?: string | undefined;
  level?: string | undefined;
  now: Date;
}

const DAY_MS = 24 * 3600_000;

/**
 * Warnings by rule, status and age (under 7 days, 7–30, over 30 from creation to now); overdue = past its due date
 * and not closed.
 */
export async function countWarnings(
  db: Db,
  f: WarningFilter,
  dayAfter: (date: string) => string,
): Promise<WarningCountRow[]> {
  const weekAgo = new Date(f.now.getTime() - 7 * DAY_MS);
  const monthAgo = new Date(f.now.getTime() - 30 * DAY_MS);
  let q = db.selectFrom('warnings as w').select([
    'w.rule',
    'w.status',
    sql<AgeBucket>`case
        when w.created_at > ${weekAgo} then 'lt7'
        when w.created_at >= ${monthAgo} then '7to30'
        else 'gt30' end`.as('age_bucket'),
    (eb) => eb.fn.countAll<string>().as('n'),
    sql<string>`count(*) filter (where w.due_at < ${f.now} and w.status <> 'closed')`.as('overdue'),
  ]);
  if (f.scope.province) q = q.where('w.province', '=', f.scope.province);
  if (f.from) q = q.where('w.created_at', '>=', chinaMidnight(f.from));
  if (f.to) q = q.where('w.created_at', '<', chinaMidnight(dayAfter(f.to)));
  if (f.occupation) q = q.where('w.occupation', '=', f.occupation);
  const level = f.level;
  if (level)
    q = q.where('w.plan_id', 'in', (eb) =>
      eb.selectFrom('exam_plans as p').select('p.id').where('p.level', '=', level),
    );
  const rows = await q.groupBy(['w.rule', 'w.status', sql`3`]).execute();
  return rows.map((r) => ({
    rule: r.rule,
    status: r.status,
    age: r.age_bucket,
    n: Number(r.n),
    overdue: Number(r.overdue),
  }));
}
