import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';
import type { ItemDetail, ItemView } from './bank.model.ts';

let t: TestApp;
let shA: string; // province admins of 310000: author and reviewer
let shB: string;
let gd: string; // a province admin of 440000
let sys: string;
let operator: string;
before(async () => {
  t = await createTestApp();
  shA = await t.tokenFor('province-admin', { province: '310000' });
  shB = await t.tokenFor('province-admin', { province: '310000' });
  gd = await t.tokenFor('province-admin', { province: '440000' });
  sys = await t.tokenFor('system-admin');
  operator = await t.tokenFor('institution-operator', {
    institution: '00000000-0000-4000-8000-000000000001',
  });
});
after(async () => {
  await t.close();
});

type Method = 'GET' | 'POST' | 'PUT';
async function send(method: Method, url: string, token: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload && { payload }),
  });
}
const single = (stem = '安全电压的上限是多少伏？') => ({
  type: 'single',
  occupation: '6-31-01-03',
  level: '4',
  knowledgePoint: '电工-4-安全用电-01',
  stem,
  options: [
    { id: 'A', text: '36 V' },
    { id: 'B', text: '110 V' },
    { id: 'C', text: '220 V' },
  ],
  answer: ['A'],
  score: 1,
  difficulty: 0.3,
});
async function create(token: string, body: object = single()): Promise<ItemView> {
  const res = await send('POST', '/bank/items', token, body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}
async function step(id: string, action: string, token: string, comment = '意见 comment') {
  return send('POST', `/bank/items/${id}/${action}`, token, { comment });
}
const auditActions = async (id: string) =>
  (
    await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('target_id', '=', id)
      .orderBy('position')
      .execute()
  ).map((r) => r.action);

describe('items: validation with field paths (issue 7 §1)', () => {
  it('names the answer that is not an option and the practical rubric', async () => {
    const res = await send('POST', '/bank/items', shA, { ...single(), answer: ['D'] });
    assert.equal(res.statusCode, 400);
    assert.ok(JSON.stringify(res.json().error.details).includes('answer'), res.body);
    const practical = await create(shA, {
      type: 'practical',
      occupation: '6-31-01-03',
      level: '4',
      knowledgePoint: '电工-4-线路安装-02',
      stem: '安装一套单相电能表照明电路',
      rubric: [
        { criterion: '接线正确', maxPoints: 40 },
        { criterion: '安全文明操作', maxPoints: 20 },
      ],
      difficulty: 0.6,
    });
    assert.equal(practical.current.score, 60, 'the score is the rubric sum');
    assert.equal(practical.province, '310000', "a province admin's item is their province's");
  });
});

describe('versioning: an edit makes a new version, the old one stays for papers that pinned it', () => {
  it('keeps version 1 unchanged and pinnable after an edit', async () => {
    const item = await create(shA);
    const edit = await send('PUT', `/bank/items/${item.id}`, shA, {
      ...single('安全电压额定值的上限是多少伏？'),
      occupation: undefined,
      level: undefined,
      baseVersion: 1,
    });
    assert.equal(edit.statusCode, 200, edit.body);
    assert.equal((edit.json() as ItemView).currentVersion, 2);
    const detail: ItemDetail = (await send('GET', `/bank/items/${item.id}`, shA)).json();
    assert.deepEqual(
      detail.versions.map((v) => [v.version, v.stem]),
      [
        [2, '安全电压额定值的上限是多少伏？'],
        [1, '安全电压的上限是多少伏？'],
      ],
    );
    const v1 = await send('GET', `/bank/items/${item.id}/qti?version=1`, shA);
    assert.equal(v1.statusCode, 200);
    assert.match(v1.body, /<qti-prompt>安全电压的上限是多少伏？<\/qti-prompt>/);
    const stale = await send('PUT', `/bank/items/${item.id}`, shA, { ...single(), baseVersion: 1 });
    assert.equal(stale.statusCode, 400, 'occupation is not editable');
    const conflict = await send('PUT', `/bank/items/${item.id}`, shA, {
      ...single('x'),
      occupation: undefined,
      level: undefined,
      baseVersion: 1,
    });
    assert.equal(conflict.statusCode, 409, conflict.body);
  });
});

describe('review workflow and who may make each step (四眼原则)', () => {
  it('draft → reviewed → active → retired, each step by another person than the last editor, audited', async () => {
    const item = await create(shA);
    const own = await step(item.id, 'review', shA);
    assert.equal(own.statusCode, 422, 'the author may not review their own version');
    assert.equal(own.json().error.details[0].message, 'four-eyes');
    // Another province's draft does not exist for its admin (issue 17 §4); an active one is a 403 (bank.scope.test).
    assert.equal((await step(item.id, 'review', gd)).statusCode, 404, 'another province');
    assert.equal((await step(item.id, 'activate', shB)).statusCode, 409, 'not reviewed yet');
    assert.equal((await step(item.id, 'review', shB)).statusCode, 200);
    assert.equal((await step(item.id, 'activate', shA)).statusCode, 422, 'the author may not activate');
    const active = await step(item.id, 'activate', sys);
    assert.equal(active.statusCode, 200);
    assert.equal((active.json() as ItemView).status, 'active');
    assert.equal((await step(item.id, 'retire', shA)).statusCode, 200);
    assert.deepEqual(await auditActions(item.id), [
      'bank.create',
      'bank.review',
      'bank.activate',
      'bank.retire',
    ]);
    const edit = await send('PUT', `/bank/items/${item.id}`, shA, {
      ...single(),
      occupation: undefined,
      level: undefined,
      baseVersion: 1,
    });
    assert.equal(edit.statusCode, 409, 'a retired item is final');
  });

  it('a reviewer sends a reviewed item back to draft with a comment; an edit by the reviewer bars them next', async () => {
    const item = await create(shA);
    assert.equal((await step(item.id, 'review', shB)).statusCode, 200);
    const back = await step(item.id, 'return', shB, '选项 B 表述不清');
    assert.equal((back.json() as ItemView).status, 'draft');
    const row = await t.db
      .selectFrom('audit_log')
      .select('after')
      .where('target_id', '=', item.id)
      .where('action', '=', 'bank.return')
      .executeTakeFirstOrThrow();
    assert.equal((row.after as { comment: string }).comment, '选项 B 表述不清');
    const edited = await send('PUT', `/bank/items/${item.id}`, shB, {
      ...single('改写后的题干'),
      occupation: undefined,
      level: undefined,
      baseVersion: 1,
    });
    assert.equal(edited.statusCode, 200);
    assert.equal((await step(item.id, 'review', shB)).statusCode, 422, 'shB is now the last editor');
    assert.equal((await step(item.id, 'review', shA)).statusCode, 200);
  });

  it('institution operators see active items only; an edit of an active item puts it back to draft', async () => {
    const item = await create(shA);
    assert.equal((await send('GET', `/bank/items/${item.id}`, operator)).statusCode, 404);
    await step(item.id, 'review', shB);
    await step(item.id, 'activate', shB);
    assert.equal((await send('GET', `/bank/items/${item.id}`, operator)).statusCode, 200);
    const list = (await send('GET', '/bank/items?knowledgePoint=电工-4-安全用电', operator)).json() as {
      items: ItemView[];
    };
    assert.ok(list.items.length > 0);
    assert.ok(list.items.every((i) => i.status === 'active'));
    const drafts = (await send('GET', '/bank/items?status=draft', operator)).json() as { items: ItemView[] };
    assert.equal(drafts.items.length, 0);
    const edit = await send('PUT', `/bank/items/${item.id}`, shA, {
      ...single('新版本'),
      occupation: undefined,
      level: undefined,
      baseVersion: 1,
    });
    assert.equal((edit.json() as ItemView).status, 'draft');
  });

  it('pages the list with a cursor', async () => {
    const first = (await send('GET', '/bank/items?limit=2', sys)).json() as {
      items: ItemView[];
      next?: string;
    };
    assert.equal(first.items.length, 2);
    assert.ok(first.next);
    const second = (await send('GET', `/bank/items?limit=2&cursor=${first.next}`, sys)).json() as {
      items: ItemView[];
    };
    assert.ok(second.items.every((i) => !first.items.some((f) => f.id === i.id)));
    assert.equal((await send('GET', '/bank/items?cursor=nope', sys)).statusCode, 400);
  });
});

describe('enemy sets (互斥题组)', () => {
  it('creates a set of items and lists it by item; unknown items are named', async () => {
    const a = await create(shA);
    const b = await create(shA, single('人体安全电流一般不超过多少毫安？'));
    const res = await send('POST', '/bank/enemy-sets', shA, { name: '安全电压互斥', itemIds: [a.id, b.id] });
    assert.equal(res.statusCode, 201, res.body);
    const listed = (await send('GET', `/bank/enemy-sets?itemId=${a.id}`, shB)).json();
    assert.deepEqual(listed.items[0].itemIds, [a.id, b.id].sort());
    const bad = await send('POST', '/bank/enemy-sets', shA, {
      name: 'x',
      itemIds: [a.id, '00000000-0000-4000-8000-00000000dead'],
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details[0].path, 'body.itemIds.1');
  });
});

describe('QTI 3.0 over HTTP', () => {
  it('imports the 1EdTech sample as a draft and exports it back with the same answer', async () => {
    const xml = fs.readFileSync(
      path.join(import.meta.dirname, 'fixtures', 'qti3-multiple-choice-1edtech.xml'),
    );
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bank/qti?occupation=6-31-01-03&level=4&knowledgePoint=电工-4-化学-01&score=2',
      headers: { authorization: `Bearer ${shA}`, 'content-type': 'application/xml' },
      payload: xml,
    });
    assert.equal(res.statusCode, 201, res.body);
    const item = res.json() as ItemView;
    assert.equal(item.type, 'multiple');
    assert.equal(item.status, 'draft');
    assert.deepEqual(item.current.answer, ['H', 'O']);
    assert.equal(item.current.score, 2);
    const out = await send('GET', `/bank/items/${item.id}/qti`, shA);
    assert.match(String(out.headers['content-type']), /^application\/xml/);
    assert.match(out.body, /cardinality="multiple"/);
    assert.match(out.body, /<qti-value>H<\/qti-value>\s*<qti-value>O<\/qti-value>/);
  });

  it('refuses a document that is not a QTI 3.0 choice item, with its reason', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/bank/qti?occupation=6-31-01-03&level=4&knowledgePoint=x',
      headers: { authorization: `Bearer ${shA}`, 'content-type': 'application/xml' },
      payload: '<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"/>',
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.details[0].message, 'not-qti3-item');
  });
});
