import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { registeredCandidate, theoryPlan } from './attempts.test-helpers.ts';
import { candidate } from './exams.test-helpers.ts';
import { COMMITMENT } from './registration.model.ts';

/** Staffing a sitting through the API (issue 7 §3): the institution assigns, the check reads the ratios. */
let t: TestApp;
let sittingId: string;
let operator: string;
let runningName: string;

before(async () => {
  t = await createTestApp();
  const setup = await theoryPlan(t, {
    startsAt: '2026-12-20T09:00:00+08:00',
    endsAt: '2026-12-20T11:30:00+08:00',
  });
  sittingId = setup.sittingId;
  operator = await t.tokenFor('institution-operator', { institution: setup.institution.id });
  runningName = (
    await t.db
      .selectFrom('institutions')
      .select('name')
      .where('id', '=', setup.institution.id)
      .executeTakeFirstOrThrow()
  ).name;
  await registeredCandidate(t, setup.planId, sittingId);
});
after(async () => {
  await t.close();
});

const assign = (token: string, payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/sittings/${sittingId}/staff`,
    headers: { authorization: `Bearer ${token}` },
    payload,
  });

describe('staffing a sitting', () => {
  it('the institution assigns staff; the check names what is missing and who must recuse', async () => {
    const first = await assign(operator, { role: 'invigilator', name: '李监考', employer: '某供电公司' });
    assert.equal(first.statusCode, 201, first.body);
    assert.equal(first.json().role, 'invigilator');
    const own = await assign(operator, { role: 'invigilator', name: '王监考', employer: runningName });
    assert.equal(own.statusCode, 201, own.body);
    for (const name of ['赵考评', '钱考评', '孙考评'])
      assert.equal((await assign(operator, { role: 'examiner', name, employer: '某学院' })).statusCode, 201);

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/sittings/${sittingId}/staffing`,
      headers: { authorization: `Bearer ${operator}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    const view = res.json();
    assert.equal(view.candidates, 1);
    assert.equal(view.staff.length, 5);
    assert.deepEqual(view.recusals, [{ staffId: own.json().id, reason: 'running-institution' }]);
    const byCode = Object.fromEntries(
      view.checks.map((c: { code: string; status: string }) => [c.code, c.status]),
    );
    assert.equal(byCode.invigilators, 'unmet', 'the recused invigilator does not count');
    assert.equal(byCode.examiners, 'met');
    assert.equal(byCode['examiners-odd'], 'met');
    assert.equal(view.ok, false);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', first.json().id)
      .execute();
    assert.deepEqual(audit, [{ action: 'staff.assign' }]);
  });

  it('another institution’s operator sees no such sitting; bad input is refused', async () => {
    const other = await t.tokenFor('institution-operator', { institution: 'somewhere-else' });
    assert.equal((await assign(other, { role: 'examiner', name: '某', employer: '某' })).statusCode, 404);
    assert.equal(
      (await assign(TEST_ADMIN_TOKEN, { role: 'cook', name: '某', employer: '某' })).statusCode,
      400,
    );
  });
});

describe('recusal for a candidate’s employer (issue 7 §3 回避)', () => {
  it('an examiner employed by a registered candidate’s employer is recused, until that registration is cancelled', async () => {
    const setup = await theoryPlan(t, {
      startsAt: '2026-12-22T09:00:00+08:00',
      endsAt: '2026-12-22T11:30:00+08:00',
    });
    const op = await t.tokenFor('institution-operator', { institution: setup.institution.id });
    const c = await candidate(t, [{ type: 'mem.lv-electrician' }], '蒋十二');
    const register = (employer: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/plans/${setup.planId}/registrations`,
        headers: { authorization: `Bearer ${c.token}` },
        payload: {
          sittingId: setup.sittingId,
          declared: { yearsSinceLevel: 5 },
          commitment: { accepted: true, version: COMMITMENT.version },
          employer,
        },
      });
    assert.equal((await register('某'.repeat(201))).statusCode, 400, 'at most 200 characters');
    const reg = await register('  上海某某建设集团有限公司  ');
    assert.equal(reg.statusCode, 201, reg.body);
    assert.equal(reg.json().employer, '上海某某建设集团有限公司', 'trimmed and returned');

    const staff = async (role: string, name: string, employer: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/sittings/${setup.sittingId}/staff`,
        headers: { authorization: `Bearer ${op}` },
        payload: { role, name, employer },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    // The same employer written with a full-width space: still the candidate's employer.
    const conflicted = await staff('examiner', '韩考评', '上海某某建设集团　有限公司');
    for (const name of ['杨考评', '朱考评', '秦考评']) await staff('examiner', name, '某职业技术学院');
    const staffing = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/sittings/${setup.sittingId}/staffing`,
          headers: { authorization: `Bearer ${op}` },
        })
      ).json();
    const before = await staffing();
    assert.deepEqual(before.recusals, [{ staffId: conflicted, reason: 'candidate-employer' }]);
    assert.equal(before.ok, false);
    const examiners = before.checks.find((k: { code: string }) => k.code === 'examiners');
    assert.equal(examiners.actual, 3, 'the recused examiner does not count');

    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/registrations/${reg.json().id}/cancel`,
      headers: { authorization: `Bearer ${c.token}` },
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.deepEqual((await staffing()).recusals, [], 'only active registrations count');
  });
});
