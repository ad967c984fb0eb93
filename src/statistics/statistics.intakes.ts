import { sql } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import { type Named, namedSchema, type StatisticsQuery, scopeSchema } from './statistics.model.ts';
import { createNamer, dayAfter, type Namer } from './statistics.rules.ts';
import { type StatisticsDeps, scopeOf } from './statistics.service.ts';
import { chinaMidnight, provincePattern } from './statistics.store.ts';

/**
 * 受理统计 (issue 13 item 7): how the departments a 互认决定书 names answered it — accepted and refused outcomes per
 * rule, per department and per province the intake was made in, over the outcomes recorded in the period.
 * Scoped like the other figures: a department admin sees its own department's intakes, a province its own.
 */
const count = z.number().int().nonnegative();
const outcomes = { accepted: count, refused: count };

export const intakeFiguresSchema = z.object({
  scope: scopeSchema,
  total: z.object(outcomes),
  byRule: z.array(z.object({ rule: namedSchema, ...outcomes })),
  byDepartment: z.array(z.object({ department: namedSchema, ...outcomes })),
  byProvince: z.array(z.object({ province: namedSchema, ...outcomes })),
});
export type IntakeFigures = z.infer<typeof intakeFiguresSchema>;

const NO_REGION: Named = { code: '', zh: '未指明地区', en: 'No region given' };

interface CountRow {
  key: string | null;
  outcome: string;
  n: number | string;
}

/** Rows of (key, outcome, n) into one line per key, most outcomes first. */
function rollUp<K extends string>(rows: CountRow[], field: K, name: (code: string | null) => Named) {
  const lines = new Map<string, { accepted: number; refused: number }>();
  for (const r of rows) {
    const line = lines.get(r.key ?? '') ?? { accepted: 0, refused: 0 };
    if (r.outcome === 'accepted' || r.outcome === 'refused') line[r.outcome] += Number(r.n);
    lines.set(r.key ?? '', line);
  }
  return [...lines]
    .map(
      ([key, line]) =>
        ({ [field]: name(key === '' ? null : key), ...line }) as Record<K, Named> & typeof line,
    )
    .sort(
      (a, b) =>
        b.accepted + b.refused - (a.accepted + a.refused) || a[field].code.localeCompare(b[field].code),
    );
}

const namers = new WeakMap<Catalog, Namer>();

export async function getIntakeFigures(
  deps: StatisticsDeps,
  principal: Principal,
  query: StatisticsQuery,
): Promise<IntakeFigures> {
  const scope = scopeOf(principal, query.province);
  let names = namers.get(deps.catalog);
  if (!names) {
    names = createNamer(deps.catalog, deps.policies.national);
    namers.set(deps.catalog, names);
  }
  const namer = names;
  let base = deps.db.selectFrom('decision_intakes as i');
  if (scope.department) base = base.where('i.department', '=', scope.department);
  if (scope.province) base = base.where('i.region', 'like', provincePattern(scope.province));
  if (query.from) base = base.where('i.recorded_at', '>=', chinaMidnight(query.from));
  if (query.to) base = base.where('i.recorded_at', '<', chinaMidnight(dayAfter(query.to)));
  const province = sql<
    string | null
  >`case when i.region is null then null else left(i.region, 2) || '0000' end`;
  const [byDepartment, byProvince, byRule] = await Promise.all([
    base
      .select(['i.department as key', 'i.outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['i.department', 'i.outcome'])
      .execute(),
    base
      .select([province.as('key'), 'i.outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy([province, 'i.outcome'])
      .execute(),
    deps.db
      .selectFrom(
        base.select([sql<string>`jsonb_array_elements_text(i.rules)`.as('rule'), 'i.outcome']).as('r'),
      )
      .select(['r.rule as key', 'r.outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['r.rule', 'r.outcome'])
      .execute(),
  ]);
  const departments = rollUp(byDepartment, 'department', (c) => namer.department(c ?? ''));
  return {
    scope,
    total: departments.reduce(
      (t, d) => ({ accepted: t.accepted + d.accepted, refused: t.refused + d.refused }),
      { accepted: 0, refused: 0 },
    ),
    byRule: rollUp(byRule, 'rule', (c) => namer.rule(c ?? '')),
    byDepartment: departments,
    byProvince: rollUp(byProvince, 'province', (c) => (c ? namer.province(c) : NO_REGION)),
  };
}
