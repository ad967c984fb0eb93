import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createMemoryCounters } from '../limits/limits.memory.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { createIdentifierLimiter } from './query.limiter.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ env: { HUTONG_PUBLIC_RATE_LIMIT: '1000', HUTONG_PUBLIC_IDENTIFIER_LIMIT: '5' } });
  const mem = await t.tokenFor('department-admin', { department: 'mem' });
  const samr = await t.tokenFor('department-admin', { department: 'samr' });
  const register = async (token: string, payload: object) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
    assert.equal(res.statusCode, 201, res.body);
  };
  const holder = { name: '阿依古丽·买买提', idType: 'resident', idNumber: '11010519491231002X' };
  await register(mem, {
    type: 'mem.lv-electrician',
    number: 'T11010519491231002X',
    holder,
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    issuer: { region: '310000', organization: '上海市应急管理局' },
  });
  await register(samr, {
    type: 'samr.metal-welding',
    number: 'SAMR-2024-000123',
    holder,
    validFrom: '2020-05-01',
    validUntil: '2024-04-30',
    issuer: { region: '310000', organization: '上海市市场监督管理局' },
  });
});
after(async () => {
  await t.close();
});

const search = (payload: object) =>
  t.app.inject({ method: 'POST', url: '/api/v1/public/certificates/search', payload });

describe('POST /api/v1/public/certificates/search (一网通查)', () => {
  it('finds all of a person’s certificates across departments by name + ID number, masked', async () => {
    const res = await search({ name: '阿依古丽・买买提', idNumber: '11010519491231002x' });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items;
    assert.deepEqual(
      items.map((i: { type: string; status: string }) => `${i.type}:${i.status}`),
      ['samr.metal-welding:expired', 'mem.lv-electrician:valid'],
    );
    assert.equal(items[1].number, 'T1101**********002X');
    assert.equal(items[1].typeNameZh, '低压电工作业');
    assert.ok(!res.body.includes('11010519491231002'), 'no full ID number');
  });

  it('finds one certificate by name + number, whatever its type', async () => {
    const res = await search({ name: '阿依古丽·买买提', number: 'samr-2024-000123' });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res.json().items.map((i: { type: string }) => i.type),
      ['samr.metal-welding'],
    );
  });

  it('gives the same 404 for a wrong name and for a missing certificate', async () => {
    const wrongName = await search({ name: '张三', number: 'SAMR-2024-000123' });
    const missing = await search({ name: '阿依古丽·买买提', number: 'SAMR-2099-999999' });
    assert.equal(wrongName.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    const strip = (body: { error: { requestId?: string } }) => ({ ...body.error, requestId: undefined });
    assert.deepEqual(strip(wrongName.json()), strip(missing.json()));
  });

  it('requires both parts, and refuses other fields', async () => {
    for (const payload of [
      { name: '张三' },
      { idNumber: '11010519491231002X' },
      { name: '张三', number: 'X', extra: 1 },
    ]) {
      const res = await search(payload);
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
    }
  });

  it('limits queries per identifier, whatever the client address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/public/certificates/search',
        payload: { name: `试${i}`, number: 'T11010519491231002X' },
        remoteAddress: `10.0.0.${i + 1}`,
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) assert.ok(Number(res.headers['retry-after']) > 0);
    }
    assert.deepEqual(statuses, [404, 404, 404, 404, 404, 429, 429]);
  });
});

describe('identifier limiter', () => {
  it('counts a fixed window per key and forgets the least recently used keys first', async () => {
    const limiter = createIdentifierLimiter(2, 1000, createMemoryCounters(2));
    assert.equal(await limiter.hit('a', 0), null);
    assert.equal(await limiter.hit('a', 100), null);
    assert.equal(await limiter.hit('a', 200), 1, 'the window ends at 1000: wait 0.8 s, rounded up');
    assert.equal(await limiter.hit('a', 1001), null, 'a new window');
    await limiter.hit('b', 1002);
    await limiter.hit('c', 1003); // evicts a
    assert.equal(await limiter.hit('a', 1004), null);
    assert.equal(await limiter.hit('a', 1005), null);
    assert.equal(await limiter.hit('a', 1006), 1);
  });
});
