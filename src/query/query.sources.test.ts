import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../shared/clock.ts';
import {
  addSource,
  bearer,
  memRecord,
  put,
  residentId,
  sourceToken,
} from '../sources/sources.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';

/** Department sources in the public query (issue 5 §2): freshness with hosted data, deep links for linked types. */
let t: TestApp;
let at = new Date('2026-11-29T08:00:00.000Z');
const clock: Clock = { now: () => new Date(at) };
const holder = residentId(7);
const other = residentId(8);
const LV = 'mem.lv-electrician';

before(async () => {
  t = await createTestApp({ clock, env: { HUTONG_PUBLIC_RATE_LIMIT: '1000' } });
  await addSource(t, TEST_ADMIN_TOKEN, {
    id: 'mem-sh',
    nameZh: '上海市应急管理局 推送',
    nameEn: 'Shanghai emergency management bureau (push)',
    department: 'mem',
    kind: 'hosted',
    types: [LV],
    region: '310000',
  });
  const token = await sourceToken(t, TEST_ADMIN_TOKEN, 'mem-sh');
  at = new Date('2026-11-29T09:00:00.000Z');
  assert.equal((await put(t, token, 'mem-sh', LV, `T${holder}`, memRecord(holder))).statusCode, 200);
  at = new Date('2026-11-29T10:00:00.000Z');
  assert.equal((await put(t, token, 'mem-sh', LV, `T${other}`, memRecord(other))).statusCode, 200);
  // Registered through the API (no source: MEM's default hosted source, which no push or import has touched).
  const samr = await t.tokenFor('department-admin', { department: 'samr' });
  at = new Date('2026-11-29T11:00:00.000Z');
  for (const [type, number] of [
    ['samr.forklift-driver', 'SAMR-N1-000001'],
    ['samr.ropeway-operator', 'SAMR-S2-000001'],
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: bearer(samr),
      payload: {
        type,
        number,
        ...memRecord(holder, { validUntil: '2028-02-28' }),
        issuer: { region: '310000', organization: '上海市市场监督管理局' },
      },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
  at = new Date('2026-11-29T12:00:00.000Z');
  await addSource(t, TEST_ADMIN_TOKEN, {
    id: 'samr-cnse',
    nameZh: '全国特种设备公示信息查询平台',
    nameEn: 'National Special Equipment Public Information Platform',
    department: 'samr',
    kind: 'linked',
    url: 'https://cnse.samr.gov.cn/info-pub/pub',
    deepLinkTemplate: 'https://cnse.samr.gov.cn/info-pub/pub?sfzh={idNumber}',
    types: ['samr.ropeway-operator'],
  });
  // A site that finds a certificate by its number: offered for name + number queries whose number fits.
  await addSource(t, TEST_ADMIN_TOKEN, {
    id: 'samr-rides',
    nameZh: '大型游乐设施作业人员查询',
    nameEn: 'Amusement ride operators query',
    department: 'samr',
    kind: 'linked',
    url: 'https://rides.example.gov.cn/',
    deepLinkTemplate: 'https://rides.example.gov.cn/cert?no={number}',
    types: ['samr.amusement-ride-operation'],
  });
});
after(async () => {
  await t.close();
});

const search = (payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/certificates/search', payload });

interface Item {
  kind: 'hosted' | 'linked';
  type?: string;
  source: { id: string; updatedAt: string | null };
  deepLink?: string;
  types?: Array<{ id: string }>;
}

describe('public query with department sources', () => {
  it('shows each hosted result’s source and its freshness', async () => {
    const res = await search({ name: '王小明', idNumber: holder });
    assert.equal(res.statusCode, 200, res.body);
    const items: Item[] = res.json().items;
    const hosted = items.filter((i) => i.kind === 'hosted');
    assert.deepEqual(
      hosted.map((i) => `${i.type} ${i.source.id} ${i.source.updatedAt}`),
      [
        // Pushed at 09:00, but the source delivered again at 10:00: its data is as fresh as that.
        `${LV} mem-sh 2026-11-29T10:00:00.000Z`,
        // The default source has never been pushed to or imported into: the certificate's own last change.
        'samr.forklift-driver samr-hosted 2026-11-29T11:00:00.000Z',
      ],
    );
    assert.equal(res.json().items[0].source.nameZh, '上海市应急管理局 推送');
  });

  it('gives the linked source’s deep link instead of the data it serves', async () => {
    const res = await search({ name: '王小明', idNumber: holder });
    const items: Item[] = res.json().items;
    assert.ok(
      !items.some((i) => i.type === 'samr.ropeway-operator'),
      'the hosted copy of a linked type is hidden',
    );
    const links = items.filter((i) => i.kind === 'linked');
    assert.deepEqual(links, [
      {
        kind: 'linked',
        source: {
          kind: 'linked',
          id: 'samr-cnse',
          nameZh: '全国特种设备公示信息查询平台',
          nameEn: 'National Special Equipment Public Information Platform',
          department: 'samr',
          url: 'https://cnse.samr.gov.cn/info-pub/pub',
          updatedAt: '2026-11-29T12:00:00.000Z',
        },
        deepLink: `https://cnse.samr.gov.cn/info-pub/pub?sfzh=${holder}`,
        types: [
          { id: 'samr.ropeway-operator', nameZh: '客运索道司机', nameEn: 'Passenger ropeway operator' },
        ],
      },
    ]);
  });

  it('gives the same links for a wrong name as for the right one, and no data', async () => {
    const right = await search({ name: '王小明', idNumber: holder });
    const wrong = await search({ name: '李四', idNumber: holder });
    assert.equal(wrong.statusCode, 200, wrong.body);
    const rightLinks = right.json().items.filter((i: Item) => i.kind === 'linked');
    assert.deepEqual(wrong.json().items, rightLinks);
    // By number: the template needs the ID number, so only the number-based site is offered, whoever is named.
    const byNumber = await search({ name: '王小明', number: 'SAMR-S2-000001' });
    const byNumberWrongName = await search({ name: '李四', number: 'SAMR-S2-000001' });
    assert.equal(byNumber.statusCode, 200, byNumber.body);
    assert.deepEqual(byNumberWrongName.json(), byNumber.json());
    assert.deepEqual(
      byNumber.json().items.map((i: Item) => i.deepLink),
      ['https://rides.example.gov.cn/cert?no=SAMR-S2-000001'],
    );
  });

  it('keeps the one 404 when there is neither data nor a link', async () => {
    // A MOHURD number: no linked source's number format accepts it.
    const wrongName = await search({ name: '李四', number: '沪A012024000123' });
    const missing = await search({ name: '王小明', number: '沪A012024000999' });
    assert.equal(wrongName.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    const strip = (body: { error: { requestId?: string } }) => ({ ...body.error, requestId: undefined });
    assert.deepEqual(strip(wrongName.json()), strip(missing.json()));
  });

  it('finds one hosted certificate by number with its source', async () => {
    const res = await search({ name: '王小明', number: `T${other}` });
    assert.equal(res.statusCode, 200, res.body);
    const items: Item[] = res.json().items;
    assert.deepEqual(
      items.map((i) => `${i.kind} ${i.source.id}`),
      // SAMR's number format accepts almost any number (reference §4.3: not verified), so its site is offered too.
      ['hosted mem-sh', 'linked samr-rides'],
    );
  });
});
