import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Principal, Role } from '../accounts/accounts.model.ts';
import { projectRoot } from '../config.ts';
import { testCatalog } from '../testing/app.ts';
import { buildPassRates, curveSizes } from './statistics.funnel.ts';
import { dayAfter, decideScope, monthsBetween, provinceOf, rollUpWarnings } from './statistics.rules.ts';

const principal = (role: Role, o: Partial<Principal> = {}): Principal => ({
  via: 'token',
  userId: null,
  username: 'x',
  role,
  department: null,
  province: null,
  institution: null,
  holderId: null,
  ...o,
});

describe('decideScope', () => {
  const cases: [string, Principal, string | undefined, ReturnType<typeof decideScope>][] = [
    [
      'national supervisor: all',
      principal('supervisor'),
      undefined,
      { ok: true, scope: { province: null, department: null } },
    ],
    [
      'national supervisor asks for a province',
      principal('supervisor'),
      '440000',
      { ok: true, scope: { province: '440000', department: null } },
    ],
    [
      'provincial supervisor: own province',
      principal('supervisor', { province: '310000' }),
      undefined,
      { ok: true, scope: { province: '310000', department: null } },
    ],
    [
      'provincial supervisor asks for its own',
      principal('supervisor', { province: '310000' }),
      '310000',
      { ok: true, scope: { province: '310000', department: null } },
    ],
    [
      'province admin',
      principal('province-admin', { province: '310000' }),
      undefined,
      { ok: true, scope: { province: '310000', department: null } },
    ],
    [
      'department admin',
      principal('department-admin', { department: 'mem' }),
      undefined,
      { ok: true, scope: { province: null, department: 'mem' } },
    ],
    [
      'department admin of a province',
      principal('department-admin', { department: 'mohurd', province: '440000' }),
      undefined,
      { ok: true, scope: { province: '440000', department: 'mohurd' } },
    ],
  ];
  for (const [name, who, province, expected] of cases) {
    it(name, () => assert.deepEqual(decideScope(who, province), expected));
  }
  it('refuses another province, a holder and an institution operator', () => {
    assert.equal(decideScope(principal('supervisor', { province: '310000' }), '440000').ok, false);
    assert.equal(decideScope(principal('province-admin', { province: '310000' }), '440000').ok, false);
    assert.equal(decideScope(principal('holder'), undefined).ok, false);
    assert.equal(decideScope(principal('institution-operator', { institution: 'i' }), undefined).ok, false);
  });
});

describe('dates and regions', () => {
  it('names the province of any region code', () => {
    assert.equal(provinceOf('440300'), '440000');
    assert.equal(provinceOf('310000'), '310000');
  });
  it('lists months across a year end, and the day after a month end', () => {
    assert.deepEqual(monthsBetween('2026-11', '2027-02'), ['2026-11', '2026-12', '2027-01', '2027-02']);
    assert.deepEqual(monthsBetween('2026-11', '2026-11'), ['2026-11']);
    assert.deepEqual(monthsBetween('2026-12', '2026-11'), []);
    assert.equal(dayAfter('2026-12-31'), '2027-01-01');
    assert.equal(dayAfter('2028-02-28'), '2028-02-29');
  });
});

describe('rollUpWarnings', () => {
  it('counts open, overdue and ages only of open warnings', () => {
    const name = (id: string) => ({ code: id, zh: id, en: id });
    const out = rollUpWarnings(
      [
        { rule: 'a', status: 'sent', age: 'lt7', n: 2, overdue: 1 },
        { rule: 'a', status: 'closed', age: 'gt30', n: 5, overdue: 0 },
        { rule: 'b', status: 'created', age: 'gt30', n: 1, overdue: 0 },
      ],
      name,
    );
    assert.deepEqual([out.total, out.open, out.overdue], [8, 3, 1]);
    assert.deepEqual(out.byAge, [
      { age: 'lt7', open: 2 },
      { age: '7to30', open: 0 },
      { age: 'gt30', open: 1 },
    ]);
    assert.deepEqual(
      out.byRule.map((r) => [r.rule.code, r.total, r.open]),
      [
        ['a', 7, 2],
        ['b', 1, 1],
      ],
    );
  });
});

describe('pass-rate funnel', () => {
  const rules = {
    version: 'test',
    thresholds: {
      'institution.pass-rate-funnel': { z: 3.09, winsorize: 0.1, minCandidates: 5, minPeers: 3 },
    },
  } as Parameters<typeof buildPassRates>[1];
  const name = (code: string) => ({ code, zh: code, en: code });
  const row = (id: string, n: number, passed: number) => ({
    id,
    name: id,
    code: id,
    province: '310000',
    n,
    passed,
  });

  it('draws no funnel with fewer peers than the rule asks for', () => {
    const out = buildPassRates([row('a', 20, 18), row('b', 20, 17), row('c', 4, 0)], rules, name);
    assert.equal(out.funnel, null);
    assert.deepEqual(out.curves, []);
    assert.ok(out.institutions.every((i) => i.outlier === null));
  });
  it('flags only what lies outside the rule’s own limits, not the 95% line', () => {
    const rows = [
      row('a', 20, 18),
      row('b', 20, 17),
      row('c', 20, 18),
      row('d', 20, 2),
      row('e', 30, 26),
      row('f', 10, 9),
    ];
    const out = buildPassRates(rows, rules, name);
    assert.equal(out.funnel?.target, 90 / 120);
    assert.deepEqual(
      out.institutions.filter((i) => i.outlier).map((i) => [i.id, i.outlier]),
      [['d', 'below']],
    );
    const upper = out.curves.find((c) => c.z === 3.09)?.points ?? [];
    // The funnel narrows as n grows.
    assert.ok(
      (upper[0]?.upper ?? 0) - (upper[0]?.lower ?? 0) >=
        (upper.at(-1)?.upper ?? 0) - (upper.at(-1)?.lower ?? 0),
    );
  });
  it('draws the curves from 1 to past the largest institution', () => {
    const sizes = curveSizes(200);
    assert.equal(sizes[0], 1);
    assert.ok((sizes.at(-1) ?? 0) >= 200);
    assert.deepEqual(
      sizes,
      [...new Set(sizes)].sort((a, b) => a - b),
    );
  });
});

describe('the bundled province map', () => {
  it('has one feature per GB/T 2260 province of the catalog, by adcode', () => {
    const file = path.join(projectRoot, 'web', 'src', 'pages', 'statistics', 'china-provinces.json');
    const map = JSON.parse(readFileSync(file, 'utf8')) as { features: { properties: { adcode: string } }[] };
    const codes = new Set(map.features.map((f) => f.properties.adcode));
    for (const region of testCatalog().regions)
      assert.ok(codes.has(region.code), `${region.code} ${region.nameZh}`);
    for (const code of codes) assert.match(code, /^\d{2}0000$/);
  });
});
