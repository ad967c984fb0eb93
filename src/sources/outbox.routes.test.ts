import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { keyIdOf } from '../protection/protection.model.ts';
import { rotateDataKey } from '../protection/protection.service.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { LINKED_SOURCE, passedCandidate, setUpJointIssuance } from './outbox.test-helpers.ts';
import { bearer } from './sources.test-helpers.ts';

const SECRET = 'write-only-secret-of-the-department-0123456789';
let t: TestApp;
let setup: Awaited<ReturnType<typeof setUpJointIssuance>>;
before(async () => {
  t = await createTestApp();
  setup = await setUpJointIssuance(t);
});
after(async () => {
  await t.close();
});

const send = (method: 'GET' | 'PUT' | 'DELETE' | 'POST', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });
const endpointUrl = `/api/v1/sources/${LINKED_SOURCE}/issuance-endpoint`;

describe('a linked source’s issuance endpoint (issue 7 §5)', () => {
  it('is set by a system admin; the secret is sealed and never returned, logged or audited', async () => {
    const res = await send('PUT', endpointUrl, TEST_ADMIN_TOKEN, {
      url: 'https://zjw.sh.gov.cn/issue',
      secret: SECRET,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().issuanceUrl, 'https://zjw.sh.gov.cn/issue');
    assert.ok(!res.body.includes(SECRET));
    const read = await send('GET', `/api/v1/sources/${LINKED_SOURCE}`, TEST_ADMIN_TOKEN);
    assert.equal(read.json().issuanceUrl, 'https://zjw.sh.gov.cn/issue');
    assert.ok(!read.body.includes(SECRET) && !read.body.includes('cipher'));
    const row = await t.db
      .selectFrom('sources')
      .select('issuance_secret_cipher')
      .where('id', '=', LINKED_SOURCE)
      .executeTakeFirstOrThrow();
    assert.ok(row.issuance_secret_cipher && !row.issuance_secret_cipher.includes(SECRET));
    assert.equal(t.keyring.protector().decrypt(row.issuance_secret_cipher), SECRET);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('target_id', '=', LINKED_SOURCE)
      .execute();
    assert.ok(audit.some((a) => a.action === 'source.issuance-endpoint.set'));
    assert.ok(!JSON.stringify(audit).includes(SECRET));
    // `hutong keys rotate` re-seals the secret like every other sealed column.
    const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
    const { newKeyId } = await rotateDataKey(t.db, t.master, ctx, { graceMs: 0 });
    await t.keyring.refresh();
    const resealed = await t.db
      .selectFrom('sources')
      .select('issuance_secret_cipher')
      .where('id', '=', LINKED_SOURCE)
      .executeTakeFirstOrThrow();
    assert.equal(keyIdOf(resealed.issuance_secret_cipher ?? ''), newKeyId);
    assert.equal(t.keyring.protector().decrypt(resealed.issuance_secret_cipher ?? ''), SECRET);
  });

  it('refuses plain HTTP off this machine, short secrets, hosted sources and department admins', async () => {
    const cases: Array<[string, object, number]> = [
      [endpointUrl, { url: 'http://zjw.sh.gov.cn/issue', secret: SECRET }, 400],
      [endpointUrl, { url: 'https://user:pw@zjw.sh.gov.cn/issue', secret: SECRET }, 400],
      [endpointUrl, { url: 'ftp://zjw.sh.gov.cn/issue', secret: SECRET }, 400],
      [endpointUrl, { url: 'https://zjw.sh.gov.cn/issue', secret: 'short' }, 400],
      ['/api/v1/sources/mohurd-hosted/issuance-endpoint', { url: 'https://a.gov.cn/', secret: SECRET }, 422],
      ['/api/v1/sources/no-such-source/issuance-endpoint', { url: 'https://a.gov.cn/', secret: SECRET }, 404],
    ];
    for (const [url, body, status] of cases) {
      const res = await send('PUT', url, TEST_ADMIN_TOKEN, body);
      assert.equal(res.statusCode, status, `${JSON.stringify(body)}: ${res.body}`);
      assert.ok(!res.body.includes(SECRET));
    }
    const loopback = await send('PUT', endpointUrl, TEST_ADMIN_TOKEN, {
      url: 'http://127.0.0.1:9/issue',
      secret: SECRET,
    });
    assert.equal(loopback.statusCode, 200, 'HTTP is allowed to this machine');
    const mohurdAdmin = await t.tokenFor('department-admin', { department: 'mohurd' });
    const denied = await send('PUT', endpointUrl, mohurdAdmin, { url: 'https://a.gov.cn/', secret: SECRET });
    assert.equal(denied.statusCode, 403);
  });

  it('is removed; issuance then records the request event without an outbox row', async () => {
    const res = await send('DELETE', endpointUrl, TEST_ADMIN_TOKEN);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().issuanceUrl, null);
    const c = await passedCandidate(t, setup, '陈九');
    const issued = await send('POST', `/api/v1/plans/${setup.planId}/results/issue`, TEST_ADMIN_TOKEN);
    assert.equal(issued.statusCode, 200, issued.body);
    const rows = await t.db
      .selectFrom('issuance_requests')
      .select('id')
      .where('registration_id', '=', c.registrationId)
      .execute();
    assert.equal(rows.length, 0);
    const event = await t.db
      .selectFrom('exam_events')
      .select('payload')
      .where('kind', '=', 'issuance.requested')
      .where('subject_id', '=', c.registrationId)
      .executeTakeFirstOrThrow();
    assert.equal((event.payload as { request: unknown }).request, null);
  });
});

describe('the issuance requests list (issue 7 §5)', () => {
  const ids: { registrationId: string; idNumber: string }[] = [];
  before(async () => {
    const set = await send('PUT', endpointUrl, TEST_ADMIN_TOKEN, {
      url: 'https://zjw.sh.gov.cn/issue',
      secret: SECRET,
    });
    assert.equal(set.statusCode, 200);
    for (const name of ['褚十', '卫十一', '蒋十二']) {
      ids.push(await passedCandidate(t, setup, name));
      await send('POST', `/api/v1/plans/${setup.planId}/results/issue`, TEST_ADMIN_TOKEN);
    }
  });

  it('pages newest first with the shared cursor, ID numbers masked', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await send(
        'GET',
        `/api/v1/issuance-requests?source=${LINKED_SOURCE}&status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        TEST_ADMIN_TOKEN,
      );
      assert.equal(res.statusCode, 200, res.body);
      for (const c of ids) assert.ok(!res.body.includes(c.idNumber), 'no ID number in clear');
      for (const item of res.json().items) {
        assert.match(item.holder.idMasked, /^\d{4}\*+\d{3}[\dX]$/);
        assert.equal(item.type, 'mohurd.electrician');
        seen.push(item.registration);
      }
      cursor = res.json().next;
    } while (cursor);
    assert.deepEqual(seen, ids.map((c) => c.registrationId).reverse());
    const byPlan = await send('GET', `/api/v1/issuance-requests?plan=${setup.planId}`, TEST_ADMIN_TOKEN);
    assert.equal(byPlan.json().items.length, 3);
    const delivered = await send('GET', '/api/v1/issuance-requests?status=delivered', TEST_ADMIN_TOKEN);
    assert.deepEqual(delivered.json().items, []);
    const bad = await send('GET', '/api/v1/issuance-requests?cursor=garbage', TEST_ADMIN_TOKEN);
    assert.equal(bad.statusCode, 400);
  });

  it('shows a department admin its own department’s requests (and province’s), others none', async () => {
    const count = async (scope: { department: string; province?: string }) => {
      const token = await t.tokenFor('department-admin', scope);
      const res = await send('GET', '/api/v1/issuance-requests', token);
      assert.equal(res.statusCode, 200, res.body);
      return res.json().items.length;
    };
    assert.equal(await count({ department: 'mohurd' }), 3);
    assert.equal(await count({ department: 'mohurd', province: '310000' }), 3);
    assert.equal(await count({ department: 'mohurd', province: '330000' }), 0);
    assert.equal(await count({ department: 'mem' }), 0);
    const memAdmin = await t.tokenFor('department-admin', { department: 'mem' });
    const { id } = await t.db.selectFrom('issuance_requests').select('id').executeTakeFirstOrThrow();
    await t.db
      .updateTable('issuance_requests')
      .set({ status: 'failed', next_attempt_at: null })
      .where('id', '=', id)
      .execute();
    const hidden = await send('POST', `/api/v1/issuance-requests/${id}/retry`, memAdmin);
    assert.equal(hidden.statusCode, 404, 'another department’s request is not revealed');
  });
});
