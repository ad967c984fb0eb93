/**
 * The paper assembly solver (issue 7 §2; exams.md §3.1–3.3). A deterministic heuristic rather than a MIP: greedy
 * per blueprint cell, scarcest cell first, least-used items first (the λ·Σ use term of §3.2 that spreads exposure),
 * then a swap repair towards the total score. It promises no optimum, so `checkForms` re-checks EVERY constraint
 * explicitly before a paper is accepted; when the bank cannot meet the blueprint the answer names the cell and the
 * shortage, never a partial paper. Pure: no I/O, no clock.
 */
import type { ErrorDetail } from '../shared/errors.ts';
import { type Blueprint, bandOf, type Candidate, cellKey, type PlacedItem } from './assembly.model.ts';

export type AssemblyOutcome = { ok: true; forms: PlacedItem[][] } | { ok: false; problems: ErrorDetail[] };

const cellName = (b: Blueprint, i: number) => {
  const row = b.rows[i];
  return `cell ${b.occupation}-${b.level}-${row ? cellKey(row) : '?'}`;
};
const rowPath = (i: number) => `body.rows.${i}`;
const totalCount = (b: Blueprint) => b.rows.reduce((n, r) => n + r.count, 0);

/** Items two forms may share: ⌊maxOverlap × paper length⌋ (issue 7 §2, parallel forms). */
export const maxShared = (b: Blueprint) => Math.floor(b.maxOverlap * totalCount(b) + 1e-9);

const isWithheld = (b: Blueprint, c: Candidate) => b.usageCap !== undefined && c.uses >= b.usageCap;

function inCell(b: Blueprint, i: number, c: Candidate): boolean {
  const row = b.rows[i];
  return (
    row !== undefined &&
    c.knowledgePoint === row.knowledgePoint &&
    c.type === row.type &&
    bandOf(c.difficulty) === row.difficulty
  );
}

/** Per row, the candidates that fit its cell: all of them, and those left after the exposure cap. */
export function poolsOf(b: Blueprint, candidates: readonly Candidate[]) {
  return b.rows.map((_, i) => {
    const all = candidates.filter((c) => inCell(b, i, c));
    return { all, usable: all.filter((c) => !isWithheld(b, c)) };
  });
}

/** Cells the bank cannot fill even once: needed n, available m active after the exposure cap. */
export function shortages(b: Blueprint, candidates: readonly Candidate[]): ErrorDetail[] {
  return poolsOf(b, candidates).flatMap(({ all, usable }, i) => {
    const need = b.rows[i]?.count ?? 0;
    if (usable.length >= need) return [];
    const capped = b.usageCap === undefined ? '' : ` after exposure cap ${b.usageCap} (${all.length} before)`;
    return [
      {
        path: rowPath(i),
        message: `shortage: ${cellName(b, i)} needs ${need}, available ${usable.length} active${capped}`,
      },
    ];
  });
}

const scoreIn = (b: Blueprint, row: number, c: Candidate) => b.rows[row]?.scoreEach ?? c.score;

/** Whether c may join a form: not already in it, no enemy in it, and the overlap budget with earlier forms kept. */
function fits(
  c: Candidate,
  form: Set<string>,
  enemies: Set<string>,
  shared: number[],
  earlier: Set<string>[],
) {
  if (form.has(c.itemId) || c.enemySets.some((s) => enemies.has(s))) return false;
  return earlier.every((prev, g) => !prev.has(c.itemId) || (shared[g] ?? 0) > 0);
}

export function assembleForms(b: Blueprint, candidates: readonly Candidate[]): AssemblyOutcome {
  const short = shortages(b, candidates);
  if (short.length > 0) return { ok: false, problems: short };
  const pools = poolsOf(b, candidates).map((p) => p.usable);
  const order = b.rows
    .map((r, i) => ({ i, slack: (pools[i]?.length ?? 0) - r.count }))
    .sort((x, y) => x.slack - y.slack || x.i - y.i);
  const earlier: Set<string>[] = [];
  const forms: PlacedItem[][] = [];
  for (let f = 0; f < b.forms; f++) {
    const form = new Set<string>();
    const enemies = new Set<string>();
    const shared = earlier.map(() => maxShared(b));
    const chosen: { row: number; c: Candidate }[] = [];
    const problems: ErrorDetail[] = [];
    for (const { i } of order) {
      const need = b.rows[i]?.count ?? 0;
      const fresh = (c: Candidate) => earlier.filter((prev) => prev.has(c.itemId)).length;
      const pool = [...(pools[i] ?? [])].sort(
        (x, y) =>
          fresh(x) - fresh(y) ||
          x.uses - y.uses ||
          // An item in fewer enemy sets blocks fewer others (ties go to the smaller id, for determinism).
          x.enemySets.length - y.enemySets.length ||
          x.itemId.localeCompare(y.itemId),
      );
      let placed = 0;
      for (const c of pool) {
        if (placed === need) break;
        if (!fits(c, form, enemies, shared, earlier)) continue;
        form.add(c.itemId);
        for (const s of c.enemySets) enemies.add(s);
        earlier.forEach((prev, g) => {
          if (prev.has(c.itemId)) shared[g] = (shared[g] ?? 0) - 1;
        });
        chosen.push({ row: i, c });
        placed += 1;
      }
      if (placed < need)
        problems.push({
          path: rowPath(i),
          message: `shortage: ${cellName(b, i)} form ${f + 1} needs ${need}, only ${placed} placeable without two items of one enemy set${b.forms > 1 ? ` or more than ${maxShared(b)} items shared between forms` : ''}`,
        });
    }
    if (problems.length > 0) return { ok: false, problems };
    repairScore(b, pools, chosen, form, enemies, earlier);
    earlier.push(form);
    forms.push(
      chosen
        .sort((x, y) => x.row - y.row || x.c.itemId.localeCompare(y.c.itemId))
        .map(({ row, c }) => ({ itemId: c.itemId, version: c.version, score: scoreIn(b, row, c), row })),
    );
  }
  return { ok: true, forms };
}

/**
 * Swaps one item for another of the same cell while that brings the total nearer the blueprint's total. A swap
 * keeps every other constraint: it only takes items unused in this form, outside its enemy sets and — to stay clear
 * of the overlap budget — unused in earlier forms.
 */
function repairScore(
  b: Blueprint,
  pools: Candidate[][],
  chosen: { row: number; c: Candidate }[],
  form: Set<string>,
  enemies: Set<string>,
  earlier: Set<string>[],
): void {
  const total = () => chosen.reduce((s, { row, c }) => s + scoreIn(b, row, c), 0);
  for (let step = 0; step < 200; step++) {
    const diff = b.totalScore - total();
    if (Math.abs(diff) < 1e-9) return;
    let best: { k: number; c: Candidate; gain: number } | undefined;
    chosen.forEach(({ row, c: out }, k) => {
      if (b.rows[row]?.scoreEach !== undefined) return;
      const without = new Set(enemies);
      for (const s of out.enemySets) without.delete(s);
      for (const c of pools[row] ?? []) {
        if (form.has(c.itemId) || c.enemySets.some((s) => without.has(s))) continue;
        if (earlier.some((prev) => prev.has(c.itemId))) continue;
        const gain = Math.abs(diff) - Math.abs(diff - (c.score - out.score));
        if (gain > 1e-9 && (!best || gain > best.gain)) best = { k, c, gain };
      }
    });
    if (!best) return;
    const slot = chosen[best.k] as { row: number; c: Candidate };
    form.delete(slot.c.itemId);
    for (const s of slot.c.enemySets) enemies.delete(s);
    form.add(best.c.itemId);
    for (const s of best.c.enemySets) enemies.add(s);
    slot.c = best.c;
  }
}
