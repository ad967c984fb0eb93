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
  trail,
} from './plans.test-helpers.ts';

let t: TestApp;
let sh: TestInstitution;
let gd: TestInstitution;
let shOperator: string;
let gdOperator: string;
let shAdmin: string;
let gdAdmin: string;

before(async () => {
  t = await createTestApp({ clock: fixedClock('2026-12-01T02:00:00Z') });
  // Shanghai's filing lapses at the end of April 2027.
  sh = await addInstitution(t, { province: '310000', sites: 2, validUntil: '2027-04-30' });
  gd = await addInstitution(t, { province: '440000' });
  shOperator = await operatorOf(t, sh);
  gdOperator = await operatorOf(t, gd);
  shAdmin = await provinceAdmin(t, '310000');
  gdAdmin = await provinceAdmin(t, '440000');
});
after(async () => {
  await t.close();
});

const codesOf = (body: string) =>
  JSON.parse(body).error.details.map((d: { message: string }) => d.message.split(':')[0]);

async function newPlan(token = shOperator, body: object = planBody()): Promise<string> {
  const res = await call(t, 'POST', '/plans', token, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

describe('sittings (issue 6 §2)', () => {
  it('adds a sitting at a site of the institution, with its staffing, audited', async () => {
    const planId = await newPlan();
    const res = await call(
      t,
      'POST',
      `/plans/${planId}/sittings`,
      shOperator,
      sittingBody(sh, { capacity: 31 }),
    );
    assert.equal(res.statusCode, 201, res.body);
    const s = res.json();
    assert.equal(s.startsAt, '2027-04-10T09:00:00+08:00');
    assert.equal(s.endsAt, '2027-04-10T12:00:00+08:00');
    assert.deepEqual(s.site, {
      id: sh.siteIds[0],
      name: '第1考点',
      address: s.site.address,
      region: '310000',
    });
    assert.deepEqual([s.capacity, s.booked, s.remaining], [31, 0, 31]);
    assert.deepEqual(s.staffing, { invigilators: 3, examiners: 7, reviewPanel: null });
    assert.deepEqual(await trail(t, s.id), { audit: ['sitting.create'], events: ['sitting.created'] });
    // Accepts the same instant written in UTC.
    const utc = sittingBody(sh, { startsAt: '2027-04-11T01:00:00Z', endsAt: '2027-04-11T04:00:00Z' });
    const second = await call(t, 'POST', `/plans/${planId}/sittings`, shOperator, utc);
    assert.equal(second.json().startsAt, '2027-04-11T09:00:00+08:00');
  });

  it('refuses another institution’s site, a lapsed filing, a sitting during registration, or one ending first', async () => {
    const planId = await newPlan();
    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ siteId: gd.siteIds[0] }, ['site-not-of-institution']],
      [{ startsAt: '2027-05-06T09:00:00+08:00', endsAt: '2027-05-06T12:00:00+08:00' }, ['filing-expired']],
      [
        { startsAt: '2027-03-20T09:00:00+08:00', endsAt: '2027-03-20T12:00:00+08:00' },
        ['sitting-before-registration-closes'],
      ],
      [{ endsAt: '2027-04-10T08:00:00+08:00' }, ['ends-before-start']],
    ];
    for (const [change, codes] of cases) {
      const res = await call(t, 'POST', `/plans/${planId}/sittings`, shOperator, sittingBody(sh, change));
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(codesOf(res.body), codes);
    }
    const notInPlan = await call(t, 'POST', `/plans/${planId}/sittings`, shAdmin, sittingBody(gd));
    assert.equal(notInPlan.statusCode, 422, notInPlan.body);
    assert.deepEqual(codesOf(notInPlan.body), ['institution-not-in-plan']);
    const noOffset = sittingBody(sh, { startsAt: '2027-04-10T09:00:00' });
    assert.equal((await call(t, 'POST', `/plans/${planId}/sittings`, shOperator, noOffset)).statusCode, 400);
  });

  it('shares one schedule in a joint plan: each side schedules at its own institution only', async () => {
    const planId = await newPlan(shAdmin, planBody({ kind: 'joint', institutionIds: [sh.id, gd.id] }));
    assert.equal(
      (await call(t, 'POST', `/plans/${planId}/sittings`, gdOperator, sittingBody(gd))).statusCode,
      201,
    );
    const foreign = await call(t, 'POST', `/plans/${planId}/sittings`, gdOperator, sittingBody(sh));
    assert.equal(foreign.statusCode, 403, foreign.body);
    assert.equal(
      (await call(t, 'POST', `/plans/${planId}/sittings`, gdAdmin, sittingBody(gd))).statusCode,
      201,
    );
    assert.equal(
      (await call(t, 'POST', `/plans/${planId}/sittings`, gdAdmin, sittingBody(sh))).statusCode,
      403,
    );
    assert.equal(
      (await call(t, 'POST', `/plans/${planId}/sittings`, shAdmin, sittingBody(gd))).statusCode,
      201,
      'the lead',
    );
    const plan = (await call(t, 'GET', `/plans/${planId}`, shAdmin)).json();
    assert.deepEqual(
      plan.sittings.map((s: { institutionId: string }) => s.institutionId).sort(),
      [gd.id, gd.id, gd.id].sort(),
    );
    assert.equal(plan.institutions.find((i: { id: string }) => i.id === sh.id).sites.length, 2);
  });

  it('keeps capacity at or above the places booked, and times and the sitting itself while any are booked', async () => {
    const planId = await newPlan();
    const s = (await call(t, 'POST', `/plans/${planId}/sittings`, shOperator, sittingBody(sh))).json();
    await t.db.updateTable('exam_sittings').set({ booked: 5 }).where('id', '=', s.id).execute();
    const url = `/plans/${planId}/sittings/${s.id}`;
    const below = await call(t, 'PATCH', url, shOperator, { capacity: 4 });
    assert.equal(below.statusCode, 409, below.body);
    assert.deepEqual(codesOf(below.body), ['capacity-below-booked']);
    const raised = await call(t, 'PATCH', url, shOperator, { capacity: 40 });
    assert.equal(raised.statusCode, 200, raised.body);
    assert.deepEqual([raised.json().capacity, raised.json().remaining], [40, 35]);
    const moved = await call(t, 'PATCH', url, shOperator, { startsAt: '2027-04-10T10:00:00+08:00' });
    assert.deepEqual(codesOf(moved.body), ['sitting-has-bookings']);
    assert.equal((await call(t, 'DELETE', url, shOperator)).statusCode, 409);

    await t.db.updateTable('exam_sittings').set({ booked: 0 }).where('id', '=', s.id).execute();
    const now = await call(t, 'PATCH', url, shOperator, {
      startsAt: '2027-04-12T09:00:00+08:00',
      endsAt: '2027-04-12T11:00:00+08:00',
    });
    assert.equal(now.statusCode, 200, now.body);
    assert.equal(now.json().startsAt, '2027-04-12T09:00:00+08:00');
    const late = await call(t, 'PATCH', url, shOperator, {
      startsAt: '2027-05-12T09:00:00+08:00',
      endsAt: '2027-05-12T11:00:00+08:00',
    });
    assert.deepEqual(codesOf(late.body), ['filing-expired'], 'a move is checked like a new sitting');
    assert.equal((await call(t, 'DELETE', url, gdOperator)).statusCode, 404, 'a draft of another scope');
    assert.equal((await call(t, 'DELETE', url, shOperator)).statusCode, 204);
    assert.equal((await call(t, 'DELETE', url, shOperator)).statusCode, 404);
    assert.deepEqual(await trail(t, s.id), {
      audit: ['sitting.create', 'sitting.update', 'sitting.update', 'sitting.remove'],
      events: ['sitting.created', 'sitting.updated', 'sitting.updated', 'sitting.removed'],
    });
  });

  it('changes no sitting of a closed or cancelled plan', async () => {
    const planId = await newPlan();
    await call(t, 'POST', `/plans/${planId}/cancel`, shOperator, { reason: '取消 test' });
    const res = await call(t, 'POST', `/plans/${planId}/sittings`, shOperator, sittingBody(sh));
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().error.code, 'invalid_transition');
  });
});
