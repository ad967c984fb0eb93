import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { registeredCandidate, sampleItems, theoryPaper, theoryPlan } from './attempts.test-helpers.ts';

/**
 * The computer-based theory exam through the API (issue 7 §3, §9): start and resume keep one order, answers are
 * logged with the server's time, no key leaks, submit grades, the deadline closes the attempt and submits it.
 */
let t: TestApp;
let now = new Date('2026-12-20T01:10:00Z');
const clock = { now: () => new Date(now) };
let planId: string;
let sittingId: string;
let itemIds: string[];

before(async () => {
  t = await createTestApp({ clock });
  ({ planId, sittingId } = await theoryPlan(t, {
    startsAt: '2026-12-20T09:00:00+08:00',
    endsAt: '2026-12-20T11:30:00+08:00',
    durationMinutes: 60,
  }));
  ({ itemIds } = await theoryPaper(t, planId));
});
after(async () => {
  await t.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const start = (token: string, registrationId: string) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/registrations/${registrationId}/attempt`,
    headers: auth(token),
  });
const answer = (token: string, attemptId: string, itemId: string, response: unknown) =>
  t.app.inject({
    method: 'PUT',
    url: `/api/v1/attempts/${attemptId}/answers/${itemId}`,
    headers: auth(token),
    payload: { response },
  });
const read = (token: string, attemptId: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/attempts/${attemptId}`, headers: auth(token) });
const submit = (token: string, attemptId: string) =>
  t.app.inject({ method: 'POST', url: `/api/v1/attempts/${attemptId}/submit`, headers: auth(token) });
const key = (i: number) => itemIds[i] as string;

describe('the theory exam', () => {
  it('starts during the sitting only, and resumes with the same order; the key never leaves', async () => {
    const c = await registeredCandidate(t, planId, sittingId);
    now = new Date('2026-12-20T00:59:00Z');
    const early = await start(c.token, c.registrationId);
    assert.equal(early.statusCode, 422, early.body);
    assert.equal(early.json().error.details[0].message, 'before-sitting');

    now = new Date('2026-12-20T01:10:00Z');
    const first = await start(c.token, c.registrationId);
    assert.equal(first.statusCode, 201, first.body);
    const view = first.json();
    assert.equal(view.status, 'in-progress');
    assert.equal(view.deadlineAt, '2026-12-20T02:10:00.000Z');
    assert.equal(view.remainingSeconds, 3600);
    assert.equal(view.maxScore, 100);
    assert.deepEqual(view.items.map((i: { itemId: string }) => i.itemId).sort(), [...itemIds].sort());
    for (const word of ['answer', '"D"]', 'false]']) assert.ok(!first.body.includes(word), `no ${word}`);

    now = new Date('2026-12-20T01:20:00Z');
    const again = await start(c.token, c.registrationId);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json().items, view.items, 'the same items and option order');
    assert.equal(again.json().remainingSeconds, 3000);
    const got = await read(c.token, view.id);
    assert.equal(got.statusCode, 200, got.body);
    assert.deepEqual(got.json().items, view.items);
    assert.ok(!got.body.includes('answer'));

    const events = await t.db
      .selectFrom('exam_events')
      .select('kind')
      .where('subject_id', '=', view.id)
      .execute();
    assert.deepEqual(events, [{ kind: 'attempt.started' }]);
  });

  it('logs every answer with the server time, restores the latest, grades on submit, then refuses', async () => {
    const c = await registeredCandidate(t, planId, sittingId);
    now = new Date('2026-12-20T01:30:00Z');
    const attempt = (await start(c.token, c.registrationId)).json();
    assert.equal((await answer(c.token, attempt.id, key(0), 'A')).statusCode, 200);
    now = new Date('2026-12-20T01:31:00Z');
    const saved = await answer(c.token, attempt.id, key(0), 'D');
    assert.equal(saved.statusCode, 200, saved.body);
    assert.deepEqual(saved.json(), {
      itemId: key(0),
      answeredAt: '2026-12-20T01:31:00.000Z',
      remainingSeconds: 3540,
    });
    assert.equal((await answer(c.token, attempt.id, key(1), ['B', 'A'])).statusCode, 200);
    assert.equal((await answer(c.token, attempt.id, key(2), true)).statusCode, 200);
    const wrongShape = await answer(c.token, attempt.id, key(2), 'yes');
    assert.equal(wrongShape.statusCode, 400, wrongShape.body);

    const log = await t.db
      .selectFrom('exam_answers')
      .select(['item_id', 'response', 'answered_at'])
      .where('attempt_id', '=', attempt.id)
      .orderBy('id')
      .execute();
    assert.equal(log.length, 4, 'every save is kept, not overwritten');
    assert.deepEqual(log[0]?.response, 'A');
    assert.equal(new Date(log[1]?.answered_at as Date).toISOString(), '2026-12-20T01:31:00.000Z');

    const restored = (await read(c.token, attempt.id)).json();
    assert.deepEqual(restored.responses, { [key(0)]: 'D', [key(1)]: ['B', 'A'], [key(2)]: true });

    const done = await submit(c.token, attempt.id);
    assert.equal(done.statusCode, 200, done.body);
    // single right (40) + multiple incomplete (0) + true-false wrong (0).
    assert.equal(done.json().score, 40);
    assert.equal(done.json().status, 'submitted');
    assert.equal((await answer(c.token, attempt.id, key(1), ['A', 'B', 'D'])).statusCode, 409);
    assert.equal((await submit(c.token, attempt.id)).statusCode, 409);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', attempt.id)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['attempt.start', 'attempt.submit'],
    );
  });

  it('after the deadline: answers are refused and the attempt is submitted on the next access', async () => {
    const c = await registeredCandidate(t, planId, sittingId);
    now = new Date('2026-12-20T03:00:00Z');
    const attempt = (await start(c.token, c.registrationId)).json();
    // 30 minutes before the end of the sitting: the sitting caps the 60-minute duration.
    assert.equal(attempt.deadlineAt, '2026-12-20T03:30:00.000Z');
    const right = sampleItems.findIndex((i) => i.type === 'true-false');
    assert.equal((await answer(c.token, attempt.id, key(right), false)).statusCode, 200);
    now = new Date('2026-12-20T03:30:00Z');
    const late = await answer(c.token, attempt.id, key(0), 'D');
    assert.equal(late.statusCode, 409, late.body);
    const row = await t.db
      .selectFrom('exam_attempts')
      .select(['status', 'score'])
      .where('id', '=', attempt.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual({ ...row, score: Number(row.score) }, { status: 'submitted', score: 30 });
    const view = (await read(c.token, attempt.id)).json();
    assert.equal(view.status, 'submitted');
    assert.equal(view.remainingSeconds, 0);
    const event = await t.db
      .selectFrom('exam_events')
      .select('payload')
      .where('subject_id', '=', attempt.id)
      .where('kind', '=', 'attempt.submitted')
      .executeTakeFirstOrThrow();
    assert.equal((event.payload as { auto: boolean }).auto, true);
  });

  it('another candidate sees neither the registration nor the attempt', async () => {
    const owner = await registeredCandidate(t, planId, sittingId);
    const other = await registeredCandidate(t, planId, sittingId, '周九');
    now = new Date('2026-12-20T01:40:00Z');
    assert.equal((await start(other.token, owner.registrationId)).statusCode, 404);
    const attempt = (await start(owner.token, owner.registrationId)).json();
    assert.equal((await read(other.token, attempt.id)).statusCode, 404);
    assert.equal((await answer(other.token, attempt.id, key(0), 'D')).statusCode, 404);
    assert.equal((await submit(other.token, attempt.id)).statusCode, 404);
  });

  it('refuses when no paper is assembled and locked for the plan (an unlocked one is not delivered)', async () => {
    const bare = await theoryPlan(t, {
      startsAt: '2026-12-20T09:00:00+08:00',
      endsAt: '2026-12-20T11:30:00+08:00',
    });
    const { paperId } = await theoryPaper(t, bare.planId);
    await t.db.updateTable('papers').set({ status: 'assembled' }).where('id', '=', paperId).execute();
    const c = await registeredCandidate(t, bare.planId, bare.sittingId);
    now = new Date('2026-12-20T01:40:00Z');
    const res = await start(c.token, c.registrationId);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.details[0].message, 'no-paper');
  });
});
