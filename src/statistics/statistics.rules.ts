import type { Principal } from '../accounts/accounts.model.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { NationalPack } from '../recognition/recognition.model.ts';
import {
  type AgeBucket,
  ageBuckets,
  type Breakdown,
  type CertificateFigures,
  type EffectiveStatus,
  effectiveStatuses,
  type Named,
  type StatisticsScope,
  type StatusCounts,
  type WarningFigures,
} from './statistics.model.ts';

/** The province (GB/T 2260 `XX0000`) a region code lies in: its first two digits. */
export function provinceOf(region: string): string {
  return `${region.slice(0, 2)}0000`;
}

export type ScopeDecision = { ok: true; scope: StatisticsScope } | { ok: false; message: string };

/**
 * The figures a caller may see, narrowed the way the registry narrows its lists (registry.search.ts): national
 * supervisors and system admins everything, a provincial supervisor or province admin their province, a department
 * admin their department's certificates (and province, when scoped). A province asked for narrows further; one
 * outside the caller's own is refused rather than answered with zeros.
 */
export function decideScope(principal: Principal, province: string | undefined): ScopeDecision {
  const own = principal.province;
  if (province && own && province !== own)
    return { ok: false, message: `outside your scope: your figures are those of ${own}` };
  const narrowed = own ?? province ?? null;
  switch (principal.role) {
    case 'system-admin':
    case 'supervisor':
      return { ok: true, scope: { province: narrowed, department: null } };
    case 'province-admin':
      if (!own) return { ok: false, message: 'a province admin without a province sees no figures' };
      return { ok: true, scope: { province: own, department: null } };
    case 'department-admin':
      if (!principal.department) return { ok: false, message: 'a department admin without a department' };
      return { ok: true, scope: { province: narrowed, department: principal.department } };
    case 'institution-operator':
    case 'holder':
      return { ok: false, message: `role ${principal.role} sees no statistics` };
  }
}

/**
 * Evaluation institutions, their results and supervision warnings belong to the skill-level system (MOHRSS): a
 * department admin of another department sees no exam figures.
 */
export function seesExamFigures(scope: StatisticsScope): boolean {
  return scope.department === null || scope.department === 'mohrss';
}

export interface Namer {
  province(code: string): Named;
  type(id: string): Named;
  department(id: string): Named;
  occupation(code: string): Named;
  rule(id: string): Named;
}

/** Names from the catalog and the national pack; anything unknown is named by its code. */
export function createNamer(catalog: Catalog, national: NationalPack): Namer {
  const named = (code: string, found: { nameZh: string; nameEn: string } | undefined): Named =>
    found ? { code, zh: found.nameZh, en: found.nameEn } : { code, zh: code, en: code };
  const typeNames = (ids: readonly string[], lang: 'nameZh' | 'nameEn') =>
    ids.map((id) => catalog.certificateTypesById.get(id)?.[lang] ?? id).join(' / ');
  const rules = new Map<string, Named>();
  for (const r of national.rules) {
    if (r.kind === 'exemption') {
      const to = catalog.certificateTypesById.get(r.to);
      rules.set(r.id, {
        code: r.id,
        zh: `${typeNames(r.from, 'nameZh')} → ${to?.nameZh ?? r.to}`,
        en: `${typeNames(r.from, 'nameEn')} → ${to?.nameEn ?? r.to}`,
      });
    } else {
      const occupation = catalog.occupationsByCode.get(r.occupation);
      const grade = catalog.levelsById.get(r.deemedLevel)?.gradeZh ?? r.deemedLevel;
      rules.set(r.id, {
        code: r.id,
        zh: `${typeNames(r.from, 'nameZh')} → ${occupation?.nameZh ?? r.occupation}${grade}`,
        en: `${typeNames(r.from, 'nameEn')} → ${occupation?.nameEn ?? r.occupation} level ${r.deemedLevel}`,
      });
    }
  }
  return {
    province: (code) => named(code, catalog.regionsByCode.get(code)),
    type: (id) => named(id, catalog.certificateTypesById.get(id)),
    department: (id) =>
      named(
        id,
        catalog.departments.find((d) => d.id === id),
      ),
    occupation: (code) => named(code, catalog.occupationsByCode.get(code)),
    rule: (id) => rules.get(id) ?? { code: id, zh: id, en: id },
  };
}

export function emptyStatusCounts(): StatusCounts {
  return { valid: 0, expired: 0, 'not-yet-valid': 0, suspended: 0, revoked: 0 };
}

/** One aggregated row of certificates: `GROUP BY department, type, province, effective status` in SQL. */
export interface CertificateCountRow {
  department: string;
  type: string;
  province: string;
  status: EffectiveStatus;
  n: number;
}

function breakdown<K extends string>(
  rows: readonly CertificateCountRow[],
  keyOf: (r: CertificateCountRow) => K,
  name: (key: K) => Named,
): Breakdown[] {
  const byKey = new Map<K, Breakdown>();
  for (const r of rows) {
    const key = keyOf(r);
    let entry = byKey.get(key);
    if (!entry) {
      entry = { key: name(key), total: 0, statuses: emptyStatusCounts() };
      byKey.set(key, entry);
    }
    entry.total += r.n;
    entry.statuses[r.status] += r.n;
  }
  return [...byKey.values()].sort((a, b) => b.total - a.total || a.key.code.localeCompare(b.key.code));
}

/** The certificate figures from the SQL aggregate: totals by department, by type and by province. */
export function rollUpCertificates(
  rows: readonly CertificateCountRow[],
  names: Namer,
): Omit<CertificateFigures, 'scope' | 'asOf' | 'talliedAt'> {
  const statuses = emptyStatusCounts();
  for (const r of rows) statuses[r.status] += r.n;
  const departmentOf = new Map(rows.map((r) => [r.type, r.department]));
  return {
    total: effectiveStatuses.reduce((sum, s) => sum + statuses[s], 0),
    statuses,
    byDepartment: breakdown(rows, (r) => r.department, names.department),
    byType: breakdown(rows, (r) => r.type, names.type).map((b) => ({
      ...b,
      department: departmentOf.get(b.key.code) ?? '',
    })),
    byProvince: breakdown(rows, (r) => r.province, names.province),
  };
}

/** Every month `YYYY-MM` from `first` to `last`, both included. */
export function monthsBetween(first: string, last: string): string[] {
  const out: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  const [lastYear, lastMonth] = last.split('-').map(Number) as [number, number];
  while (year < lastYear || (year === lastYear && month <= lastMonth)) {
    out.push(`${year}-${String(month).padStart(2, '0')}`);
    month += 1;
    if (month === 13) {
      year += 1;
      month = 1;
    }
  }
  return out;
}

/** The civil date after `date` (YYYY-MM-DD): the exclusive end of a period whose last day is `date`. */
export function dayAfter(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** One aggregated row of warnings: `GROUP BY rule, status, age bucket` in SQL, with the overdue ones counted. */
export interface WarningCountRow {
  rule: string;
  status: string;
  age: AgeBucket;
  n: number;
  overdue: number;
}

export function rollUpWarnings(
  rows: readonly WarningCountRow[],
  ruleName: (id: string) => Named,
): Omit<WarningFigures, 'scope' | 'asOf'> {
  const byRule = new Map<string, { total: number; open: number; overdue: number }>();
  const byStatus = new Map<string, number>();
  const byRuleStatus = new Map<string, { rule: string; status: string; count: number }>();
  const byAge = new Map<AgeBucket, number>(ageBuckets.map((a) => [a, 0]));
  let total = 0;
  let open = 0;
  let overdue = 0;
  for (const r of rows) {
    const isOpen = r.status !== 'closed';
    const rule = byRule.get(r.rule) ?? { total: 0, open: 0, overdue: 0 };
    rule.total += r.n;
    rule.open += isOpen ? r.n : 0;
    rule.overdue += r.overdue;
    byRule.set(r.rule, rule);
    byStatus.set(r.status, (byStatus.get(r.status) ?? 0) + r.n);
    const cell = byRuleStatus.get(`${r.rule}\u0000${r.status}`) ?? {
      rule: r.rule,
      status: r.status,
      count: 0,
    };
    cell.count += r.n;
    byRuleStatus.set(`${r.rule}\u0000${r.status}`, cell);
    if (isOpen) byAge.set(r.age, (byAge.get(r.age) ?? 0) + r.n);
    total += r.n;
    open += isOpen ? r.n : 0;
    overdue += r.overdue;
  }
  return {
    total,
    open,
    overdue,
    byRule: [...byRule.entries()]
      .map(([rule, c]) => ({ rule: ruleName(rule), ...c }))
      .sort((a, b) => b.total - a.total || a.rule.code.localeCompare(b.rule.code)),
    byStatus: [...byStatus.entries()]
      .map(([status, count]) => ({ status, count }))
      .sort((a, b) => a.status.localeCompare(b.status)),
    byRuleStatus: [...byRuleStatus.values()].sort(
      (a, b) => a.rule.localeCompare(b.rule) || a.status.localeCompare(b.status),
    ),
    byAge: ageBuckets.map((age) => ({ age, open: byAge.get(age) ?? 0 })),
  };
}
