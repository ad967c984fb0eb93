import { stringify } from 'csv-stringify/sync';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import type { NationalPack } from '../recognition/recognition.model.ts';
import { type Clock, todayInChina } from '../shared/clock.ts';
import { neutraliseCsvCell } from '../shared/spreadsheet-cells.ts';
import { createNamer } from '../statistics/statistics.rules.ts';
import { scopeOf } from '../statistics/statistics.service.ts';
import { kindLabels, namedSchema, type TicketKind, type TopicKind, topicLabels } from './tickets.model.ts';

/**
 * 跟踪分析 of questions and complaints (issue 14 §5): tickets by topic, rule, certificate type, province and
 * department over time; median time to the first reply; the share that went past the deadline; satisfaction; the
 * rules drawing the most tickets. Scoped like the other statistics (a department its own, a province its own), and
 * exported as CSV with formula-safe cells. Aggregates only: no ticket text, no contact.
 */
const isoDate = z.iso.date('a date YYYY-MM-DD');
export const ticketStatsQuerySchema = z
  .strictObject({
    from: isoDate.optional(),
    to: isoDate.optional(),
    province: z
      .string()
      .regex(/^\d{2}0000$/, 'a province code like 310000')
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type TicketStatsQuery = z.infer<typeof ticketStatsQuerySchema>;

const count = z.number().int().nonnegative();
const bucket = z.object({ key: namedSchema, tickets: count });
const monthBucket = z.object({ month: z.string(), code: z.string(), tickets: count });
export const ticketStatsSchema = z.object({
  scope: z.object({ province: z.string().nullable(), department: z.string().nullable() }),
  period: z.object({ from: z.string().nullable(), to: z.string() }),
  total: count,
  byKind: z.array(bucket),
  byTopic: z.array(bucket),
  byType: z.array(bucket),
  byRule: z.array(bucket),
  byProvince: z.array(bucket),
  byDepartment: z.array(bucket),
  byMonth: z.array(z.object({ month: z.string(), kind: z.string(), tickets: count })),
  /** The same breakdowns month by month (China time), keyed by the codes of the lists above. */
  byMonthOf: z.object({
    topic: z.array(monthBucket),
    rule: z.array(monthBucket),
    province: z.array(monthBucket),
    department: z.array(monthBucket),
  }),
  replies: z.object({ replied: count, medianHoursToReply: z.number().nullable() }),
  deadlines: z.object({ overdue: count, overdueShare: z.number().nullable(), escalated: count }),
  satisfaction: z.object({
    rated: count,
    mean: z.number().nullable(),
    distribution: z.array(z.object({ score: z.number().int(), tickets: count })),
  }),
  /** The ten rules drawing the most tickets. */
  topRules: z.array(bucket),
});
export type TicketStats = z.infer<typeof ticketStatsSchema>;

export interface StatsDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  clock: Clock;
  national: NationalPack;
}

const chinaDate = (column: string) =>
  sql`((${sql.ref(column)} at time zone 'UTC') + interval '8 hours')::date`;

export async function getTicketStats(
  deps: StatsDeps,
  principal: Principal,
  query: TicketStatsQuery,
): Promise<TicketStats> {
  const scope = scopeOf(principal, query.province);
  const today = todayInChina(deps.clock);
  const base = () => {
    let q = deps.db.selectFrom('tickets');
    if (scope.province) q = q.where('region', '=', scope.province);
    if (scope.department) q = q.where('department', '=', scope.department);
    if (query.from) q = q.where(sql<boolean>`${chinaDate('created_at')} >= ${query.from}::date`);
    q = q.where(sql<boolean>`${chinaDate('created_at')} <= ${query.to ?? today}::date`);
    return q;
  };
  const grouped = async (
    column: 'kind' | 'topic_kind' | 'certificate_type' | 'rule' | 'region' | 'department',
  ) => {
    const rows = await (base() as SelectQueryBuilder<Database, 'tickets', object>)
      .select([sql<string | null>`${sql.ref(column)}`.as('key'), sql<number>`count(*)::int`.as('n')])
      .where(sql.ref(column), 'is not', null)
      .groupBy(column)
      .orderBy('n', 'desc')
      .orderBy('key')
      .execute();
    return rows.map((r) => ({ key: String(r.key), tickets: Number(r.n) }));
  };
  const names = createNamer(deps.catalog, deps.national);
  const label = (table: Record<string, { zh: string; en: string }>) => (code: string) => ({
    code,
    ...(table[code] ?? { zh: code, en: code }),
  });
  const [kinds, topics, types, rules, provinces, departments] = await Promise.all([
    grouped('kind'),
    grouped('topic_kind'),
    grouped('certificate_type'),
    grouped('rule'),
    grouped('region'),
    grouped('department'),
  ]);
  const named = (
    rows: { key: string; tickets: number }[],
    name: (code: string) => { code: string; zh: string; en: string },
  ) => rows.map((r) => ({ key: name(r.key), tickets: r.tickets }));
  const months = await base()
    .select([
      sql<string>`to_char((created_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`.as('month'),
      'kind',
      sql<number>`count(*)::int`.as('n'),
    ])
    .groupBy(['month', 'kind'])
    .orderBy('month')
    .orderBy('kind')
    .execute();
  const monthly = async (column: 'topic_kind' | 'rule' | 'region' | 'department') => {
    const rows = await (base() as SelectQueryBuilder<Database, 'tickets', object>)
      .select([
        sql<string>`to_char((created_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM')`.as('month'),
        sql<string>`${sql.ref(column)}`.as('code'),
        sql<number>`count(*)::int`.as('n'),
      ])
      .where(sql.ref(column), 'is not', null)
      .groupBy(['month', column])
      .orderBy('month')
      .orderBy('code')
      .execute();
    return rows.map((r) => ({ month: String(r.month), code: String(r.code), tickets: Number(r.n) }));
  };
  const [topicMonths, ruleMonths, provinceMonths, departmentMonths] = await Promise.all([
    monthly('topic_kind'),
    monthly('rule'),
    monthly('region'),
    monthly('department'),
  ]);
  const summary = await base()
    .select([
      sql<number>`count(*)::int`.as('total'),
      sql<number>`count(first_replied_at)::int`.as('replied'),
      sql<
        number | null
      >`percentile_cont(0.5) within group (order by extract(epoch from (first_replied_at - created_at)) / 3600.0)`.as(
        'median',
      ),
      sql<number>`count(*) filter (where (first_replied_at is not null and ${chinaDate('first_replied_at')} > due_on)
        or (first_replied_at is null and status = 'open' and ${today}::date > due_on))::int`.as('overdue'),
      sql<number>`count(*) filter (where escalated)::int`.as('escalated'),
      sql<number>`count(rating)::int`.as('rated'),
      sql<number | null>`avg(rating)::float8`.as('mean'),
    ])
    .executeTakeFirstOrThrow();
  const ratings = await base()
    .select(['rating', sql<number>`count(*)::int`.as('n')])
    .where('rating', 'is not', null)
    .groupBy('rating')
    .execute();
  const total = Number(summary.total);
  const byRule = named(rules, (code) => names.rule(code));
  return {
    scope,
    period: { from: query.from ?? null, to: query.to ?? today },
    total,
    byKind: named(kinds, label(kindLabels as Record<TicketKind, { zh: string; en: string }>)),
    byTopic: named(topics, label(topicLabels as Record<TopicKind, { zh: string; en: string }>)),
    byType: named(types, names.type),
    byRule,
    byProvince: named(provinces, names.province),
    byDepartment: named(departments, names.department),
    byMonth: months.map((m) => ({ month: m.month, kind: m.kind, tickets: Number(m.n) })),
    byMonthOf: {
      topic: topicMonths,
      rule: ruleMonths,
      province: provinceMonths,
      department: departmentMonths,
    },
    replies: {
      replied: Number(summary.replied),
      medianHoursToReply: summary.median === null ? null : Math.round(Number(summary.median) * 10) / 10,
    },
    deadlines: {
      overdue: Number(summary.overdue),
      overdueShare: total > 0 ? Math.round((Number(summary.overdue) / total) * 1000) / 1000 : null,
      escalated: Number(summary.escalated),
    },
    satisfaction: {
      rated: Number(summary.rated),
      mean: summary.mean === null ? null : Math.round(Number(summary.mean) * 100) / 100,
      distribution: [1, 2, 3, 4, 5].map((score) => ({
        score,
        tickets: Number(ratings.find((r) => Number(r.rating) === score)?.n ?? 0),
      })),
    },
    topRules: byRule.slice(0, 10),
  };
}

/** The same figures as one CSV table (section, code, 中文, English, value), every cell formula-safe. */
export function statsCsv(stats: TicketStats): string {
  const rows: string[][] = [['section', 'code', 'zh', 'en', 'value']];
  const add = (section: string, code: string, zh: string, en: string, value: number | string | null) =>
    rows.push([section, code, zh, en, value === null ? '' : String(value)]);
  add('scope', 'province', '省份', 'Province', stats.scope.province ?? 'national');
  add('scope', 'department', '部门', 'Department', stats.scope.department ?? 'all');
  add('period', 'from', '起', 'From', stats.period.from);
  add('period', 'to', '止', 'To', stats.period.to);
  add('total', 'tickets', '咨询投诉总数', 'Tickets', stats.total);
  const buckets: Array<[string, TicketStats['byKind']]> = [
    ['kind', stats.byKind],
    ['topic', stats.byTopic],
    ['type', stats.byType],
    ['rule', stats.byRule],
    ['province', stats.byProvince],
    ['department', stats.byDepartment],
  ];
  for (const [section, list] of buckets)
    for (const b of list) add(section, b.key.code, b.key.zh, b.key.en, b.tickets);
  for (const m of stats.byMonth) add('month', `${m.month}:${m.kind}`, m.month, m.kind, m.tickets);
  add('replies', 'replied', '已答复', 'Replied', stats.replies.replied);
  add(
    'replies',
    'median-hours',
    '首次答复用时中位数(小时)',
    'Median hours to first reply',
    stats.replies.medianHoursToReply,
  );
  add('deadlines', 'overdue', '逾期', 'Overdue', stats.deadlines.overdue);
  add('deadlines', 'overdue-share', '逾期比例', 'Overdue share', stats.deadlines.overdueShare);
  add('deadlines', 'escalated', '升级', 'Escalated', stats.deadlines.escalated);
  add('satisfaction', 'rated', '已评价', 'Rated', stats.satisfaction.rated);
  add('satisfaction', 'mean', '平均满意度', 'Mean satisfaction', stats.satisfaction.mean);
  for (const d of stats.satisfaction.distribution)
    add('satisfaction', `score-${d.score}`, `${d.score}分`, `score ${d.score}`, d.tickets);
  // Type and rule names come from data files and province packs: none may open as a formula.
  return stringify(
    rows.map((r) => r.map(neutraliseCsvCell)),
    { bom: true },
  );
}
