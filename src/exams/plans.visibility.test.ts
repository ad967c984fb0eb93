import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import {
  addInstitution,
  call,
  operatorOf,
  planBody,
  provinceAdmin,
  sittingBody,
  type TestInstitution,
} from './plans.test-helpers.ts';

/**
 * Who sees which plans (issue 6 §5, §7): approved plans are public; a draft is seen by its institution's operator,
 * the admins and provincial supervisors of a province it touches, system admins and national supervisors, and is a
 * 404 to everyone else.
 */
let t: TestApp;
let sh: TestInstitution;
let zj: TestInstitution;
let gd: TestInstitution;
let shDraft: string;
let jointDraft: string;
let approved: string;
const tokens: Record<string, string> = {};

before(async () => {
  t = await createTestApp({ clock: fixedClock('2026-12-01T02:00:00Z') });
  sh = await addInstitution(t, { province: '310000' });
  zj = await addInstitution(t, { province: '330000' });
  gd = await addInstitution(t, { province: '440000', scopes: [['6-18-02-04', '3']] });
  tokens.sh = await operatorOf(t, sh);
  tokens.zj = await operatorOf(t, zj);
  tokens.gd = await operatorOf(t, gd);
  tokens.shAdmin = await provinceAdmin(t, '310000');
  tokens.zjAdmin = await provinceAdmin(t, '330000');
  tokens.gdAdmin = await provinceAdmin(t, '440000');
  tokens.supervisor = await t.tokenFor('supervisor');
  tokens.gdSupervisor = await t.tokenFor('supervisor', { province: '440000' });
  tokens.sysadmin = await t.tokenFor('system-admin');
  tokens.holder = await t.tokenFor('holder');

  shDraft = (await call(t, 'POST', '/plans', tokens.sh, planBody({ name: '上海草案' }))).json().id;
  jointDraft = (
    await call(
      t,
      'POST',
      '/plans',
      tokens.shAdmin,
      planBody({ kind: 'joint', institutionIds: [sh.id, zj.id] }),
    )
  ).json().id;
  const welder = planBody({
    name: '焊工三级 广东',
    occupation: '6-18-02-04',
    level: '3',
    registrationOpens: '2027-05-01',
    registrationCloses: '2027-05-20',
  });
  approved = (await call(t, 'POST', '/plans', tokens.gd, welder)).json().id;
  const sitting = sittingBody(gd, {
    startsAt: '2027-06-01T09:00:00+08:00',
    endsAt: '2027-06-01T17:00:00+08:00',
  });
  assert.equal((await call(t, 'POST', `/plans/${approved}/sittings`, tokens.gd, sitting)).statusCode, 201);
  assert.equal((await call(t, 'POST', `/plans/${approved}/approve`, tokens.gdAdmin)).statusCode, 200);
});
after(async () => {
  await t.close();
});

async function status(who: string | undefined, id: string): Promise<number> {
  return (await call(t, 'GET', `/plans/${id}`, who ? tokens[who] : undefined)).statusCode;
}

describe('plan visibility', () => {
  it('hides a single plan’s draft from all but its scope', async () => {
    const seen = ['sh', 'shAdmin', 'supervisor', 'sysadmin'];
    const hidden = [undefined, 'zj', 'gd', 'zjAdmin', 'gdAdmin', 'gdSupervisor', 'holder'];
    for (const who of seen) assert.equal(await status(who, shDraft), 200, who);
    for (const who of hidden) assert.equal(await status(who, shDraft), 404, who ?? 'anonymous');
  });

  it('shows a joint draft to each participating institution and province', async () => {
    for (const who of ['sh', 'zj', 'shAdmin', 'zjAdmin'])
      assert.equal(await status(who, jointDraft), 200, who);
    for (const who of [undefined, 'gd', 'gdAdmin'])
      assert.equal(await status(who, jointDraft), 404, who ?? 'anon');
  });

  it('shows an approved plan to everyone, with its sittings and the remaining places', async () => {
    const res = await call(t, 'GET', `/plans/${approved}`);
    assert.equal(res.statusCode, 200, res.body);
    const plan = res.json();
    assert.equal(plan.sittings[0].startsAt, '2027-06-01T09:00:00+08:00');
    assert.equal(plan.sittings[0].remaining, 30);
    assert.equal(plan.sittings[0].site.name, '第1考点');
    assert.deepEqual(plan.actions, [], 'the public has no buttons');
    assert.deepEqual(plan.institutions[0].province, '440000');
  });
});

describe('the plan list', () => {
  const ids = async (url: string, who?: string) => {
    const res = await call(t, 'GET', url, who ? tokens[who] : undefined);
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items.map((p: { id: string }) => p.id);
  };

  it('lists approved plans publicly, filtered by occupation, level, province and open date', async () => {
    assert.deepEqual(await ids('/plans'), [approved]);
    assert.deepEqual(await ids('/plans?occupation=6-18-02-04&level=3&province=440000'), [approved]);
    assert.deepEqual(await ids('/plans?province=310000'), []);
    assert.deepEqual(await ids('/plans?openOn=2027-05-10'), [approved]);
    assert.deepEqual(await ids('/plans?openOn=2027-05-21'), []);
    assert.deepEqual(await ids('/plans?status=draft'), [], 'drafts are never public');
    const summary = (await call(t, 'GET', '/plans')).json().items[0];
    assert.equal(summary.sittingCount, 1);
    assert.equal(summary.remaining, 30);
    assert.equal(summary.firstSittingAt, '2027-06-01T09:00:00+08:00');
  });

  it('adds the caller’s own drafts; scope=mine lists only the plans in scope', async () => {
    assert.deepEqual((await ids('/plans', 'sh')).sort(), [approved, shDraft, jointDraft].sort());
    assert.deepEqual((await ids('/plans?scope=mine', 'sh')).sort(), [shDraft, jointDraft].sort());
    assert.deepEqual(await ids('/plans?scope=mine', 'zj'), [jointDraft]);
    assert.deepEqual(await ids('/plans?scope=mine', 'gdAdmin'), [approved]);
    assert.deepEqual((await ids('/plans?scope=mine', 'zjAdmin')).sort(), [jointDraft]);
    assert.deepEqual((await ids('/plans?scope=mine', 'supervisor')).length, 3);
    assert.deepEqual(await ids('/plans?scope=mine'), [], 'nothing is the public’s own');
    assert.deepEqual(await ids('/plans?scope=mine', 'holder'), []);
  });

  it('pages with a keyset cursor', async () => {
    const seen: string[] = [];
    let url = '/plans?scope=mine&limit=1';
    for (;;) {
      const page = (await call(t, 'GET', url, tokens.sysadmin)).json();
      seen.push(...page.items.map((p: { id: string }) => p.id));
      if (!page.next) break;
      url = `/plans?scope=mine&limit=1&cursor=${page.next}`;
    }
    assert.deepEqual(seen.sort(), [approved, shDraft, jointDraft].sort());
    assert.equal((await call(t, 'GET', '/plans?cursor=bogus')).statusCode, 400);
  });
});
