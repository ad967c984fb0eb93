import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../shared/errors.ts';
import { type CompiledPolicy, type DesignationFact, provinceOf } from './recognition.compile.ts';
import { evaluate, yearsBetween } from './recognition.engine.ts';
import { asOf, catalog, compileNational, makeCertificate, welderIssuedIn } from './recognition.fixtures.ts';
import {
  type EvaluationResponse,
  type ExemptionResult,
  type Experience,
  evaluationResponseSchema,
  type HeldCertificate,
} from './recognition.model.ts';

/**
 * Test facts (not real data): 上海 issues 建筑焊工, 北京 is on record as not issuing it, every other province has no
 * record (unknown).
 */
const designations: DesignationFact[] = [
  ...welderIssuedIn('310000'),
  { type: 'mohurd.welder', region: '110000', status: 'not-issued' },
];

/** One compiled policy per province (and one for "no region"), as the policy cache keeps them. */
const compiled = new Map<string, CompiledPolicy>();
function policyFor(region: string | null): CompiledPolicy {
  const key = region ? provinceOf(region) : '';
  let policy = compiled.get(key);
  if (policy === undefined) {
    policy = compileNational(asOf, { region: key || null, designations });
    compiled.set(key, policy);
  }
  return policy;
}

const run = (certificates: HeldCertificate[], region: string | null = '310000') =>
  evaluate(policyFor(region), certificates, asOf, region, { trace: true });

/** The recognitions without the condition texts, for exact comparison with design.md's tables. */
function summary(r: EvaluationResponse) {
  return {
    exemptions: r.exemptions.map((e) => `${e.target} ${e.exempt.join('+')} ${e.rule} ${e.evidence}`).sort(),
    levels: r.levels.map((l) => `${l.occupation} ${l.deemedLevel}→${l.mayApplyFor} ${l.rule}`),
  };
}

/** Every certificate number an exemption line names. */
const numbersOf = (e: ExemptionResult | undefined) => [e?.basis, ...(e?.alsoBasis ?? [])].sort();

const national = (row: string) => ({ pack: 'national', version: '2026-12', row });

describe('national pack: every row of design.md, one certificate at a time (region 310000 issues 建筑焊工)', () => {
  const E = 'nat.exempt.';
  const cases: [type: string, exemptions: string[], levels: string[]][] = [
    [
      'mem.lv-electrician',
      [`mohurd.electrician safety-training ${E}mem-lv-to-mohurd-electrician attachment`],
      ['6-31-01-03 5→4 nat.level.electrician-5'],
    ],
    [
      'mem.hv-electrician',
      [`mohurd.electrician safety-training ${E}mem-hv-to-mohurd-electrician attachment`],
      ['6-31-01-03 4→3 nat.level.electrician-4'],
    ],
    [
      'mohurd.electrician',
      [`mem.lv-electrician safety-training ${E}mohurd-electrician-to-mem-lv attachment`],
      ['6-31-01-03 5→4 nat.level.electrician-5'],
    ],
    [
      'mem.fusion-welding',
      [
        `mohurd.welder safety-training ${E}mem-fusion-to-mohurd-welder attachment`,
        `samr.metal-welding hot-work-safety-exam ${E}mem-fusion-to-samr-metal-welding attachment`,
        `samr.nonmetal-welding hot-work-safety-exam ${E}mem-fusion-to-samr-nonmetal-welding attachment`,
      ],
      ['6-18-02-04 5→4 nat.level.welder-5'],
    ],
    [
      'mohurd.welder',
      [
        `mem.fusion-welding safety-training ${E}mohurd-welder-to-mem-fusion provisional`,
        `samr.metal-welding hot-work-safety-exam ${E}mohurd-welder-to-samr-metal-welding general-clause`,
        `samr.nonmetal-welding hot-work-safety-exam ${E}mohurd-welder-to-samr-nonmetal-welding general-clause`,
      ],
      ['6-18-02-04 5→4 nat.level.welder-5'],
    ],
    [
      'samr.metal-welding',
      [
        `mem.fusion-welding safety-training ${E}samr-welding-to-mem-fusion general-clause`,
        `mohurd.welder safety-training ${E}samr-welding-to-mohurd-welder general-clause`,
      ],
      ['6-18-02-04 4→3 nat.level.welder-4'],
    ],
    [
      'samr.nonmetal-welding',
      [
        `mem.fusion-welding safety-training ${E}samr-welding-to-mem-fusion general-clause`,
        `mohurd.welder safety-training ${E}samr-welding-to-mohurd-welder general-clause`,
      ],
      ['6-18-02-04 4→3 nat.level.welder-4'],
    ],
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
      // No pack but the national one here: each line names its own national row, without conditions.
      for (const e of result.exemptions) {
        assert.deepEqual(e.decidedBy, national(e.rule));
        assert.equal(e.conditions, undefined, e.rule);
        assert.equal(e.alsoBasis, undefined, e.rule);
      }
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
        evidence: 'attachment',
        decidedBy: {
          pack: 'national',
          version: '2026-12',
          row: 'nat.exempt.mem-lv-to-mohurd-electrician',
        },
      },
    ]);
    assert.deepEqual(result.levels[0]?.basis, ['T11010519491231002X']);
    assert.equal(result.levels[0]?.since, c.validFrom);
    assert.deepEqual(result.policy, { national: '2026-12' });
    assert.equal(evaluationResponseSchema.safeParse(result).success, true);
  });

  it('no national row grants theory-exam (通知 一 names it for no pair)', () => {
    const codes = catalog.certificateTypes
      .filter((t) => t.kind === 'qualification')
      .flatMap((t) => run([makeCertificate(t.id)]).exemptions.flatMap((e) => e.exempt));
    assert.ok(codes.length > 0);
    assert.ok(!codes.includes('theory-exam'));
  });
});

describe('directions and departments', () => {
  // Directions the tables do not grant (reference §1.2: 建筑电工 → only 低压; no row for 防爆电气, 压力焊, 钎焊).
  const reverse: [held: string, notTowards: string][] = [
    ['mohurd.electrician', 'mem.hv-electrician'],
    ['mohurd.electrician', 'mem.explosion-proof-electrician'],
    ['mohurd.welder', 'mem.pressure-welding'],
    ['mohurd.welder', 'mem.brazing'],
    ['samr.metal-welding', 'mem.pressure-welding'],
    ['samr.nonmetal-welding', 'mem.brazing'],
    ['mem.hv-electrician', 'mem.lv-electrician'],
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
    let count = 0;
    for (const type of catalog.certificateTypes.filter((t) => t.kind === 'qualification')) {
      const c = makeCertificate(type.id);
      for (const e of run([c]).exemptions) {
        count += 1;
        assert.equal(e.basis, c.number);
        assert.notEqual(catalog.certificateTypesById.get(e.target)?.department, type.department, e.rule);
      }
    }
    // Every (from, to) pair of design.md's exemption table, once: 3 electrician + 10 welder pairs.
    assert.equal(count, 13);
  });
});

describe('one line per waiver and target; nothing towards a certificate already held', () => {
  const lv = makeCertificate('mem.lv-electrician', { number: 'T-LV' });
  const hv = makeCertificate('mem.hv-electrician', { number: 'T-HV' });
  const metal = makeCertificate('samr.metal-welding', { number: 'S-M' });
  const nonmetal = makeCertificate('samr.nonmetal-welding', { number: 'S-N' });
  const towards = (r: EvaluationResponse, target: string) => r.exemptions.filter((e) => e.target === target);

  it('two certificates under one row (金属 and 非金属 焊接): listed once, the other number in alsoBasis', () => {
    const result = run([metal, nonmetal]);
    for (const target of ['mem.fusion-welding', 'mohurd.welder']) {
      const lines = towards(result, target);
      assert.equal(lines.length, 1, target);
      assert.deepEqual(numbersOf(lines[0]), ['S-M', 'S-N']);
      assert.ok(!lines[0]?.alsoBasis?.includes(lines[0].basis));
    }
    assert.equal(result.exemptions.length, 2);
  });

  it('two rows granting the same towards one target (低压 and 高压 → 建筑电工): one line naming both', () => {
    const [line, ...others] = run([lv, hv]).exemptions;
    assert.deepEqual(others, []);
    assert.deepEqual([line?.target, line?.exempt], ['mohurd.electrician', ['safety-training']]);
    assert.deepEqual(numbersOf(line), ['T-HV', 'T-LV']);
    assert.ok(
      line?.rule === 'nat.exempt.mem-lv-to-mohurd-electrician' ||
        line?.rule === 'nat.exempt.mem-hv-to-mohurd-electrician',
    );
    assert.deepEqual(line?.decidedBy, national(line?.rule ?? ''));
  });

  it('the line does not depend on the order the certificates are given in', () => {
    assert.deepEqual(run([hv, lv]).exemptions, run([lv, hv]).exemptions);
    assert.deepEqual(run([nonmetal, metal]).exemptions, run([metal, nonmetal]).exemptions);
  });

  it('one MEM number for two items (reference §2.3): the number is not repeated in alsoBasis', () => {
    const [line, ...others] = run([lv, { ...hv, number: 'T-LV' }]).exemptions;
    assert.deepEqual(others, []);
    assert.deepEqual([line?.basis, line?.alsoBasis], ['T-LV', undefined]);
  });

  it('a waiver towards a type held valid is dropped, and the trace says why', () => {
    const site = makeCertificate('mohurd.electrician', { number: 'SITE' });
    const result = run([lv, site]);
    assert.deepEqual(towards(result, 'mohurd.electrician'), []);
    assert.deepEqual(towards(result, 'mem.lv-electrician'), []);
    assert.deepEqual(
      result.trace?.find((t) => t.number === 'T-LV')?.steps.find((s) => s.rule?.startsWith('nat.exempt')),
      {
        rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
        outcome: 'not-matched',
        reason: 'target-already-held',
      },
    );
    assert.deepEqual(
      result.trace?.find((t) => t.number === 'SITE')?.steps.find((s) => s.rule?.startsWith('nat.exempt')),
      {
        rule: 'nat.exempt.mohurd-electrician-to-mem-lv',
        outcome: 'not-matched',
        reason: 'target-already-held',
      },
    );
    // Holding the target does not take away the deemed level its rows give.
    assert.deepEqual(result.levels[0]?.basis, ['SITE', 'T-LV']);
  });

  it('only a target held 合法有效 counts as held: an expired, suspended or review-overdue one does not', () => {
    for (const parts of [
      { validUntil: '2026-01-01' },
      { status: 'suspended' as const },
      { reviewedUntil: '2026-11-28' },
    ]) {
      const site = makeCertificate('mohurd.electrician', parts);
      assert.deepEqual(
        numbersOf(towards(run([lv, site]), 'mohurd.electrician')[0]),
        ['T-LV'],
        JSON.stringify(parts),
      );
    }
  });

  it('holding one target leaves the waivers towards the others', () => {
    const fusion = makeCertificate('mem.fusion-welding', { number: 'F' });
    const result = run([fusion, metal]);
    assert.deepEqual(result.exemptions.map((e) => e.target).sort(), [
      'mohurd.welder',
      'samr.nonmetal-welding',
    ]);
    // 熔化焊接 and 金属焊接 both give safety-training towards 建筑焊工: one line with both numbers.
    assert.deepEqual(numbersOf(towards(result, 'mohurd.welder')[0]), ['F', 'S-M']);
  });
});

describe('合法有效 on asOf (inclusive dates; 复审 where known)', () => {
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
    ['reviewedUntil == asOf is valid', { reviewedUntil: asOf }, null],
    [
      'reviewedUntil the day before asOf is review-overdue',
      { reviewedUntil: '2026-11-28' },
      'review-overdue',
    ],
    ['a review date not known is not held against the holder', { reviewedUntil: null }, null],
    [
      'expired wins over review-overdue',
      { validUntil: '2026-11-28', reviewedUntil: '2026-01-01' },
      'expired',
    ],
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
        assert.equal(result.trace?.[0]?.validity, reason);
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
      makeCertificate('mem.lv-electrician', { reviewedUntil: '2026-06-30' }),
      makeCertificate('samr.crane-operator'),
    ];
    const result = run(held);
    assert.equal(result.ignored.length, 5);
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
      'a 四级 skill certificate beside 高压: both listed, the certificate held names the rule (视同 is not holding)',
      [sl('4', 'Y4'), hv],
      4,
      ['T-HV', 'Y4'],
      'held.skill-level',
    ],
    ['the same, given in the other order', [hv, sl('4', 'Y4')], 4, ['T-HV', 'Y4'], 'held.skill-level'],
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

  it('since is the earliest start among the supporters of the level that wins, not of those superseded', () => {
    const older = { ...site, validFrom: '2019-05-01' };
    const [five] = run([lv, older]).levels;
    assert.equal(five?.since, '2019-05-01');
    const [four] = run([older, { ...hv, validFrom: '2025-07-01' }]).levels;
    assert.deepEqual([four?.deemedLevel, four?.since], [4, '2025-07-01']);
  });

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

describe('建筑焊工 only where the province issues it (通知 一(二)); unknown is said, not guessed', () => {
  const fusion = makeCertificate('mem.fusion-welding');
  const metal = makeCertificate('samr.metal-welding');
  const towardsWelder = (r: EvaluationResponse) => r.exemptions.filter((e) => e.target === 'mohurd.welder');
  const welderStep = (r: EvaluationResponse, rule: string) =>
    r.trace?.flatMap((t) => t.steps).find((s) => s.rule === rule);
  const FUSION = 'nat.exempt.mem-fusion-to-mohurd-welder';
  const SAMR = 'nat.exempt.samr-welding-to-mohurd-welder';

  it('310000 and its districts (issued on record): granted without conditions', () => {
    for (const region of ['310000', '310115']) {
      for (const [held, rule] of [
        [fusion, FUSION],
        [metal, SAMR],
      ] as const) {
        const result = run([held], region);
        const [e, ...others] = towardsWelder(result);
        assert.deepEqual(others, []);
        assert.deepEqual([e?.rule, e?.conditions], [rule, undefined]);
        assert.deepEqual(welderStep(result, rule), { rule, outcome: 'matched', reason: 'applies' });
      }
    }
  });

  it('110000 is on record as not issuing it: nothing, and the trace says why', () => {
    for (const [held, rule] of [
      [fusion, FUSION],
      [metal, SAMR],
    ] as const) {
      const result = run([held], '110000');
      assert.deepEqual(towardsWelder(result), []);
      assert.deepEqual(welderStep(result, rule), {
        rule,
        outcome: 'not-matched',
        reason: 'target-not-issued-in-region',
      });
    }
    // The exemptions towards the other targets do not depend on the designation.
    assert.equal(run([fusion], '110000').exemptions.length, 2);
    assert.equal(run([metal], '110000').exemptions.length, 1);
  });

  it('a province with no record (320000): listed, with the designation as an unknown condition', () => {
    for (const [held, rule] of [
      [fusion, FUSION],
      [metal, SAMR],
    ] as const) {
      const result = run([held], '320000');
      const [e, ...others] = towardsWelder(result);
      assert.deepEqual(others, []);
      assert.deepEqual(e?.exempt, ['safety-training']);
      assert.deepEqual(
        e?.conditions?.map((c) => `${c.code} ${c.status}`),
        ['designated-region unknown'],
      );
      assert.deepEqual(welderStep(result, rule), { rule, outcome: 'matched', reason: 'designation-unknown' });
    }
  });

  it('no region given: listed with the region as an unknown condition', () => {
    const result = run([fusion], null);
    const [e] = towardsWelder(result);
    assert.deepEqual(
      e?.conditions?.map((c) => `${c.code} ${c.status}`),
      ['designated-region unknown'],
    );
    assert.deepEqual(welderStep(result, FUSION), {
      rule: FUSION,
      outcome: 'matched',
      reason: 'region-unknown',
    });
    assert.equal(result.region, null);
  });

  it('designations are an input of the compiled policy (admins add them at runtime), none known by default', () => {
    const beijing = compileNational(asOf, { region: '110000', designations: welderIssuedIn('110000') });
    const [e] = towardsWelder(evaluate(beijing, [fusion], asOf, '110000'));
    assert.deepEqual([e?.rule, e?.conditions], [FUSION, undefined]);
    // The catalog's demo rows are not facts: without designations even 310000 is unknown.
    const [unknown] = towardsWelder(
      evaluate(compileNational(asOf, { region: '310000' }), [fusion], asOf, '310000'),
    );
    assert.deepEqual(
      unknown?.conditions?.map((c) => c.code),
      ['designated-region'],
    );
  });

  it('a policy compiled for one province refuses another province, or no region', () => {
    const internal = (fn: () => unknown) =>
      assert.throws(fn, (error) => error instanceof AppError && error.code === 'internal');
    internal(() => evaluate(policyFor('310000'), [fusion], asOf, '320000'));
    internal(() => evaluate(policyFor('310000'), [fusion], asOf, null));
    internal(() => evaluate(policyFor(null), [fusion], asOf, '310000'));
    assert.equal(evaluate(policyFor('310000'), [fusion], asOf, '310115').region, '310115');
  });
});

describe('申报条件 of the level one may apply for (reference §6)', () => {
  const statuses = (held: HeldCertificate[], experience: Experience[] | undefined) =>
    evaluate(policyFor('310000'), held, asOf, '310000', { experience }).levels[0]?.conditions.map(
      (c) => `${c.code} ${c.status}`,
    );
  // Supporting certificates 2 (2024-03-01) and 6 (2020-03-01) whole years old on asOf.
  const lv = makeCertificate('mem.lv-electrician');
  const lvOld = makeCertificate('mem.lv-electrician', { validFrom: '2020-03-01', validUntil: '2026-12-31' });
  const hv = makeCertificate('mem.hv-electrician');
  const hvOld = makeCertificate('mem.hv-electrician', { validFrom: '2020-03-01', validUntil: '2026-12-31' });
  const had = (
    yearsSinceLevel: number | undefined,
    yearsInOccupation: number | undefined,
    occupation = '6-31-01-03',
  ): Experience[] => [
    {
      occupation,
      ...(yearsSinceLevel !== undefined && { yearsSinceLevel }),
      ...(yearsInOccupation !== undefined && { yearsInOccupation }),
    },
  ];
  const four = ['after-level-5', 'experience', 'technical-school', 'vocational-school'];
  const three = ['after-level-4', 'senior-technical-school', 'higher-vocational', 'college'];
  const cases: [
    what: string,
    held: HeldCertificate[],
    experience: Experience[] | undefined,
    expected: string[],
  ][] = [
    ['no experience given: unknown', [lv], undefined, ['unknown', 'unknown', 'unknown', 'unknown']],
    [
      '4 years since the level, on a certificate 6 years old: the 五级 route is met (the deemed level stands in)',
      [lvOld],
      had(4, 5),
      ['met', 'not-met', 'unknown', 'unknown'],
    ],
    ['3 years since the level: not met', [lvOld], had(3, 5), ['not-met', 'not-met', 'unknown', 'unknown']],
    ['both figures enough: both year routes met', [lvOld], had(4, 6), ['met', 'met', 'unknown', 'unknown']],
    [
      'years since the level cannot reach back before the certificate (2 years old): not met',
      [lv],
      had(4, 9),
      ['not-met', 'met', 'unknown', 'unknown'],
    ],
    [
      'an older supporter of the same level lets them count',
      [lv, lvOld],
      had(4, 9),
      ['met', 'met', 'unknown', 'unknown'],
    ],
    [
      'years in the occupation alone: the route after the level is unknown',
      [lvOld],
      had(undefined, 6),
      ['unknown', 'met', 'unknown', 'unknown'],
    ],
    [
      'years since the level alone, enough for the years route too: met',
      [lvOld],
      had(6, undefined),
      ['met', 'met', 'unknown', 'unknown'],
    ],
    [
      'years since the level alone, short of the years route: unknown there (more years may precede the level)',
      [lvOld],
      had(5, undefined),
      ['met', 'unknown', 'unknown', 'unknown'],
    ],
    [
      'years of another occupation do not count',
      [lvOld],
      had(9, 9, '6-18-02-04'),
      ['unknown', 'unknown', 'unknown', 'unknown'],
    ],
    ['四级 → 三级, 5 years since the level', [hvOld], had(5, 5), ['met', 'unknown', 'unknown', 'unknown']],
    [
      '四级 → 三级, 1 year: the college route needs 2',
      [hvOld],
      had(1, 1),
      ['not-met', 'unknown', 'unknown', 'not-met'],
    ],
    [
      '四级 → 三级 on a 2-year-old certificate, 5 years declared: not met',
      [hv],
      had(5, 8),
      ['not-met', 'unknown', 'unknown', 'unknown'],
    ],
  ];
  for (const [what, held, experience, expected] of cases) {
    it(what, () => {
      const ids = held[0]?.type === 'mem.lv-electrician' ? four : three;
      assert.deepEqual(
        statuses(held, experience),
        ids.map((id, i) => `${id} ${expected[i]}`),
      );
    });
  }

  it('the age of the supporting certificate is counted in whole years, to the day', () => {
    const since = (validFrom: string) =>
      statuses([makeCertificate('mem.lv-electrician', { validFrom })], had(4, 4));
    assert.equal(since('2022-11-29')?.[0], 'after-level-5 met');
    assert.equal(since('2022-11-30')?.[0], 'after-level-5 not-met');
    assert.equal(yearsBetween('2020-03-01', '2024-03-01'), 4);
    assert.equal(yearsBetween('2020-03-01', '2024-02-29'), 3);
  });

  it('skill levels: 二级 → 一级 has no known route; 一级 has nothing above; other occupations are unknown', () => {
    const sl = (occupation: string, level: '1' | '2' | '5' | 'apprentice') =>
      run([makeCertificate('mohrss.skill-level', { occupation, level })]);
    assert.deepEqual(
      sl('6-31-01-03', '2').levels[0]?.conditions.map((c) => `${c.code} ${c.status}`),
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
