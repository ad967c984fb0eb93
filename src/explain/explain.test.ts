import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';

/**
 * The explainer's JSON (issue 14 §1) from the published packs: what a type gives, where a province differs (a
 * provincial department's 特别规定 published from 2026-12-01), what a province lists, what changed — each on the
 * `asOf` date asked for.
 */
let t: TestApp;

const denyInShanghai = {
  id: 'dept-mohurd-310000',
  version: '2026-12-01',
  department: 'mohurd',
  region: '310000',
  extends: 'national',
  basis: '上海市住房城乡建设管理委员会 特别规定 (test)',
  rules: [
    {
      id: 'mohurd.sh.deny-lv',
      rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
      action: 'deny',
      basis: '沪建安〔2026〕1号 (test)',
      effectiveFrom: '2026-12-01',
      effectiveUntil: null,
    },
  ],
};

before(async () => {
  t = await createTestApp();
  await t.db
    .insertInto('policy_versions')
    .values({
      policy_id: denyInShanghai.id,
      version: denyInShanghai.version,
      status: 'published',
      effective_from: '2026-12-01',
      pack: JSON.stringify(denyInShanghai),
      based_on: null,
      created_by: 'test',
      created_at: new Date('2026-11-20T00:00:00Z'),
      published_by: 'test',
      published_at: new Date('2026-11-25T00:00:00Z'),
    })
    .execute();
});
after(async () => {
  await t.close();
});

const get = async (url: string) => {
  const res = await t.app.inject({ method: 'GET', url });
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};

describe('explainer data', () => {
  it('says what a low-voltage electrician certificate gives, with clause, evidence and what is still to do', async () => {
    const body = await get('/api/v1/public/explain/types/mem.lv-electrician?asOf=2026-12-07');
    assert.equal(body.type.zh, '低压电工作业');
    const toBuilding = body.gives.exemptions.find(
      (e: { target: { code: string } }) => e.target.code === 'mohurd.electrician',
    );
    assert.ok(toBuilding, JSON.stringify(body.gives));
    assert.equal(toBuilding.clause, '通知 一(一); 附件 序号1');
    assert.equal(toBuilding.evidence.code, 'attachment');
    assert.deepEqual(
      toBuilding.exempt.map((e: { code: string }) => e.code),
      ['safety-training'],
    );
    assert.ok(toBuilding.mustStillDo.length >= 2);
    assert.equal(toBuilding.technical.rule, 'nat.exempt.mem-lv-to-mohurd-electrician');
    assert.ok(!JSON.stringify(toBuilding.mustStillDo).includes('nat.exempt'), 'no rule ids in the words');
  });

  it('names the province that differs, from the date its provision takes effect', async () => {
    const now = await get('/api/v1/public/explain/types/mem.lv-electrician?asOf=2026-12-07');
    const sh = now.provinces.find((p: { region: { code: string } }) => p.region.code === '310000');
    assert.ok(sh, JSON.stringify(now.provinces.map((p: { region: { code: string } }) => p.region.code)));
    assert.equal(sh.differences[0].kind, 'denied');
    assert.match(sh.differences[0].zh, /沪建安/);
    const earlier = await get('/api/v1/public/explain/types/mem.lv-electrician?asOf=2026-11-30');
    assert.equal(
      earlier.provinces.find((p: { region: { code: string } }) => p.region.code === '310000'),
      undefined,
    );
  });

  it('lists what earns a waiver when applying for a type', async () => {
    const body = await get('/api/v1/public/explain/types/mohurd.electrician?asOf=2026-12-07');
    const from = body.towardsThis.map((e: { from: { code: string } }) => e.from.code).sort();
    assert.ok(from.includes('mem.lv-electrician') && from.includes('mem.hv-electrician'), from.join());
  });

  it('answers 404 for an unknown type and province', async () => {
    const type = await t.app.inject({ method: 'GET', url: '/api/v1/public/explain/types/mem.no-such-thing' });
    assert.equal(type.statusCode, 404);
    const region = await t.app.inject({ method: 'GET', url: '/api/v1/public/explain/regions/990000' });
    assert.equal(region.statusCode, 404);
  });

  it('lists a province’s department provisions and designations', async () => {
    const body = await get('/api/v1/public/explain/regions/310000?asOf=2026-12-07');
    assert.equal(body.region.zh, '上海市');
    assert.equal(body.departmentRules.length, 1);
    assert.equal(body.departmentRules[0].technical.row, 'mohurd.sh.deny-lv');
    assert.match(body.departmentRules[0].zh, /^不再适用/);
    assert.ok(body.designations.some((d: { type: { code: string } }) => d.type.code === 'mohurd.welder'));
    const before = await get('/api/v1/public/explain/regions/310000?asOf=2026-11-30');
    assert.equal(before.departmentRules.length, 0);
  });

  it('says what each published version changed, in force or upcoming on the date', async () => {
    const now = await get('/api/v1/public/explain/changes?asOf=2026-12-07');
    const version = now.versions.find(
      (v: { policy: { id: string } }) => v.policy.id === 'dept-mohurd-310000',
    );
    assert.ok(version);
    assert.equal(version.added.length, 1);
    assert.equal(version.added[0].technical.row, 'mohurd.sh.deny-lv');
    assert.ok(now.national.events.length > 0);
    const before = await get('/api/v1/public/explain/changes?asOf=2026-11-30');
    assert.equal(before.versions.length, 0);
    assert.equal(before.upcoming[0].policy.id, 'dept-mohurd-310000');
  });
});
