import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type CompiledPolicy, type DesignationFact, provinceOf } from './recognition.compile.ts';
import { evaluate } from './recognition.engine.ts';
import { asOf, compileNational, welderIssuedIn } from './recognition.fixtures.ts';
import type { EvaluationResponse, Experience, HeldCertificate } from './recognition.model.ts';

/** Test facts: 上海 issues 建筑焊工, 北京 does not, 江苏 has no record. */
const designations: DesignationFact[] = [
  ...welderIssuedIn('310000'),
  { type: 'mohurd.welder', region: '110000', status: 'not-issued' },
];
/** One compiled policy per province, as the policy cache keeps them. */
const compiled = new Map<string, CompiledPolicy>(
  [null, '310000', '110000', '320000'].map((r) => [
    r ?? '',
    compileNational(asOf, { region: r, designations }),
  ]),
);
const policyFor = (r: string | null) => compiled.get(r ? provinceOf(r) : '') as CompiledPolicy;

const types = [
  'mem.lv-electrician',
  'mem.hv-electrician',
  'mem.fusion-welding',
  'mem.brazing',
  'mohurd.electrician',
  'mohurd.welder',
  'samr.metal-welding',
  'samr.nonmetal-welding',
  'samr.crane-operator',
  'mohrss.skill-level',
];

const validDates = fc.constantFrom(
  { validFrom: '2024-03-01', validUntil: '2030-02-28' },
  { validFrom: asOf, validUntil: asOf },
  { validFrom: '2020-01-01', validUntil: null },
  { validFrom: '2021-06-01', validUntil: '2027-05-31', reviewedUntil: asOf },
);
const invalidDates = fc.constantFrom(
  { validFrom: '2020-01-01', validUntil: '2026-11-28' },
  { validFrom: '2026-11-30', validUntil: '2032-01-01' },
  { validFrom: '2021-06-01', validUntil: '2027-05-31', reviewedUntil: '2026-11-28' },
);

function certificate(valid: boolean): fc.Arbitrary<HeldCertificate> {
  return fc
    .record({
      type: fc.constantFrom(...types),
      // Few numbers, so that MEM-style shared numbers and duplicates occur.
      number: fc.constantFrom('T1', 'T2', '沪A012024000001', 'Y000123000001195000001', 'S9'),
      dates: valid ? validDates : fc.oneof(validDates, invalidDates),
      status: valid
        ? fc.constant('valid' as const)
        : fc.constantFrom('valid' as const, 'suspended' as const, 'revoked' as const),
      occupation: fc.constantFrom('6-31-01-03', '6-18-02-04', '4-03-01-01'),
      level: fc.constantFrom('5' as const, '4' as const, '3' as const, '1' as const, 'principal' as const),
    })
    .map(({ dates, ...c }) => ({ ...c, ...dates }));
}

function invalidCertificate(): fc.Arbitrary<HeldCertificate> {
  return fc.oneof(
    certificate(true).map((c) => ({ ...c, status: 'suspended' as const })),
    certificate(true).map((c) => ({ ...c, status: 'revoked' as const })),
    certificate(true).map((c) => ({ ...c, validUntil: '2026-11-28' })),
    certificate(true).map((c) => ({ ...c, validFrom: '2026-11-30', validUntil: null })),
    certificate(true).map((c) => ({ ...c, reviewedUntil: '2026-11-28' })),
  );
}

const holder = fc.array(certificate(false), { maxLength: 10 });
const region = fc.constantFrom('310000', '310115', '110000', '320000', null);
/** Experience as the request schema accepts it: at least one figure, years since the level ≤ years in all. */
const oneExperience: fc.Arbitrary<Experience> = fc
  .record({
    occupation: fc.constantFrom('6-31-01-03', '6-18-02-04'),
    since: fc.option(fc.nat(10), { nil: undefined }),
    more: fc.option(fc.nat(5), { nil: undefined }),
  })
  .map(({ occupation, since, more }) => ({
    occupation,
    ...(since !== undefined && { yearsSinceLevel: since }),
    ...((more !== undefined || since === undefined) && { yearsInOccupation: (since ?? 0) + (more ?? 0) }),
  }));
const experience = fc.option(fc.uniqueArray(oneExperience, { maxLength: 2, selector: (e) => e.occupation }), {
  nil: undefined,
});

const run = (held: HeldCertificate[], r: string | null, e?: Experience[], trace = false) =>
  evaluate(policyFor(r), held, asOf, r, { experience: e, trace });

/** Everything a holder is granted, as comparable keys: each number behind each waiver, listed once or not. */
function grants(result: EvaluationResponse): { exemptions: Set<string>; levels: Map<string, number> } {
  return {
    exemptions: new Set(
      result.exemptions.flatMap((e) =>
        [e.basis, ...(e.alsoBasis ?? [])].map((n) => `${n} ${e.target} ${e.exempt.join('+')}`),
      ),
    ),
    levels: new Map(result.levels.map((l) => [l.occupation, l.deemedLevel])),
  };
}

describe('properties of the engine (fast-check)', () => {
  it('certificate order never changes the answer, trace included', () => {
    fc.assert(
      fc.property(
        holder.chain((h) =>
          fc.tuple(fc.constant(h), fc.shuffledSubarray(h, { minLength: h.length, maxLength: h.length })),
        ),
        region,
        experience,
        ([held, shuffled], r, e) => {
          assert.deepEqual(run(shuffled, r, e, true), run(held, r, e, true));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('adding a valid certificate never removes a recognition, but the waivers towards its own type', () => {
    fc.assert(
      fc.property(holder, certificate(true), region, (held, extra, r) => {
        const before = grants(run(held, r));
        const result = run([...held, extra], r);
        const after = grants(result);
        // Holding the target valid, there is nothing left to exempt from (target-already-held).
        assert.ok(result.exemptions.every((e) => e.target !== extra.type));
        for (const e of before.exemptions) {
          if (e.split(' ')[1] !== extra.type) assert.ok(after.exemptions.has(e), e);
        }
        for (const [occupation, level] of before.levels) {
          const now = after.levels.get(occupation);
          assert.ok(now !== undefined && now <= level, `${occupation}: ${level} → ${now}`);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('an expired, not yet valid, suspended or revoked certificate never contributes', () => {
    fc.assert(
      fc.property(holder, invalidCertificate(), region, experience, (held, extra, r, e) => {
        const before = run(held, r, e);
        const after = run([...held, extra], r, e);
        assert.deepEqual(after.levels, before.levels);
        assert.deepEqual(after.exemptions, before.exemptions);
        assert.equal(after.ignored.length, before.ignored.length + 1);
      }),
      { numRuns: 400 },
    );
  });

  it('each waiver towards a target is listed once, never towards a type held valid, naming each number once', () => {
    fc.assert(
      fc.property(holder, region, (held, r) => {
        const result = run(held, r);
        const valid = new Set(
          run(held, r, undefined, true)
            .trace?.filter((t) => t.validity === 'valid')
            .map((t) => t.type),
        );
        const lines = result.exemptions.map((e) => `${e.target} ${[...e.exempt].sort().join('+')}`);
        assert.equal(new Set(lines).size, lines.length, lines.join(', '));
        for (const e of result.exemptions) {
          assert.ok(!valid.has(e.target), `${e.target} is held`);
          const numbers = [e.basis, ...(e.alsoBasis ?? [])];
          assert.equal(new Set(numbers).size, numbers.length, numbers.join(', '));
          assert.ok(numbers.every((n) => held.some((c) => c.number === n && c.type !== e.target)));
        }
      }),
      { numRuns: 400 },
    );
  });
});
