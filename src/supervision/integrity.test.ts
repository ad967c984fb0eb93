import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  binomialUpperTail,
  type ExamineeResponses,
  findCopyingPairs,
  gnormed,
  itemPValues,
  kIndex,
  normalUpperTail,
  omegaIndex,
} from './integrity.ts';

/** Exam-integrity statistics (issue 8; exams.md §4.1–4.2) against hand-computed cases and reference values. */

function assertClose(actual: number, expected: number, relative: number, what = '') {
  const error = Math.abs(actual - expected) / Math.abs(expected);
  assert.ok(error <= relative, `${what} ${actual} vs ${expected}: relative error ${error} > ${relative}`);
}

/** An examinee from a response string: one character per item, '-' for an omission; the key is all 'A'. */
function sheet(id: string, answers: string, key = 'A'.repeat(answers.length)): ExamineeResponses {
  const responses = [...answers].map((c) => (c === '-' ? null : c));
  return { id, responses, correct: responses.map((r, i) => r === key[i]) };
}

/** Only correctness matters to ω and Gnormed: '1' right, '0' wrong. */
const pattern = (id: string, bits: string) => sheet(id, bits.replace(/1/g, 'A').replace(/0/g, 'B'));

describe('normal upper tail (Cody 1969)', () => {
  // Reference values: mpmath ncdf(−z) at 30 digits, rounded to 15 significant digits.
  const cases = [
    [0, 0.5],
    [0.5, 0.308537538725987],
    [-0.3, 0.617911422188953],
    [1.96, 0.0249978951482204], // the brief's 0.0249979
    [-1.96, 0.97500210485178],
    [3.09, 0.00100078247661401], // 0.0010008
    [5, 2.86651571879194e-7], // 2.8665e-7
    [8, 6.22096057427178e-16],
    [10, 7.61985302416053e-24],
    [37, 5.72557122252458e-300],
  ] as const;
  for (const [z, p] of cases) it(`P(Z > ${z}) = ${p}`, () => assertClose(normalUpperTail(z), p, 1e-12));

  it('is symmetric, and saturates far out', () => {
    for (const z of [0.2, 0.9, 2.5, 4.1, 6]) assertClose(normalUpperTail(z) + normalUpperTail(-z), 1, 1e-15);
    assert.equal(normalUpperTail(-50), 1);
    assert.equal(normalUpperTail(50), 0);
    assert.ok(Number.isNaN(normalUpperTail(Number.NaN)));
  });
});

describe('binomial upper tail P(X ≥ k)', () => {
  const cases = [
    ['Bin(5, ½) ≥ 4: (C(5,4) + C(5,5)) / 2⁵', 5, 0.5, 4, 6 / 32],
    ['Bin(3, ⅓) ≥ 2: 3·(⅓)²·⅔ + (⅓)³', 3, 1 / 3, 2, 7 / 27],
    ['Bin(10, 0.3) ≥ 3: 1 − (0.7¹⁰ + 10·0.3·0.7⁹ + 45·0.3²·0.7⁸)', 10, 0.3, 3, 0.6172172136],
    ['Bin(20, 0.1) ≥ 20: 0.1²⁰', 20, 0.1, 20, 1e-20],
    ['Bin(7, 0.9) ≥ 1: 1 − 0.1⁷', 7, 0.9, 1, 0.9999999],
    // Large n, exact: Σ C(1000, j) / 2¹⁰⁰⁰ for j ≥ 600 in rational arithmetic (Python fractions).
    ['Bin(1000, ½) ≥ 600', 1000, 0.5, 600, 1.36423207803301e-10],
    ['Bin(10000, 0.3) ≥ 3200 (exact rational sum)', 10000, 0.3, 3200, 7.5106837964269e-6],
    ['Bin(1000, ½) ≥ 450, below the mean', 1000, 0.5, 450, 0.999304129202789],
  ] as const;
  for (const [name, n, p, k, expected] of cases)
    it(name, () => assertClose(binomialUpperTail(n, p, k), expected, 1e-9));

  it('has the stated edges', () => {
    assert.equal(binomialUpperTail(5, 0.5, 0), 1);
    assert.equal(binomialUpperTail(5, 0.5, -3), 1);
    assert.equal(binomialUpperTail(5, 0.5, 6), 0);
    assert.equal(binomialUpperTail(0, 0.5, 0), 1);
    assert.equal(binomialUpperTail(5, 0, 1), 0);
    assert.equal(binomialUpperTail(5, 1, 5), 1);
    assert.throws(() => binomialUpperTail(5, 1.5, 2), RangeError);
  });
});

describe("Holland's K index", () => {
  // Key AAAAA. The source answered items 0–2 wrong (B, C, D): w_s = 3. The copier repeats B and C and omits item 2:
  // m = 2. The copier's wrong answers are items 0, 1 and 4 (the omission is not an answer): number-wrong 3.
  const source = sheet('s', 'BCDAA');
  const copier = sheet('c', 'BC-AB');
  // Number-wrong 3 each; matches to the source on items 0–2: g1 1 (B), g2 0, g3 2 (B, C) → p = (1+0+2)/3/3 = 1/3.
  const g1 = sheet('g1', 'BAACD');
  const g2 = sheet('g2', 'ABBCA');
  const g3 = sheet('g3', 'BCAAD');
  const decoy = sheet('g4', 'AAAAA'); // number-wrong 0: outside the subgroup; with it p would be 1/4.

  it('estimates p in the copier’s number-wrong group and takes P(Bin(3, 1/3) ≥ 2) = 7/27', () => {
    const k = kIndex(copier, source, [copier, source, g1, g2, g3, decoy]);
    assert.ok(k);
    assert.equal(k.matches, 2);
    assert.equal(k.sourceWrong, 3);
    assertClose(k.p, 1 / 3, 1e-12);
    assertClose(k.pValue, 7 / 27, 1e-12);
  });

  it('widens the number-wrong window to ±1 when fewer than 3 examinees share it', () => {
    // Without g2 only g1 and g3 have 3 wrong; g5 (2 wrong, matches item 0) joins at ±1, the decoy (±3) does not:
    // p = (1+2+1)/3/3 = 4/9 and P(Bin(3, 4/9) ≥ 2) = 3·(4/9)²·(5/9) + (4/9)³ = 304/729.
    const g5 = sheet('g5', 'BAAAB');
    const k = kIndex(copier, source, [g1, g3, g5, decoy]);
    assert.ok(k);
    assertClose(k.p, 4 / 9, 1e-12);
    assertClose(k.pValue, 304 / 729, 1e-12);
  });

  it('floors p at half a match when nobody else shares a wrong answer', () => {
    // Two in the group, w_s = 3, no matches: p = 0.5 / 2 / 3 = 1/12, not 0 (a small group proves little).
    const k = kIndex(copier, source, [g2, sheet('x', 'AAAAA')]);
    assertClose(k?.p ?? 0, 1 / 12, 1e-12);
  });

  it('is null without wrong answers from the source or without anyone to compare with', () => {
    assert.equal(kIndex(copier, sheet('s2', 'AA-AA'), [g1, g2, g3]), null);
    assert.equal(kIndex(copier, source, [copier, source]), null);
  });
});

describe('ω (Wollack 1997, dichotomous)', () => {
  // Every item is answered correctly by 2 of 4: b_i = 0. A copier with 2 of 4 right has θ = 0 and P_c = ½ on every
  // item, so P_i = ½, ΣP_i = 2 and sd = sqrt(4·¼) = 1.
  const population = [
    pattern('p1', '1100'),
    pattern('p2', '0011'),
    pattern('p3', '1010'),
    pattern('p4', '0101'),
  ];

  it('is +2 when the copier matches the source on all 4 items', () => {
    const omega = omegaIndex(pattern('c', '1100'), pattern('s', '1100'), population);
    assert.ok(omega);
    assert.deepEqual([omega.observed, omega.expected, omega.sd], [4, 2, 1]);
    assertClose(omega.z, 2, 1e-9);
    assertClose(omega.pValue, 0.0227501319481792, 1e-9);
  });

  it('is −2 when the copier disagrees on every item, and 0 at chance', () => {
    assertClose(
      omegaIndex(pattern('c', '1100'), pattern('s', '0011'), population)?.z ?? Number.NaN,
      -2,
      1e-9,
    );
    assert.equal(omegaIndex(pattern('c', '1100'), pattern('s', '1010'), population)?.z, 0);
  });

  it('solves θ so that the expected score equals the copier’s (0.5 for a zero score)', () => {
    const varied = [
      pattern('a', '11110'),
      pattern('b', '11100'),
      pattern('c', '11000'),
      pattern('d', '10001'),
    ];
    const allRight = pattern('s', '11111');
    assertClose(omegaIndex(pattern('x', '10100'), allRight, varied)?.expected ?? 0, 2, 1e-9);
    assertClose(omegaIndex(pattern('x', '00000'), allRight, varied)?.expected ?? 0, 0.5, 1e-9);
  });

  it('is null for a population under 2', () => {
    assert.equal(omegaIndex(pattern('c', '10'), pattern('s', '10'), [pattern('p', '11')]), null);
  });
});

describe('normed Guttman errors (Meijer 1994)', () => {
  const ordered = [0.9, 0.7, 0.5, 0.3];
  // [0.2, 0.8, 0.5, 0.8, 0.6] orders items 1, 3 (tie: lower index first), 4, 2, 0. For 1 0 1 1 0 that reads
  // item1 ✗, item3 ✓ (+1), item4 ✗, item2 ✓ (+2), item0 ✓ (+2): G = 5, S = 3, I − S = 2, Gnormed = 5/6.
  // Breaking the tie the other way would read ✓ ✗ ✗ ✓ ✓: G = 4.
  const mixed = [0.2, 0.8, 0.5, 0.8, 0.6];
  const cases = [
    ['perfect Guttman pattern', '1100', ordered, 0, 0],
    ['fully reversed', '0011', ordered, 4, 1],
    ['one inversion: easier item 1 wrong, harder item 2 right', '1010', ordered, 1, 0.25],
    ['unsorted p-values and a tie', '10110', mixed, 5, 5 / 6],
  ] as const;
  for (const [name, bits, pValues, errors, normed] of cases)
    it(name, () => {
      const correct = [...bits].map((b) => b === '1');
      assert.deepEqual(gnormed(correct, pValues), { guttmanErrors: errors, gnormed: normed });
    });

  it('is null for a zero or a perfect score', () => {
    assert.equal(gnormed([false, false], [0.5, 0.4]), null);
    assert.equal(gnormed([true, true], [0.5, 0.4]), null);
  });

  it('takes item p-values from the population, omissions counting as wrong', () => {
    assert.deepEqual(itemPValues([sheet('a', 'AB-'), sheet('b', 'A-A'), sheet('c', 'AAB')]), [
      1,
      1 / 3,
      1 / 3,
    ]);
    assert.deepEqual(itemPValues([pattern('a', '1'), pattern('b', '10')]), [1, 0]);
    assert.deepEqual(itemPValues([]), []);
  });
});

/** Mulberry32: a seeded generator, so the simulated rooms are the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 40-item, 4-option paper under a Rasch model; each item has distractors of unequal pull (50/30/20%), so honest
 * examinees share popular wrong answers, and 3% of answers are omitted.
 */
function simulatePaper(seed: number, items = 40) {
  const random = mulberry32(seed);
  const options = ['A', 'B', 'C', 'D'];
  const key = Array.from({ length: items }, () => options[Math.floor(random() * 4)] ?? 'A');
  const difficulty = key.map(() => random() * 3 - 1.5);
  const distractors = key.map((k) => options.filter((o) => o !== k).sort(() => random() - 0.5));
  const grade = (id: string, responses: (string | null)[]): ExamineeResponses => ({
    id,
    responses,
    correct: responses.map((r, i) => r === key[i]),
  });
  const sit = (id: string, theta = (random() + random() + random() - 1.5) * 2): ExamineeResponses =>
    grade(
      id,
      difficulty.map((b, i) => {
        if (random() < 0.03) return null;
        if (random() < 1 / (1 + Math.exp(b - theta))) return key[i] ?? null;
        const u = random();
        return distractors[i]?.[u < 0.5 ? 0 : u < 0.8 ? 1 : 2] ?? null;
      }),
    );
  /** The copier takes the source's response on the first `count` items. */
  const copy = (copier: ExamineeResponses, source: ExamineeResponses, count: number) =>
    grade(
      copier.id,
      copier.responses.map((r, i) => (i < count ? (source.responses[i] ?? null) : r)),
    );
  return { sit, copy };
}

describe('copying pairs in a room', () => {
  const opts = { alpha: 0.01, minSourceWrong: 5, minMatches: 5 };

  it('flags the pair that shares many identical wrong answers, and only that pair', () => {
    const paper = simulatePaper(8);
    const room = Array.from({ length: 30 }, (_, i) => paper.sit(`r${i}`));
    const weakSource = paper.sit('r7', -1.5);
    room[7] = weakSource;
    room[3] = paper.copy(room[3] as ExamineeResponses, weakSource, 28);
    const population = [...room, ...Array.from({ length: 300 }, (_, i) => paper.sit(`o${i}`))];

    const flags = findCopyingPairs(room, population, opts);
    assert.equal(flags.length, 1, JSON.stringify(flags));
    const [flag] = flags;
    assert.ok(flag);
    assert.deepEqual([flag.copier, flag.source].sort(), ['r3', 'r7']);
    assert.ok(flag.k.matches >= 10 && flag.adjustedP < 1e-6, JSON.stringify(flag.k));
    assertClose(flag.adjustedP, flag.k.pValue * 30 * 29, 1e-12);
    assert.ok(flag.omega && flag.omega.z > 3, 'ω agrees: far more matching correctness than chance');
  });

  it('ranks two copying pairs by significance, keeping one direction of each', () => {
    const paper = simulatePaper(21);
    const room = Array.from({ length: 20 }, (_, i) => paper.sit(`r${i}`, i < 2 ? -1.5 : undefined));
    room[10] = paper.copy(room[10] as ExamineeResponses, room[0] as ExamineeResponses, 28);
    room[11] = paper.copy(room[11] as ExamineeResponses, room[1] as ExamineeResponses, 40);
    const population = [...room, ...Array.from({ length: 300 }, (_, i) => paper.sit(`o${i}`))];

    const flags = findCopyingPairs(room, population, opts);
    assert.deepEqual(
      flags.map((f) => [f.copier, f.source].sort().join('+')),
      ['r1+r11', 'r0+r10'],
    );
    assert.ok((flags[0]?.k.pValue ?? 1) <= (flags[1]?.k.pValue ?? 0));
    assert.deepEqual(findCopyingPairs(room, population, { ...opts, minMatches: 41 }), []);
  });

  it('flags nobody in a room of independent examinees', () => {
    for (const seed of [1, 2, 3]) {
      const paper = simulatePaper(seed);
      const room = Array.from({ length: 30 }, (_, i) => paper.sit(`r${i}`));
      const population = [...room, ...Array.from({ length: 300 }, (_, i) => paper.sit(`o${i}`))];
      assert.deepEqual(findCopyingPairs(room, population, opts), []);
    }
  });
});

describe('K index by counts equals K by its definition', () => {
  /** Holland's K straight from the definition: a pass over the population for every pair. */
  function kByDefinition(
    copier: ExamineeResponses,
    source: ExamineeResponses,
    population: ExamineeResponses[],
  ) {
    const wrongOf = (e: ExamineeResponses) =>
      e.responses.filter((r, i) => r != null && e.correct[i] !== true).length;
    const wrongItems = source.responses.flatMap((r, i) =>
      r != null && source.correct[i] !== true ? [i] : [],
    );
    const same = (a: ExamineeResponses) =>
      wrongItems.filter((i) => a.responses[i] != null && a.responses[i] === source.responses[i]).length;
    const others = population.filter((e) => e.id !== copier.id && e.id !== source.id);
    if (wrongItems.length === 0 || others.length === 0) return null;
    const target = wrongOf(copier);
    const distances = others.map((e) => Math.abs(wrongOf(e) - target)).sort((a, b) => a - b);
    const window = distances[Math.min(3, distances.length) - 1] ?? 0;
    const group = others.filter((e) => Math.abs(wrongOf(e) - target) <= window);
    const total = group.reduce((n, e) => n + same(e), 0);
    return Math.min(1 - 1e-6, Math.max(1e-6, Math.max(total, 0.5) / group.length / wrongItems.length));
  }

  for (const seed of [3, 11, 29]) {
    it(`gives the same p for every pair of a room (seed ${seed})`, () => {
      const paper = simulatePaper(seed);
      const population = Array.from({ length: 60 }, (_, i) => paper.sit(`e${i}`));
      for (const copier of population.slice(0, 12))
        for (const source of population.slice(0, 12)) {
          if (copier === source) continue;
          const expected = kByDefinition(copier, source, population);
          const actual = kIndex(copier, source, population);
          if (expected === null) assert.equal(actual, null);
          else assertClose(actual?.p ?? -1, expected, 1e-12);
        }
    });
  }
});
