import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { addSource, bearer, sourceToken } from './sources.test-helpers.ts';

let t: TestApp;
let memAdmin: string;
let mohurdZj: string;
before(async () => {
  t = await createTestApp();
  memAdmin = await t.tokenFor('department-admin', { department: 'mem' });
  mohurdZj = await t.tokenFor('department-admin', { department: 'mohurd', province: '330000' });
});
after(async () => {
  await t.close();
});

const cnse = {
  id: 'samr-cnse',
  nameZh: '全国特种设备公示信息查询平台',
  nameEn: 'National Special Equipment Public Information Platform',
  department: 'samr',
  kind: 'linked',
  url: 'https://cnse.samr.gov.cn/info-pub/pub',
  deepLinkTemplate: 'https://cnse.samr.gov.cn/info-pub/pub?sfzh={idNumber}',
  types: ['samr.ropeway-operator', 'samr.amusement-ride-operation'],
};

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });

async function auditActions(targetId: string): Promise<string[]> {
  const rows = await t.db
    .selectFrom('audit_log')
    .select('action')
    .where('target_id', '=', targetId)
    .orderBy('position')
    .execute();
  return rows.map((r) => r.action);
}

describe('department sources: the admin API (issue 5 §2)', () => {
  it('has a default hosted source per department from the migration', async () => {
    const res = await send('GET', '/api/v1/sources?kind=hosted', TEST_ADMIN_TOKEN);
    assert.equal(res.statusCode, 200, res.body);
    const defaults = res.json().items.filter((s: { isDefault: boolean }) => s.isDefault);
    assert.deepEqual(
      defaults.map((s: { id: string; types: string[] }) => `${s.id}:${s.types.length}`),
      ['mem-hosted:0', 'mohrss-hosted:0', 'mohurd-hosted:0', 'samr-hosted:0'],
    );
  });

  it('registers a linked source with its deep-link template, audited', async () => {
    const view = await addSource(t, TEST_ADMIN_TOKEN, cnse);
    assert.equal(view.kind, 'linked');
    assert.equal(view.isDefault, false);
    assert.ok(view.lastUpdateAt, 'a linked registration is as fresh as its last edit');
    assert.deepEqual(await auditActions('samr-cnse'), ['source.create']);
    const again = await send('POST', '/api/v1/sources', TEST_ADMIN_TOKEN, cnse);
    assert.equal(again.statusCode, 409);
  });

  it('refuses unknown or foreign types, a linked source without a URL and unknown placeholders', async () => {
    const cases: Array<[object, string]> = [
      [{ ...cnse, id: 'x-1', types: ['samr.no-such-type'] }, 'body.types.0'],
      [{ ...cnse, id: 'x-2', types: ['mem.lv-electrician'] }, 'body.types.0'],
      [{ ...cnse, id: 'x-3', url: undefined }, 'body.url'],
      [{ ...cnse, id: 'x-4', deepLinkTemplate: 'https://a.gov.cn/?q={birthday}' }, 'body.deepLinkTemplate'],
      [{ ...cnse, id: 'x-5', deepLinkTemplate: 'javascript:alert({name})' }, 'body.deepLinkTemplate'],
      [{ ...cnse, id: 'x-6', kind: 'hosted' }, 'body.deepLinkTemplate'],
    ];
    for (const [body, path] of cases) {
      const res = await send('POST', '/api/v1/sources', TEST_ADMIN_TOKEN, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res.json().error.details.some((d: { path: string }) => d.path === path),
        `${path}: ${res.body}`,
      );
    }
  });

  it('lets a department admin manage its own department’s sources only', async () => {
    const own = { ...cnse, id: 'mem-coal', department: 'mem', types: ['mem.coal-gas-inspection'] };
    assert.equal((await send('POST', '/api/v1/sources', memAdmin, own)).statusCode, 201);
    const foreign = { ...cnse, id: 'samr-other' };
    assert.equal((await send('POST', '/api/v1/sources', memAdmin, foreign)).statusCode, 403);
    const list = await send('GET', '/api/v1/sources', memAdmin);
    assert.deepEqual(
      list.json().items.map((s: { id: string }) => s.id),
      ['mem-coal', 'mem-hosted'],
    );
    assert.equal((await send('GET', '/api/v1/sources?department=samr', memAdmin)).statusCode, 403);
    assert.equal((await send('GET', '/api/v1/sources/samr-cnse', memAdmin)).statusCode, 403);
  });

  it('lets a provincial admin read the national source but manage only its province’s', async () => {
    assert.equal((await send('GET', '/api/v1/sources/mohurd-hosted', mohurdZj)).statusCode, 200);
    assert.equal(
      (await send('PATCH', '/api/v1/sources/mohurd-hosted', mohurdZj, { nameEn: 'x' })).statusCode,
      403,
    );
    const zj = {
      id: 'mohurd-zj',
      nameZh: '浙江省建设行业从业人员查询',
      nameEn: 'Zhejiang construction workers query',
      department: 'mohurd',
      kind: 'linked',
      url: 'https://jst.zj.gov.cn/',
      types: ['mohurd.electrician'],
    };
    assert.equal((await send('POST', '/api/v1/sources', mohurdZj, zj)).statusCode, 403, 'national');
    assert.equal(
      (await send('POST', '/api/v1/sources', mohurdZj, { ...zj, region: '330000' })).statusCode,
      201,
    );
    const national = await send('PATCH', '/api/v1/sources/mohurd-zj', mohurdZj, { region: null });
    assert.equal(national.statusCode, 403, 'cannot widen beyond its scope');
  });

  it('changes a source (never its id, department or kind), audited with before and after', async () => {
    const res = await send('PATCH', '/api/v1/sources/samr-cnse', TEST_ADMIN_TOKEN, {
      types: ['samr.ropeway-operator'],
      deepLinkTemplate: null,
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().types, ['samr.ropeway-operator']);
    assert.equal(res.json().deepLinkTemplate, null);
    const row = await t.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('target_id', '=', 'samr-cnse')
      .where('action', '=', 'source.update')
      .executeTakeFirstOrThrow();
    assert.equal((row.before as { types: string[] }).types.length, 2);
    assert.equal((row.after as { types: string[] }).types.length, 1);
    const kind = await send('PATCH', '/api/v1/sources/samr-cnse', TEST_ADMIN_TOKEN, { kind: 'hosted' });
    assert.equal(kind.statusCode, 400);
  });

  it('pages with a keyset cursor', async () => {
    const first = await send('GET', '/api/v1/sources?limit=2', TEST_ADMIN_TOKEN);
    const page = first.json();
    assert.equal(page.items.length, 2);
    assert.ok(page.next);
    const second = await send('GET', `/api/v1/sources?limit=2&after=${page.next}`, TEST_ADMIN_TOKEN);
    assert.ok(second.json().items[0].id > page.next);
  });
});

describe('source tokens', () => {
  it('gives a hosted source a push token, shown once, bound to a service account that cannot log in', async () => {
    const res = await send('POST', '/api/v1/sources/mem-hosted/tokens', memAdmin, { label: 'MEM system' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().source, 'mem-hosted');
    const user = await t.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'source.mem-hosted')
      .executeTakeFirstOrThrow();
    assert.equal(user.password_hash, null);
    assert.equal(user.department, 'mem');
    const second = await sourceToken(t, TEST_ADMIN_TOKEN, 'mem-hosted');
    assert.notEqual(second, res.json().token);
    const accounts = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'source.mem-hosted')
      .execute();
    assert.equal(accounts.length, 1, 'one service account per source');
  });

  it('refuses tokens for a linked source and for another department’s source', async () => {
    assert.equal(
      (await send('POST', '/api/v1/sources/samr-cnse/tokens', TEST_ADMIN_TOKEN, { label: 'x' })).statusCode,
      422,
    );
    assert.equal(
      (await send('POST', '/api/v1/sources/samr-hosted/tokens', memAdmin, { label: 'x' })).statusCode,
      403,
    );
  });

  it('keeps a source token away from every route but the push API', async () => {
    const token = await sourceToken(t, TEST_ADMIN_TOKEN, 'mem-hosted');
    for (const [method, url] of [
      ['GET', '/api/v1/sources'],
      ['GET', '/api/v1/auth/me'],
      ['POST', '/api/v1/certificates/search'],
    ] as const) {
      const res = await send(method, url, token, method === 'POST' ? {} : undefined);
      assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
    }
    const health = await send('GET', '/api/v1/health', token);
    assert.equal(health.statusCode, 200, 'public routes stay public');
  });
});
