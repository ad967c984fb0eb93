import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../shared/errors.ts';
import { evaluate } from './recognition.engine.ts';
import { asOf, catalog, compileNational, makeCertificate } from './recognition.fixtures.ts';
import {
  type EvaluationResponse,
  type Experience,
  evaluationResponseSchema,
  type HeldCertificate,
} from './recognition.model.ts';

const national = compileNational();
const run = (certificates: HeldCertificate[], region: string | null = '310000') =>
  evaluate(national, certificates, asOf, region, { trace: true });

/** The recognitions without the condition texts, for exact comparison with design.md's tables. */
function summary(r: EvaluationResponse) {
  return {
    exemptions: r.exemptions.map((e) => `${e.target} ${e.exempt.join('+')} ${e.rule}`).sort(),
    levels: r.levels.map((l) => `${l.occupation} ${l.deemedLevel}→${l.mayApplyFor} ${l.rule}`),
  };
}

describe('national pack: every row of design.md, one certificate at a time (region 310000 issues 建筑焊工)', () => {
  const E = 'nat.exempt.';
  const cases: [type: string, exemptions: string[], levels: string[]][] = [
    [
      'mem.lv-electrician',
      [`mohurd.electrician safety-training ${E}mem-lv-to-mohurd-electrician`],
      ['6-31-01-03 5→4 nat.level.electrician-5'],
    ],
    [
      'mem.hv-electrician',
      [`mohurd.electrician safety-training ${E}mem-hv-to-mohurd-electrician`],
      ['6-31-01-03 4→3 nat.level.electrician-4'],
    ],
    [
      'mohurd.electrician',
      [`mem.lv-electrician safety-training ${E}mohurd-electrician-to-mem-lv`],
      ['6-31-01-03 5→4 nat.level.electrician-5'],
    ],
    [
      'mem.fusion-welding',
      [
        `mohurd.welder safety-training ${E}mem-fusion-to-mohurd-welder`,
        `samr.metal-welding hot-work-safety-exam ${E}mem-fusion-to-samr-metal-welding`,
        `samr.nonmetal-welding hot-work-safety-exam ${E}mem-fusion-to-samr-nonmetal-welding`,
      ],
      ['6-18-02-04 5→4 nat.level.welder-5'],
    ],
    [
      'mohurd.welder',
      [`mem.fusion-welding safety-training ${E}mohurd-welder-to-mem-fusion`],
      ['6-18-02-04 5→4 nat.level.welder-5'],
    ],
    ['samr.metal-welding', [], ['6-18-02-04 4→3 nat.level.welder-4']],
    ['samr.nonmetal-welding', [], ['6-18-02-04 4→3 nat.level.welder-4']],
    // Named nowhere in the notice: nothing (reference §1.2: no rule for 防爆电气, 压力焊, 钎焊).
    ['mem.explosion-proof-electrician', [], []],
    ['mem.pressure-welding', [], []],
    ['mem.brazing', [], []],
    ['samr.crane-operator', [], []],
    ['mohurd.scaffolder', [], []],
  ];
  for (const [type, exemptions, levels] of cases) {
    it(`${type} → ${exemptions.length} exemptions, ${levels.join(', ') || 'no level'}`, () => {
      const result = run([makeCertificate(type)]);
      assert.deepEqual(summary(result), { exemptions: exemptions.sort(), levels });
      assert.deepEqual(result.ignored, []);
      for (const e of result.exemptions) assert.equal(e.overriddenBy, undefined);
    });
  }

  it('names the certificate as basis and answers in the contract shape', () => {
    const c = makeCertificate('mem.lv-electrician', { number: 'T11010519491231002X' });
    const result = run([c]);
    assert.deepEqual(result.exemptions, [
      {
        basis: 'T11010519491231002X',
        target: 'mohurd.electrician',
        exempt: ['safety-training'],
        rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
      },
    ]);
    assert.deepEqual(result.levels[0]?.basis, ['T11010519491231002X']);
    assert.deepEqual(result.policy, { national: '2026-01' });
    assert.equal(evaluationResponseSchema.safeParse(result).success, true);
  });
});

describe('directions and departments', () => {
  // Reverse directions the tables do not grant (reference §1.2: 建筑电工 → only 低压; SAMR → MEM not seen).
  const reverse: [held: string, notTowards: string][] = [
    ['mohurd.electrician', 'mem.hv-electrician'],
    ['samr.metal-welding', 'mem.fusion-welding'],
    ['samr.nonmetal-welding', 'mem.fusion-welding'],
    ['samr.metal-welding', 'mohurd.welder'],
    ['mohurd.welder', 'samr.metal-welding'],
    ['mohurd.electrician', 'mem.explosion-proof-electrician'],
  ];
  for (const [held, target] of reverse) {
    it(`${held} gives nothing towards ${target}`, () => {
      assert.deepEqual(
        run([makeCertificate(held)]).exemptions.filter((e) => e.target === target),
        [],
      );
    });
  }

  it('same-department pairs give nothing: no exemption ever targets the basis certificate’s department', () => {
    const held = catalog.certificateTypes
      .filter((t) => t.kind === 'qualification')
      .map((t) => makeCertificate(t.id));
    const result = run(held);
    const byNumber = new Map(held.map((c) => [c.number, c.type.split('.')[0]]));
    assert.ok(result.exemptions.length >= 7);
    for (const e of result.exemptions) assert.notEqual(e.target.split('.')[0], byNumber.get(e.basis), e.rule);
    assert.deepEqual(
      run([makeCertificate('mem.lv-electrician'), makeCertificate('mem.hv-electrician')]).exemptions.map(
        (e) => e.target,
      ),
      ['mohurd.electrician', 'mohurd.electrician'],
    );
  });
});

describe('合法有效 on asOf (inclusive dates)', () => {
  const cases: [what: string, parts: Partial<HeldCertificate>, ignored: string | null][] = [
    ['validUntil == asOf is valid', { validUntil: asOf }, null],
    ['validUntil the day before asOf is expired', { validUntil: '2026-11-28' }, 'expired'],
    ['validFrom == asOf is valid', { validFrom: asOf }, null],
    ['validFrom the day after asOf is not yet valid', { validFrom: '2026-11-30' }, 'not-yet-valid'],
    ['no validUntil never expires', { validUntil: null }, null],
    ['status defaults to valid', { status: undefined }, null],
    ['suspended is ignored', { status: 'suspended' }, 'suspended'],
    ['revoked is ignored', { status: 'revoked' }, 'revoked'],
    ['revoked wins over expired', { status: 'revoked', validUntil: '2020-01-01' }, 'revoked'],
  ];
  for (const [what, parts, reason] of cases) {
    it(what, () => {
      const c = makeCertificate('mem.hv-electrician', parts);
      const result = run([c]);
      if (reason === null) {
        assert.deepEqual(result.ignored, []);
        assert.equal(result.levels.length, 1);
        assert.equal(result.exemptions.length, 1);
      } else {
        assert.deepEqual(result.ignored, [{ number: c.number, type: c.type, reason }]);
        assert.deepEqual(result.levels, []);
        assert.deepEqual(result.exemptions, []);
        assert.deepEqual(
          result.trace?.[0]?.steps.map((s) => `${s.rule} ${s.outcome} ${s.reason}`),
          [
            `nat.exempt.mem-hv-to-mohurd-electrician not-matched ${reason}`,
            `nat.level.electrician-4 not-matched ${reason}`,
          ],
        );
      }
    });
  }

  it('the trace explains every ignored certificate, also those no rule names', () => {
    const held = [
      makeCertificate('mem.brazing', { status: 'revoked' }),
      makeCertificate('mohurd.welder', { validUntil: '2025-01-01' }),
      makeCertificate('mohrss.skill-level', { occupation: '6-31-01-03', level: '3', status: 'suspended' }),
      makeCertificate('samr.metal-welding', { validFrom: '2027-01-01' }),
      makeCertificate('samr.crane-operator'),
    ];
    const result = run(held);
    assert.equal(result.ignored.length, 4);
    for (const i of result.ignored) {
      const trace = result.trace?.find((t) => t.number === i.number);
      assert.equal(trace?.validity, i.reason);
      assert.ok(trace && trace.steps.length > 0);
      for (const s of trace?.steps ?? []) assert.deepEqual([s.outcome, s.reason], ['not-matched', i.reason]);
    }
    const crane = result.trace?.find((t) => t.type === 'samr.crane-operator');
    assert.deepEqual(crane?.steps, [{ rule: null, outcome: 'not-matched', reason: 'no-rule' }]);
  });
});

describe('several certificates of one occupation: the highest wins, every supporter listed', () => {
  const lv = makeCertificate('mem.lv-electrician', { number: 'T-LV' });
  const site = makeCertificate('mohurd.electrician', { number: '沪A012024000001' });
  const hv = makeCertificate('mem.hv-electrician', { number: 'T-HV' });
  const sl = (level: string, number: string) =>
    makeCertificate('mohrss.skill-level', { number, occupation: '6-31-01-03', level: level as '4' });
  const cases: [what: string, held: HeldCertificate[], level: number, basis: string[], rule: string][] = [
    ['two 五级 certificates', [lv, site], 5, ['T-LV', '沪A012024000001'], 'nat.level.electrician-5'],
    ['高压 outranks 低压', [lv, site, hv], 4, ['T-HV'], 'nat.level.electrician-4'],
    [
      'a 四级 skill certificate beside 高压',
      [sl('4', 'Y4'), hv],
      4,
      ['T-HV', 'Y4'],
      'nat.level.electrician-4',
    ],
    ['a 三级 skill certificate outranks all', [lv, hv, sl('3', 'Y3')], 3, ['Y3'], 'held.skill-level'],
    [
      'an expired 高压 does not count',
      [lv, { ...hv, validUntil: '2026-01-01' }],
      5,
      ['T-LV'],
      'nat.level.electrician-5',
    ],
  ];
  for (const [what, held, level, basis, rule] of cases) {
    it(what, () => {
      const [electrician, ...others] = run(held).levels;
      assert.deepEqual(others, []);
      assert.deepEqual(
        {
          level: electrician?.deemedLevel,
          apply: electrician?.mayApplyFor,
          basis: electrician?.basis,
          rule: electrician?.rule,
        },
        { level, apply: level - 1, basis: [...basis].sort(), rule },
      );
    });
  }

  it('one MEM number for two items (reference §2.3) is listed once; the trace tells highest from superseded', () => {
    const result = run([lv, { ...hv, number: 'T-LV' }]);
    assert.deepEqual(result.levels[0]?.basis, ['T-LV']);
    const reasons = result.trace?.flatMap((t) => t.steps.filter((s) => s.rule?.startsWith('nat.level')));
    assert.deepEqual(reasons?.map((s) => `${s.rule} ${s.reason}`).sort(), [
      'nat.level.electrician-4 highest',
      'nat.level.electrician-5 superseded',
    ]);
  });

  it('two occupations give two levels, in catalog order', () => {
    const result = run([makeCertificate('samr.metal-welding'), lv]);
    assert.deepEqual(
      result.levels.map((l) => `${l.occupation} ${l.deemedLevel}`),
      ['6-31-01-03 5', '6-18-02-04 4'],
    );
  });
});

describe('建筑焊工 only where the province issues it (通知 一(二))', () => {
  const fusion = makeCertificate('mem.fusion-welding');
  const towardsWelder = (r: EvaluationResponse) => r.exemptions.filter((e) => e.target === 'mohurd.welder');
  it('310000 and its districts (demo designation): granted', () => {
    assert.equal(towardsWelder(run([fusion], '310000')).length, 1);
    assert.equal(towardsWelder(run([fusion], '310115')).length, 1);
  });
  it('110000 does not issue it: nothing, and the trace says why', () => {
    const result = run([fusion], '110000');
    assert.deepEqual(towardsWelder(result), []);
    assert.deepEqual(result.trace?.[0]?.steps[0], {
      rule: 'nat.exempt.mem-fusion-to-mohurd-welder',
      outcome: 'not-matched',
      reason: 'target-not-issued-in-region',
    });
    assert.equal(result.exemptions.length, 2); // the SAMR exemptions do not depend on the region
  });
  it('no region given: listed with the region as an unknown condition', () => {
    const [e] = towardsWelder(run([fusion], null));
    assert.deepEqual(
      e?.conditions?.map((c) => `${c.id} ${c.status}`),
      ['target-issued-in-region unknown'],
    );
  });
  it('designations are an input of the compiled policy (admins add them at runtime)', () => {
    const compiled = compileNational(asOf, { designations: [{ type: 'mohurd.welder', region: '110000' }] });
    assert.equal(towardsWelder(evaluate(compiled, [fusion], asOf, '110000')).length, 1);
    assert.equal(towardsWelder(evaluate(compiled, [fusion], asOf, '310000')).length, 0);
  });
});

describe('申报条件 of the level one may apply for (reference §6)', () => {
  const statuses = (held: HeldCertificate, experience: Experience[] | undefined) =>
    evaluate(national, [held], asOf, '310000', { experience }).levels[0]?.conditions.map(
      (c) => `${c.id} ${c.status}`,
    );
  const lv = makeCertificate('mem.lv-electrician');
  const hv = makeCertificate('mem.hv-electrician');
  const years = (n: number, occupation = '6-31-01-03'): Experience[] => [{ occupation, years: n }];
  const four = ['after-level-5', 'experience', 'technical-school', 'vocational-school'];
  const three = ['after-level-4', 'senior-technical-school', 'higher-vocational', 'college'];
  const cases: [
    what: string,
    held: HeldCertificate,
    experience: Experience[] | undefined,
    expected: string[],
  ][] = [
    ['no experience given: unknown', lv, undefined, ['unknown', 'unknown', 'unknown', 'unknown']],
    [
      '4 years: the 五级 route is met (the deemed level stands in)',
      lv,
      years(4),
      ['met', 'unmet', 'unknown', 'unknown'],
    ],
    ['3 years: unmet', lv, years(3), ['unmet', 'unmet', 'unknown', 'unknown']],
    ['6 years: both year routes met', lv, years(6), ['met', 'met', 'unknown', 'unknown']],
    [
      'years of another occupation do not count',
      lv,
      years(9, '6-18-02-04'),
      ['unknown', 'unknown', 'unknown', 'unknown'],
    ],
    [
      'the largest of two entries counts',
      lv,
      [...years(1), ...years(4)],
      ['met', 'unmet', 'unknown', 'unknown'],
    ],
    ['四级 → 三级, 5 years', hv, years(5), ['met', 'unknown', 'unknown', 'unknown']],
    [
      '四级 → 三级, 1 year: the college route needs 2',
      hv,
      years(1),
      ['unmet', 'unknown', 'unknown', 'unmet'],
    ],
  ];
  for (const [what, held, experience, expected] of cases) {
    it(what, () => {
      const ids = held === lv ? four : three;
      assert.deepEqual(
        statuses(held, experience),
        ids.map((id, i) => `${id} ${expected[i]}`),
      );
    });
  }

  it('skill levels: 二级 → 一级 has no known route; 一级 has nothing above; other occupations are unknown', () => {
    const sl = (occupation: string, level: '1' | '2' | '5' | 'apprentice') =>
      run([makeCertificate('mohrss.skill-level', { occupation, level })]);
    assert.deepEqual(
      sl('6-31-01-03', '2').levels[0]?.conditions.map((c) => `${c.id} ${c.status}`),
      ['standard-conditions-unknown unknown'],
    );
    assert.deepEqual(
      sl('6-31-01-03', '1').levels.map((l) => [l.deemedLevel, l.mayApplyFor, l.conditions]),
      [[1, null, []]],
    );
    const elsewhere = sl('4-03-01-01', '5').levels;
    assert.deepEqual(
      elsewhere.map((l) => [l.occupation, l.deemedLevel, l.mayApplyFor, l.conditions[0]?.status]),
      [['4-03-01-01', 5, 4, 'unknown']],
    );
    const apprentice = sl('6-31-01-03', 'apprentice');
    assert.deepEqual(apprentice.levels, []);
    assert.equal(apprentice.trace?.[0]?.steps[0]?.reason, 'level-not-standard');
  });
});

describe('bad input is an error, never a silent skip', () => {
  const failure = (held: HeldCertificate[]) => {
    try {
      run(held);
    } catch (error) {
      assert.ok(error instanceof AppError);
      return [error.code, error.details?.[0]?.path];
    }
    return assert.fail('no error');
  };
  it('an unknown certificate type names its index', () => {
    assert.deepEqual(failure([makeCertificate('mem.lv-electrician'), makeCertificate('mem.no-such-thing')]), [
      'validation_failed',
      'certificates.1.type',
    ]);
  });
  it('a skill-level certificate without occupation or level', () => {
    assert.deepEqual(failure([makeCertificate('mohrss.skill-level', { level: '4' })]), [
      'validation_failed',
      'certificates.0.occupation',
    ]);
    assert.deepEqual(failure([makeCertificate('mohrss.skill-level', { occupation: '6-31-01-03' })]), [
      'validation_failed',
      'certificates.0.level',
    ]);
  });
});
