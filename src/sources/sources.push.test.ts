import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { redactUrl } from '../app.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { addSource, batch, bearer, memRecord, put, residentId, sourceToken } from './sources.test-helpers.ts';

let t: TestApp;
let sh: string; // token of mem-sh (MEM, Shanghai)
let zj: string; // token of mem-zj (MEM, Zhejiang)
let memAdmin: string;
const LV = 'mem.lv-electrician';

before(async () => {
  t = await createTestApp();
  memAdmin = await t.tokenFor('department-admin', { department: 'mem' });
  const hosted = (id: string, region: string) => ({
    id,
    nameZh: `${id} 推送`,
    nameEn: `${id} push`,
    department: 'mem',
    kind: 'hosted',
    types: [LV, 'mem.hv-electrician'],
    region,
  });
  await addSource(t, TEST_ADMIN_TOKEN, hosted('mem-sh', '310000'));
  await addSource(t, TEST_ADMIN_TOKEN, hosted('mem-zj', '330000'));
  sh = await sourceToken(t, TEST_ADMIN_TOKEN, 'mem-sh');
  zj = await sourceToken(t, memAdmin, 'mem-zj');
});
after(async () => {
  await t.close();
});

async function historyOf(certificateId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('certificate_history')
    .select('action')
    .where('certificate_id', '=', certificateId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

const count = async (table: 'certificate_history' | 'audit_log' | 'certificates') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('PUT /api/v1/sources/{id}/certificates/{type}/{number} (issue 5 §2)', () => {
  const id = residentId(1);
  let certificateId: string;

  it('creates, then leaves alone, then updates — with a result code each time', async () => {
    const created = await put(t, sh, 'mem-sh', LV, `T${id}`, memRecord(id));
    assert.equal(created.statusCode, 200, created.body);
    assert.equal(created.json().result, 'created');
    certificateId = created.json().certificateId;
    const unchanged = await put(t, sh, 'mem-sh', LV, `T${id}`, memRecord(id));
    assert.deepEqual(unchanged.json(), { result: 'unchanged', certificateId, version: 1 });
    const updated = await put(t, sh, 'mem-sh', LV, `T${id}`, memRecord(id, { validUntil: '2030-01-31' }));
    assert.deepEqual(updated.json(), { result: 'updated', certificateId, version: 2 });
    assert.deepEqual(await historyOf(certificateId), ['create', 'push.update']);
    const cert = await t.db
      .selectFrom('certificates')
      .selectAll()
      .where('id', '=', certificateId)
      .executeTakeFirstOrThrow();
    assert.equal(cert.source_id, 'mem-sh');
    assert.equal(cert.number, null, 'a number that embeds an ID number is sealed');
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('target_id', '=', certificateId)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => `${a.action} by ${a.actor_label}`),
      ['certificate.create by source.mem-sh', 'certificate.update by source.mem-sh'],
    );
    const source = await t.db
      .selectFrom('sources')
      .select('last_update_at')
      .where('id', '=', 'mem-sh')
      .executeTakeFirstOrThrow();
    assert.ok(source.last_update_at, 'the push made the source fresh');
  });

  it('answers 4xx naming the field at fault, with the registry’s own rules', async () => {
    const cases: Array<[string, string, object, number, string]> = [
      [LV, `T${id}`, memRecord(`${id.slice(0, 17)}0`), 400, 'body.holder.idNumber'],
      [LV, `T${residentId(2)}`, memRecord(id), 400, 'params.number'],
      [LV, `T${id}`, memRecord(id, { validUntil: '2023-01-01' }), 400, 'body.validUntil'],
      ['mem.fusion-welding', `T${id}`, memRecord(id), 422, 'params.type'],
      [
        LV,
        `T${id}`,
        memRecord(id, { issuer: { region: '320000', organization: '江苏省应急管理厅' } }),
        422,
        'body.issuer.region',
      ],
    ];
    for (const [type, number, body, status, path] of cases) {
      const res = await put(t, sh, 'mem-sh', type, number, body);
      assert.equal(res.statusCode, status, `${path}: ${res.body}`);
      assert.ok(
        res.json().error.details.some((d: { path: string }) => d.path === path),
        `${path}: ${res.body}`,
      );
    }
    assert.ok(!JSON.stringify(await historyOf(certificateId)).includes('invalid'));
  });

  it('refuses a token of another source, an ordinary admin and a certificate another source maintains', async () => {
    const other = await put(t, zj, 'mem-sh', LV, `T${id}`, memRecord(id));
    assert.equal(other.statusCode, 403, other.body);
    const admin = await put(t, memAdmin, 'mem-sh', LV, `T${id}`, memRecord(id));
    assert.equal(admin.statusCode, 403, admin.body);
    const system = await put(t, TEST_ADMIN_TOKEN, 'mem-sh', LV, `T${id}`, memRecord(id));
    assert.equal(system.statusCode, 403, system.body);
    const national = await sourceToken(t, TEST_ADMIN_TOKEN, 'mem-hosted');
    const taken = await put(t, national, 'mem-hosted', LV, `T${id}`, memRecord(id));
    assert.equal(taken.statusCode, 409, taken.body);
    assert.equal(taken.json().error.details[0].message.split(':')[0], 'other-source');
  });

  it('follows the lifecycle: suspend, reinstate, revoke — and revoked is final', async () => {
    const steps: Array<[object, number, string]> = [
      [{ status: 'suspended', reason: '违章作业 violation' }, 200, 'updated'],
      [{}, 200, 'unchanged'], // no status given: the certificate keeps its own
      [{ status: 'valid' }, 200, 'updated'],
      [{ status: 'revoked', reason: '弄虚作假 fraud' }, 200, 'updated'],
      [{ status: 'valid' }, 409, 'invalid_transition'],
      [{ status: 'revoked', validUntil: '2030-02-28' }, 409, 'invalid_transition'],
      [{ status: 'revoked' }, 200, 'unchanged'],
    ];
    for (const [change, status, outcome] of steps) {
      const res = await put(
        t,
        sh,
        'mem-sh',
        LV,
        `T${id}`,
        memRecord(id, { validUntil: '2030-01-31', ...change }),
      );
      assert.equal(res.statusCode, status, `${JSON.stringify(change)}: ${res.body}`);
      assert.equal(res.json().result ?? res.json().error.code, outcome);
    }
    assert.deepEqual(await historyOf(certificateId), [
      'create',
      'push.update',
      'suspend',
      'reinstate',
      'revoke',
    ]);
    const revoke = await t.db
      .selectFrom('certificate_history')
      .select('reason')
      .where('certificate_id', '=', certificateId)
      .where('action', '=', 'revoke')
      .executeTakeFirstOrThrow();
    assert.equal(revoke.reason, '弄虚作假 fraud');
  });

  it('takes over a certificate registered without a source (a department moving from files to push)', async () => {
    const holderId = residentId(3);
    const registered = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: bearer(memAdmin),
      payload: { type: LV, number: `T${holderId}`, ...memRecord(holderId) },
    });
    assert.equal(registered.statusCode, 201, registered.body);
    const res = await put(t, sh, 'mem-sh', LV, `T${holderId}`, memRecord(holderId));
    assert.equal(res.json().result, 'updated');
    const row = await t.db
      .selectFrom('certificates')
      .select('source_id')
      .where('id', '=', registered.json().id)
      .executeTakeFirstOrThrow();
    assert.equal(row.source_id, 'mem-sh');
  });

  it('keeps the number out of the logged URL', () => {
    assert.equal(
      redactUrl(`/api/v1/sources/mem-sh/certificates/${LV}/T${id}`),
      `/api/v1/sources/mem-sh/certificates/${LV}/[redacted]`,
    );
    assert.equal(
      redactUrl('/api/v1/sources/mem-sh/certificates/batch'),
      '/api/v1/sources/mem-sh/certificates/batch',
    );
  });

  it('takes reviewedUntil (复审); a push without it keeps the stored date, a new one replaces it', async () => {
    const reviewed = residentId(40);
    const stored = async (certificateId: string) =>
      (
        await t.db
          .selectFrom('certificates')
          .select('reviewed_until')
          .where('id', '=', certificateId)
          .executeTakeFirstOrThrow()
      ).reviewed_until;
    const created = await put(
      t,
      sh,
      'mem-sh',
      LV,
      `T${reviewed}`,
      memRecord(reviewed, { reviewedUntil: '2027-02-28' }),
    );
    assert.equal(created.json().result, 'created', created.body);
    const certificateId = created.json().certificateId;
    assert.equal(await stored(certificateId), '2027-02-28');
    const same = await put(t, sh, 'mem-sh', LV, `T${reviewed}`, memRecord(reviewed));
    assert.equal(same.json().result, 'unchanged');
    const later = await put(
      t,
      sh,
      'mem-sh',
      LV,
      `T${reviewed}`,
      memRecord(reviewed, { reviewedUntil: '2030-02-28' }),
    );
    assert.equal(later.json().result, 'updated');
    assert.equal(await stored(certificateId), '2030-02-28');
    const beyond = await put(
      t,
      sh,
      'mem-sh',
      LV,
      `T${reviewed}`,
      memRecord(reviewed, { reviewedUntil: '2030-03-01' }),
    );
    assert.equal(beyond.statusCode, 400, beyond.body);
    assert.match(beyond.json().error.details[0].message, /^beyond-validity:/);
  });
});

describe('POST /api/v1/sources/{id}/certificates/batch with an Idempotency-Key', () => {
  const records = [
    { type: LV, number: `T${residentId(10)}`, ...memRecord(residentId(10)) },
    { type: 'mem.hv-electrician', number: `T${residentId(11)}`, ...memRecord(residentId(11)) },
    { type: LV, number: `T${residentId(12)}`, ...memRecord(residentId(13)) }, // number is not the holder's
    { type: 'mem.fusion-welding', number: `T${residentId(14)}`, ...memRecord(residentId(14)) },
    { type: LV, number: `T${residentId(10)}`, ...memRecord(residentId(10)) }, // same certificate again
    { type: LV, number: `T${residentId(15)}` }, // no holder, no dates, no issuer
  ];

  it('applies the valid records, reports the others, and applies nothing twice for the same key', async () => {
    const before = { history: await count('certificate_history'), audit: await count('audit_log') };
    const first = await batch(t, sh, 'mem-sh', 'batch-0001', records);
    assert.equal(first.statusCode, 200, first.body);
    const results = first.json().results;
    assert.deepEqual(
      results.map((r: { index: number; result: string; errors?: Array<{ path: string; code: string }> }) =>
        [r.index, r.result, r.errors?.map((e) => `${e.path}:${e.code}`).join(',') ?? ''].join(' '),
      ),
      [
        '0 created ',
        '1 created ',
        '2 invalid number:number-holder-mismatch',
        '3 invalid type:type-not-covered',
        '4 invalid number:duplicate-in-batch',
        '5 invalid holder:invalid_type,validFrom:invalid_type,issuer:invalid_type',
      ],
    );
    assert.equal(results[0].number, `T1101**********${residentId(10).slice(-4)}`, 'numbers come back masked');
    const afterFirst = { history: await count('certificate_history'), audit: await count('audit_log') };
    assert.deepEqual(afterFirst, { history: before.history + 2, audit: before.audit + 1 });

    const retry = await batch(t, sh, 'mem-sh', 'batch-0001', records);
    assert.equal(retry.statusCode, 200, retry.body);
    assert.equal(retry.headers['idempotent-replayed'], 'true');
    assert.deepEqual(retry.json(), first.json());
    assert.deepEqual(
      { history: await count('certificate_history'), audit: await count('audit_log') },
      afterFirst,
    );

    const stored = await t.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('key', '=', 'batch-0001')
      .executeTakeFirstOrThrow();
    assert.ok(
      !JSON.stringify(stored).includes(residentId(10)),
      'no ID number in clear in the stored response',
    );
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('action', '=', 'source.batch')
      .executeTakeFirstOrThrow();
    assert.equal((audit.after as { created: number }).created, 2);
  });

  it('refuses the same key with a different body, and a missing key', async () => {
    const other = await batch(t, sh, 'mem-sh', 'batch-0001', records.slice(0, 1));
    assert.equal(other.statusCode, 422, other.body);
    assert.equal(other.json().error.code, 'idempotency_key_reused');
    const missing = await batch(t, sh, 'mem-sh', null, records.slice(0, 1));
    assert.equal(missing.statusCode, 400, missing.body);
  });

  it('keeps keys per source, and refuses a token of another source', async () => {
    const res = await batch(t, zj, 'mem-sh', 'batch-0002', records.slice(0, 1));
    assert.equal(res.statusCode, 403, res.body);
    const zjRecord = {
      type: LV,
      number: `T${residentId(20)}`,
      ...memRecord(residentId(20), { issuer: { region: '330100', organization: '杭州市应急管理局' } }),
    };
    const own = await batch(t, zj, 'mem-zj', 'batch-0001', [zjRecord]);
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().results[0].result, 'created');
  });

  it('reports updates and lifecycle steps per record', async () => {
    const suspend = [
      { ...records[0], status: 'suspended' },
      { ...records[1], validUntil: '2030-01-31' },
    ];
    const res = await batch(t, sh, 'mem-sh', 'batch-0003', suspend);
    assert.deepEqual(
      res.json().results.map((r: { result: string }) => r.result),
      ['updated', 'updated'],
    );
    const revoke = await batch(t, sh, 'mem-sh', 'batch-0004', [{ ...records[0], status: 'revoked' }]);
    assert.equal(revoke.json().results[0].result, 'updated');
    const back = await batch(t, sh, 'mem-sh', 'batch-0005', [{ ...records[0], status: 'valid' }]);
    assert.deepEqual(
      back.json().results[0].errors.map((e: { code: string }) => e.code),
      ['revoked-is-final'],
    );
  });
});
