import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { bearer, sourceToken } from '../sources/sources.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { LINKED_SOURCE, passedHolder, setUpDepartmentIssuance } from './issuance.test-helpers.ts';

/**
 * 一试多证 issued by the department (issue 13 item 8): Hutong issues the skill-level certificate and asks MOHURD for
 * the 建筑电工 one; the qualification enters the registry only when MOHURD confirms it with its own number.
 */
let t: TestApp;
let setup: Awaited<ReturnType<typeof setUpDepartmentIssuance>>;
let mohurdSh: string;
let mohurdZj: string;
let memAdmin: string;

before(async () => {
  t = await createTestApp();
  setup = await setUpDepartmentIssuance(t);
  mohurdSh = await t.tokenFor('department-admin', { department: 'mohurd', province: '310000' });
  mohurdZj = await t.tokenFor('department-admin', { department: 'mohurd', province: '330000' });
  memAdmin = await t.tokenFor('department-admin', { department: 'mem' });
});
after(() => t.close());

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
    .selectFrom('qualification_requests')
    .selectAll()
    .where('registration_id', '=', registrationId)
    .executeTakeFirstOrThrow();

const electricianCertificates = (holderId: string) =>
  t.db
    .selectFrom('certificates')
    .select(['id', 'number', 'issuer_org', 'valid_until'])
    .where('holder_id', '=', holderId)
    .where('type', '=', 'mohurd.electrician')
    .execute();

const decide = (token: string, id: string, step: 'confirm' | 'refuse', payload: object) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/issuance-requests/${id}/${step}`,
    headers: bearer(token),
    payload,
  });

const confirmation = (number: string) => ({
  number,
  validFrom: '2026-12-30',
  issuer: { organization: '上海市住房和城乡建设管理委员会' },
});

describe('一试多证 issued by the department (issue 13 item 8)', () => {
  it('leaves a pending request and no qualification until the department confirms it with its own number', async () => {
    const c = await passedHolder(t, setup, '周一');
    const issued = await issue();
    const mine = issued.find((i) => i.registrationId === c.registrationId);
    assert.deepEqual(mine?.requested, [{ type: 'mohurd.electrician', status: 'pending' }]);
    const row = await requestOf(c.registrationId);
    assert.equal(row.status, 'pending');
    assert.equal(row.department, 'mohurd');
    assert.equal(row.holder_id, c.holderId);
    assert.equal(row.outbox_request_id, null, 'the linked source has no endpoint: the console queue only');
    assert.deepEqual(await electricianCertificates(c.holderId), [], 'Hutong numbers no MOHURD certificate');

    // The candidate sees 待住建核发.
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/issuance-requests',
      headers: bearer(c.token),
    });
    assert.equal(before.statusCode, 200, before.body);
    assert.deepEqual(
      before
        .json()
        .items.map((i: { status: string; departmentShortZh: string }) => [i.status, i.departmentShortZh]),
      [['pending', '住建']],
    );

    // The Shanghai MOHURD admin's queue shows the name and a masked ID number.
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/v1/issuance-requests/queue?status=pending&type=mohurd.electrician',
      headers: bearer(mohurdSh),
    });
    assert.equal(queue.statusCode, 200, queue.body);
    const item = queue.json().items.find((i: { id: string }) => i.id === row.id);
    assert.equal(item.holder.name, '周一');
    assert.ok(!item.holder.idMasked.includes(c.idNumber.slice(6, 14)), 'masked');
    assert.ok(!queue.body.includes(c.idNumber));

    // Another department, or MOHURD of another province, neither lists nor confirms it.
    for (const token of [memAdmin, mohurdZj]) {
      const other = await t.app.inject({
        method: 'GET',
        url: '/api/v1/issuance-requests/queue',
        headers: bearer(token),
      });
      assert.ok(!other.json().items.some((i: { id: string }) => i.id === row.id));
      assert.equal((await decide(token, row.id, 'confirm', confirmation('沪A012026000101'))).statusCode, 404);
    }

    // A number that breaks MOHURD's format is refused by the catalog's checks.
    const bad = await decide(mohurdSh, row.id, 'confirm', confirmation('沪A01202600010'));
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal((await requestOf(c.registrationId)).status, 'pending');

    const confirmed = await decide(mohurdSh, row.id, 'confirm', confirmation('沪A012026000101'));
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().status, 'issued');
    const [cert, ...more] = await electricianCertificates(c.holderId);
    assert.equal(more.length, 0);
    assert.equal(cert?.number, '沪A012026000101');
    assert.equal(cert?.issuer_org, '上海市住房和城乡建设管理委员会');
    assert.equal(cert?.valid_until, '2028-12-29', 'two years from the catalog when not given');
    assert.equal(confirmed.json().certificate, cert?.id);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', row.id)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['qualification-request.create', 'qualification-request.confirm'],
    );

    // Idempotent for the same number; another number, or a refusal now, is a conflict.
    const again = await decide(mohurdSh, row.id, 'confirm', confirmation('沪A012026000101'));
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().certificate, cert?.id);
    assert.equal((await electricianCertificates(c.holderId)).length, 1);
    assert.equal(
      (await decide(mohurdSh, row.id, 'confirm', confirmation('沪A012026000102'))).statusCode,
      409,
    );
    assert.equal((await decide(mohurdSh, row.id, 'refuse', { reason: '太迟 too late' })).statusCode, 409);

    // In the registry at once (the public query shows it as the linked source's deep link, as any type the
    // department serves itself there); the candidate sees 住建已核发 with the number.
    const registered = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${cert?.id}`,
      headers: bearer(mohurdSh),
    });
    assert.equal(registered.statusCode, 200, registered.body);
    assert.equal(registered.json().number, '沪A012026000101');
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/issuance-requests',
      headers: bearer(c.token),
    });
    assert.deepEqual(
      after.json().items.map((i: { status: string; number: string }) => [i.status, i.number]),
      [['issued', '沪A012026000101']],
    );
  });

  it('gives no second certificate to a candidate who holds it valid: already-held, renewal offered', async () => {
    const c = await passedHolder(t, setup, '吴二', [
      {
        type: 'mohurd.electrician',
        number: '沪A012025000777',
        validFrom: '2025-06-01',
        validUntil: '2027-05-31',
      },
    ]);
    await issue();
    const row = await requestOf(c.registrationId);
    assert.equal(row.status, 'already-held');
    const held = await electricianCertificates(c.holderId);
    assert.equal(held.length, 1, 'no second 建筑电工');
    assert.equal(row.existing_certificate_id, held[0]?.id);
    assert.equal(
      (await decide(mohurdSh, row.id, 'confirm', confirmation('沪A012026000201'))).statusCode,
      409,
    );
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/issuance-requests',
      headers: bearer(c.token),
    });
    assert.deepEqual(
      mine
        .json()
        .items.map((i: { status: string; existingCertificate: string }) => [i.status, i.existingCertificate]),
      [['already-held', held[0]?.id]],
    );
  });

  it('an expired certificate is not "held": the request is pending', async () => {
    const c = await passedHolder(t, setup, '郑三', [
      {
        type: 'mohurd.electrician',
        number: '沪A012020000778',
        validFrom: '2020-06-01',
        validUntil: '2022-05-31',
      },
    ]);
    await issue();
    assert.equal((await requestOf(c.registrationId)).status, 'pending');
  });

  it('refuses with a reason, once', async () => {
    const c = await passedHolder(t, setup, '王四');
    await issue();
    const row = await requestOf(c.registrationId);
    assert.equal((await decide(mohurdSh, row.id, 'refuse', { reason: '' })).statusCode, 400);
    const refused = await decide(mohurdSh, row.id, 'refuse', {
      reason: '安全生产考核未通过 safety assessment failed',
    });
    assert.equal(refused.statusCode, 200, refused.body);
    assert.equal(refused.json().status, 'refused');
    assert.equal(refused.json().refusalReason, '安全生产考核未通过 safety assessment failed');
    assert.equal((await decide(mohurdSh, row.id, 'refuse', { reason: '再次 again' })).statusCode, 409);
    assert.equal(
      (await decide(mohurdSh, row.id, 'confirm', confirmation('沪A012026000301'))).statusCode,
      409,
    );
    assert.deepEqual(await electricianCertificates(c.holderId), []);
  });

  it('pushed to the department’s endpoint: its system confirms with a source token and the id it received', async () => {
    const endpoint = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/sources/${LINKED_SOURCE}/issuance-endpoint`,
      headers: bearer(TEST_ADMIN_TOKEN),
      payload: { url: 'http://127.0.0.1:9/issuance', secret: 'department-shared-secret-0123456789abcdef' },
    });
    assert.equal(endpoint.statusCode, 200, endpoint.body);
    const c = await passedHolder(t, setup, '冯五');
    await issue();
    const row = await requestOf(c.registrationId);
    assert.equal(row.status, 'pending');
    assert.ok(row.outbox_request_id, 'pushed through the outbox');
    const outbox = await t.db
      .selectFrom('issuance_requests')
      .select('registration_id')
      .where('id', '=', row.outbox_request_id)
      .executeTakeFirstOrThrow();
    assert.equal(outbox.registration_id, c.registrationId);
    const mohurdSource = await sourceToken(t, TEST_ADMIN_TOKEN, 'mohurd-hosted');
    const memSource = await sourceToken(t, TEST_ADMIN_TOKEN, 'mem-hosted');
    assert.equal(
      (await decide(memSource, row.outbox_request_id, 'confirm', confirmation('沪A012026000401'))).statusCode,
      404,
    );
    const confirmed = await decide(
      mohurdSource,
      row.outbox_request_id,
      'confirm',
      confirmation('沪A012026000401'),
    );
    assert.equal(confirmed.statusCode, 200, confirmed.body);
    assert.equal(confirmed.json().id, row.id);
    assert.equal(confirmed.json().decidedBy, 'source:mohurd-hosted');
    assert.equal((await electricianCertificates(c.holderId))[0]?.number, '沪A012026000401');
  });
});
