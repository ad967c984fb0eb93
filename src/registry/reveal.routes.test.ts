import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { REVEALS_PER_HOUR } from './reveal.service.ts';

/** Masked by default, revealed on purpose (issue 15 §3). */
const FULL = '11010519491231002X';
const MASKED = '1101**********002X';

let t: TestApp;
let holderId: string;
let certificateId: string;
const tokens: Record<string, string> = {};

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const reveal = (token: string, id: string, payload: object = { reason: '核查举报线索 2025-017' }) =>
  t.app.inject({ method: 'POST', url: `/api/v1/holders/${id}/reveal`, headers: auth(token), payload });

before(async () => {
  t = await createTestApp();
  tokens.sysadmin = await t.tokenFor('system-admin');
  tokens.mem = await t.tokenFor('department-admin', { department: 'mem' });
  tokens.memSh = await t.tokenFor('department-admin', { department: 'mem', province: '310000' });
  tokens.memGd = await t.tokenFor('department-admin', { department: 'mem', province: '440000' });
  tokens.samr = await t.tokenFor('department-admin', { department: 'samr' });
  tokens.hrssSh = await t.tokenFor('province-admin', { province: '310000' });
  tokens.supervisor = await t.tokenFor('supervisor', { province: '310000' });
  tokens.holder = await t.tokenFor('holder');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: auth(tokens.mem),
    payload: {
      type: 'mem.lv-electrician',
      number: `T${FULL}`,
      holder: { name: '张三', idType: 'resident', idNumber: FULL },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  certificateId = created.json().id;
  holderId = created.json().holder.id;
  // The holder account (tokenFor binds a placeholder person) is bound to this person; it is this app's only one.
  await t.db.updateTable('users').set({ holder_id: holderId }).where('role', '=', 'holder').execute();
});
after(async () => {
  await t.close();
});

describe('ID numbers are masked for every role', () => {
  for (const who of ['sysadmin', 'mem', 'memSh', 'hrssSh', 'supervisor', 'holder']) {
    it(`${who}: detail and holder views carry the masked number only`, async () => {
      const token = tokens[who] ?? '';
      const detail = await t.app.inject({
        method: 'GET',
        url: `/api/v1/certificates/${certificateId}`,
        headers: auth(token),
      });
      assert.equal(detail.statusCode, 200, detail.body);
      assert.equal(detail.json().holder.idNumber, MASKED);
      assert.equal(detail.json().number, `T${MASKED}`);
      assert.ok(!detail.body.includes(FULL));
      if (who === 'holder') return; // holders read their certificates, not the registry's person view
      const holder = await t.app.inject({
        method: 'GET',
        url: `/api/v1/holders/${holderId}`,
        headers: auth(token),
      });
      assert.equal(holder.statusCode, 200, holder.body);
      assert.equal(holder.json().holder.idNumber, MASKED);
      assert.ok(!holder.body.includes(FULL));
    });
  }

  for (const who of ['sysadmin', 'mem', 'memSh', 'hrssSh', 'supervisor']) {
    it(`${who}: the registry list carries the masked number only`, async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/certificates/search',
        headers: auth(tokens[who] ?? ''),
        payload: {},
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().items.length, 1, `${who} sees the certificate`);
      assert.equal(res.json().items[0].holder.idNumber, MASKED);
      assert.ok(!res.body.includes(FULL));
    });
  }
});

describe('POST /holders/{id}/reveal', () => {
  it('reveals the full number to the issuing department and audits the reason, never the number', async () => {
    const res = await reveal(tokens.mem ?? '', holderId);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { holderId, idType: 'resident', idNumber: FULL });
    const rows = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'holder.reveal-id')
      .where('target_id', '=', holderId)
      .execute();
    assert.equal(rows.length, 1);
    assert.match(rows[0]?.actor_label ?? '', /department-admin/);
    const stored = JSON.stringify(rows[0]);
    assert.match(stored, /核查举报线索 2025-017/);
    assert.ok(!stored.includes(FULL), 'the audit row keeps the reason, not the number');
  });

  it('reveals to a system admin and to the admin token', async () => {
    assert.equal((await reveal(tokens.sysadmin ?? '', holderId)).json().idNumber, FULL);
    assert.equal((await reveal(TEST_ADMIN_TOKEN, holderId)).json().idNumber, FULL);
  });

  it('answers 404 out of scope and for an unknown holder, 403 to other roles, 400 without a reason', async () => {
    assert.equal((await reveal(tokens.memGd ?? '', holderId)).statusCode, 404, 'another province');
    assert.equal((await reveal(tokens.samr ?? '', holderId)).statusCode, 404, 'another department');
    assert.equal((await reveal(tokens.mem ?? '', crypto.randomUUID())).statusCode, 404, 'no such holder');
    assert.equal((await reveal(tokens.hrssSh ?? '', holderId)).statusCode, 403);
    assert.equal((await reveal(tokens.supervisor ?? '', holderId)).statusCode, 403);
    assert.equal((await reveal(tokens.holder ?? '', holderId)).statusCode, 403);
    assert.equal((await reveal(tokens.memSh ?? '', holderId, {})).statusCode, 400);
    assert.equal((await reveal(tokens.memSh ?? '', holderId, { reason: ' ' })).statusCode, 400);
  });

  it(`allows ${REVEALS_PER_HOUR} reveals per user per hour, then 429 with Retry-After`, async () => {
    const token = await t.tokenFor('department-admin', { department: 'mem', province: '310000' });
    for (let i = 0; i < REVEALS_PER_HOUR; i += 1) {
      const res = await reveal(token, holderId);
      assert.equal(res.statusCode, 200, `reveal ${i + 1}: ${res.body}`);
    }
    const refused = await reveal(token, holderId);
    assert.equal(refused.statusCode, 429);
    assert.equal(refused.json().error.code, 'too_many_requests');
    const wait = Number(refused.headers['retry-after']);
    assert.ok(wait > 0 && wait <= 3600, `Retry-After ${refused.headers['retry-after']}`);
    assert.ok(!refused.body.includes(FULL));
    // The limit is the user's own: a colleague still may.
    assert.equal((await reveal(tokens.memSh ?? '', holderId)).statusCode, 200);
  });
});
