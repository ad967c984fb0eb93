import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';

let t: TestApp;
let mem: string; // MEM admin, national
let memGd: string; // MEM admin of 440000
let samr: string;
let hrssSh: string;
let hrssGd: string;
let sysadmin: string;

before(async () => {
  t = await createTestApp();
  mem = await t.tokenFor('department-admin', { department: 'mem' });
  memGd = await t.tokenFor('department-admin', { department: 'mem', province: '440000' });
  samr = await t.tokenFor('department-admin', { department: 'samr' });
  hrssSh = await t.tokenFor('province-admin', { province: '310000' });
  hrssGd = await t.tokenFor('province-admin', { province: '440000' });
  sysadmin = await t.tokenFor('system-admin');
});
after(async () => {
  await t.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const lvElectrician = (idNumber = '11010519491231002X', extra: Record<string, unknown> = {}) => ({
  type: 'mem.lv-electrician',
  number: `T${idNumber}`,
  holder: { name: ' 张三 ', idType: 'resident', idNumber: idNumber.toLowerCase() },
  validFrom: '2024-03-01',
  validUntil: '2030-02-28',
  issuer: { region: '310000', organization: '上海市应急管理局' },
  ...extra,
});

async function create(token: string, body: unknown) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: auth(token),
    payload: body as object,
  });
}

describe('certificates API', () => {
  let id: string;

  it('registers a certificate; every role sees the ID number masked', async () => {
    const res = await create(mem, lvElectrician());
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    id = body.id;
    assert.equal(body.holder.name, '张三');
    // Masked for every role, the issuing department too; the full number is revealed on purpose (issue 15 §3).
    assert.equal(body.holder.idNumber, '1101**********002X');
    assert.equal(body.number, 'T1101**********002X');
    assert.equal(body.effectiveStatus, 'valid');
    const seen = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${id}`,
      headers: auth(hrssSh),
    });
    assert.equal(seen.statusCode, 200, seen.body);
    assert.equal(seen.json().holder.idNumber, '1101**********002X');
    assert.equal(seen.json().number, 'T1101**********002X');
    assert.ok(!seen.body.includes('11010519491231002X'));
    assert.equal(seen.json().history[0].action, 'create');
  });

  it('hides a certificate outside the reader’s province (404, not 403)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${id}`,
      headers: auth(hrssGd),
    });
    assert.equal(res.statusCode, 404);
  });

  it('refuses a duplicate (type, number) with 409', async () => {
    const res = await create(mem, lvElectrician());
    assert.equal(res.statusCode, 409);
  });

  it('names every invalid field', async () => {
    const res = await create(
      mem,
      lvElectrician('110105194912310021', {
        validUntil: '2020-01-01',
        issuer: { region: '999999', organization: 'x' },
      }),
    );
    assert.equal(res.statusCode, 400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    for (const p of ['body.number', 'body.holder.idNumber', 'body.validUntil', 'body.issuer.region']) {
      assert.ok(paths.includes(p), `${p} in ${paths}`);
    }
    assert.ok(!res.body.includes('110105194912310021'), 'the ID number is not echoed');
  });

  it('scopes department admins to their department and province', async () => {
    const otherDept = await create(samr, lvElectrician('440524188001010014'));
    assert.equal(otherDept.statusCode, 403);
    const otherProvince = await create(memGd, lvElectrician('440524188001010014'));
    assert.equal(otherProvince.statusCode, 403);
    const own = await create(
      memGd,
      lvElectrician('440524188001010014', { issuer: { region: '440000', organization: '广东省应急管理厅' } }),
    );
    assert.equal(own.statusCode, 201, own.body);
  });

  it('makes one holder of the same person registered by two departments', async () => {
    const weld = await create(samr, {
      type: 'samr.metal-welding',
      number: 'SAMR-2024-000123',
      holder: { name: '张三', idType: 'resident', idNumber: '11010519491231002X' },
      validFrom: '2024-05-01',
      validUntil: '2028-04-30',
      issuer: { region: '310000', organization: '上海市市场监督管理局' },
    });
    assert.equal(weld.statusCode, 201, weld.body);
    const first = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${id}`,
      headers: auth(sysadmin),
    });
    assert.equal(weld.json().holder.id, first.json().holder.id);
    const holder = await t.app.inject({
      method: 'GET',
      url: `/api/v1/holders/${weld.json().holder.id}`,
      headers: auth(mem),
    });
    assert.equal(holder.statusCode, 200);
    assert.equal(
      holder.json().holder.idNumber,
      '1101**********002X',
      'the issuing MEM admin sees it masked too, until revealed with a reason',
    );
    assert.deepEqual(
      holder.json().certificates.map((c: { type: string }) => c.type),
      ['mem.lv-electrician'],
      'a MEM admin sees only MEM certificates',
    );
    const all = await t.app.inject({
      method: 'GET',
      url: `/api/v1/holders/${weld.json().holder.id}`,
      headers: auth(sysadmin),
    });
    assert.equal(all.json().certificates.length, 2);
    assert.equal(all.json().holder.idNumber, '1101**********002X');
  });

  const steps: Array<[string, Record<string, unknown>, number, string]> = [
    ['reinstate', { reason: '无需恢复' }, 409, 'valid'],
    ['suspend', { reason: '违章作业 调查中' }, 200, 'suspended'],
    ['suspend', { reason: '再次暂停' }, 409, 'suspended'],
    ['renew', { validUntil: '2036-02-28' }, 409, 'suspended'],
    ['reinstate', { reason: '调查结束' }, 200, 'valid'],
    ['renew', { validUntil: '2037-01-01' }, 422, 'valid'],
    ['renew', { validUntil: '2036-02-28', reason: '复审合格' }, 200, 'valid'],
    ['revoke', { reason: '伪造材料' }, 200, 'revoked'],
    ['reinstate', { reason: '撤销吊销' }, 409, 'revoked'],
  ];
  for (const [action, body, status, after] of steps) {
    it(`lifecycle: ${action} ${JSON.stringify(body)} → ${status}, then ${after}`, async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/certificates/${id}/${action}`,
        headers: auth(mem),
        payload: body,
      });
      assert.equal(res.statusCode, status, res.body);
      const now = await t.app.inject({
        method: 'GET',
        url: `/api/v1/certificates/${id}`,
        headers: auth(mem),
      });
      assert.equal(now.json().status, after);
    });
  }

  it('keeps every change in the history with actor, reason, before and after', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/certificates/${id}`, headers: auth(mem) });
    const history = res.json().history as Array<{
      action: string;
      reason: string | null;
      before: { validUntil: string };
    }>;
    assert.deepEqual(
      history.map((h) => h.action),
      ['create', 'suspend', 'reinstate', 'renew', 'revoke'],
    );
    assert.equal(history[3]?.reason, '复审合格');
    assert.equal(history[3]?.before.validUntil, '2030-02-28');
  });

  it('searches with filters (ID number in the body), keyset pages and scope', async () => {
    const byId = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/search',
      headers: auth(sysadmin),
      payload: { idNumber: '11010519491231002x', sort: 'type', order: 'asc', limit: 1 },
    });
    assert.equal(byId.statusCode, 200, byId.body);
    assert.equal(byId.json().items[0].type, 'mem.lv-electrician');
    const page2 = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/search',
      headers: auth(sysadmin),
      payload: {
        idNumber: '11010519491231002X',
        sort: 'type',
        order: 'asc',
        limit: 1,
        cursor: byId.json().next,
      },
    });
    assert.equal(page2.json().items[0].type, 'samr.metal-welding');
    assert.equal(page2.json().next, undefined);
    const revoked = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/search',
      headers: auth(hrssSh),
      payload: { status: 'revoked' },
    });
    assert.equal(revoked.json().items.length, 1);
    const gd = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/search',
      headers: auth(hrssGd),
      payload: {},
    });
    assert.ok(gd.json().items.every((c: { issuer: { region: string } }) => c.issuer.region === '440000'));
  });

  it('exports the filter as CSV and XLSX without full ID numbers for non-issuers', async () => {
    const csv = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/export',
      headers: auth(hrssSh),
      payload: { format: 'csv' },
    });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment/);
    assert.match(csv.body, /certificate_type,certificate_number/);
    assert.match(csv.body, /1101\*\*\*\*\*\*\*\*\*\*002X/);
    assert.ok(!csv.body.includes('11010519491231002X'));
    const xlsx = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/export',
      headers: auth(hrssSh),
      payload: { format: 'xlsx' },
    });
    assert.equal(xlsx.statusCode, 200);
    assert.equal(xlsx.rawPayload.subarray(0, 2).toString(), 'PK');
  });
});
