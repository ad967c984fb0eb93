import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { issueFor } from '../exams/issuance.ts';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import type { IssuanceRequestBody } from './outbox.model.ts';
import {
  type DepartmentDouble,
  LINKED_SOURCE,
  passedCandidate,
  setUpJointIssuance,
  startDepartmentDouble,
} from './outbox.test-helpers.ts';
import { createOutboxWorker, type OutboxOptions } from './outbox.worker.ts';
import { bearer } from './sources.test-helpers.ts';

const SECRET = 'department-shared-secret-0123456789abcdef';
let t: TestApp;
let double: DepartmentDouble;
let setup: Awaited<ReturnType<typeof setUpJointIssuance>>;
// Delivery runs on injected clocks after the requests were written (real time), never on sleeps. The base moves
// with each test: one fixed at load time fell behind the real clock when the whole file ran past a minute.
let t0 = Date.now() + 60_000;
beforeEach(() => {
  t0 = Date.now() + 60_000;
});
const at = (offsetMs: number) => fixedClock(new Date(t0 + offsetMs).toISOString());
const worker = (offsetMs: number, options: OutboxOptions = {}) =>
  createOutboxWorker({ db: t.db, keyring: t.keyring, clock: at(offsetMs) }, options);

before(async () => {
  t = await createTestApp();
  double = await startDepartmentDouble(SECRET);
  setup = await setUpJointIssuance(t);
  await setEndpoint(double.url, SECRET);
});
after(async () => {
  await double.close();
  await t.close();
});

async function setEndpoint(url: string, secret: string) {
  const res = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/sources/${LINKED_SOURCE}/issuance-endpoint`,
    headers: bearer(TEST_ADMIN_TOKEN),
    payload: { url, secret },
  });
  assert.equal(res.statusCode, 200, res.body);
}

async function issue() {
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/plans/${setup.planId}/results/issue`,
    headers: bearer(TEST_ADMIN_TOKEN),
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().issued as {
    registrationId: string;
    number: string;
    requested: { type: string; status: string }[];
  }[];
}

const requestOf = (registrationId: string) =>
  t.db
    .selectFrom('issuance_requests')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .executeTakeFirstOrThrow();

/** A passed candidate, issued: returns their request row's id. */
async function issuedRequest(name: string) {
  const c = await passedCandidate(t, setup, name);
  await issue();
  return { ...c, id: (await requestOf(c.registrationId)).id };
}

async function auditTrail(id: string) {
  const rows = await t.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', id)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.action);
}

describe('一试多证 pushed to the issuing department (issue 7 §5)', () => {
  it('writes the request in the issuing transaction: sealed, with an event that names ids only', async () => {
    const c = await passedCandidate(t, setup, '钱一');
    const [one] = await issue();
    assert.deepEqual(
      one?.requested,
      [{ type: 'mohurd.electrician', status: 'pending' }],
      'the department issues 建筑电工 itself',
    );
    const row = await requestOf(c.registrationId);
    assert.equal(row.status, 'pending');
    assert.equal(row.source_id, LINKED_SOURCE);
    assert.equal(row.certificate_type, 'mohurd.electrician');
    assert.equal(row.attempts, 0);
    assert.ok(!row.body_cipher.includes(c.idNumber), 'the body is sealed');
    const body = JSON.parse(t.keyring.protector().decrypt(row.body_cipher)) as IssuanceRequestBody;
    assert.equal(body.id, row.id);
    assert.deepEqual(body.holder, { name: '钱一', idType: 'resident', idNumber: c.idNumber });
    assert.equal(body.skillCertificate.number, one?.number);
    assert.equal(body.arrangement, 'sh.oemc.electrician-4');
    const event = await t.db
      .selectFrom('exam_events')
      .select('payload')
      .where('kind', '=', 'issuance.requested')
      .where('subject_id', '=', c.registrationId)
      .executeTakeFirstOrThrow();
    assert.equal((event.payload as { request: string }).request, row.id);
    assert.ok(!JSON.stringify(event.payload).includes(c.idNumber));
    assert.deepEqual(await auditTrail(row.id), ['issuance-request.create']);
    const mohurd = await t.db
      .selectFrom('certificates')
      .select('id')
      .where('type', '=', 'mohurd.electrician')
      .execute();
    assert.equal(mohurd.length, 0, 'Hutong writes no copy of a certificate the department issues');
  });

  it('writes nothing when the issuing transaction rolls back', async () => {
    const c = await passedCandidate(t, setup, '孙二');
    const inst = await t.db
      .selectFrom('institutions')
      .select(['id', 'code', 'name', 'province'])
      .where('id', '=', setup.inst.id)
      .executeTakeFirstOrThrow();
    const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
    await assert.rejects(
      t.db.transaction().execute(async (trx) => {
        const out = await issueFor(
          setup.deps,
          trx,
          ctx,
          {
            registrationId: c.registrationId,
            planId: setup.planId,
            occupation: '6-31-01-03',
            level: '4',
            institution: inst,
            holder: { name: '孙二', idType: 'resident', idNumber: c.idNumber },
          },
          '2026-12-30',
        );
        assert.ok(out.requested[0]?.request, 'written inside the transaction');
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    const rows = await t.db
      .selectFrom('issuance_requests')
      .select('id')
      .where('registration_id', '=', c.registrationId)
      .execute();
    assert.equal(rows.length, 0);
    await t.db.deleteFrom('exam_results').where('registration_id', '=', c.registrationId).execute();
  });

  it('delivers: signed, keyed by the request id, and stores the department’s reference', async () => {
    const r = await issuedRequest('李三');
    const seen = double.received.length;
    const report = await worker(0).runOnce();
    assert.equal(report.delivered, 2, 'this request and the first test’s');
    const mine = double.received.slice(seen).find((x) => x.idempotencyKey === r.id);
    assert.ok(mine, 'the double received it');
    assert.equal(mine.signatureValid, true);
    assert.equal(mine.timestamp, String(Math.floor(t0 / 1000)));
    assert.equal(mine.body.holder.idNumber, r.idNumber, 'the department gets what it needs to issue');
    const row = await requestOf(r.registrationId);
    assert.equal(row.status, 'delivered');
    assert.match(row.reference ?? '', /^沪建发-\d+$/);
    assert.equal(row.delivered_at?.getTime(), t0);
    assert.equal(row.attempts, 1);
    assert.deepEqual(await auditTrail(r.id), ['issuance-request.create', 'issuance-request.deliver']);
    assert.equal((await worker(0).runOnce()).attempted, 0, 'nothing is sent twice');
  });

  it('lets two workers share the queue without sending any request twice', async () => {
    const requests = [await issuedRequest('褚九'), await issuedRequest('卫十')];
    const reports = await Promise.all([worker(0).runOnce(), worker(0).runOnce()]);
    assert.equal(reports[0].delivered + reports[1].delivered, 2);
    for (const r of requests)
      assert.equal(double.received.filter((x) => x.idempotencyKey === r.id).length, 1, 'sent once');
  });

  it('retries a 503 with exponential backoff, then delivers under the same key', async () => {
    const r = await issuedRequest('周四');
    double.script(r.id, [503, 503, 201]);
    const policy = { retry: { baseDelayMs: 30_000, maxDelayMs: 3_600_000, maxAttempts: 5 } };
    assert.equal((await worker(0, policy).runOnce()).retried, 1);
    let row = await requestOf(r.registrationId);
    assert.equal(row.status, 'pending');
    assert.equal(row.last_error, 'HTTP 503');
    assert.equal(row.next_attempt_at?.getTime(), t0 + 30_000);
    assert.equal((await worker(29_999, policy).runOnce()).attempted, 0, 'not due yet');
    assert.equal((await worker(30_000, policy).runOnce()).retried, 1);
    row = await requestOf(r.registrationId);
    assert.equal(row.next_attempt_at?.getTime(), t0 + 30_000 + 60_000, 'the delay doubles');
    assert.equal((await worker(90_000, policy).runOnce()).delivered, 1);
    row = await requestOf(r.registrationId);
    assert.equal(row.status, 'delivered');
    assert.equal(row.attempts, 3);
    const keys = double.received.filter((x) => x.body.id === r.id).map((x) => x.idempotencyKey);
    assert.deepEqual(keys, [r.id, r.id, r.id]);
    assert.deepEqual(await auditTrail(r.id), [
      'issuance-request.create',
      'issuance-request.attempt-failed',
      'issuance-request.attempt-failed',
      'issuance-request.deliver',
    ]);
  });

  it('gives up after the last attempt', async () => {
    const r = await issuedRequest('吴五');
    double.script(r.id, [503, 503]);
    const policy = { retry: { baseDelayMs: 1_000, maxDelayMs: 1_000, maxAttempts: 2 } };
    await worker(0, policy).runOnce();
    assert.equal((await worker(1_000, policy).runOnce()).failed, 1);
    const row = await requestOf(r.registrationId);
    assert.equal(row.status, 'failed');
    assert.equal(row.last_error, 'HTTP 503; gave up after 2 attempts');
    assert.equal(row.next_attempt_at, null);
  });

  it('fails at once on a 422 and sends again only after a retry through the API', async () => {
    const r = await issuedRequest('郑六');
    double.script(r.id, [422]);
    assert.equal((await worker(0).runOnce()).failed, 1);
    let row = await requestOf(r.registrationId);
    assert.equal(row.status, 'failed');
    assert.equal(row.last_error, 'HTTP 422');
    assert.equal((await worker(86_400_000).runOnce()).attempted, 0, 'a failed request waits for a person');
    const mohurdAdmin = await t.tokenFor('department-admin', { department: 'mohurd' });
    const retry = await t.app.inject({
      method: 'POST',
      url: `/api/v1/issuance-requests/${r.id}/retry`,
      headers: bearer(mohurdAdmin),
    });
    assert.equal(retry.statusCode, 200, retry.body);
    assert.equal(retry.json().status, 'pending');
    assert.ok(!retry.body.includes(r.idNumber));
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/issuance-requests/${r.id}/retry`,
      headers: bearer(mohurdAdmin),
    });
    assert.equal(again.statusCode, 409, 'only a failed request is retried');
    assert.equal((await worker(86_400_000).runOnce()).delivered, 1);
    row = await requestOf(r.registrationId);
    assert.equal(row.status, 'delivered');
    assert.deepEqual(await auditTrail(r.id), [
      'issuance-request.create',
      'issuance-request.fail',
      'issuance-request.retry',
      'issuance-request.deliver',
    ]);
  });

  it('fails when the department refuses the signature (a wrong secret), and retries timeouts and refusals', async () => {
    await setEndpoint(double.url, 'another-secret-the-department-does-not-know');
    const r = await issuedRequest('王七');
    assert.equal((await worker(0).runOnce()).failed, 1);
    assert.equal((await requestOf(r.registrationId)).last_error, 'HTTP 401');
    assert.equal(double.received.at(-1)?.signatureValid, false);

    // A server that never answers: the attempt times out and is retried.
    const silent = http.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    await setEndpoint(`http://127.0.0.1:${port}/issuance`, SECRET);
    const s = await issuedRequest('冯八');
    assert.equal((await worker(0, { timeoutMs: 200 }).runOnce()).retried, 1);
    assert.equal((await requestOf(s.registrationId)).last_error, 'timeout after 200 ms');
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    // Nothing listens there any more: a network error, retried too.
    assert.equal((await worker(3_600_000).runOnce()).retried, 1);
    assert.equal((await requestOf(s.registrationId)).last_error, 'network error ECONNREFUSED');
    await setEndpoint(double.url, SECRET);
    assert.equal((await worker(7_200_000).runOnce()).delivered, 1);
  });
});
