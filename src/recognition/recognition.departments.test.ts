import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compilePolicy } from './recognition.compile.ts';
import { evaluate } from './recognition.engine.ts';
import {
  asOf,
  catalog,
  compileNational,
  makeCertificate,
  makeDepartmentPack,
  makeProvince,
  packs,
  welderIssuedIn,
} from './recognition.fixtures.ts';
import { checkDepartmentPack } from './recognition.load.ts';
import type { DepartmentPack, DepartmentRule, EvaluationResponse, Evidence } from './recognition.model.ts';

/**
 * Issue 13: design.md's corrected table of cross-department exemptions, both directions and every department pair,
 * with its evidence; the departments' own 特别规定 applied national → department → province, and the answer naming
 * who decided; designations known, unknown and known-not; 复审; conditions on their own figures.
 */
const SH = '310000';
const BJ = '110000';
const shWithWelder = compileNational(asOf, { region: SH, designations: welderIssuedIn(SH) });

type Row = [from: string, to: string, exempt: string, evidence: Evidence];
// design.md "The recognition rules", cross-department exemptions, one line per (from, to).
const table: Row[] = [
  ['mem.lv-electrician', 'mohurd.electrician', 'safety-training', 'attachment'],
  ['mem.hv-electrician', 'mohurd.electrician', 'safety-training', 'attachment'],
  ['mohurd.electrician', 'mem.lv-electrician', 'safety-training', 'attachment'],
  ['mem.fusion-welding', 'mohurd.welder', 'safety-training', 'attachment'],
  ['mem.fusion-welding', 'samr.metal-welding', 'hot-work-safety-exam', 'attachment'],
  ['mem.fusion-welding', 'samr.nonmetal-welding', 'hot-work-safety-exam', 'attachment'],
  ['mohurd.welder', 'mem.fusion-welding', 'safety-training', 'provisional'],
  ['samr.metal-welding', 'mem.fusion-welding', 'safety-training', 'general-clause'],
  ['samr.nonmetal-welding', 'mem.fusion-welding', 'safety-training', 'general-clause'],
  ['samr.metal-welding', 'mohurd.welder', 'safety-training', 'general-clause'],
  ['samr.nonmetal-welding', 'mohurd.welder', 'safety-training', 'general-clause'],
  ['mohurd.welder', 'samr.metal-welding', 'hot-work-safety-exam', 'general-clause'],
  ['mohurd.welder', 'samr.nonmetal-welding', 'hot-work-safety-exam', 'general-clause'],
];

const line = (e: EvaluationResponse['exemptions'][number]) =>
  `${e.target} ${e.exempt.join('+')} ${e.evidence}`;

describe('design.md corrected table: every row, every department pair, both directions', () => {
  const sources = [...new Set(table.map(([from]) => from))];
  for (const from of sources) {
    const expected = table
      .filter(([f]) => f === from)
      .map(([, to, exempt, evidence]) => `${to} ${exempt} ${evidence}`)
      .sort();
    it(`${from} → ${expected.length} exemption(s), decided by the national pack`, () => {
      const result = evaluate(shWithWelder, [makeCertificate(from)], asOf, SH);
      assert.deepEqual(result.exemptions.map(line).sort(), expected);
      for (const e of result.exemptions) {
        assert.deepEqual(e.decidedBy, { pack: 'national', version: packs.national.version, row: e.rule });
        assert.equal(e.conditions, undefined, 'no condition where 建筑焊工 is issued');
      }
    });
  }

  it('covers every ordered pair of the three departments, and never one within a department', () => {
    const dept = (t: string) => catalog.certificateTypesById.get(t)?.department;
    const pairs = new Set(table.map(([from, to]) => `${dept(from)}→${dept(to)}`));
    for (const a of ['mem', 'mohurd', 'samr'])
      for (const b of ['mem', 'mohurd', 'samr']) {
        if (a === b) assert.ok(!pairs.has(`${a}→${b}`));
        else assert.ok(pairs.has(`${a}→${b}`), `${a}→${b} has no row`);
      }
  });

  it('grants no theory-exam waiver nationally, and nothing to 防爆电气, 压力焊, 钎焊, nor towards 高压', () => {
    for (const type of ['mem.explosion-proof-electrician', 'mem.pressure-welding', 'mem.brazing']) {
      assert.deepEqual(evaluate(shWithWelder, [makeCertificate(type)], asOf, SH).exemptions, []);
    }
    const all = evaluate(
      shWithWelder,
      sources.map((t) => makeCertificate(t, { validFrom: '2025-01-01' })),
      asOf,
      SH,
    );
    assert.ok(all.exemptions.every((e) => !e.exempt.includes('theory-exam')));
    const mohurd = evaluate(shWithWelder, [makeCertificate('mohurd.electrician')], asOf, SH);
    assert.ok(mohurd.exemptions.every((e) => e.target !== 'mem.hv-electrician'));
  });
});

describe('建筑焊工 designations: issued, unknown, known not issued', () => {
  const fusion = () => [makeCertificate('mem.fusion-welding')];
  const towardsWelder = (r: EvaluationResponse) => r.exemptions.filter((e) => e.target === 'mohurd.welder');

  it('a province with no record is unknown, not "no": listed with the designated-region condition', () => {
    const compiled = compileNational(asOf, { region: BJ });
    const [e] = towardsWelder(evaluate(compiled, fusion(), asOf, BJ, { trace: true }));
    assert.ok(e);
    assert.deepEqual(e.exempt, ['safety-training']);
    assert.deepEqual(
      e.conditions?.map((c) => [c.code, c.status]),
      [['designated-region', 'unknown']],
    );
    assert.match(e.conditions?.[0]?.text ?? '', /住房城乡建设/);
  });

  it('a province on record as not issuing it leaves the exemption out and says why in the trace', () => {
    const compiled = compileNational(asOf, {
      region: BJ,
      designations: [{ type: 'mohurd.welder', region: BJ, status: 'not-issued' }],
    });
    const result = evaluate(compiled, fusion(), asOf, BJ, { trace: true });
    assert.deepEqual(towardsWelder(result), []);
    const steps = result.trace?.[0]?.steps ?? [];
    assert.ok(
      steps.some(
        (s) =>
          s.rule === 'nat.exempt.mem-fusion-to-mohurd-welder' && s.reason === 'target-not-issued-in-region',
      ),
    );
  });

  it('a record of another province does not count here; no region asks for one', () => {
    const compiled = compileNational(asOf, { region: BJ, designations: welderIssuedIn(SH) });
    assert.equal(
      towardsWelder(evaluate(compiled, fusion(), asOf, BJ))[0]?.conditions?.[0]?.status,
      'unknown',
    );
    const none = compileNational(asOf, { region: null, designations: welderIssuedIn(SH) });
    const [e] = towardsWelder(evaluate(none, fusion(), asOf, null));
    assert.equal(e?.conditions?.[0]?.code, 'designated-region');
  });

  it('a compiled policy refuses an evaluation for another province', () => {
    assert.throws(() => evaluate(shWithWelder, fusion(), asOf, BJ), /compiled for region 310000/);
  });
});

describe('department packs (特别规定) and co-signed provincial packs: who decided', () => {
  const lv = () => makeCertificate('mem.lv-electrician');
  const denyTowardsElectrician = (region?: string): DepartmentRule => ({
    id: 'mohurd.deny-lv',
    action: 'deny',
    rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
    basis: '建办质〔2026〕1号 (test)',
    effectiveFrom: '2026-06-01',
    effectiveUntil: null,
    ...(region && { region }),
  });
  const compileWith = (region: string, departments: DepartmentPack[], on = asOf) =>
    compilePolicy(packs.national, undefined, catalog, on, { region, departments });

  it('a department pack denies an exemption towards its certificate in one province only', () => {
    const pack = makeDepartmentPack({ department: 'mohurd', rules: [denyTowardsElectrician(SH)] });
    const sh = evaluate(compileWith(SH, [pack]), [lv()], asOf, SH);
    assert.deepEqual(sh.exemptions[0]?.exempt, []);
    assert.deepEqual(sh.exemptions[0]?.decidedBy, {
      department: 'mohurd',
      pack: 'dept-mohurd',
      version: pack.version,
      row: 'mohurd.deny-lv',
    });
    assert.deepEqual(sh.policy.departments, { 'dept-mohurd': pack.version });
    const bj = evaluate(compileWith(BJ, [pack]), [lv()], asOf, BJ);
    assert.deepEqual(bj.exemptions[0]?.exempt, ['safety-training']);
    assert.equal(bj.exemptions[0]?.decidedBy.pack, 'national');
  });

  it('is in force from its effective date only', () => {
    const pack = makeDepartmentPack({ department: 'mohurd', rules: [denyTowardsElectrician()] });
    const before = evaluate(compileWith(SH, [pack], '2026-05-31'), [lv()], '2026-05-31', SH);
    assert.deepEqual(before.exemptions[0]?.exempt, ['safety-training']);
  });

  it('extends a national row with a theory-exam waiver and grants a pair under the general clause', () => {
    const pack = makeDepartmentPack({
      department: 'mohurd',
      region: SH,
      rules: [
        {
          id: 'mohurd-sh.theory',
          action: 'extend',
          rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
          add: ['theory-exam'],
          basis: '沪建安〔2026〕9号 (test)',
          effectiveFrom: '2026-06-01',
          effectiveUntil: null,
        },
        {
          id: 'mohurd-sh.explosion-proof',
          action: 'grant',
          from: ['mem.explosion-proof-electrician'],
          to: 'mohurd.electrician',
          exempt: ['safety-training'],
          basis: '沪建安〔2026〕9号 (test)',
          effectiveFrom: '2026-06-01',
          effectiveUntil: null,
        },
      ],
    });
    assert.deepEqual(checkDepartmentPack(pack, packs.national, catalog), []);
    const compiled = compileWith(SH, [pack]);
    const extended = evaluate(compiled, [lv()], asOf, SH).exemptions[0];
    assert.deepEqual(extended?.exempt, ['safety-training', 'theory-exam']);
    assert.deepEqual(extended?.decidedBy, {
      department: 'mohurd',
      region: SH,
      pack: 'dept-mohurd-310000',
      version: pack.version,
      row: 'mohurd-sh.theory',
    });
    const granted = evaluate(compiled, [makeCertificate('mem.explosion-proof-electrician')], asOf, SH);
    assert.deepEqual(granted.exemptions.map(line), ['mohurd.electrician safety-training general-clause']);
  });

  it('refuses a department pack touching another department’s certificates', () => {
    const pack = makeDepartmentPack({
      department: 'mem',
      rules: [{ ...denyTowardsElectrician(), id: 'mem.deny' }],
    });
    const problems = checkDepartmentPack(pack, packs.national, catalog);
    assert.ok(problems.some((p) => p.path === 'rules.0.rule' && /only its own department/.test(p.message)));
    const sameDept = makeDepartmentPack({
      department: 'mohurd',
      rules: [
        {
          id: 'mohurd.self',
          action: 'grant',
          from: ['mohurd.welder'],
          to: 'mohurd.electrician',
          exempt: ['safety-training'],
          basis: 'x',
          effectiveFrom: '2026-06-01',
          effectiveUntil: null,
        },
      ],
    });
    assert.ok(
      checkDepartmentPack(sameDept, packs.national, catalog).some((p) => p.path === 'rules.0.from.0'),
    );
  });

  it('applies national → department → province: a co-signed provincial row has the last word', () => {
    const dept = makeDepartmentPack({
      department: 'mohurd',
      rules: [
        {
          id: 'mohurd.theory',
          action: 'extend',
          rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
          add: ['theory-exam'],
          basis: 'test',
          effectiveFrom: '2026-06-01',
          effectiveUntil: null,
        },
      ],
    });
    const province = makeProvince({
      overrides: [
        {
          id: 'sh.narrow-lv',
          rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
          action: 'narrow',
          targets: ['theory-exam'],
          basis: 'test',
          effectiveFrom: '2026-06-01',
          effectiveUntil: null,
        },
      ],
    });
    const compiled = compilePolicy(packs.national, province, catalog, asOf, { departments: [dept] });
    const [e] = evaluate(compiled, [lv()], asOf, SH).exemptions;
    assert.deepEqual(e?.exempt, ['theory-exam']);
    assert.equal(e?.decidedBy.pack, province.id);
    assert.equal(e?.decidedBy.department, 'mohrss');
  });
});

describe('复审 in 合法有效', () => {
  const compiled = compileNational(asOf, { region: SH });
  it('valid on reviewedUntil, ignored as review-overdue the day after; unknown review is not held against it', () => {
    const on = evaluate(compiled, [makeCertificate('mem.lv-electrician', { reviewedUntil: asOf })], asOf, SH);
    assert.equal(on.levels.length, 1);
    assert.equal(on.exemptions.length, 1);
    const c = makeCertificate('mem.lv-electrician', { reviewedUntil: '2026-11-28' });
    const overdue = evaluate(compiled, [c], asOf, SH);
    assert.deepEqual(overdue.ignored, [{ number: c.number, type: c.type, reason: 'review-overdue' }]);
    assert.deepEqual([overdue.levels, overdue.exemptions], [[], []]);
    const unknown = evaluate(
      compiled,
      [makeCertificate('mem.lv-electrician', { reviewedUntil: null })],
      asOf,
      SH,
    );
    assert.equal(unknown.levels.length, 1);
  });
});

describe('what a worker is told: listed once, nothing towards what they hold', () => {
  const compiled = compileNational(asOf, { region: SH });
  it('one exemption line for 低压 and 高压 towards 建筑电工, with both numbers', () => {
    const a = makeCertificate('mem.lv-electrician', { number: 'T110105194912310021' });
    const b = makeCertificate('mem.hv-electrician', { number: 'T110105194912310021' });
    const c = makeCertificate('mem.hv-electrician', { number: 'T220105194912310021' });
    const result = evaluate(compiled, [a, b, c], asOf, SH);
    assert.equal(result.exemptions.length, 1);
    assert.deepEqual(result.exemptions[0]?.alsoBasis, ['T220105194912310021']);
  });

  it('no exemption towards a certificate the holder already holds valid; an expired one does not count', () => {
    const lv = makeCertificate('mem.lv-electrician');
    const held = evaluate(compiled, [lv, makeCertificate('mohurd.electrician')], asOf, SH, { trace: true });
    assert.ok(held.exemptions.every((e) => e.target !== 'mohurd.electrician'));
    assert.ok(held.exemptions.every((e) => e.target !== 'mem.lv-electrician'));
    assert.ok(
      held.trace?.some((t) => t.steps.some((s) => s.reason === 'target-already-held')),
      'the trace says why',
    );
    const expired = makeCertificate('mohurd.electrician', { validUntil: '2025-01-01' });
    const still = evaluate(compiled, [lv, expired], asOf, SH);
    assert.deepEqual(
      still.exemptions.map((e) => e.target),
      ['mohurd.electrician'],
    );
  });
});

describe('conditions on their own figures (申报条件, 通知 二 "按规定")', () => {
  const compiled = compileNational(asOf, { region: SH });
  const afterLevel5 = (r: EvaluationResponse) =>
    r.levels[0]?.conditions.find((c) => /五级/.test(c.text) && /4/.test(c.text))?.status;
  const total6 = (r: EvaluationResponse) => r.levels[0]?.conditions.find((c) => /6/.test(c.text))?.status;
  const young = () => makeCertificate('mem.lv-electrician', { validFrom: '2026-05-29' });
  const old = () => makeCertificate('mem.lv-electrician', { validFrom: '2020-03-01' });
  const run = (
    c: ReturnType<typeof makeCertificate>,
    e: { yearsSinceLevel?: number; yearsInOccupation?: number },
  ) => evaluate(compiled, [c], asOf, SH, { experience: [{ occupation: '6-31-01-03', ...e }] });

  it('a 6-month-old certificate with 4 declared years does not meet "after level 5 for 4 years"', () => {
    assert.equal(afterLevel5(run(young(), { yearsSinceLevel: 4 })), 'not-met');
    assert.equal(afterLevel5(run(old(), { yearsSinceLevel: 4 })), 'met');
    assert.equal(afterLevel5(run(old(), { yearsSinceLevel: 3 })), 'not-met');
  });

  it('years in the occupation answer "6 years" and never "after level 5"', () => {
    const r = run(old(), { yearsInOccupation: 6 });
    assert.equal(total6(r), 'met');
    assert.equal(afterLevel5(r), 'unknown');
    assert.equal(total6(run(old(), { yearsInOccupation: 5 })), 'not-met');
  });

  it('the level certificate’s age is counted in whole years, to the day', () => {
    const exactly = makeCertificate('mem.lv-electrician', { validFrom: '2022-11-29' });
    assert.equal(afterLevel5(run(exactly, { yearsSinceLevel: 4 })), 'met');
    const dayShort = makeCertificate('mem.lv-electrician', { validFrom: '2022-11-30' });
    assert.equal(afterLevel5(run(dayShort, { yearsSinceLevel: 4 })), 'not-met');
    assert.equal(run(dayShort, { yearsSinceLevel: 4 }).levels[0]?.since, '2022-11-30');
  });
});
