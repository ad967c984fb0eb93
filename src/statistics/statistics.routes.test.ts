import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import type { CertificateFigures, FlowFigures, RecognitionFigures } from './statistics.model.ts';
import { NOW, seedFigures, type Tokens } from './statistics.test-fixtures.ts';

/**
 * 跟踪分析 (issue 8 §4) against the real database: certificates, recognitions and flows checked against counts
 * worked out by hand from statistics.test-fixtures.ts, in the scopes of national and provincial supervisors and of
 * department admins; the validation of every query.
 */
let t: TestApp;
let tokens: Tokens;

async function get<T>(url: string, token: string = tokens.national): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as T;
}

before(async () => {
  t = await createTestApp({ clock: fixedClock(NOW.toISOString()) });
  tokens = await seedFigures(t);
});
after(async () => {
  await t?.close();
});

describe('certificate figures', () => {
  it('counts by department, type and issuing province with the status as of today', async () => {
    const f = await get<CertificateFigures>('/api/v1/statistics/certificates');
    assert.equal(f.asOf, '2026-12-15');
    assert.equal(f.total, 6);
    assert.deepEqual(f.statuses, { valid: 2, expired: 1, 'not-yet-valid': 1, suspended: 1, revoked: 1 });
    const dept = Object.fromEntries(f.byDepartment.map((b) => [b.key.code, b]));
    assert.equal(dept.mem?.total, 4);
    assert.deepEqual(dept.mem?.statuses, {
      valid: 2,
      expired: 0,
      'not-yet-valid': 0,
      suspended: 1,
      revoked: 1,
    });
    assert.equal(dept.mem?.key.zh, '应急管理部');
    assert.deepEqual(dept.samr?.statuses, {
      valid: 0,
      expired: 1,
      'not-yet-valid': 1,
      suspended: 0,
      revoked: 0,
    });
    const province = Object.fromEntries(f.byProvince.map((b) => [b.key.code, b.total]));
    assert.deepEqual(province, { '310000': 2, '440000': 2, '110000': 2 });
    const types = Object.fromEntries(f.byType.map((b) => [b.key.code, [b.total, b.department]]));
    assert.deepEqual(types, {
      'mem.lv-electrician': [2, 'mem'],
      'samr.metal-welding': [2, 'samr'],
      'mem.hv-electrician': [1, 'mem'],
      'mem.fusion-welding': [1, 'mem'],
    });
  });

  it('filters by the period of issue and narrows to the caller’s scope', async () => {
    const period = await get<CertificateFigures>(
      '/api/v1/statistics/certificates?from=2024-01-01&to=2024-12-31',
    );
    assert.equal(period.total, 2);
    const sh = await get<CertificateFigures>('/api/v1/statistics/certificates', tokens.sh);
    assert.deepEqual(sh.scope, { province: '310000', department: null });
    assert.deepEqual(
      sh.byProvince.map((b) => [b.key.code, b.total]),
      [['310000', 2]],
    );
    const gd = await get<CertificateFigures>('/api/v1/statistics/certificates?province=440000');
    assert.deepEqual(gd.statuses, { valid: 1, expired: 1, 'not-yet-valid': 0, suspended: 0, revoked: 0 });
    const samr = await get<CertificateFigures>('/api/v1/statistics/certificates', tokens.samr);
    assert.deepEqual(
      samr.byDepartment.map((b) => [b.key.code, b.total]),
      [['samr', 2]],
    );
    const hrss = await get<CertificateFigures>('/api/v1/statistics/certificates', tokens.hrssSh);
    assert.equal(hrss.total, 2);
  });
});

describe('recognition figures', () => {
  it('counts granted recognitions by rule, province and month (China time), not the denied ones', async () => {
    const f = await get<RecognitionFigures>('/api/v1/statistics/recognitions');
    assert.deepEqual(f.total, { decisions: 5, holders: 2 });
    const rules = Object.fromEntries(f.byRule.map((r) => [r.rule.code, [r.kind, r.decisions, r.holders]]));
    assert.deepEqual(rules, {
      'nat.exempt.mem-lv-to-mohurd-electrician': ['exemption', 4, 1],
      'nat.level.electrician-5': ['level', 3, 1],
      'nat.exempt.mem-hv-to-mohurd-electrician': ['exemption', 1, 1],
      'nat.level.electrician-4': ['level', 1, 1],
    });
    assert.equal(f.byRule[0]?.rule.zh, '低压电工作业 → 建筑电工');
    const provinces = Object.fromEntries(
      f.byProvince.map((p) => [p.province.code, [p.decisions, p.holders]]),
    );
    assert.deepEqual(provinces, { '320000': [2, 1], '310000': [1, 1], '440000': [1, 1], '': [1, 0] });
    assert.deepEqual(f.months, ['2026-10', '2026-11', '2026-12']);
    const cell = (month: string, rule: string) =>
      f.byMonth.find((m) => m.month === month && m.rule === rule)?.decisions ?? 0;
    assert.equal(cell('2026-10', 'nat.level.electrician-5'), 1);
    assert.equal(cell('2026-11', 'nat.level.electrician-5'), 1);
    assert.equal(cell('2026-11', 'nat.level.electrician-4'), 1);
    assert.equal(cell('2026-12', 'nat.exempt.mem-lv-to-mohurd-electrician'), 2);
  });

  it('narrows to the province applied in, and to the department of the certificate used', async () => {
    const sh = await get<RecognitionFigures>('/api/v1/statistics/recognitions', tokens.sh);
    assert.deepEqual(sh.total, { decisions: 1, holders: 1 });
    const samr = await get<RecognitionFigures>('/api/v1/statistics/recognitions', tokens.samr);
    assert.deepEqual(samr.total, { decisions: 0, holders: 0 });
    const mem = await get<RecognitionFigures>('/api/v1/statistics/recognitions', tokens.mem);
    assert.deepEqual(mem.total, { decisions: 5, holders: 2 });
    const november = await get<RecognitionFigures>(
      '/api/v1/statistics/recognitions?from=2026-11-01&to=2026-11-30',
    );
    assert.deepEqual(november.total, { decisions: 2, holders: 2 });
    assert.deepEqual(november.months, ['2026-11']);
  });
});

describe('cross-region flows', () => {
  it('pairs the province applied in with the province that issued the certificate used', async () => {
    const f = await get<FlowFigures>('/api/v1/statistics/flows');
    const pairs = Object.fromEntries(
      f.flows.map((x) => [`${x.applied.code}>${x.issued.code}`, [x.decisions, x.holders]]),
    );
    assert.deepEqual(pairs, { '320000>310000': [2, 1], '310000>310000': [1, 1], '440000>440000': [1, 1] });
    assert.equal(f.crossRegionHolders, 1);
    const sh = await get<FlowFigures>('/api/v1/statistics/flows', tokens.sh);
    assert.deepEqual(sh.flows.map((x) => `${x.applied.code}>${x.issued.code}`).sort(), [
      '310000>310000',
      '320000>310000',
    ]);
  });
});

describe('validation and scope', () => {
  for (const query of [
    'province=310100',
    'province=31000',
    'from=2026-13-01',
    'from=2026-12-01&to=2026-11-01',
    'level=6',
    'occupation=electrician',
    'unknown=1',
  ]) {
    it(`refuses ${query}`, async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/statistics/certificates?${query}`,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'validation_failed');
    });
  }

  it('refuses a year that is not a number and an unknown figure', async () => {
    for (const url of [
      '/api/v1/statistics/pass-rates?year=abc',
      '/api/v1/statistics/export.xlsx?figures=certificates,maps',
    ]) {
      const res = await t.app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${tokens.national}` },
      });
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().error.code, 'validation_failed');
    }
  });

  it('refuses another province to a provincial supervisor', async () => {
    for (const figure of ['certificates', 'recognitions', 'flows', 'pass-rates', 'warnings', 'export.xlsx']) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/statistics/${figure}?province=440000`,
        headers: { authorization: `Bearer ${tokens.sh}` },
      });
      assert.equal(res.statusCode, 403, `${figure}: ${res.body}`);
      assert.equal(res.json().error.code, 'forbidden');
    }
  });
});
