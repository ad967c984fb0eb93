/**
 * Exam-integrity statistics (issue 8; exams.md §4.1–4.2): answer copying (K, ω) and person fit (Guttman errors).
 * Pure: no I/O, no clock. A flag is evidence for a 预警 that a person reviews, never a sanction (exams.md §4.1).
 */

/** One examinee's responses to one paper form, items in the paper's order. A response is a canonical string (single choice 'B'; multiple choice sorted keys joined by ',' like 'A,C'; true/false 'true'|'false'); null = omitted. */
export interface ExamineeResponses {
  id: string;
  responses: readonly (string | null)[];
  correct: readonly boolean[];
}

/** Evaluates a polynomial whose coefficients are listed from the highest power down. */
function horner(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (const c of coefficients) value = value * x + c;
  return value;
}

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–637, in the
// form of his ANORM routine (as R's pnorm uses it): near-machine precision everywhere, no catastrophic cancellation
// in the upper tail. Coefficients are listed highest power first for `horner`.
// biome-ignore format: one coefficient list per line
const CODY = {
  centralNum: [0.06568233791820745, 2.2352520354606837, 161.02823106855587, 1067.6894854603709, 18154.98125334356],
  centralDen: [1, 47.202581904688245, 976.0985517377767, 10260.932208618979, 45507.78933502673],
  middleNum: [1.0765576773720192e-8, 0.39894151208813466, 8.883149794388377, 93.50665613217785, 597.2702763948002, 2494.5375852903726, 6848.190450536283, 11602.65143764735, 9842.714838383978],
  middleDen: [1, 22.266688044328117, 235.387901782625, 1519.3775994075547, 6485.558298266761, 18615.571640885097, 34900.95272114598, 38912.00328609327, 19685.429676859992],
  tailNum: [0.023073441764940174, 0.215898534057957, 0.12740116116024736, 0.022235277870649807, 0.0014216191932278934, 0.000029112874951168793],
  tailDen: [1, 1.284260096144911, 0.4682382124808651, 0.06598813786892856, 0.0037823963320275824, 0.00007297515550839662],
} as const;
const ONE_OVER_SQRT_2PI = 0.3989422804014327;

/** exp(−y²/2) computed as two factors so that rounding y² does not cost relative accuracy in the far tail. */
function halfGaussianKernel(y: number): number {
  const coarse = Math.trunc(y * 16) / 16;
  const rest = (y - coarse) * (y + coarse);
  return Math.exp(-coarse * coarse * 0.5) * Math.exp(-rest * 0.5);
}

/** P(Z > z) for a standard normal Z (Cody 1969); relative error near 1e-15, underflows to 0 beyond z ≈ 38. */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) return Number.NaN;
  const y = Math.abs(z);
  if (y <= 0.67448975) {
    const t = z * z;
    return 0.5 - (z * horner(CODY.centralNum, t)) / horner(CODY.centralDen, t);
  }
  let tail: number; // P(Z > y)
  if (y <= Math.sqrt(32)) {
    tail = (halfGaussianKernel(y) * horner(CODY.middleNum, y)) / horner(CODY.middleDen, y);
  } else {
    const s = 1 / (y * y);
    const correction = (s * horner(CODY.tailNum, s)) / horner(CODY.tailDen, s);
    tail = (halfGaussianKernel(y) * (ONE_OVER_SQRT_2PI - correction)) / y;
  }
  return z > 0 ? tail : 1 - tail;
}

/** ln C(n, k) as a sum of logarithms: exact enough (k·ε) for item counts and room sizes, and needs no log-gamma. */
function logChoose(n: number, k: number): number {
  const j = Math.min(k, n - k);
  let value = 0;
  for (let i = 1; i <= j; i++) value += Math.log(n - j + i) - Math.log(i);
  return value;
}

/**
 * Sums Bin(n, p) probabilities from `start` outwards (step +1 or −1) in log space: the terms fall away from `start`
 * (the caller starts on the far side of the mode), so each is scaled by the first and the loop stops once a term
 * no longer changes the sum.
 */
function binomialTailFrom(n: number, p: number, start: number, step: 1 | -1): number {
  const logOdds = Math.log(p) - Math.log1p(-p);
  const logFirst = logChoose(n, start) + start * Math.log(p) + (n - start) * Math.log1p(-p);
  let sum = 0;
  let logRatio = 0; // ln(term / first)
  for (let j = start; j >= 0 && j <= n; j += step) {
    const term = Math.exp(logRatio);
    sum += term;
    if (term < sum * 1e-17) break;
    logRatio += step === 1 ? Math.log((n - j) / (j + 1)) + logOdds : Math.log(j / (n - j + 1)) - logOdds;
  }
  return Math.exp(logFirst + Math.log(sum));
}

/** P(X ≥ k) for X ~ Binomial(n, p); k ≤ 0 → 1, k > n → 0. Above the mean it sums the upper tail directly, so small p-values keep their relative accuracy. */
export function binomialUpperTail(n: number, p: number, k: number): number {
  if (!Number.isInteger(n) || n < 0 || !(p >= 0 && p <= 1))
    throw new RangeError(`Bin(${n}, ${p}) is not a distribution`);
  const from = Math.ceil(k);
  if (from <= 0) return 1;
  if (from > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  if (from > n * p) return Math.min(1, binomialTailFrom(n, p, from, 1));
  return Math.max(0, 1 - binomialTailFrom(n, p, from - 1, -1));
}

const clamp = (x: number, low: number, high: number): number => Math.min(high, Math.max(low, x));

/** Items answered and marked incorrect; an omission is not an answer anyone can copy. Kept per examinee: a room
 * asks for each examinee's wrong answers once per pair. */
const wrongItemsOf = new WeakMap<ExamineeResponses, number[]>();
function wrongAnswerItems(examinee: ExamineeResponses): number[] {
  let items = wrongItemsOf.get(examinee);
  if (!items) {
    items = [];
    for (let i = 0; i < examinee.responses.length; i++)
      if (examinee.responses[i] != null && examinee.correct[i] !== true) items.push(i);
    wrongItemsOf.set(examinee, items);
  }
  return items;
}

/** How many of `items` both answered alike; omissions never match. */
function countIdentical(a: ExamineeResponses, b: ExamineeResponses, items: readonly number[]): number {
  let count = 0;
  for (const i of items) {
    const response = a.responses[i];
    if (response != null && response === b.responses[i]) count++;
  }
  return count;
}

/**
 * The population prepared once for the many pairs of a room: each examinee's number-wrong, how many examinees have
 * each number-wrong, and — per item — how many in each number-wrong group chose each response. Holland's p for any
 * pair is then a sum over the source's wrong items and the window's groups, not a pass over the population: a form
 * sat by thousands costs the same per pair as one sat by thirty.
 */
const prepared = new WeakMap<readonly ExamineeResponses[], ReturnType<typeof buildReference>>();
/** Prepared once per population array: every room of a form passes the same array. */
function prepareReference(population: readonly ExamineeResponses[]) {
  let reference = prepared.get(population);
  if (!reference) {
    reference = buildReference(population);
    prepared.set(population, reference);
  }
  return reference;
}

function buildReference(population: readonly ExamineeResponses[]) {
  const membersById = new Map<string, { examinee: ExamineeResponses; wrong: number }[]>();
  const groupSize = new Map<number, number>();
  const chose = new Map<string, number>(); // `${item}|${response}|${numberWrong}` → examinees
  for (const examinee of population) {
    const wrong = wrongAnswerItems(examinee).length;
    membersById.set(examinee.id, [...(membersById.get(examinee.id) ?? []), { examinee, wrong }]);
    groupSize.set(wrong, (groupSize.get(wrong) ?? 0) + 1);
    examinee.responses.forEach((response, i) => {
      if (response == null) return;
      const key = `${i}|${response}|${wrong}`;
      chose.set(key, (chose.get(key) ?? 0) + 1);
    });
  }
  const maxWrong = Math.max(0, ...groupSize.keys());
  return { size: population.length, membersById, groupSize, chose, maxWrong };
}
type Reference = ReturnType<typeof prepareReference>;

/** Holland's K for one ordered pair: m matches on the source's w_s wrong answers, the match rate p, P(Bin(w_s, p) ≥ m). */
export interface KIndexResult {
  matches: number;
  sourceWrong: number;
  p: number;
  pValue: number;
}

/**
 * Holland's K index (exams.md §4.1; Holland 1996, "Assessing unusual agreement between the incorrect answers of two
 * examinees using the K-index", ETS RR-96-7). w_s = source's wrong items; m = copier's responses identical to the
 * source's on those items (omits do not match). p estimated from `population` (excluding copier and source) as
 * mean(matches of g to s on s's wrong items)/w_s, over the examinees whose number-wrong equals the copier's; when
 * fewer than 3 such examinees, widen the number-wrong window ±1, ±2, … until at least 3 (or all others are used).
 * Clamp p into [1e-6, 1-1e-6]. Returns null when w_s = 0 or no other examinee exists. "Wrong" means answered and
 * incorrect, for the source's items and everyone's number-wrong alike: an omission is not an answer to copy.
 */
export function kIndex(
  copier: ExamineeResponses,
  source: ExamineeResponses,
  population: readonly ExamineeResponses[],
): KIndexResult | null {
  return kIndexAgainst(copier, source, prepareReference(population));
}

function kIndexAgainst(
  copier: ExamineeResponses,
  source: ExamineeResponses,
  reference: Reference,
  minGroup = 3,
): KIndexResult | null {
  const wrongItems = wrongAnswerItems(source);
  // Copier and source are left out of the comparison group (by id, as often as they appear in the population).
  const excluded = [
    ...(reference.membersById.get(copier.id) ?? []),
    ...(copier.id === source.id ? [] : (reference.membersById.get(source.id) ?? [])),
  ];
  const othersTotal = reference.size - excluded.length;
  if (wrongItems.length === 0 || othersTotal <= 0) return null;

  // Holland's subgroup: the copier's number-wrong, widened symmetrically until it holds 3 examinees (or everyone).
  const target = wrongAnswerItems(copier).length;
  const within = (d: number) => {
    let count = 0;
    for (let k = Math.max(0, target - d); k <= target + d; k++) count += reference.groupSize.get(k) ?? 0;
    return count - excluded.filter((x) => Math.abs(x.wrong - target) <= d).length;
  };
  const needed = Math.min(minGroup, othersTotal);
  let window = 0;
  while (within(window) < needed && window <= reference.maxWrong + target) window++;
  const subgroupSize = within(window);

  let totalMatches = 0;
  for (const i of wrongItems)
    for (let k = Math.max(0, target - window); k <= target + window; k++)
      totalMatches += reference.chose.get(`${i}|${source.responses[i]}|${k}`) ?? 0;
  for (const x of excluded)
    if (Math.abs(x.wrong - target) <= window) totalMatches -= countIdentical(x.examinee, source, wrongItems);
  const sourceWrong = wrongItems.length;
  // Half a match at least: a small comparison group that happens to share none of the source's wrong answers
  // would otherwise make p ≈ 0 and any shared wrong answer look overwhelming (a continuity floor).
  const p = clamp(Math.max(totalMatches, 0.5) / subgroupSize / sourceWrong, 1e-6, 1 - 1e-6);
  const matches = countIdentical(copier, source, wrongItems);
  return { matches, sourceWrong, p, pValue: binomialUpperTail(sourceWrong, p, matches) };
}

/** ω for one ordered pair: observed and expected matching correctness, its sd, z = ω and P(Z > z). */
export interface OmegaResult {
  observed: number;
  expected: number;
  sd: number;
  z: number;
  pValue: number;
}

const raschCorrect = (theta: number, difficulty: number): number => 1 / (1 + Math.exp(difficulty - theta));

/** The maximum-likelihood Rasch ability for a number-correct score strictly between 0 and the item count. */
function raschAbility(score: number, difficulties: readonly number[]): number {
  const mean = difficulties.reduce((a, b) => a + b, 0) / difficulties.length;
  let theta = Math.log(score / (difficulties.length - score)) + mean;
  for (let iteration = 0; iteration < 100; iteration++) {
    let expected = 0;
    let information = 0;
    for (const b of difficulties) {
      const p = raschCorrect(theta, b);
      expected += p;
      information += p * (1 - p);
    }
    // Steps are capped: far from the solution the information is tiny and a raw Newton step would overshoot.
    const step = clamp((score - expected) / information, -1, 1);
    theta += step;
    if (Math.abs(step) < 1e-12) break;
  }
  return theta;
}

/**
 * ω (Wollack 1997, "A nominal response model approach for detecting answer copying", Applied Psychological
 * Measurement 21(4)), dichotomous version (exams.md §4.1): Rasch item difficulties b_i from the population's
 * proportions correct (logit, clamped to [0.5/N, 1 − 0.5/N]), θ_c solved by Newton from the copier's number-correct
 * (clamp extreme scores with a 0.5 correction), P_i = P_c(correct) if the source was right on item i else
 * 1 − P_c(correct); observed h = items where copier and source have the same correctness;
 * ω = (h − ΣP_i) / sqrt(ΣP_i(1−P_i)); pValue one-sided normal. Null when the population has fewer than 2 examinees
 * or the variance is 0.
 */
export function omegaIndex(
  copier: ExamineeResponses,
  source: ExamineeResponses,
  population: readonly ExamineeResponses[],
): OmegaResult | null {
  const items = copier.correct.length;
  if (population.length < 2 || items === 0) return null;
  const floor = 0.5 / population.length;
  const pValues = itemPValues(population);
  const difficulties = Array.from({ length: items }, (_, i) => {
    const q = clamp(pValues[i] ?? 0.5, floor, 1 - floor);
    return Math.log((1 - q) / q);
  });
  const theta = raschAbility(clamp(copier.correct.filter(Boolean).length, 0.5, items - 0.5), difficulties);

  let observed = 0;
  let expected = 0;
  let variance = 0;
  difficulties.forEach((b, i) => {
    const sourceRight = source.correct[i] === true;
    const pc = raschCorrect(theta, b);
    const pMatch = sourceRight ? pc : 1 - pc;
    expected += pMatch;
    variance += pMatch * (1 - pMatch);
    if ((copier.correct[i] === true) === sourceRight) observed++;
  });
  if (!(variance > 0)) return null;
  const sd = Math.sqrt(variance);
  const z = (observed - expected) / sd;
  return { observed, expected, sd, z, pValue: normalUpperTail(z) };
}

/**
 * Normed Guttman errors (exams.md §4.2; Meijer 1994, "The number of Guttman errors as a simple and powerful
 * person-fit statistic", Applied Psychological Measurement 18(4)): items ordered from easiest to hardest by
 * `itemPValues` (proportion correct, higher = easier; ties broken by index); G = number of pairs (easier wrong,
 * harder right); Gnormed = G / (S·(I−S)). Null when S = 0 or S = I. I is `correct.length`; an item without a
 * p-value counts as 0.5.
 */
export function gnormed(
  correct: readonly boolean[],
  itemPValues: readonly number[],
): { guttmanErrors: number; gnormed: number } | null {
  const items = correct.length;
  const score = correct.filter(Boolean).length;
  if (score === 0 || score === items) return null;
  const order = correct
    .map((_, i) => i)
    .sort((a, b) => (itemPValues[b] ?? 0.5) - (itemPValues[a] ?? 0.5) || a - b);
  let wrongSoFar = 0;
  let guttmanErrors = 0;
  for (const i of order) {
    if (correct[i]) guttmanErrors += wrongSoFar;
    else wrongSoFar++;
  }
  return { guttmanErrors, gnormed: guttmanErrors / (score * (items - score)) };
}

/**
 * Proportion correct per item over a population (for gnormed); items nobody saw count 0.5. The item count is the
 * longest record; an examinee saw item i when their record reaches it, and an omission there counts as wrong.
 */
export function itemPValues(population: readonly ExamineeResponses[]): number[] {
  const items = population.reduce((longest, e) => Math.max(longest, e.correct.length), 0);
  const right = new Array<number>(items).fill(0);
  const seen = new Array<number>(items).fill(0);
  for (const examinee of population) {
    examinee.correct.forEach((isRight, i) => {
      seen[i] = (seen[i] ?? 0) + 1;
      if (isRight) right[i] = (right[i] ?? 0) + 1;
    });
  }
  return seen.map((n, i) => (n === 0 ? 0.5 : (right[i] ?? 0) / n));
}

/** A pair to review: the more significant direction's K, ω as a second opinion, and the Bonferroni-adjusted p. */
export interface CopyingFlag {
  copier: string;
  source: string;
  k: KIndexResult;
  omega: OmegaResult | null;
  adjustedP: number;
}

type Ranked = Pick<CopyingFlag, 'copier' | 'source' | 'k'>;

/** Most significant first: smaller p, then more matches; ids last so the order never depends on input order. */
function compareK(a: Ranked, b: Ranked): number {
  return (
    a.k.pValue - b.k.pValue ||
    b.k.matches - a.k.matches ||
    (a.copier < b.copier ? -1 : a.copier > b.copier ? 1 : 0) ||
    (a.source < b.source ? -1 : a.source > b.source ? 1 : 0)
  );
}

/**
 * Every ordered pair (copier, source) within one group — one 考场 or seating block on one paper form (exams.md §4.1
 * "Practical use") — tested with K. Bonferroni over the n·(n−1) ordered pairs: a direction is flagged when
 * pValue·pairs < alpha, matches ≥ minMatches and sourceWrong ≥ minSourceWrong; adjustedP = min(1, pValue·pairs).
 * Of a pair's flagged directions (A copies B, B copies A) only the more significant is kept; most significant first.
 */
export function findCopyingPairs(
  group: readonly ExamineeResponses[],
  population: readonly ExamineeResponses[],
  opts: {
    alpha: number;
    minSourceWrong: number;
    minMatches: number;
    /** Widen the number-wrong window until this many others are in it (Holland's 3 by default): a larger group
     * steadies p when a form has tens of takers, not thousands. */
    minGroup?: number;
  },
): CopyingFlag[] {
  const pairs = group.length * (group.length - 1);
  const reference = prepareReference(population);
  const flags: CopyingFlag[] = [];
  for (const [a, first] of group.entries()) {
    for (const second of group.slice(a + 1)) {
      const candidates: (Ranked & { records: readonly [ExamineeResponses, ExamineeResponses] })[] = [];
      const directions = [[first, second] as const, [second, first] as const];
      for (const records of directions) {
        const k = kIndexAgainst(records[0], records[1], reference, opts.minGroup);
        if (!k || !(k.pValue * pairs < opts.alpha)) continue;
        if (k.matches < opts.minMatches || k.sourceWrong < opts.minSourceWrong) continue;
        candidates.push({ copier: records[0].id, source: records[1].id, k, records });
      }
      const best = candidates.sort(compareK)[0];
      if (!best) continue;
      flags.push({
        copier: best.copier,
        source: best.source,
        k: best.k,
        omega: omegaIndex(best.records[0], best.records[1], population),
        adjustedP: Math.min(1, best.k.pValue * pairs),
      });
    }
  }
  return flags.sort(compareK);
}
