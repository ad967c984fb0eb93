import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { registeredCandidate, theoryPlan } from './attempts.test-helpers.ts';

/**
 * Examiners' sheets read back (issue 7 §4): the institution that enters them sees them as entered (so its form
 * starts from them), supervisors in scope read them, everyone else is told there is no such registration.
 */
let t: TestApp;
let registrationId: string;
let operator: string;
const examiners: string[] = [];

before(async () => {
  t = await createTestApp();
  const setup = await theoryPlan(t, {
    startsAt: '2026-12-23T09:00:00+08:00',
    endsAt: '2026-12-23T11:30:00+08:00',
  });
  operator = await t.tokenFor('institution-operator', { institution: setup.institution.id });
  registrationId = (await registeredCandidate(t, setup.planId, setup.sittingId, '沈十三')).registrationId;
  for (const name of ['考评员甲', '考评员乙']) {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/sittings/${setup.sittingId}/staff`,
      headers: { authorization: `Bearer ${operator}` },
      payload: { role: 'examiner', name, employer: '某职业技术学院' },
    });
    assert.equal(res.statusCode, 201, res.body);
    examiners.push(res.json().id);
  }
});
after(async () => {
  await t.close();
});

const sheets = (token: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/registrations/${registrationId}/practical-scores`,
    headers: { authorization: `Bearer ${token}` },
  });
const enter = (staffId: string, points: number[], reason?: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/registrations/${registrationId}/practical-scores`,
    headers: { authorization: `Bearer ${operator}` },
    payload: {
      staffId,
      subject: 'skills',
      criteria: points.map((p, i) => ({ criterion: `评分项${i + 1}`, points: p })),
      ...(reason && { reason }),
    },
  });

describe('reading examiners’ sheets', () => {
  it('returns each sheet as entered, criteria and total, and the change made with its reason', async () => {
    const empty = await sheets(operator);
    assert.equal(empty.statusCode, 200, empty.body);
    assert.deepEqual(empty.json(), { registrationId, closed: false, sheets: [] });

    const [first = '', second = ''] = examiners;
    assert.equal((await enter(first, [30, 40])).statusCode, 200);
    assert.equal((await enter(second, [35, 36])).statusCode, 200);
    assert.equal((await enter(first, [32, 40], '复核后更正 corrected on review')).statusCode, 200);

    const res = await sheets(operator);
    assert.equal(res.statusCode, 200, res.body);
    const view = res.json();
    assert.equal(view.closed, false);
    assert.deepEqual(
      view.sheets.map((s: { staffId: string; staffName: string; subject: string; total: number }) => [
        s.staffId,
        s.staffName,
        s.subject,
        s.total,
      ]),
      [
        [first, '考评员甲', 'skills', 72],
        [second, '考评员乙', 'skills', 71],
      ],
    );
    assert.deepEqual(view.sheets[0].criteria, [
      { criterion: '评分项1', points: 32 },
      { criterion: '评分项2', points: 40 },
    ]);
    assert.ok(!Number.isNaN(Date.parse(view.sheets[0].scoredAt)));
  });

  it('supervisors of the province and national ones read them; others in the wrong scope get 404', async () => {
    const readers = [
      TEST_ADMIN_TOKEN,
      await t.tokenFor('supervisor', { province: '310000' }),
      await t.tokenFor('supervisor'),
    ];
    for (const token of readers) assert.equal((await sheets(token)).statusCode, 200);
    const hidden = [
      await t.tokenFor('supervisor', { province: '440000' }),
      await t.tokenFor('institution-operator', { institution: 'another-institution' }),
    ];
    for (const token of hidden) assert.equal((await sheets(token)).statusCode, 404);
    // Province admins run results but do not mark: the route is not theirs.
    assert.equal((await sheets(await t.tokenFor('province-admin', { province: '310000' }))).statusCode, 403);
  });

  it('says the sheets are closed once the certificate is issued', async () => {
    await t.db
      .insertInto('exam_results')
      .values({
        registration_id: registrationId,
        plan_id: (
          await t.db
            .selectFrom('exam_registrations')
            .select('plan_id')
            .where('id', '=', registrationId)
            .executeTakeFirstOrThrow()
        ).plan_id,
        scores: '[]',
        passed: true,
        flags: '[]',
        status: 'issued',
        updated_at: new Date(),
      })
      .execute();
    assert.equal((await sheets(operator)).json().closed, true);
    assert.equal((await enter(examiners[0] ?? '', [1], '再改 again')).statusCode, 409);
  });
});
