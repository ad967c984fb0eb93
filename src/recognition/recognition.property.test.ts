import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { evaluate } from './recognition.engine.ts';
import { asOf, compileNational } from './recognition.fixtures.ts';
import type { EvaluationResponse, HeldCertificate } from './recognition.model.ts';

const national = compileNational();

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
);
const invalidDates = fc.constantFrom(
  { validFrom: '2020-01-01', validUntil: '2026-11-28' },
  { validFrom: '2026-11-30', validUntil: '2032-01-01' },
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
  );
}

const holder = fc.array(certificate(false), { maxLength: 10 });
const region = fc.constantFrom('310000', '110000', null);
const experience = fc.option(
  fc.array(fc.record({ occupation: fc.constantFrom('6-31-01-03', '6-18-02-04'), years: fc.nat(10) }), {
    maxLength: 2,
  }),
  { nil: undefined },
);

const run = (
  held: HeldCertificate[],
  r: string | null,
  e?: { occupation: string; years: number }[],
  trace = false,
) => evaluate(national, held, asOf, r, { experience: e, trace });

/** Everything a holder is granted, as comparable keys. */
function grants(result: EvaluationResponse): { exemptions: Set<string>; levels: Map<string, number> } {
  return {
    exemptions: new Set(
      result.exemptions.map((e) => `${e.basis} ${e.target} ${e.rule} ${e.exempt.join('+')}`),
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

  it('adding a valid certificate never removes a recognition', () => {
    fc.assert(
      fc.property(holder, certificate(true), region, (held, extra, r) => {
        const before = grants(run(held, r));
        const after = grants(run([...held, extra], r));
        for (const e of before.exemptions) assert.ok(after.exemptions.has(e), e);
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
});
