import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import type { CreateInstitutionInput, InstitutionView } from './institution.model.ts';
import { bearer, errorPaths, fileInstitution, makeInstitution } from './institution.test-helpers.ts';

// Today in China is 2026-06-15: the clock decides which filings are active, expired or not yet valid.
let t: TestApp;
let hrssSh: string;
const filed = new Map<string, InstitutionView>();

const electrician = (...levels: Array<'5' | '4' | '3'>) =>
  levels.map((level) => ({ occupation: '6-31-01-03', level }));
const fixtures: Array<[string, number, Partial<CreateInstitutionInput>]> = [
  ['A', 1, { name: '浦东电工评价站', scopes: electrician('5', '4', '3') }],
  ['B', 2, { name: '徐汇焊工评价站', scopes: [{ occupation: '6-18-02-04', level: '5' }] }],
  ['C', 3, { name: '深圳电工评价站', province: '440000', scopes: electrician('4') }],
  ['D', 4, { name: '过期电工评价站', validUntil: '2026-06-14', scopes: electrician('4') }],
  ['E', 5, { name: '未来电工评价站', validFrom: '2026-07-01', scopes: electrician('4') }],
  ['F', 6, { name: '宁波电工评价站', province: '330000', scopes: electrician('4') }],
  ['G', 7, { name: '今日到期电工站', validUntil: '2026-06-15', scopes: electrician('5') }],
];

before(async () => {
  t = await createTestApp({ clock: fixedClock('2026-06-15T02:00:00Z') });
  hrssSh = await t.tokenFor('province-admin', { province: '310000' });
  for (const [key, n, overrides] of fixtures) {
    const body = makeInstitution(n, overrides);
    // Sites in a real district of each province: 浦东 310115, 徐汇 310104, 深圳南山 440305, 宁波海曙 330203.
    const region = { '310000': n === 2 ? '310104' : '310115', '440000': '440305', '330000': '330203' }[
      body.province
    ];
    filed.set(
      key,
      await fileInstitution(t, TEST_ADMIN_TOKEN, { ...body, sites: [{ ...body.sites[0], region }] }),
    );
  }
  const f = filed.get('F');
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/institutions/${f?.id}/suspend`,
    headers: bearer(TEST_ADMIN_TOKEN),
    payload: { reason: '督导暂停' },
  });
  assert.equal(res.statusCode, 200, res.body);
});
after(async () => {
  await t.close();
});

async function list(query: string, token?: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/institutions${query}`,
    headers: token ? bearer(token) : {},
  });
  return res;
}

/** The fixture keys of a directory answer, in order. */
async function keys(query: string, token?: string): Promise<string[]> {
  const res = await list(query, token);
  assert.equal(res.statusCode, 200, res.body);
  const byId = new Map([...filed].map(([key, v]) => [v.id, key]));
  return (res.json().items as InstitutionView[]).map((i) => byId.get(i.id) ?? i.name);
}

describe('the public directory (机构查询, issue 6 §1)', () => {
  it('lists only filings active today, in the public view', async () => {
    const res = await list('');
    const items = res.json().items as InstitutionView[];
    assert.deepEqual(
      items.map((i) => i.name).sort(),
      ['今日到期电工站', '徐汇焊工评价站', '浦东电工评价站', '深圳电工评价站'].sort(),
    );
    assert.ok(
      items.every((i) => i.status === 'active' && i.version === undefined && i.storedStatus === undefined),
    );
    assert.ok(
      items.every((i) => /^91/.test(i.creditCode)),
      'the credit code of an organisation is public',
    );
  });

  it('filters by occupation and level, region (province, city, district) and name', async () => {
    const cases: Array<[string, string[]]> = [
      ['?occupation=6-31-01-03&level=4', ['A', 'C']],
      ['?occupation=6-31-01-03', ['A', 'C', 'G']],
      ['?level=5', ['A', 'B', 'G']],
      ['?occupation=6-18-02-04&level=4', []],
      ['?region=310000', ['A', 'B', 'G']],
      ['?region=440300', ['C']],
      ['?region=310104', ['B']],
      ['?occupation=6-31-01-03&level=4&region=310000', ['A']],
      [`?name=${encodeURIComponent('焊工')}`, ['B']],
      [`?name=${encodeURIComponent('%')}`, []],
    ];
    for (const [query, expected] of cases) assert.deepEqual((await keys(query)).sort(), expected, query);
  });

  it('derives expiry from the dates: the day after validUntil is expired, validUntil itself is not', async () => {
    const d = filed.get('D');
    const g = filed.get('G');
    const e = filed.get('E');
    assert.equal(d?.status, 'expired');
    assert.equal(d?.storedStatus, 'active');
    assert.equal(g?.status, 'active');
    assert.equal(e?.status, 'not-yet-valid');
    const anon = await t.app.inject({ method: 'GET', url: `/api/v1/institutions/${d?.id}` });
    assert.equal(anon.statusCode, 404, 'an expired filing is not public');
    const admin = await t.app.inject({
      method: 'GET',
      url: `/api/v1/institutions/${d?.id}`,
      headers: bearer(hrssSh),
    });
    assert.equal(admin.json().status, 'expired');
  });

  it('gives overseers `status`, in their scope only', async () => {
    assert.equal((await list('?status=expired')).statusCode, 401);
    const holder = await t.tokenFor('holder');
    assert.equal((await list('?status=expired', holder)).statusCode, 403);
    assert.deepEqual(await keys('?status=expired', TEST_ADMIN_TOKEN), ['D']);
    assert.deepEqual(await keys('?status=not-yet-valid', TEST_ADMIN_TOKEN), ['E']);
    assert.deepEqual(await keys('?status=suspended', TEST_ADMIN_TOKEN), ['F']);
    assert.deepEqual((await keys('?status=all', hrssSh)).sort(), ['A', 'B', 'D', 'E', 'G']);
    assert.deepEqual(await keys('?status=suspended', hrssSh), [], 'Zhejiang is not Shanghai’s');
    const supervisorZj = await t.tokenFor('supervisor', { province: '330000' });
    assert.deepEqual(await keys('?status=suspended', supervisorZj), ['F']);
    const full = (await list('?status=active', hrssSh)).json().items as InstitutionView[];
    assert.ok(
      full.every((i) => i.version >= 1),
      'overseers get the full view',
    );
  });
});

describe('directory pages', () => {
  before(async () => {
    for (let n = 100; n < 111; n++)
      await fileInstitution(
        t,
        hrssSh,
        makeInstitution(n, { name: `分页测试机构${String(n).padStart(3, '0')}` }),
      );
  });

  it('walks keyset pages sorted by name without gaps or repeats', async () => {
    const all = await keys(`?name=${encodeURIComponent('分页测试')}&limit=100`);
    assert.equal(all.length, 11);
    assert.deepEqual(all, [...all].sort(), 'sorted by name');
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await list(
        `?name=${encodeURIComponent('分页测试')}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as { items: InstitutionView[]; next?: string };
      seen.push(...body.items.map((i) => i.name));
      cursor = body.next;
      pages += 1;
    } while (cursor && pages < 10);
    assert.equal(pages, 4, 'three full pages and one of two; no empty page after');
    assert.deepEqual(seen, all);
  });

  it('refuses a limit over 100 and a malformed cursor', async () => {
    const tooMany = await list('?limit=101');
    assert.equal(tooMany.statusCode, 400);
    assert.deepEqual(errorPaths(tooMany.body), ['querystring.limit']);
    const bad = await list('?cursor=not-a-cursor');
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorPaths(bad.body), ['querystring.cursor']);
  });
});
