import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { institution, plan, sitting } from '../exams/exams.test-helpers.ts';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import type { Activity, LiveScope } from './live.model.ts';
import { isEventInScope } from './live.rules.ts';
import { findRecentEvents, readEvents } from './live.store.ts';
import { addAttempt, addRegistration, addResult, addWarning, writeEvent } from './live.test-helpers.ts';

/**
 * The activity snapshot through app.inject (issue 8 §1): counts by hand, scope narrowing, validation; and the SQL
 * scope filter against the pure one. The clock is 10:00 China time on 2026-12-01.
 */
let t: TestApp;
const tokens = { national: '', sh: '', zj: '', operator: '' };
const plans = { sh: '', joint: '' };
const sittings = { shNow: '', zjLater: '', shJoint: '' };

before(async () => {
  t = await createTestApp({ clock: fixedClock('2026-12-01T02:00:00Z') });
  tokens.national = await t.tokenFor('supervisor');
  tokens.sh = await t.tokenFor('supervisor', { province: '310000' });
  tokens.zj = await t.tokenFor('supervisor', { province: '330000' });
  tokens.operator = await t.tokenFor('institution-operator', { institution: 'x' });
  const scopes: [string, string][] = [['6-31-01-03', '4']];
  const sh = await institution(t, { province: '310000', scopes });
  const zj = await institution(t, { province: '330000', scopes });
  plans.sh = await plan(t, { level: '4', institutions: [{ id: sh.id, province: '310000' }] });
  plans.joint = await plan(t, {
    level: '4',
    institutions: [
      { id: zj.id, province: '330000' },
      { id: sh.id, province: '310000' },
    ],
  });
  // Not in progress: a draft and a closed plan of Shanghai.
  for (const status of ['draft', 'closed'])
    await plan(t, { level: '4', status, institutions: [{ id: sh.id, province: '310000' }] });
  const at = (day: string, from: string, to: string) => ({
    startsAt: `${day}T${from}:00+08:00`,
    endsAt: `${day}T${to}:00+08:00`,
    capacity: 30,
  });
  sittings.shNow = await sitting(t, {
    planId: plans.sh,
    institution: sh,
    ...at('2026-12-01', '09:00', '11:00'),
  });
  await sitting(t, { planId: plans.sh, institution: sh, ...at('2026-12-02', '09:00', '11:00') });
  sittings.zjLater = await sitting(t, {
    planId: plans.joint,
    institution: zj,
    ...at('2026-12-01', '14:00', '16:00'),
  });
  sittings.shJoint = await sitting(t, {
    planId: plans.joint,
    institution: sh,
    ...at('2026-11-30', '09:00', '10:00'),
  });

  // Shanghai plan: three registrations (one cancelled), two attempts (one submitted), two results (one
  // published, one issued).
  const shOf = { planId: plans.sh, sittingId: sittings.shNow, institutionId: sh.id, province: '310000' };
  const [r1, r2] = [await addRegistration(t, shOf), await addRegistration(t, shOf)];
  await addRegistration(t, { ...shOf, cancelled: true });
  await addAttempt(t, r1, plans.sh, true);
  await addAttempt(t, r2, plans.sh, false);
  await addResult(t, r1, plans.sh, { issued: true });
  await addResult(t, r2, plans.sh);
  // Joint plan: one Shanghai candidate, two Zhejiang ones (one submitted).
  await addRegistration(t, { ...shOf, planId: plans.joint, sittingId: sittings.shJoint });
  const zjOf = { planId: plans.joint, sittingId: sittings.zjLater, institutionId: zj.id, province: '330000' };
  const z1 = await addRegistration(t, zjOf);
  await addRegistration(t, zjOf);
  await addAttempt(t, z1, plans.joint, true);

  await addWarning(t, { province: '310000' });
  await addWarning(t, { province: '310000', status: 'closed' });
  await addWarning(t, { province: '330000', status: 'answered' });
});
after(async () => {
  await t.close();
});

const get = (url: string, token?: string, headers: Record<string, string> = {}) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1${url}`,
    headers: { ...(token && { authorization: `Bearer ${token}` }), ...headers },
  });

async function activity(token: string, query = ''): Promise<Activity> {
  const res = await get(`/supervision/activity${query}`, token);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Activity;
}

const countsOf = (a: Activity, id: string) => a.plans.find((p) => p.id === id)?.counts;

describe('GET /supervision/activity', () => {
  it('counts each plan in progress (hand-computed), with today’s sittings and open warnings', async () => {
    const a = await activity(tokens.national);
    assert.deepEqual(
      a.plans.map((p) => p.id).sort(),
      [plans.sh, plans.joint].sort(),
      'no draft or closed plan',
    );
    assert.deepEqual(countsOf(a, plans.sh), {
      registered: 2,
      sittings: 2,
      attemptsStarted: 2,
      attemptsSubmitted: 1,
      resultsComputed: 2,
      resultsPublished: 1,
      certificatesIssued: 1,
    });
    assert.deepEqual(countsOf(a, plans.joint), {
      registered: 3,
      sittings: 2,
      attemptsStarted: 1,
      attemptsSubmitted: 1,
      resultsComputed: 0,
      resultsPublished: 0,
      certificatesIssued: 0,
    });
    // Today in China: the running Shanghai sitting and the afternoon one in Zhejiang; not yesterday's, not tomorrow's.
    assert.deepEqual(
      a.sittings.map((s) => [s.id, s.phase, s.registered, s.started, s.submitted]),
      [
        [sittings.shNow, 'in-progress', 2, 2, 1],
        [sittings.zjLater, 'upcoming', 2, 1, 1],
      ],
    );
    assert.equal(a.openWarnings, 2);
    // Issue 15 item 6: the first sitting's start and the last's end, from which the page tells 进行中 from 已结束.
    const spanOf = (x: Activity, id: string) =>
      x.plans
        .filter((p) => p.id === id)
        .map((p) => [p.firstSittingStartsAt, p.lastSittingEndsAt])
        .at(0);
    assert.deepEqual(spanOf(a, plans.sh), ['2026-12-01T01:00:00.000Z', '2026-12-02T03:00:00.000Z']);
    assert.deepEqual(spanOf(a, plans.joint), ['2026-11-30T01:00:00.000Z', '2026-12-01T08:00:00.000Z']);
    // In the Shanghai supervisor's scope, only the joint plan's Shanghai sitting counts.
    assert.deepEqual(spanOf(await activity(tokens.sh), plans.joint), [
      '2026-11-30T01:00:00.000Z',
      '2026-11-30T02:00:00.000Z',
    ]);
  });

  it('narrows a provincial supervisor to their province, counting only its part of a joint plan', async () => {
    const sh = await activity(tokens.sh);
    assert.deepEqual(sh.scope, { province: '310000', institution: null, occupation: null });
    assert.equal(countsOf(sh, plans.joint)?.registered, 1);
    assert.equal(countsOf(sh, plans.joint)?.sittings, 1);
    assert.deepEqual(
      sh.sittings.map((s) => s.id),
      [sittings.shNow],
    );
    assert.equal(sh.openWarnings, 1);
    assert.deepEqual(await activity(tokens.sh, '?province=310000'), sh);

    const zj = await activity(tokens.zj);
    assert.deepEqual(
      zj.plans.map((p) => p.id),
      [plans.joint],
    );
    assert.equal(countsOf(zj, plans.joint)?.attemptsSubmitted, 1);

    const refused = await get('/supervision/activity?province=330000', tokens.sh);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'forbidden');
    // A national supervisor filters freely; an occupation without plans lists none.
    assert.equal((await activity(tokens.national, '?province=330000')).openWarnings, 1);
    assert.deepEqual((await activity(tokens.national, '?occupation=6-18-02-04')).plans, []);
  });

  it('is for supervisors and system admins only', async () => {
    assert.equal((await get('/supervision/activity')).statusCode, 401);
    assert.equal((await get('/supervision/activity', tokens.operator)).statusCode, 403);
    assert.equal((await get('/supervision/activity', TEST_ADMIN_TOKEN)).statusCode, 200);
    assert.equal((await get('/supervision/live?province=330000', tokens.sh)).statusCode, 403);
  });

  const invalid: Array<[string, string, Record<string, string>, string]> = [
    ['/supervision/activity?province=31', 'querystring.province', {}, 'short province'],
    ['/supervision/activity?institution=abc', 'querystring.institution', {}, 'institution not a uuid'],
    ['/supervision/activity?occupation=electrician', 'querystring.occupation', {}, 'occupation not a code'],
    ['/supervision/activity?since=1', 'querystring', {}, 'unknown parameter'],
    ['/supervision/live?after=-1', 'querystring.after', {}, 'negative cursor'],
    ['/supervision/live?province=3100000', 'querystring.province', {}, 'long province'],
    ['/supervision/live', 'headers.last-event-id', { 'last-event-id': 'abc' }, 'bad Last-Event-ID'],
  ];
  for (const [url, path, headers, name] of invalid)
    it(`400 names the field: ${name}`, async () => {
      const res = await get(url, tokens.national, headers);
      assert.equal(res.statusCode, 400, res.body);
      const details = res.json().error.details as Array<{ path: string }>;
      assert.ok(
        details.some((d) => d.path.startsWith(path)),
        JSON.stringify(details),
      );
    });
});

describe('the SQL scope filter', () => {
  it('agrees with isEventInScope on every scope', async () => {
    const ids = { sh: plans.sh, joint: plans.joint };
    const zjInst = (
      await t.db.selectFrom('institutions').select('id').where('province', '=', '330000').execute()
    )[0];
    const shInst = (
      await t.db.selectFrom('institutions').select('id').where('province', '=', '310000').execute()
    )[0];
    assert.ok(zjInst && shInst);
    const sittingAt = (inst: string, province: string, planId: string, n: number) =>
      writeEvent(t, {
        kind: 'sitting.updated',
        institutionId: inst,
        planId,
        province,
        subjectType: 'sitting',
        subjectId: `scope-${n}`,
      });
    await sittingAt(shInst.id, '310000', ids.sh, 1);
    await sittingAt(zjInst.id, '330000', ids.joint, 2);
    await sittingAt(shInst.id, '310000', ids.joint, 3);
    const planEvent = { planId: ids.joint, subjectType: 'plan' as const, subjectId: ids.joint };
    await writeEvent(t, { ...planEvent, kind: 'plan.approved', province: '330000' });
    await writeEvent(t, { ...planEvent, kind: 'results.computed' });
    await writeEvent(t, {
      kind: 'paper.locked',
      planId: ids.sh,
      province: '310000',
      subjectType: 'paper',
      subjectId: 'p',
    });
    await writeEvent(t, {
      kind: 'institution.renewed',
      institutionId: zjInst.id,
      province: '330000',
      subjectType: 'institution',
      subjectId: zjInst.id,
    });
    const all = await readEvents(t.db, 0, [], 1000);
    const scopes: LiveScope[] = [];
    for (const province of [null, '310000', '330000', '440000'])
      for (const institution of [null, shInst.id, zjInst.id])
        for (const occupation of [null, '6-31-01-03', '6-18-02-04'])
          scopes.push({ province, institution, occupation });
    for (const scope of scopes) {
      const bySql = (await findRecentEvents(t.db, scope, 1000)).map((e) => e.id).reverse();
      const byRule = all.filter((e) => isEventInScope(scope, e)).map((e) => e.id);
      assert.deepEqual(bySql, byRule, JSON.stringify(scope));
    }
    const sh = { province: '310000', institution: null, occupation: null };
    assert.deepEqual(
      all.filter((e) => isEventInScope(sh, e)).map((e) => e.subjectId),
      ['scope-1', 'scope-3', ids.joint, ids.joint, 'p'],
    );
  });
});
