import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';
import type { ItemDetail, ItemView } from './bank.model.ts';

/**
 * Object scope on the question bank (issue 17 §4): answer keys and drafts are for the bank's authors and reviewers in
 * scope; other provinces' admins and institution operators see items in use without their keys, and act on none.
 */
let t: TestApp;
let shA: string; // province admins of 310000: author and reviewer
let shB: string;
let js: string; // province admins of 320000 and 440000
let gd: string;
let operator: string; // an operator of another province's institution
before(async () => {
  t = await createTestApp();
  shA = await t.tokenFor('province-admin', { province: '310000' });
  shB = await t.tokenFor('province-admin', { province: '310000' });
  js = await t.tokenFor('province-admin', { province: '320000' });
  gd = await t.tokenFor('province-admin', { province: '440000' });
  operator = await t.tokenFor('institution-operator', {
    institution: '00000000-0000-4000-8000-000000000044',
  });
});
after(async () => {
  await t.close();
});

async function send(method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload && { payload }),
  });
}
const single = (stem: string) => ({
  type: 'single',
  occupation: '6-31-01-03',
  level: '4',
  knowledgePoint: '电工-4-范围-01',
  stem,
  options: [
    { id: 'A', text: '36 V' },
    { id: 'B', text: '220 V' },
  ],
  answer: ['A'],
  score: 1,
  difficulty: 0.3,
});
async function draft(stem: string): Promise<ItemView> {
  const res = await send('POST', '/bank/items', shA, single(stem));
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
async function active(stem: string): Promise<ItemView> {
  const item = await draft(stem);
  for (const action of ['review', 'activate'])
    assert.equal(
      (await send('POST', `/bank/items/${item.id}/${action}`, shB, { comment: '同意' })).statusCode,
      200,
    );
  return item;
}

describe('bank items outside the caller’s scope', () => {
  it('refuses enemy sets over Shanghai’s items to the admins of 320000 and 440000', async () => {
    const drafts = [await draft('范围 草稿 一'), await draft('范围 草稿 二')];
    const inUse = [await active('范围 在用 一'), await active('范围 在用 二')];
    for (const token of [js, gd]) {
      const overDrafts = await send('POST', '/bank/enemy-sets', token, {
        name: '越权',
        itemIds: drafts.map((i) => i.id),
      });
      // Drafts of another province are as unknown as absent items.
      assert.equal(overDrafts.statusCode, 400, overDrafts.body);
      assert.match(overDrafts.json().error.details[0].message, /^unknown-item/);
      const overActive = await send('POST', '/bank/enemy-sets', token, {
        name: '越权',
        itemIds: inUse.map((i) => i.id),
      });
      assert.equal(overActive.statusCode, 403, overActive.body);
    }
    const own = await send('POST', '/bank/enemy-sets', shA, {
      name: '本省',
      itemIds: inUse.map((i) => i.id),
    });
    assert.equal(own.statusCode, 201, own.body);
    // A set naming a draft is not listed to those who may not see the draft.
    const mixed = await send('POST', '/bank/enemy-sets', shA, {
      name: '含草稿',
      itemIds: [drafts[0]?.id, inUse[0]?.id],
    });
    assert.equal(mixed.statusCode, 201, mixed.body);
    const seen = (await send('GET', `/bank/enemy-sets?itemId=${inUse[0]?.id}`, gd)).json() as {
      items: Array<{ name: string }>;
    };
    assert.deepEqual(
      seen.items.map((s) => s.name),
      ['本省'],
    );
  });

  it('hides Shanghai’s drafts from other provinces’ admins, by id and in the list', async () => {
    const item = await draft('范围 草稿 不可见');
    for (const token of [js, gd, operator])
      assert.equal((await send('GET', `/bank/items/${item.id}`, token)).statusCode, 404);
    const edit = await send('PUT', `/bank/items/${item.id}`, gd, {
      ...single('改'),
      occupation: undefined,
      level: undefined,
      baseVersion: 1,
    });
    assert.equal(edit.statusCode, 404, edit.body);
    assert.equal((await send('POST', `/bank/items/${item.id}/review`, js, { comment: 'x' })).statusCode, 404);
    const listed = (await send('GET', '/bank/items?knowledgePoint=电工-4-范围&limit=200', gd)).json() as {
      items: ItemView[];
    };
    assert.ok(!listed.items.some((i) => i.id === item.id), 'a foreign draft is listed');
    assert.ok(listed.items.every((i) => i.status === 'active'));
    const asked = (await send('GET', '/bank/items?status=draft&limit=200', js)).json() as {
      items: ItemView[];
    };
    assert.ok(asked.items.every((i) => i.province === '320000'));
    const author = (await send('GET', '/bank/items?status=draft&limit=200', shB)).json() as {
      items: ItemView[];
    };
    assert.ok(
      author.items.some((i) => i.id === item.id),
      'the province’s reviewers see its drafts',
    );
  });

  it('shows Shanghai’s active items to other institutions and provinces without their answer keys', async () => {
    const item = await active('范围 在用 答案');
    for (const token of [operator, gd]) {
      const detail = await send('GET', `/bank/items/${item.id}`, token);
      assert.equal(detail.statusCode, 200, detail.body);
      const body = detail.json() as ItemDetail;
      assert.equal(body.current.answer, null);
      assert.ok(body.versions.every((v) => v.answer === null));
      const list = (await send('GET', '/bank/items?knowledgePoint=电工-4-范围&limit=200', token)).json() as {
        items: ItemView[];
      };
      const row = list.items.find((i) => i.id === item.id);
      assert.ok(row, 'active items are shared (共建共用)');
      assert.equal(row.current.answer, null);
      // The QTI document carries the correct response, so it is the authors' too.
      assert.equal((await send('GET', `/bank/items/${item.id}/qti`, token)).statusCode, 403);
      const edit = await send('PUT', `/bank/items/${item.id}`, gd, {
        ...single('改'),
        occupation: undefined,
        level: undefined,
        baseVersion: 1,
      });
      assert.equal(edit.statusCode, 403, edit.body);
    }
    const own = (await send('GET', `/bank/items/${item.id}`, shA)).json() as ItemDetail;
    assert.deepEqual(own.current.answer, ['A']);
    assert.equal((await send('GET', `/bank/items/${item.id}/qti`, shB)).statusCode, 200);
  });
});
