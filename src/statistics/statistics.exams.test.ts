import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import type { PassRateFigures, WarningFigures } from './statistics.model.ts';
import { NOW, seedFigures, type Tokens } from './statistics.test-fixtures.ts';

/** 跟踪分析 (issue 8 §4): pass rates on the funnel plot and warning figures, against hand-worked counts. */
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

describe('pass rates', () => {
  it('places institutions on the funnel of the supervision rule and flags the one below it', async () => {
    const f = await get<PassRateFigures>(
      '/api/v1/statistics/pass-rates?occupation=6-31-01-03&level=4&year=2026',
    );
    assert.equal(f.rule.id, 'institution.pass-rate-funnel');
    assert.deepEqual(f.rule.zs, [1.96, 3.09]);
    assert.equal(f.institutions.length, 7);
    assert.equal(f.funnel?.target, (18 + 17 + 18 + 2 + 26 + 9) / 120);
    const small = f.institutions.find((i) => i.n === 3);
    assert.equal(small?.inFunnel, false);
    const below = f.institutions.filter((i) => i.outlier !== null);
    assert.deepEqual(
      below.map((i) => [i.province.code, i.passed, i.n, i.outlier]),
      [['440000', 2, 20, 'below']],
    );
    assert.deepEqual(
      f.curves.map((c) => c.z),
      [1.96, 3.09],
    );
    assert.ok((f.curves[0]?.points.length ?? 0) > 10);
  });

  it('counts every level without a level filter, and has no funnel with too few peers', async () => {
    const all = await get<PassRateFigures>('/api/v1/statistics/pass-rates?year=2026');
    const first = all.institutions.find((i) => i.n === 30 && i.province.code === '310000');
    assert.equal(first?.passed, 23);
    const sh = await get<PassRateFigures>('/api/v1/statistics/pass-rates?level=4&year=2026', tokens.sh);
    assert.equal(sh.institutions.length, 2);
    assert.equal(sh.funnel, null);
    const none = await get<PassRateFigures>('/api/v1/statistics/pass-rates?year=2025');
    assert.deepEqual(none.institutions, []);
    const mem = await get<PassRateFigures>('/api/v1/statistics/pass-rates?year=2026', tokens.mem);
    assert.deepEqual(mem.institutions, []);
    const mohrss = await get<PassRateFigures>(
      '/api/v1/statistics/pass-rates?year=2026&level=4',
      tokens.mohrss,
    );
    assert.equal(mohrss.institutions.length, 7);
  });
});

describe('warning figures', () => {
  it('counts by rule, status and age, and the overdue ones', async () => {
    const f = await get<WarningFigures>('/api/v1/statistics/warnings');
    assert.deepEqual([f.total, f.open, f.overdue], [4, 3, 1]);
    const rules = Object.fromEntries(f.byRule.map((r) => [r.rule.code, [r.total, r.open, r.overdue]]));
    assert.deepEqual(rules, {
      'staff.ratio': [2, 1, 1],
      'institution.pass-rate-funnel': [1, 1, 0],
      'integrity.answer-copying': [1, 1, 0],
    });
    assert.equal(f.byRule.find((r) => r.rule.code === 'staff.ratio')?.rule.zh, '考评人员配比不足');
    assert.deepEqual(f.byStatus, [
      { status: 'answered', count: 1 },
      { status: 'closed', count: 1 },
      { status: 'created', count: 1 },
      { status: 'sent', count: 1 },
    ]);
    assert.deepEqual(f.byAge, [
      { age: 'lt7', open: 1 },
      { age: '7to30', open: 1 },
      { age: 'gt30', open: 1 },
    ]);
  });

  it('narrows to the province, the occupation, and to MOHRSS among departments', async () => {
    const sh = await get<WarningFigures>('/api/v1/statistics/warnings', tokens.sh);
    assert.deepEqual([sh.total, sh.open, sh.overdue], [2, 1, 1]);
    const occupation = await get<WarningFigures>('/api/v1/statistics/warnings?occupation=6-31-01-03');
    assert.equal(occupation.total, 1);
    const mem = await get<WarningFigures>('/api/v1/statistics/warnings', tokens.mem);
    assert.equal(mem.total, 0);
  });
});
