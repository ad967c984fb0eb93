import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type FunnelUnit, funnel, funnelCurve } from './funnel.ts';

/** Pass-rate funnel with additive over-dispersion (issue 8; exams.md §4.4; Spiegelhalter 2005). */

const close = (actual: number | undefined, expected: number, what = '', tolerance = 1e-9) =>
  assert.ok(
    actual !== undefined && Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} vs ${expected}`,
  );

/*
 * Four centres, worked by hand.
 *   A 28/100, B 76/400, C 16/100, D 80/400 → θ0 = 200/1000 = 0.2, θ0(1−θ0) = 0.16.
 *   s² = 0.16/100 = 0.0016 (s = 0.04) for A and C, 0.16/400 = 0.0004 (s = 0.02) for B and D.
 *   z: A (0.28−0.2)/0.04 = 2, B (0.19−0.2)/0.02 = −0.5, C (0.16−0.2)/0.04 = −1, D 0.
 *   No winsorising: φ = (4 + 0.25 + 1 + 0)/4 = 1.3125; Iφ = 5.25 > I − 1 = 3.
 *   w = 1/s² = 625, 2500, 625, 2500: Σw = 6250, Σw² = 2·625² + 2·2500² = 13 281 250, Σw²/Σw = 2125.
 *   τ² = (5.25 − 3)/(6250 − 2125) = 2.25/4125 = 3/5500 ≈ 0.000545454.
 *   A: sqrt(0.0016 + 3/5500) = 0.0463190516; 95% limits 0.2 ± 1.96·0.0463190516 = [0.1092147, 0.2907853]; z = 1.72715.
 *   B: sqrt(0.0004 + 3/5500) = 0.0307482446; 95% limits [0.1397334, 0.2602666]; z = −0.32522.
 *   Without τ², A's 95% limits are 0.2 ± 1.96·0.04 = [0.1216, 0.2784]: 0.28 is outside; its 99.8% ones
 *   0.2 ± 3.09·0.04 = [0.0764, 0.3236] hold it.
 *   Winsorising 10% (R type-7 quantiles of the sorted z −1, −0.5, 0, 2): the 10th percentile sits at position
 *   3·0.1 = 0.3, −1 + 0.3·0.5 = −0.85; the 90th at 2.7, 0 + 0.7·2 = 1.4. Winsorised z: 1.4, −0.5, −0.85, 0;
 *   φ = (1.96 + 0.25 + 0.7225 + 0)/4 = 0.733125; Iφ = 2.9325 ≤ 3, so τ² = 0.
 */
const fourCentres: FunnelUnit[] = [
  { id: 'A', n: 100, events: 28 },
  { id: 'B', n: 400, events: 76 },
  { id: 'C', n: 100, events: 16 },
  { id: 'D', n: 400, events: 80 },
];
const zs = [1.96, 3.09];

describe('the hand-worked four-centre funnel', () => {
  const answer = funnel(fourCentres, { zs, winsorize: 0, overdispersion: true });
  const [a, b, c, d] = answer.points;

  it('pools the target and estimates φ and τ²', () => {
    close(answer.target, 0.2, 'target');
    close(answer.phi, 1.3125, 'φ');
    close(answer.tau2, 3 / 5500, 'τ²', 1e-15);
  });

  it('widens every limit by τ²', () => {
    const table = [
      ['A 95%', a?.limits[0]?.lower, 0.10921465877],
      ['A 95%', a?.limits[0]?.upper, 0.29078534123],
      ['A 99.8%', a?.limits[1]?.upper, 0.34312586959],
      ['B 95%', b?.limits[0]?.lower, 0.1397334406],
      ['B 95%', b?.limits[0]?.upper, 0.2602665594],
      ['A z', a?.z, 1.72715107835],
      ['B z', b?.z, -0.32522181779],
      ['C z', c?.z, -0.86357553918],
      ['D z', d?.z, 0],
    ] as const;
    for (const [what, actual, expected] of table) close(actual, expected, what, 1e-10);
    assert.deepEqual(
      answer.points.map((p) => [p.id, p.rate, p.outside]),
      [
        ['A', 0.28, null],
        ['B', 0.19, null],
        ['C', 0.16, null],
        ['D', 0.2, null],
      ],
    );
  });

  it('without the over-dispersion allowance, A falls outside its 95% limits but not its 99.8% ones', () => {
    const plain = funnel(fourCentres, { zs, winsorize: 0, overdispersion: false });
    assert.equal(plain.tau2, 0);
    close(plain.phi, 1.3125, 'φ is still reported');
    close(plain.points[0]?.limits[0]?.lower, 0.1216, 'A lower');
    close(plain.points[0]?.limits[0]?.upper, 0.2784, 'A upper');
    close(plain.points[0]?.z, 2, 'A z');
    assert.deepEqual(
      plain.points.map((p) => p.outside),
      [1.96, null, null, null],
    );
    // Over-dispersion only ever widens: every limit with τ² contains the one without.
    answer.points.forEach((p, i) => {
      p.limits.forEach((l, j) => {
        const narrow = plain.points[i]?.limits[j];
        assert.ok(narrow && l.lower <= narrow.lower && l.upper >= narrow.upper, `${p.id} z=${l.z}`);
      });
    });
  });

  it('winsorising 10% at each end caps A and C at the type-7 quantiles, and τ² vanishes', () => {
    const winsorised = funnel(fourCentres, { zs, winsorize: 0.1, overdispersion: true });
    close(winsorised.phi, 0.733125, 'φ');
    assert.equal(winsorised.tau2, 0);
    assert.equal(winsorised.points[0]?.outside, 1.96);
  });
});

describe('winsorising dampens one extreme centre', () => {
  // Nine ordinary centres of 100 near 20% and one at 60%: unwinsorised, the outlier's z² (≈ 75) alone inflates φ.
  const units: FunnelUnit[] = [20, 22, 18, 21, 19, 20, 23, 17, 20, 60].map((events, i) => ({
    id: `c${i}`,
    n: 100,
    events,
  }));
  const raw = funnel(units, { zs, winsorize: 0, overdispersion: true });
  const winsorised = funnel(units, { zs, winsorize: 0.1, overdispersion: true });

  it('shrinks φ and τ², so the outlier is judged against tighter limits', () => {
    assert.ok(raw.phi > 5 && winsorised.phi < raw.phi / 3, `${raw.phi} → ${winsorised.phi}`);
    assert.ok(winsorised.tau2 < raw.tau2 / 3, `${raw.tau2} → ${winsorised.tau2}`);
    assert.equal(winsorised.points[9]?.outside, 3.09);
    assert.ok((winsorised.points[9]?.z ?? 0) > (raw.points[9]?.z ?? 0));
  });
});

describe('edge cases', () => {
  it('all pass: the limits collapse onto 100%, z = 0, nothing is outside; n = 0 is dropped', () => {
    const answer = funnel(
      [
        { id: 'a', n: 10, events: 10 },
        { id: 'b', n: 50, events: 50 },
        { id: 'empty', n: 0, events: 0 },
      ],
      { zs, winsorize: 0.1, overdispersion: true },
    );
    assert.deepEqual([answer.target, answer.phi, answer.tau2], [1, 0, 0]);
    assert.deepEqual(
      answer.points.map((p) => [p.id, p.rate, p.z, p.outside, p.limits]),
      ['a', 'b'].map((id) => [
        id,
        1,
        0,
        null,
        [
          { z: 1.96, lower: 1, upper: 1 },
          { z: 3.09, lower: 1, upper: 1 },
        ],
      ]),
    );
  });

  it('all fail: the target is 0 and nothing is outside', () => {
    const answer = funnel(
      [
        { id: 'a', n: 30, events: 0 },
        { id: 'b', n: 5, events: 0 },
      ],
      { zs, winsorize: 0, overdispersion: true },
    );
    assert.deepEqual([answer.target, answer.tau2], [0, 0]);
    assert.ok(answer.points.every((p) => p.z === 0 && p.outside === null && p.limits[1]?.upper === 0));
  });

  it('one centre has no between-centre variance; none gives an empty answer', () => {
    const one = funnel([{ id: 'solo', n: 40, events: 3 }], { zs, winsorize: 0, overdispersion: true });
    assert.deepEqual([one.tau2, one.points[0]?.z], [0, 0]);
    assert.deepEqual(funnel([], { zs, winsorize: 0.1, overdispersion: true }), {
      target: 0,
      phi: 0,
      tau2: 0,
      points: [],
    });
  });

  it('clamps limits to [0, 1] and refuses a winsorising fraction over ½', () => {
    const answer = funnel(
      [
        { id: 'a', n: 5, events: 1 },
        { id: 'b', n: 95, events: 1 },
      ],
      { zs: [3.09], winsorize: 0, overdispersion: false },
    );
    assert.equal(answer.points[0]?.limits[0]?.lower, 0);
    assert.throws(() => funnel(fourCentres, { zs, winsorize: 0.6, overdispersion: true }), RangeError);
  });
});

describe('funnelCurve', () => {
  it('draws target ± z·sqrt(θ0(1−θ0)/n + τ²), clamped', () => {
    const plain = funnelCurve({ target: 0.2, tau2: 0 }, [100, 400, 4, 0], 1.96);
    close(plain[0]?.lower, 0.1216, 'n=100 lower');
    close(plain[0]?.upper, 0.2784, 'n=100 upper');
    close(plain[1]?.upper, 0.2 + 1.96 * 0.02, 'n=400 upper');
    assert.equal(plain[2]?.lower, 0, 'n=4 lower: 0.2 − 1.96·0.2 < 0');
    assert.deepEqual(plain[3], { n: 0, lower: 0, upper: 1 });
    const wide = funnelCurve({ target: 0.2, tau2: 3 / 5500 }, [100], 1.96);
    close(wide[0]?.upper, 0.29078534123, 'with τ²', 1e-10);
  });
});
