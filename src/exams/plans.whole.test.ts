import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../accounts/accounts.model.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { canActOnWholePlan } from './plans.access.ts';
import { addInstitution, call, planBody, provinceAdmin } from './plans.test-helpers.ts';

/**
 * Acts on a joint plan as a whole — purging its archive, running the warning rules over it — are the lead
 * province's (issue 17 §4). A Shanghai-led Shanghai–Jiangsu plan: Jiangsu sees it but may not act on it (403);
 * Guangdong is outside it (404).
 */
let t: TestApp;
let planId: string;
const token = new Map<string, string>();

before(async () => {
  t = await createTestApp();
  const sh = await addInstitution(t, { province: '310000' });
  const js = await addInstitution(t, { province: '320000' });
  for (const p of ['310000', '320000', '440000']) {
    token.set(`admin-${p}`, await provinceAdmin(t, p));
    token.set(`supervisor-${p}`, await t.tokenFor('supervisor', { province: p }));
  }
  token.set('supervisor', await t.tokenFor('supervisor'));
  const res = await call(
    t,
    'POST',
    '/plans',
    token.get('admin-310000'),
    planBody({ kind: 'joint', institutionIds: [sh.id, js.id] }),
  );
  assert.equal(res.statusCode, 201, res.body);
  planId = res.json().id;
  assert.equal(res.json().leadProvince, '310000');
});
after(async () => {
  await t.close();
});

const code = async (who: string, path: string) =>
  (await call(t, 'POST', `/plans/${planId}/${path}`, who === 'sysadmin' ? TEST_ADMIN_TOKEN : token.get(who)))
    .statusCode;

describe('a joint plan as a whole is the lead province’s', () => {
  it('runs the warning rules for the lead province’s and national supervisors only', async () => {
    assert.equal(await code('supervisor-440000', 'supervision/run'), 404, 'a province outside the plan');
    assert.equal(await code('supervisor-320000', 'supervision/run'), 403, 'a partner province');
    assert.equal(await code('supervisor-310000', 'supervision/run'), 200);
    assert.equal(await code('supervisor', 'supervision/run'), 200);
    assert.equal(await code('sysadmin', 'supervision/run'), 200);
  });

  it('purges the archive for the lead province’s admin only', async () => {
    assert.equal(await code('admin-320000', 'archive/purge'), 403, 'a partner province');
    assert.equal(await code('admin-440000', 'archive/purge'), 404, 'a province outside the plan');
    assert.equal(await code('admin-310000', 'archive/purge'), 200);
    assert.equal(await code('sysadmin', 'archive/purge'), 200);
  });

  it('canActOnWholePlan: a table of callers', () => {
    const who = (role: Principal['role'], province: string | null): Principal => ({
      via: 'token',
      userId: null,
      username: 'x',
      role,
      department: null,
      province,
      institution: null,
      holderId: null,
    });
    const plan = { leadProvince: '310000' };
    const rows: [Principal, boolean][] = [
      [who('system-admin', null), true],
      [who('supervisor', null), true],
      [who('supervisor', '310000'), true],
      [who('supervisor', '320000'), false],
      [who('province-admin', '310000'), true],
      [who('province-admin', '320000'), false],
      [who('institution-operator', null), false],
      [who('holder', null), false],
    ];
    for (const [p, expected] of rows)
      assert.equal(canActOnWholePlan(p, plan), expected, `${p.role} ${p.province}`);
  });
});
