/**
 * The computer-based theory exam (组织实施, issue 7 §3), its pure decisions: when a candidate may start, the
 * deadline, each candidate's stable item and option order, which form of a joint exam they sit, and auto-grading.
 * No I/O and no clock of its own: `now` is passed in.
 */
import type { ItemType, Response } from './attempts.model.ts';

/** A 32-bit FNV-1a hash of a string: the seed of the generator below and the form choice. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and deterministic; exam order needs stability, not cryptographic strength. */
function generator(seed: string): () => number {
  let a = hash32(seed);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fisher–Yates under a seeded generator. `shuffle.ts` (paper assembly) was not in the tree when this was written;
 * the attempt stores its seed, so the order is the same on every reload (issue 7 §2 "stable across reloads").
 */
export function seededShuffle<T>(seed: string, items: readonly T[]): T[] {
  const out = [...items];
  const next = generator(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface OrderableItem {
  itemId: string;
  options: { id: string; text: string }[];
}

/** The candidate's paper: items in a seeded order, each item's options in an order seeded by the item too. */
export function candidateOrder<T extends OrderableItem>(seed: string, items: readonly T[]): T[] {
  return seededShuffle(seed, items).map((item) => ({
    ...item,
    options: seededShuffle(`${seed}:${item.itemId}`, item.options),
  }));
}

/** A joint exam's parallel forms (issue 7 §2): each registration sits one, chosen from its id, never at random. */
export function chooseForm<T extends { form: string }>(
  registrationId: string,
  papers: readonly T[],
): T | undefined {
  const forms = [...papers].sort((a, b) => a.form.localeCompare(b.form));
  return forms[hash32(registrationId) % Math.max(forms.length, 1)];
}

export type StartRefusal = 'registration-cancelled' | 'before-sitting' | 'after-sitting';

/** The exam may be started only during the sitting (half-open [starts, ends)). */
export function startProblem(
  now: Date,
  sitting: { startsAt: Date; endsAt: Date },
  registrationStatus: string,
): StartRefusal | null {
  if (registrationStatus !== 'registered') return 'registration-cancelled';
  if (now.getTime() < sitting.startsAt.getTime()) return 'before-sitting';
  if (now.getTime() >= sitting.endsAt.getTime()) return 'after-sitting';
  return null;
}

/** Start + the plan's theory duration (考核时间), never beyond the end of the sitting. */
export function deadlineFor(startedAt: Date, durationMinutes: number, sittingEndsAt: Date): Date {
  const byDuration = startedAt.getTime() + durationMinutes * 60_000;
  return new Date(Math.min(byDuration, sittingEndsAt.getTime()));
}

export function isPastDeadline(now: Date, deadline: Date): boolean {
  return now.getTime() >= deadline.getTime();
}

export function remainingSeconds(now: Date, deadline: Date): number {
  return Math.max(0, Math.floor((deadline.getTime() - now.getTime()) / 1000));
}

/** Does a response have the shape its item type asks for? (The value itself is stored as given.) */
export function fitsType(type: ItemType, response: Response): boolean {
  switch (type) {
    case 'single':
      return typeof response === 'string';
    case 'multiple':
      return Array.isArray(response);
    case 'true-false':
      return typeof response === 'boolean';
    default:
      return false;
  }
}

export type ItemVerdict = 'correct' | 'wrong' | 'unanswered' | 'not-auto-graded';

/**
 * Auto-grading (阅卷评分, issue 7 §3–4): single choice exact; multiple choice the exact set (no partial credit);
 * true/false the boolean. Practical tasks are scored by examiners elsewhere.
 */
export function gradeItem(type: ItemType, answer: unknown, response: Response | undefined): ItemVerdict {
  if (type === 'practical') return 'not-auto-graded';
  if (response === undefined) return 'unanswered';
  if (type === 'single') {
    const key = Array.isArray(answer) ? answer : [answer];
    return key.length === 1 && key[0] === response ? 'correct' : 'wrong';
  }
  if (type === 'multiple') {
    if (!Array.isArray(answer) || !Array.isArray(response)) return 'wrong';
    const given = new Set(response);
    const key = new Set(answer);
    return given.size === key.size && [...key].every((k) => given.has(k as string)) ? 'correct' : 'wrong';
  }
  return typeof answer === 'boolean' && answer === response ? 'correct' : 'wrong';
}

export interface GradableItem {
  itemId: string;
  type: ItemType;
  answer: unknown;
  score: number;
}

export interface Grade {
  score: number;
  maxScore: number;
  items: { itemId: string; verdict: ItemVerdict; score: number }[];
}

/** Sums each pinned paper item's score for the items answered correctly. */
export function gradeAttempt(
  items: readonly GradableItem[],
  responses: ReadonlyMap<string, Response>,
): Grade {
  const graded = items.map((item) => {
    const verdict = gradeItem(item.type, item.answer, responses.get(item.itemId));
    return { itemId: item.itemId, verdict, score: verdict === 'correct' ? item.score : 0 };
  });
  return {
    score: graded.reduce((sum, g) => sum + g.score, 0),
    maxScore: items.reduce((sum, i) => sum + i.score, 0),
    items: graded,
  };
}
