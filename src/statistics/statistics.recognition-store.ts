import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import { heldSkillLevelRule } from '../recognition/recognition.model.ts';
import type { StatisticsScope } from './statistics.model.ts';
import { chinaMidnight, provincePattern } from './statistics.store.ts';

type Db = Kysely<Database>;

export interface GrantFilter {
  scope: StatisticsScope;
  /** Decided in the period, both days inclusive (China time). */
  from?: string | undefined;
  to?: string | undefined;
  dayAfter: (date: string) => string;
}

/**
 * Every recognition a stored decision granted (recognition_decisions.result, the engine's EvaluationResponse), one
 * row per rule and certificate type it rests on:
 * - a deemed level (`levels[]`), except `held.skill-level` (a skill-level certificate counting for itself is not a
 *   recognition across departments);
 * - an exemption (`exemptions[]`) whose `exempt` list is not empty (a provincial override may deny it).
 * The basis is a certificate number; the decision's own facts (`facts.certificates`) give that number's type.
 * A department admin sees the grants resting on their department's certificates.
 */
function grants(f: GrantFilter, onProvince: boolean): RawBuilder<unknown> {
  const decided: RawBuilder<unknown>[] = [sql`true`];
  if (f.from) decided.push(sql`d.created_at >= ${chinaMidnight(f.from)}`);
  if (f.to) decided.push(sql`d.created_at < ${chinaMidnight(f.dayAfter(f.to))}`);
  if (onProvince && f.scope.province) decided.push(sql`d.region like ${provincePattern(f.scope.province)}`);
  const scoped = f.scope.department ? sql`where basis_type like ${`${f.scope.department}.%`}` : sql``;
  return sql`
    decisions as (
      select d.id, d.holder_id, d.region, d.created_at, d.facts, d.result
      from recognition_decisions d
      where ${sql.join(decided, sql` and `)}
    ),
    grants as (
      select d.id as decision_id, d.holder_id, d.region, d.created_at,
        l->>'rule' as rule, 'level' as kind, c->>'type' as basis_type
      from decisions d
      cross join lateral jsonb_array_elements(d.result->'levels') l
      cross join lateral jsonb_array_elements_text(l->'basis') b(number)
      cross join lateral jsonb_array_elements(d.facts->'certificates') c
      where l->>'rule' <> ${heldSkillLevelRule} and c->>'number' = b.number
      union all
      select d.id, d.holder_id, d.region, d.created_at, e->>'rule', 'exemption', c->>'type'
      from decisions d
      cross join lateral jsonb_array_elements(d.result->'exemptions') e
      cross join lateral jsonb_array_elements(d.facts->'certificates') c
      where jsonb_array_length(e->'exempt') > 0 and c->>'number' = e->>'basis'
    ),
    scoped as (select * from grants ${scoped})`;
}

export interface GrantCountRow {
  /** Which grouping set the row belongs to. */
  set: 'rule' | 'province' | 'month' | 'total';
  rule: string | null;
  kind: 'level' | 'exemption' | null;
  /** Null in the province set: decisions made without a region. */
  province: string | null;
  month: string | null;
  decisions: number;
  holders: number;
}

/**
 * Grants by rule, by the province applied in, and by month of decision and rule (China time), as distinct
 * decisions and distinct holders: one query with grouping sets, so every distinct count is exact.
 */
export async function countGrants(db: Db, f: GrantFilter): Promise<GrantCountRow[]> {
  const result = await sql<{
    g: number;
    rule: string | null;
    kind: 'level' | 'exemption' | null;
    province: string | null;
    month: string | null;
    decisions: string;
    holders: string;
  }>`
    with ${grants(f, true)}
    select grouping(rule, province, month) as g, rule, kind, province, month,
      count(distinct decision_id) as decisions, count(distinct holder_id) as holders
    from (
      select decision_id, holder_id, rule, kind, left(region, 2) || '0000' as province,
        to_char((created_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM') as month
      from scoped
    ) s
    group by grouping sets ((rule, kind), (province), (month, rule), ())`.execute(db);
  // grouping() sets a bit per column left out of the set: rule 4, province 2, month 1.
  const sets: Record<number, GrantCountRow['set']> = { 3: 'rule', 5: 'province', 2: 'month', 7: 'total' };
  return result.rows.flatMap((r) => {
    const set = sets[Number(r.g)];
    if (!set) return [];
    return [
      {
        set,
        rule: r.rule,
        kind: r.kind,
        province: r.province,
        month: r.month,
        decisions: Number(r.decisions),
        holders: Number(r.holders),
      },
    ];
  });
}

export interface FlowCountRow {
  /** Null for the total row. */
  applied: string | null;
  issued: string | null;
  decisions: number;
  holders: number;
  /** Distinct holders whose applied and issuing provinces differ (the total row only). */
  crossRegionHolders: number;
}

/**
 * Where holders applied (recognition_decisions.region) × where the certificates their recognitions rest on were
 * issued. The stored facts carry no issuing region, so the holder's registry certificates of the basis type are
 * joined (by holder and type). A province's flows are those in or out of it.
 */
export async function countFlows(db: Db, f: GrantFilter): Promise<FlowCountRow[]> {
  const inProvince = f.scope.province
    ? sql`and (s.region like ${provincePattern(f.scope.province)}
        or c.issuer_region like ${provincePattern(f.scope.province)})`
    : sql``;
  const result = await sql<{
    applied: string | null;
    issued: string | null;
    decisions: string;
    holders: string;
    cross_region: string;
  }>`
    with ${grants(f, false)}
    select applied, issued, count(distinct decision_id) as decisions, count(distinct holder_id) as holders,
      count(distinct holder_id) filter (where applied <> issued) as cross_region
    from (
      select s.decision_id, s.holder_id, left(s.region, 2) || '0000' as applied,
        left(c.issuer_region, 2) || '0000' as issued
      from scoped s
      join certificates c on c.holder_id = s.holder_id and c.type = s.basis_type
      where s.region is not null ${inProvince}
    ) x
    group by grouping sets ((applied, issued), ())`.execute(db);
  return result.rows.map((r) => ({
    applied: r.applied,
    issued: r.issued,
    decisions: Number(r.decisions),
    holders: Number(r.holders),
    crossRegionHolders: Number(r.cross_region),
  }));
}
