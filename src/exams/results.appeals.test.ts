import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { registeredCandidate, theoryPlan } from './attempts.test-helpers.ts';

/**
 * Appeals (issue 7 §5): a candidate appeals a published result; the institution upholds it (the result is decided
 * again from the sheets as corrected) or rejects it (the published result stands), with its reason audited.
 */
let t: TestApp;
let planId: string;
let operator: string;
const examiners: string[] = [];
const candidates: Record<'upheld' | 'rejected', { id: string; token: string }> = {
  upheld: { id: '', token: '' },
  rejected: { id: '', token: '' },
};

const call = (method: 'GET' | 'POST', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: { authorization: `Bearer ${token}` }, payload });
const sheet = (registrationId: string, staffId: string, points: number, reason?: string) =>
  call('POST', `/registrations/${registrationId}/practical-scores`, operator, {
    staffId,
    subject: 'skills',
    criteria: [{ criterion: '接线', points }],
    ...(reason && { reason }),
  });

before(async () => {
  t = await createTestApp();
  const setup = await theoryPlan(t, {
    startsAt: '2026-12-24T09:00:00+08:00',
    endsAt: '2026-12-24T11:30:00+08:00',
  });
  planId = setup.planId;
  // Skills only: the test is about the sheets, not the theory attempt.
  await t.db
    .updateTable('exam_plans')
    .set({ subjects: JSON.stringify([{ kind: 'skills', durationMinutes: 90, passMark: 60, fullMark: 100 }]) })
    .where('id', '=', planId)
    .execute();
  operator = await t.tokenFor('institution-operator', { institution: setup.institution.id });
  for (const name of ['考评员甲', '考评员乙', '考评员丙']) {
    const res = await call('POST', `/sittings/${setup.sittingId}/staff`, operator, {
      role: 'examiner',
      name,
      employer: '某职业技术学院',
    });
    assert.equal(res.statusCode, 201, res.body);
    examiners.push(res.json().id);
  }
  for (const [outcome, name] of [
    ['upheld', '许十四'],
    ['rejected', '何十五'],
  ] as const) {
    const c = await registeredCandidate(t, planId, setup.sittingId, name);
    candidates[outcome] = { id: c.registrationId, token: c.token };
    for (const staffId of examiners)
      assert.equal((await sheet(c.registrationId, staffId, 55)).statusCode, 200);
  }
  assert.equal((await call('POST', `/plans/${planId}/results/compute`, operator)).statusCode, 200);
  const published = await call('POST', `/plans/${planId}/results/publish`, operator, {
    publicityDays: 5,
    appealDays: 10,
  });
  assert.equal(published.statusCode, 200, published.body);
});
after(async () => {
  await t.close();
});

const resultOf = async (registrationId: string) => {
  const res = await call('GET', `/plans/${planId}/results`, operator);
  return res.json().items.find((r: { registrationId: string }) => r.registrationId === registrationId);
};

describe('appeals', () => {
  it('lists the candidate’s reason; upheld decides again from the corrected sheets, rejected keeps the result', async () => {
    for (const c of Object.values(candidates)) {
      const appealed = await call('POST', `/registrations/${c.id}/appeal`, c.token, {
        reason: '操作技能评分有误 the skills score is wrong',
      });
      assert.equal(appealed.statusCode, 200, appealed.body);
    }
    const listed = await resultOf(candidates.upheld.id);
    assert.equal(listed.status, 'appealed');
    assert.equal(listed.appeal.reason, '操作技能评分有误 the skills score is wrong');
    assert.equal(listed.appeal.outcome, null);

    // On review each candidate's first sheet is corrected from 55 to 85 (mean 65: a pass if decided again).
    for (const c of Object.values(candidates))
      assert.equal(
        (await sheet(c.id, examiners[0] ?? '', 85, '复核后更正 corrected on review')).statusCode,
        200,
      );

    const noOutcome = await call('POST', `/registrations/${candidates.upheld.id}/appeal/resolve`, operator, {
      resolution: '复核 reviewed',
    });
    assert.equal(noOutcome.statusCode, 400, 'the outcome is required');

    const upheld = await call('POST', `/registrations/${candidates.upheld.id}/appeal/resolve`, operator, {
      outcome: 'upheld',
      resolution: '复核属实，更正评分 the review found the error',
    });
    assert.equal(upheld.statusCode, 200, upheld.body);
    assert.deepEqual(upheld.json(), {
      registrationId: candidates.upheld.id,
      status: 'final',
      outcome: 'upheld',
      passed: true,
    });
    const after = await resultOf(candidates.upheld.id);
    assert.equal(after.status, 'final');
    assert.equal(after.passed, true);
    assert.equal(after.scores[0].score, 65);
    assert.deepEqual(
      [after.appeal.outcome, after.appeal.resolution],
      ['upheld', '复核属实，更正评分 the review found the error'],
    );

    const rejected = await call('POST', `/registrations/${candidates.rejected.id}/appeal/resolve`, operator, {
      outcome: 'rejected',
      resolution: '评分无误 the marking stands',
    });
    assert.equal(rejected.statusCode, 200, rejected.body);
    const kept = await resultOf(candidates.rejected.id);
    assert.deepEqual([kept.status, kept.passed, kept.scores[0].score], ['final', false, 55]);

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['target_id', 'after'])
      .where('action', '=', 'results.appeal-resolve')
      .execute();
    assert.deepEqual(
      audit.map((a) => [a.target_id, (a.after as { outcome: string }).outcome]).sort(),
      [
        [candidates.upheld.id, 'upheld'],
        [candidates.rejected.id, 'rejected'],
      ].sort(),
    );
    const again = await call('POST', `/registrations/${candidates.upheld.id}/appeal/resolve`, operator, {
      outcome: 'rejected',
      resolution: '再次 again',
    });
    assert.equal(again.statusCode, 409, 'a final result is not under appeal');
  });
});
