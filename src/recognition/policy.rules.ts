import { canonicalJson } from '../audit/audit.model.ts';
import type { DepartmentPack, NationalPack, ProvincialPack } from './recognition.model.ts';

/** A pack's rows as one list of objects with ids, whatever kind of pack it is. */
export function packRows(
  pack: NationalPack | ProvincialPack | DepartmentPack,
): Array<{ id: string; [k: string]: unknown }> {
  if ('rules' in pack) return pack.rules.map((r) => ({ ...r }));
  return [
    ...pack.overrides.map((r) => ({ section: 'overrides', ...r })),
    ...pack.correspondence.map((r) => ({ section: 'correspondence', ...r })),
    ...pack.oneExamMultiCert.map((r) => ({ section: 'oneExamMultiCert', ...r })),
  ];
}

export interface PackDiff {
  added: Array<{ id: string; [k: string]: unknown }>;
  removed: Array<{ id: string; [k: string]: unknown }>;
  changed: Array<{ id: string; before: unknown; after: unknown }>;
}

/** Rows added, removed and changed between two versions, matched by rule id. */
export function diffPacks(
  from: NationalPack | ProvincialPack | DepartmentPack | null,
  to: NationalPack | ProvincialPack | DepartmentPack,
): PackDiff {
  const before = new Map((from ? packRows(from) : []).map((r) => [r.id, r]));
  const after = new Map(packRows(to).map((r) => [r.id, r]));
  const diff: PackDiff = { added: [], removed: [], changed: [] };
  for (const [id, row] of after) {
    const old = before.get(id);
    if (!old) diff.added.push(row);
    else if (canonicalJson(old) !== canonicalJson(row)) diff.changed.push({ id, before: old, after: row });
  }
  for (const [id, row] of before) if (!after.has(id)) diff.removed.push(row);
  return diff;
}

/** The next draft version of a day: `2026-11-29.1`, `.2`, … */
export function nextDraftVersion(today: string, existing: readonly string[]): string {
  const taken = existing
    .filter((v) => v.startsWith(`${today}.`))
    .map((v) => Number(v.slice(today.length + 1)));
  return `${today}.${Math.max(0, ...taken) + 1}`;
}

/** What one holder is recognised for, as comparable keys (for simulations). */
export function recognitionKeys(result: {
  levels: readonly { occupation: string; deemedLevel: number }[];
  exemptions: readonly { target: string; exempt: readonly string[] }[];
}): Set<string> {
  const keys = new Set<string>();
  for (const l of result.levels) keys.add(`level:${l.occupation}:${l.deemedLevel}`);
  for (const e of result.exemptions) for (const code of e.exempt) keys.add(`exemption:${e.target}:${code}`);
  return keys;
}

/** The departments whose certificates a provincial row names (HRSS's own skill-level certificates need no one). */
export function departmentsConcerned(
  row: { section?: unknown; [k: string]: unknown },
  national: NationalPack,
  departmentOf: (type: string) => string | undefined,
): string[] {
  const types: string[] = [];
  if (row.section === 'overrides') {
    const rule = national.rules.find((r) => r.id === row.rule);
    if (rule?.kind === 'exemption') types.push(rule.to);
  } else if (row.section === 'correspondence') types.push(...((row.from as string[] | undefined) ?? []));
  else if (row.section === 'oneExamMultiCert') types.push(...((row.issues as string[] | undefined) ?? []));
  const departments = new Set<string>();
  for (const t of types) {
    const d = departmentOf(t);
    if (d !== undefined && d !== 'mohrss') departments.add(d);
  }
  return [...departments].sort();
}

/**
 * 会同 (通知 三: 省级人社部门会同有关部门): the rows of a provincial draft, added, changed or removed since the version
 * it was based on, that concern each other department — each of which must co-sign them before publication.
 */
export function cosignaturesNeeded(
  base: ProvincialPack | null,
  draft: ProvincialPack,
  national: NationalPack,
  departmentOf: (type: string) => string | undefined,
): Map<string, string[]> {
  const diff = diffPacks(base, draft);
  const touched = [...diff.added, ...diff.removed, ...diff.changed.map((c) => c.after as { id: string })];
  const needed = new Map<string, string[]>();
  for (const row of touched) {
    for (const d of departmentsConcerned(row, national, departmentOf)) {
      needed.set(d, [...(needed.get(d) ?? []), row.id].sort());
    }
  }
  return needed;
}
