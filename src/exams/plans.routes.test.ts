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
let sh: TestInstitution; // Shanghai, filed for 电工 levels 5 and 4
let gd: TestInstitution; // Guangdong, filed for 电工 levels 5 and 4
let shOperator: string;
let shAdmin: string;
let gdAdmin: string;

before(async () => {
  t = await createTestApp({ clock: fixedClock('2026-12-01T02:00:00Z') });
  sh = await addInstitution(t, { province: '310000' });
  gd = await addInstitution(t, { province: '440000' });
  shOperator = await operatorOf(t, sh);
  shAdmin = await provinceAdmin(t, '310000');
  gdAdmin = await provinceAdmin(t, '440000');
});
after(async () => {
  await t.close();
});

const codesOf = (body: string) =>
  JSON.parse(body).error.details.map(
    (d: { path: string; message: string }) => `${d.path} ${d.message.split(':')[0]}`,
  );

describe('creating a single plan (issue 6 §2)', () => {
  it('publishes the standard a plan’s subjects start from', async () => {
    const res = await call(t, 'GET', '/exam-standards/6-31-01-03/2');
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res
        .json()
        .subjects.map((s: { kind: string; durationMinutes: number }) => `${s.kind}:${s.durationMinutes}`),
      ['theory:90', 'skills:90', 'review:30'],
    );
    assert.deepEqual(res.json().bounds, { maxDurationMinutes: 480, maxPassMark: 90 });
    assert.equal((await call(t, 'GET', '/exam-standards/9-99-99-99/2')).statusCode, 404);
  });

  it('lets an institution operator plan its filed occupation × level, subjects from the standard, audited', async () => {
    const res = await call(t, 'POST', '/plans', shOperator, planBody());
    assert.equal(res.statusCode, 201, res.body);
    const plan = res.json();
    assert.match(plan.code, /^RD-310000-2027-\d{4}$/);
    assert.equal(plan.status, 'draft');
    assert.equal(plan.leadProvince, '310000');
    assert.deepEqual(
      plan.subjects.map(
        (s: { kind: string; durationMinutes: number; passMark: number }) =>
          `${s.kind}:${s.durationMinutes}:${s.passMark}`,
      ),
      ['theory:90:60', 'skills:90:60'],
    );
    assert.deepEqual(
      plan.institutions.map((i: { id: string; province: string }) => `${i.id}:${i.province}`),
      [`${sh.id}:310000`],
    );
    assert.deepEqual(plan.actions, ['update', 'cancel', 'manage-sittings']);
    assert.deepEqual(await trail(t, plan.id), { audit: ['plan.create'], events: ['plan.created'] });
    const next = await call(
      t,
      'POST',
      '/plans',
      shOperator,
      planBody({ subjects: [{ kind: 'theory', durationMinutes: 120 }] }),
    );
    assert.equal(next.statusCode, 201, next.body);
    assert.equal(
      Number(next.json().code.slice(-4)),
      Number(plan.code.slice(-4)) + 1,
      'the sequence counts on',
    );
    assert.equal(next.json().subjects[0].durationMinutes, 120);
  });

  it('numbers concurrent plans of one province and year without a collision', async () => {
    const made = await Promise.all(
      Array.from({ length: 6 }, () =>
        call(
          t,
          'POST',
          '/plans',
          shOperator,
          planBody({ registrationOpens: '2028-03-01', registrationCloses: '2028-03-31' }),
        ),
      ),
    );
    for (const r of made) assert.equal(r.statusCode, 201, r.body);
    const codes = made.map((r) => r.json().code as string).sort();
    assert.deepEqual(
      codes,
      [1, 2, 3, 4, 5, 6].map((n) => `RD-310000-2028-000${n}`),
    );
  });

  it('refuses a plan outside the filed scope, after the filing lapsed, or while suspended, naming the institution', async () => {
    const lapsing = await addInstitution(t, { validUntil: '2027-03-15' });
    const suspended = await addInstitution(t, { status: 'suspended' });
    const cases: Array<[TestInstitution, Record<string, unknown>, string]> = [
      [sh, { level: '3' }, 'outside-filed-scope'],
      [lapsing, {}, 'filing-expired'],
      [suspended, {}, 'institution-suspended'],
    ];
    for (const [inst, body, code] of cases) {
      const res = await call(t, 'POST', '/plans', await operatorOf(t, inst), planBody(body));
      assert.equal(res.statusCode, 422, res.body);
      assert.equal(res.json().error.code, 'rule_violation');
      assert.deepEqual(codesOf(res.body), [`institutions.${inst.id} ${code}`]);
      assert.match(res.json().error.details[0].message, new RegExp(inst.name));
    }
  });

  it('keeps operators to their own institution and checks the occupation and subjects', async () => {
    const other = await call(t, 'POST', '/plans', shOperator, planBody({ institutionIds: [gd.id] }));
    assert.equal(other.statusCode, 403, other.body);
    const unknown = await call(t, 'POST', '/plans', shOperator, planBody({ occupation: '9-99-99-99' }));
    assert.equal(unknown.statusCode, 400, unknown.body);
    const short = await call(
      t,
      'POST',
      '/plans',
      shOperator,
      planBody({ subjects: [{ kind: 'skills', durationMinutes: 30 }] }),
    );
    assert.equal(short.statusCode, 422, short.body);
    assert.deepEqual(codesOf(short.body), ['body.subjects.0.durationMinutes duration-below-standard']);
    const window = await call(
      t,
      'POST',
      '/plans',
      shOperator,
      planBody({ registrationCloses: '2027-02-01' }),
    );
    assert.equal(window.statusCode, 400, window.body);
  });
});

describe('joint plans (统考联考)', () => {
  it('lets a province admin lead a plan across provinces; each institution carries its province', async () => {
    const res = await call(
      t,
      'POST',
      '/plans',
      shAdmin,
      planBody({ kind: 'joint', institutionIds: [sh.id, gd.id] }),
    );
    assert.equal(res.statusCode, 201, res.body);
    const plan = res.json();
    assert.equal(plan.kind, 'joint');
    assert.equal(plan.leadProvince, '310000');
    assert.deepEqual(plan.institutions.map((i: { province: string }) => i.province).sort(), [
      '310000',
      '440000',
    ]);
    const rows = await t.db
      .selectFrom('exam_plan_institutions')
      .selectAll()
      .where('plan_id', '=', plan.id)
      .execute();
    assert.deepEqual(
      rows.map((r) => `${r.institution_id}:${r.province}`).sort(),
      [`${sh.id}:310000`, `${gd.id}:440000`].sort(),
    );
  });

  it('refuses when one institution is not filed for the level, and only the lead province leads', async () => {
    const fives = await addInstitution(t, { province: '440000', scopes: [['6-31-01-03', '5']] });
    const res = await call(
      t,
      'POST',
      '/plans',
      shAdmin,
      planBody({ kind: 'joint', institutionIds: [sh.id, fives.id] }),
    );
    assert.equal(res.statusCode, 422, res.body);
    assert.deepEqual(codesOf(res.body), [`institutions.${fives.id} outside-filed-scope`]);
    const foreignLead = planBody({ kind: 'joint', institutionIds: [sh.id, gd.id], leadProvince: '440000' });
    assert.equal((await call(t, 'POST', '/plans', shAdmin, foreignLead)).statusCode, 403);
    const byOperator = planBody({ kind: 'joint', institutionIds: [sh.id, gd.id] });
    assert.equal((await call(t, 'POST', '/plans', shOperator, byOperator)).statusCode, 403);
  });
});

describe('updating, approving, cancelling and closing', () => {
  it('updates a draft with the version read; a stale version is a 409', async () => {
    const plan = (await call(t, 'POST', '/plans', shOperator, planBody())).json();
    const res = await call(t, 'PATCH', `/plans/${plan.id}`, shOperator, {
      version: 1,
      name: '电工四级 改名',
      registrationCloses: '2027-04-05',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().version, 2);
    assert.equal(res.json().registrationCloses, '2027-04-05');
    const stale = await call(t, 'PATCH', `/plans/${plan.id}`, shOperator, { version: 1, name: '再改' });
    assert.equal(stale.statusCode, 409, stale.body);
    const gdOperator = await operatorOf(t, gd);
    assert.equal(
      (await call(t, 'PATCH', `/plans/${plan.id}`, gdOperator, { version: 2, name: 'xx' })).statusCode,
      404,
    );
    assert.deepEqual((await trail(t, plan.id)).audit, ['plan.create', 'plan.update']);
  });

  it('approves by the province admin of the institution’s province only, re-checking every filing', async () => {
    const inst = await addInstitution(t, { province: '310000' });
    const op = await operatorOf(t, inst);
    const plan = (await call(t, 'POST', '/plans', op, planBody())).json();
    const empty = await call(t, 'POST', `/plans/${plan.id}/approve`, shAdmin);
    assert.equal(empty.statusCode, 422, empty.body);
    assert.deepEqual(codesOf(empty.body), [`institutions.${inst.id} no-sittings`]);
    assert.equal(
      (await call(t, 'POST', `/plans/${plan.id}/sittings`, op, sittingBody(inst))).statusCode,
      201,
    );
    assert.equal(
      (await call(t, 'POST', `/plans/${plan.id}/approve`, op)).statusCode,
      403,
      'not the operator',
    );
    assert.equal(
      (await call(t, 'POST', `/plans/${plan.id}/approve`, gdAdmin)).statusCode,
      404,
      'another province',
    );
    // The filing is suspended after the plan was drafted: approval sees it.
    await t.db.updateTable('institutions').set({ status: 'suspended' }).where('id', '=', inst.id).execute();
    const suspended = await call(t, 'POST', `/plans/${plan.id}/approve`, shAdmin);
    assert.deepEqual(codesOf(suspended.body), [`institutions.${inst.id} institution-suspended`]);
    await t.db.updateTable('institutions').set({ status: 'active' }).where('id', '=', inst.id).execute();
    const ok = await call(t, 'POST', `/plans/${plan.id}/approve`, shAdmin);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().status, 'approved');
    assert.ok(ok.json().approvedAt);
    assert.equal((await call(t, 'POST', `/plans/${plan.id}/approve`, shAdmin)).statusCode, 409);
    assert.equal(
      (await call(t, 'PATCH', `/plans/${plan.id}`, op, { version: 2, name: 'xx' })).statusCode,
      409,
    );
    const events = (await trail(t, plan.id)).events;
    assert.deepEqual(events, ['plan.created', 'plan.approved']);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('target_id', '=', plan.id)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['plan.create', 'plan.approve'],
    );
  });

  it('approves a joint plan by the lead province, once every institution has a sitting', async () => {
    const plan = (
      await call(t, 'POST', '/plans', shAdmin, planBody({ kind: 'joint', institutionIds: [sh.id, gd.id] }))
    ).json();
    assert.equal(
      (await call(t, 'POST', `/plans/${plan.id}/sittings`, shAdmin, sittingBody(sh))).statusCode,
      201,
    );
    const half = await call(t, 'POST', `/plans/${plan.id}/approve`, shAdmin);
    assert.deepEqual(codesOf(half.body), [`institutions.${gd.id} no-sittings`]);
    // Guangdong's admin schedules its own institution's sitting in the shared schedule, but does not approve.
    assert.equal(
      (await call(t, 'POST', `/plans/${plan.id}/sittings`, gdAdmin, sittingBody(gd))).statusCode,
      201,
    );
    assert.equal((await call(t, 'POST', `/plans/${plan.id}/approve`, gdAdmin)).statusCode, 403);
    assert.equal((await call(t, 'POST', `/plans/${plan.id}/approve`, shAdmin)).statusCode, 200);
  });

  it('cancels a draft with a reason, closes an approved plan, and never moves a final one', async () => {
    const draft = (await call(t, 'POST', '/plans', shOperator, planBody())).json();
    const cancelled = await call(t, 'POST', `/plans/${draft.id}/cancel`, shOperator, {
      reason: '场地调整 venue change',
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json().status, 'cancelled');
    assert.equal(
      (await call(t, 'POST', `/plans/${draft.id}/cancel`, shOperator, { reason: '再次' })).statusCode,
      409,
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('target_id', '=', draft.id)
      .where('action', '=', 'plan.cancel')
      .executeTakeFirstOrThrow();
    assert.equal((audit.after as { reason: string }).reason, '场地调整 venue change');

    const plan = (await call(t, 'POST', '/plans', shOperator, planBody())).json();
    await call(t, 'POST', `/plans/${plan.id}/sittings`, shOperator, sittingBody(sh));
    assert.equal((await call(t, 'POST', `/plans/${plan.id}/approve`, shAdmin)).statusCode, 200);
    assert.equal(
      (await call(t, 'POST', `/plans/${plan.id}/close`, shOperator)).statusCode,
      403,
      'the approving side closes',
    );
    const closed = await call(t, 'POST', `/plans/${plan.id}/close`, shAdmin);
    assert.equal(closed.json().status, 'closed');
    assert.equal(
      (await call(t, 'POST', `/plans/${plan.id}/cancel`, shAdmin, { reason: '太晚' })).statusCode,
      409,
    );
    assert.deepEqual((await trail(t, plan.id)).events, ['plan.created', 'plan.approved', 'plan.closed']);
  });
});
