import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../shared/errors.ts';
import { compilePolicy, coversDate, createPolicyCache } from './recognition.compile.ts';
import { evaluate } from './recognition.engine.ts';
import {
  asOf,
  catalog,
  compileNational,
  compileProvince,
  makeCertificate,
  makeProvince,
  packs,
} from './recognition.fixtures.ts';
import type { NationalPack, Override } from './recognition.model.ts';

const LV_RULE = 'nat.exempt.mem-lv-to-mohurd-electrician';
const lv = makeCertificate('mem.lv-electrician', { number: 'T-LV' });
const dated = { basis: '测试', effectiveFrom: '2026-03-01', effectiveUntil: null };
/** What an answer names when a row of makeProvince()'s pack decided. */
const byShanghai = (row: string) => ({
  department: 'mohrss',
  region: '310000',
  pack: 'shanghai',
  version: '2026-03',
  row,
});
const byNational = { pack: 'national', version: '2026-12', row: LV_RULE };

describe('provincial overrides of "如无特别规定" exemptions', () => {
  const withOverride = (override: Override, on = asOf) =>
    evaluate(compileProvince(makeProvince({ overrides: [override] }), on), [lv], on, '310000', {
      trace: true,
    });

  it('deny: the exemption is listed as decided by the province, with nothing exempt', () => {
    const result = withOverride({ id: 'sh.deny-lv', rule: LV_RULE, action: 'deny', ...dated });
    assert.deepEqual(result.exemptions, [
      {
        basis: 'T-LV',
        target: 'mohurd.electrician',
        exempt: [],
        rule: LV_RULE,
        evidence: 'attachment',
        decidedBy: byShanghai('sh.deny-lv'),
      },
    ]);
    assert.deepEqual(result.trace?.[0]?.steps[0], {
      rule: LV_RULE,
      outcome: 'overridden',
      reason: 'overridden-by:sh.deny-lv',
    });
    assert.deepEqual(result.policy, { national: '2026-12', province: '2026-03' });
    assert.equal(result.levels[0]?.deemedLevel, 5); // deemed levels are not "如无特别规定"
  });

  it('condition: still exempt, with the added condition to be checked', () => {
    const condition = { code: 'local-residence', text: '须在本市从业满1年' };
    const [e] = withOverride({
      id: 'sh.cond-lv',
      rule: LV_RULE,
      action: 'condition',
      condition,
      ...dated,
    }).exemptions;
    assert.deepEqual(e?.exempt, ['safety-training']);
    assert.deepEqual(e?.decidedBy, byShanghai('sh.cond-lv'));
    assert.deepEqual(e?.conditions, [
      { code: 'local-residence', text: '须在本市从业满1年', status: 'unknown' },
    ]);
  });

  it('narrow: keeps only the listed exemptions of the rule', () => {
    // No national row grants two exemptions yet; a pack where one does shows the narrowing.
    const wider: NationalPack = {
      ...packs.national,
      rules: packs.national.rules.map((r) =>
        r.id === LV_RULE && r.kind === 'exemption' ? { ...r, exempt: ['safety-training', 'theory-exam'] } : r,
      ),
    };
    const narrow: Override = {
      id: 'sh.narrow-lv',
      rule: LV_RULE,
      action: 'narrow',
      targets: ['theory-exam'],
      ...dated,
    };
    const compiled = compilePolicy(wider, makeProvince({ overrides: [narrow] }), catalog, asOf);
    const [e] = evaluate(compiled, [lv], asOf, '310000').exemptions;
    assert.deepEqual([e?.exempt, e?.decidedBy], [['theory-exam'], byShanghai('sh.narrow-lv')]);
  });

  it('an override applies only within its dates and its province', () => {
    const deny: Override = {
      id: 'sh.deny-lv',
      rule: LV_RULE,
      action: 'deny',
      ...dated,
      effectiveUntil: '2026-06-30',
    };
    const decidedBy = (on: string) => withOverride(deny, on).exemptions[0]?.decidedBy;
    assert.deepEqual(decidedBy('2026-02-28'), byNational);
    assert.deepEqual(decidedBy('2026-03-01'), byShanghai('sh.deny-lv'));
    assert.deepEqual(decidedBy('2026-06-30'), byShanghai('sh.deny-lv'));
    assert.deepEqual(decidedBy('2026-07-01'), byNational);
    const jiangsu = compileNational(asOf, { region: '320000' });
    assert.deepEqual(evaluate(jiangsu, [lv], asOf, '320000').exemptions[0]?.decidedBy, byNational);
  });
});

describe('provincial 对应目录 rows and 一试多证 arrangements', () => {
  const row = {
    id: 'sh.level.explosion-proof-5',
    from: ['mem.explosion-proof-electrician'],
    occupation: '6-31-01-03',
    deemedLevel: '5' as const,
    mayApplyFor: '4' as const,
    basis: '测试用对应目录行',
    effectiveFrom: '2026-03-01',
  };
  const province = makeProvince({ correspondence: [row] });
  const explosion = makeCertificate('mem.explosion-proof-electrician', { number: 'T-EX' });

  it('an extra row gives a deemed level the national pack does not', () => {
    const national = compileNational(asOf, { region: '310000' });
    assert.deepEqual(evaluate(national, [explosion], asOf, '310000').levels, []);
    const [level] = evaluate(compileProvince(province), [explosion], asOf, '310000').levels;
    assert.deepEqual(
      [level?.deemedLevel, level?.mayApplyFor, level?.basis, level?.rule],
      [5, 4, ['T-EX'], row.id],
    );
  });

  it('a national rule names the level when both support it; both certificates are listed', () => {
    const [level] = evaluate(compileProvince(province), [explosion, lv], asOf, '310000').levels;
    assert.deepEqual([level?.rule, level?.basis], ['nat.level.electrician-5', ['T-EX', 'T-LV']]);
  });

  it('two MEM items under one number (reference §2.3) at the same level: the number is listed once', () => {
    const sameNumber = { ...explosion, number: 'T-LV' };
    const [level] = evaluate(compileProvince(province), [sameNumber, lv], asOf, '310000').levels;
    assert.deepEqual(level?.basis, ['T-LV']);
  });

  it('before its effective date the row is dormant, and the trace says so', () => {
    const compiled = compileProvince(province, '2026-02-01');
    const result = evaluate(compiled, [explosion], '2026-02-01', '310000', { trace: true });
    assert.deepEqual(result.levels, []);
    assert.deepEqual(result.trace?.[0]?.steps, [
      { rule: row.id, outcome: 'not-matched', reason: 'not-effective-yet' },
    ]);
  });

  it('一试多证 arrangements in force are part of the compiled policy', () => {
    const arrangement = {
      id: 'sh.one-exam.electrician-4',
      occupation: '6-31-01-03',
      level: '4' as const,
      issues: ['mohrss.skill-level', 'mohurd.electrician'],
      basis: '测试',
      effectiveFrom: '2026-03-01',
    };
    const compiled = compileProvince(makeProvince({ oneExamMultiCert: [arrangement] }));
    assert.deepEqual(compiled.oneExamMultiCert, [arrangement]);
    assert.deepEqual(
      compileProvince(makeProvince({ oneExamMultiCert: [arrangement] }), '2026-02-01').oneExamMultiCert,
      [],
    );
  });
});

describe('compiled once per (version, region, date window)', () => {
  it('the window ends where the next rule, override or row starts', () => {
    const deny: Override = {
      id: 'sh.deny-lv',
      rule: LV_RULE,
      action: 'deny',
      ...dated,
      effectiveUntil: '2026-06-30',
    };
    const province = makeProvince({ overrides: [deny] });
    assert.deepEqual(compileProvince(province, '2026-02-01').window, {
      from: '2026-01-16',
      until: '2026-03-01',
    });
    assert.deepEqual(compileProvince(province, '2026-04-01').window, {
      from: '2026-03-01',
      until: '2026-07-01',
    });
    assert.deepEqual(compileProvince(province, '2027-01-01').window, { from: '2026-07-01', until: null });
    assert.deepEqual(compileNational('2026-01-10').window, { from: null, until: '2026-01-16' });
  });

  it('refuses a date outside its window, or another province', () => {
    const compiled = compileNational('2026-01-10');
    assert.equal(coversDate(compiled, '2026-01-15'), true);
    assert.equal(coversDate(compiled, '2026-01-16'), false);
    assert.throws(() => evaluate(compiled, [lv], '2026-01-16', null), AppError);
    assert.throws(() => evaluate(compileProvince(makeProvince()), [lv], asOf, '320000'), AppError);
  });

  it('before the notice took effect nothing applies, and the trace says why', () => {
    const result = evaluate(compileNational('2026-01-10'), [lv], '2026-01-10', null, { trace: true });
    assert.deepEqual([result.exemptions, result.levels], [[], []]);
    assert.deepEqual(
      result.trace?.[0]?.steps.map((s) => s.reason),
      ['not-effective-yet', 'not-effective-yet'],
    );
  });

  it('the cache recompiles only when the date leaves the window, per province', () => {
    const get = createPolicyCache(packs.national, new Map([['310000', makeProvince()]]), catalog);
    const first = get('310000', '2026-11-29');
    assert.equal(get('310115', '2027-05-01'), first);
    assert.equal(first.province?.region, '310000');
    assert.equal(first.region, '310000');
    // One compilation per province, with or without a pack of its own, and one for no region.
    const jiangsu = get('320000', asOf);
    assert.deepEqual([jiangsu.province, jiangsu.region], [undefined, '320000']);
    assert.equal(get('320500', asOf), jiangsu);
    assert.notEqual(get('440000', asOf), jiangsu);
    assert.equal(get(null, asOf).region, null);
    assert.equal(evaluate(get('440000', asOf), [lv], asOf, '440000').region, '440000');
    assert.notEqual(get('310000', '2026-01-10'), first);
  });

  it('the tables are frozen', () => {
    const table = compileNational().types.get('mem.lv-electrician');
    assert.ok(
      table &&
        Object.isFrozen(table) &&
        Object.isFrozen(table.exemptions) &&
        Object.isFrozen(table.levels[0]),
    );
  });

  it('a same-department exemption (a draft pack the loader would refuse) grants nothing and says why', () => {
    const draft: NationalPack = {
      ...packs.national,
      rules: [
        {
          id: 'draft.exempt.lv-to-hv',
          kind: 'exemption',
          clause: 'draft',
          effectiveFrom: '2026-01-16',
          effectiveUntil: null,
          evidence: 'general-clause',
          overridable: true,
          from: ['mem.lv-electrician'],
          to: 'mem.hv-electrician',
          exempt: ['safety-training'],
          requiresTargetDesignated: false,
        },
      ],
    };
    const result = evaluate(compilePolicy(draft, undefined, catalog, asOf), [lv], asOf, null, {
      trace: true,
    });
    assert.deepEqual(result.exemptions, []);
    assert.deepEqual(result.trace?.[0]?.steps, [
      { rule: 'draft.exempt.lv-to-hv', outcome: 'not-matched', reason: 'same-department' },
    ]);
  });
});
