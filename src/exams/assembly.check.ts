/**
 * The explicit check of every assembly constraint (issue 7 §2: "a heuristic that checks every constraint"). The
 * solver in `assembly.rules.ts` is a heuristic, so nothing it proposes is stored until this returns no problem.
 * Also the coverage per blueprint cell (required vs assembled) for the console's chart. Pure.
 */
import type { ErrorDetail } from '../shared/errors.ts';
import {
  type Blueprint,
  bandOf,
  type Candidate,
  type Coverage,
  cellKey,
  type ItemType,
  type PlacedItem,
} from './assembly.model.ts';
import { maxShared } from './assembly.rules.ts';

const formPath = (f: number) => `forms.${f}`;

export function checkForms(
  b: Blueprint,
  candidates: readonly Candidate[],
  forms: readonly PlacedItem[][],
): ErrorDetail[] {
  const byId = new Map(candidates.map((c) => [c.itemId, c]));
  const problems: ErrorDetail[] = [];
  const problem = (f: number, message: string) => problems.push({ path: formPath(f), message });
  if (forms.length !== b.forms) problem(0, `forms: ${forms.length} assembled, ${b.forms} required`);
  forms.forEach((items, f) => {
    const seen = new Set<string>();
    const enemySets = new Map<string, string>();
    for (const placed of items) {
      const c = byId.get(placed.itemId);
      // Only active items at their current version are candidates (issue 7 §1 review states; pinned versions).
      if (!c || c.version !== placed.version) {
        problem(f, `ineligible: ${placed.itemId} v${placed.version} is not an active current version`);
        continue;
      }
      if (seen.has(c.itemId)) problem(f, `duplicate: ${c.itemId} appears twice`);
      seen.add(c.itemId);
      if (b.usageCap !== undefined && c.uses >= b.usageCap)
        problem(f, `exposure: ${c.itemId} already used ${c.uses} times, cap ${b.usageCap}`);
      for (const s of c.enemySets) {
        const other = enemySets.get(s);
        if (other) problem(f, `enemy-set: ${other} and ${c.itemId} are both from enemy set ${s}`);
        enemySets.set(s, c.itemId);
      }
    }
    for (const cell of coverageOf(
      b,
      items.map((p) => byId.get(p.itemId)).filter((c) => c !== undefined),
    ))
      if (cell.assembled !== cell.required)
        problem(f, `count: cell ${cell.cell} has ${cell.assembled}, required ${cell.required}`);
    const outside = items.filter((p) => {
      const c = byId.get(p.itemId);
      return !c || !b.rows.some((r) => cellKey(r) === cellKey({ ...c, difficulty: bandOf(c.difficulty) }));
    });
    if (outside.length > 0) problem(f, `count: ${outside.length} items fit no blueprint cell`);
    const total = items.reduce((s, p) => s + p.score, 0);
    if (Math.abs(total - b.totalScore) > 1e-9)
      problem(f, `total-score: assembled ${round(total)}, required ${b.totalScore}`);
    for (let g = 0; g < f; g++) {
      const other = new Set(forms[g]?.map((p) => p.itemId));
      const common = items.filter((p) => other.has(p.itemId)).length;
      if (common > maxShared(b))
        problem(f, `overlap: forms ${g + 1} and ${f + 1} share ${common} items, at most ${maxShared(b)}`);
    }
  });
  return problems;
}

const round = (n: number) => Math.round(n * 100) / 100;

/** Required vs assembled per blueprint cell, in the blueprint's order. */
export function coverageOf(
  b: Pick<Blueprint, 'rows'>,
  items: readonly { knowledgePoint: string; type: ItemType; difficulty: number }[],
): Coverage[] {
  return b.rows.map((row) => ({
    cell: cellKey(row),
    knowledgePoint: row.knowledgePoint,
    type: row.type,
    difficulty: row.difficulty,
    required: row.count,
    assembled: items.filter(
      (i) =>
        i.knowledgePoint === row.knowledgePoint &&
        i.type === row.type &&
        bandOf(i.difficulty) === row.difficulty,
    ).length,
  }));
}
