import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { addBankItems, addEnemySet } from './assembly.test-helpers.ts';
import {
  addInstitution,
  call,
  operatorOf,
  planBody,
  provinceAdmin,
  type TestInstitution,
  trail,
} from './plans.test-helpers.ts';

let t: TestApp;
let sh: TestInstitution;
let sh2: TestInstitution;
let operator: string;
let otherOperator: string;
let shAdmin: string;

// Each test uses its own knowledge points, so the bank the tests share never couples them.
let kpSerial = 0;
const kp = (name: string) => `${name}-${++kpSerial}`;

before(async () => {
  t = await createTestApp({ clock: fixedClock('2026-12-01T02:00:00Z') });
  sh = await addInstitution(t, { province: '310000' });
  sh2 = await addInstitution(t, { province: '310000' });
  operator = await operatorOf(t, sh);
  otherOperator = await operatorOf(t, sh2);
  shAdmin = await provinceAdmin(t, '310000');
});
after(async () => {
  await t.close();
});

async function newPlan(token = operator, body: object = planBody()): Promise<string> {
  const res = await call(t, 'POST', '/plans', token, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

const row = (knowledgePoint: string, o: Record<string, unknown> = {}) => ({
  knowledgePoint,
  type: 'single',
  difficulty: 'medium',
  count: 3,
  scoreEach: 2,
  ...o,
});
const blueprint = (rows: object[], o: Record<string, unknown> = {}) => ({
  occupation: '6-31-01-03',
  level: '4',
  subject: 'theory',
  totalScore: rows.reduce((s, r) => s + (r as { count: number }).count * 2, 0),
  rows,
  ...o,
});
const messages = (body: string) => JSON.parse(body).error.details.map((d: { message: string }) => d.message);

describe('paper assembly (issue 7 §2)', () => {
  it('assembles one paper meeting the blueprint exactly, pinning active current versions, audited', async () => {
    const [safety, basics] = [kp('安全用电'), kp('电工基础')];
    const active = await addBankItems(t, 4, { knowledgePoint: safety, versions: 2 });
    await addBankItems(t, 5, { knowledgePoint: safety, status: 'draft' });
    await addBankItems(t, 5, { knowledgePoint: safety, status: 'retired' });
    await addBankItems(t, 5, { knowledgePoint: safety, difficulty: 0.9 });
    await addBankItems(t, 3, { knowledgePoint: basics, type: 'true-false', difficulty: 0.1 });
    const planId = await newPlan();
    const bp = blueprint([row(safety), row(basics, { type: 'true-false', difficulty: 'easy' })]);
    const res = await call(t, 'POST', `/plans/${planId}/papers`, operator, bp);
    assert.equal(res.statusCode, 201, res.body);
    const [paper, ...more] = res.json().papers;
    assert.equal(more.length, 0);
    assert.deepEqual(
      [paper.form, paper.status, paper.totalScore, paper.items.length],
      ['A', 'assembled', 12, 6],
    );
    assert.equal(
      paper.items.reduce((s: number, i: { score: number }) => s + i.score, 0),
      12,
    );
    const fromSafety = paper.items.filter((i: { knowledgePoint: string }) => i.knowledgePoint === safety);
    assert.ok(
      fromSafety.every(
        (i: { itemId: string; version: number }) => active.includes(i.itemId) && i.version === 2,
      ),
    );
    assert.deepEqual(
      paper.coverage.map((c: { required: number; assembled: number }) => [c.required, c.assembled]),
      [
        [3, 3],
        [3, 3],
      ],
    );
    assert.deepEqual(await trail(t, paper.id), { audit: ['paper.assemble'], events: ['paper.assembled'] });
    const got = await call(t, 'GET', `/papers/${paper.id}`, operator);
    assert.equal(got.statusCode, 200, got.body);
    assert.deepEqual(got.json().items, paper.items);
    const list = await call(t, 'GET', `/plans/${planId}/papers`, operator);
    assert.deepEqual(
      list.json().papers.map((p: { id: string; itemCount: number }) => [p.id, p.itemCount]),
      [[paper.id, 6]],
    );
  });

  it('names the unmet cell and its shortage, and stores no paper', async () => {
    const safety = kp('安全用电');
    await addBankItems(t, 3, { knowledgePoint: safety });
    await addBankItems(t, 2, { knowledgePoint: safety, status: 'reviewed' });
    const planId = await newPlan();
    const res = await call(
      t,
      'POST',
      `/plans/${planId}/papers`,
      operator,
      blueprint([row(safety, { count: 5 })]),
    );
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.code, 'rule_violation');
    assert.deepEqual(messages(res.body), [
      `shortage: cell 6-31-01-03-4-${safety} × single × medium needs 5, available 3 active`,
    ]);
    assert.deepEqual((await call(t, 'GET', `/plans/${planId}/papers`, operator)).json().papers, []);
  });

  it('withholds item versions at the usage cap (exposure control)', async () => {
    const safety = kp('安全用电');
    await addBankItems(t, 4, { knowledgePoint: safety });
    const bp = blueprint([row(safety)], { usageCap: 1 });
    const first = await call(t, 'POST', `/plans/${await newPlan()}/papers`, operator, bp);
    assert.equal(first.statusCode, 201, first.body);
    const second = await call(t, 'POST', `/plans/${await newPlan()}/papers`, operator, bp);
    assert.equal(second.statusCode, 422, second.body);
    assert.match(messages(second.body)[0], /needs 3, available 1 active after exposure cap 1 \(4 before\)$/);
    // Re-assembling the same plan does not count its own papers being replaced.
    const planId = first.json().papers[0].planId;
    const again = await call(t, 'POST', `/plans/${planId}/papers`, operator, bp);
    assert.equal(again.statusCode, 201, again.body);
  });

  it('keeps enemy sets apart', async () => {
    const safety = kp('安全用电');
    const ids = await addBankItems(t, 5, { knowledgePoint: safety });
    await addEnemySet(t, ids.slice(0, 3));
    const res = await call(t, 'POST', `/plans/${await newPlan()}/papers`, operator, blueprint([row(safety)]));
    assert.equal(res.statusCode, 201, res.body);
    const chosen = res.json().papers[0].items.map((i: { itemId: string }) => i.itemId);
    assert.equal(chosen.filter((id: string) => ids.slice(0, 3).includes(id)).length, 1);
    await addEnemySet(t, ids.slice(2));
    const short = await call(
      t,
      'POST',
      `/plans/${await newPlan()}/papers`,
      operator,
      blueprint([row(safety)]),
    );
    assert.equal(short.statusCode, 422, short.body);
    assert.match(messages(short.body)[0], /needs 3, only 2 placeable without two items of one enemy set$/);
  });

  it('assembles parallel forms of a joint plan within the overlap limit, by the lead province admin', async () => {
    const safety = kp('安全用电');
    await addBankItems(t, 8, { knowledgePoint: safety });
    const planId = await newPlan(
      shAdmin,
      planBody({ kind: 'joint', institutionIds: [sh.id, sh2.id], leadProvince: '310000' }),
    );
    const bp = blueprint([row(safety, { count: 5 })], { forms: 2, maxOverlap: 0.4 });
    const refused = await call(t, 'POST', `/plans/${planId}/papers`, operator, bp);
    assert.equal(refused.statusCode, 403, refused.body);
    const res = await call(t, 'POST', `/plans/${planId}/papers`, shAdmin, bp);
    assert.equal(res.statusCode, 201, res.body);
    const [a, b] = res.json().papers as { form: string; items: { itemId: string }[] }[];
    assert.deepEqual([a?.form, b?.form], ['A', 'B']);
    const shared = b?.items.filter((i) => a?.items.some((j) => j.itemId === i.itemId)).length;
    assert.equal(shared, 2);
  });

  it('locks a paper, after which its subject is not re-assembled', async () => {
    const safety = kp('安全用电');
    await addBankItems(t, 3, { knowledgePoint: safety });
    const planId = await newPlan();
    const bp = blueprint([row(safety)]);
    const paper = (await call(t, 'POST', `/plans/${planId}/papers`, operator, bp)).json().papers[0];
    const locked = await call(t, 'POST', `/papers/${paper.id}/lock`, operator);
    assert.equal(locked.json().status, 'locked', locked.body);
    assert.equal((await call(t, 'POST', `/papers/${paper.id}/lock`, operator)).statusCode, 409);
    assert.equal((await call(t, 'POST', `/plans/${planId}/papers`, operator, bp)).statusCode, 409);
    assert.deepEqual(await trail(t, paper.id), {
      audit: ['paper.assemble', 'paper.lock'],
      events: ['paper.assembled', 'paper.locked'],
    });
  });

  it('keeps papers to the plan’s staff: hidden outside the plan, refused to its province admin', async () => {
    const safety = kp('安全用电');
    await addBankItems(t, 3, { knowledgePoint: safety });
    const planId = await newPlan();
    const paper = (
      await call(t, 'POST', `/plans/${planId}/papers`, operator, blueprint([row(safety)]))
    ).json().papers[0];
    assert.equal((await call(t, 'GET', `/papers/${paper.id}`, otherOperator)).statusCode, 404);
    assert.equal((await call(t, 'GET', `/plans/${planId}/papers`, otherOperator)).statusCode, 404);
    assert.equal((await call(t, 'GET', `/papers/${paper.id}`, shAdmin)).statusCode, 403);
    const supervisor = await t.tokenFor('supervisor', { province: '310000' });
    assert.equal((await call(t, 'GET', `/papers/${paper.id}`, supervisor)).statusCode, 200);
    assert.equal((await call(t, 'POST', `/papers/${paper.id}/lock`, supervisor)).statusCode, 403);
    const wrong = await call(
      t,
      'POST',
      `/plans/${planId}/papers`,
      operator,
      blueprint([row(safety)], { level: '5' }),
    );
    assert.equal(wrong.statusCode, 422);
    assert.match(messages(wrong.body)[0], /^plan-mismatch/);
  });
});
