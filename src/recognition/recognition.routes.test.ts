import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';

let t: TestApp;
before(async () => {
  t = await createTestApp({ env: { HUTONG_PUBLIC_RATE_LIMIT: '1000' } });
});
after(async () => {
  await t.close();
});

const evaluate = (payload: unknown) =>
  t.app.inject({ method: 'POST', url: '/api/v1/recognition/evaluate', payload: payload as object });

describe('POST /api/v1/recognition/evaluate', () => {
  it('answers design.md’s example: 低压电工 → 建筑电工 exemption and 电工 五级, may apply for 四级', async () => {
    const res = await evaluate({
      asOf: '2026-11-29',
      region: '310000',
      certificates: [
        {
          type: 'mem.lv-electrician',
          number: 'T11010519491231002X',
          validFrom: '2024-03-01',
          validUntil: '2030-02-28',
        },
      ],
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(
      body.levels.map((l: { occupation: string; deemedLevel: number; mayApplyFor: number }) => [
        l.occupation,
        l.deemedLevel,
        l.mayApplyFor,
      ]),
      [['6-31-01-03', 5, 4]],
    );
    assert.deepEqual(body.levels[0].basis, ['T11010519491231002X']);
    const targets = body.exemptions.map(
      (e: { target: string; exempt: string[] }) => `${e.target}:${e.exempt.join('+')}`,
    );
    assert.deepEqual(targets, ['mohurd.electrician:safety-training']);
    assert.deepEqual(
      [body.exemptions[0].evidence, body.exemptions[0].decidedBy],
      [
        'attachment',
        { pack: 'national', version: '2026-12', row: 'nat.exempt.mem-lv-to-mohurd-electrician' },
      ],
    );
    assert.equal(body.levels[0].since, '2024-03-01');
    assert.deepEqual(body.policy, { national: '2026-12' });
    assert.deepEqual(body.ignored, []);
  });

  it('counts declared experience per figure, and refuses figures that contradict each other', async () => {
    const certificates = [
      { type: 'mem.lv-electrician', number: 'T-OLD', validFrom: '2020-03-01', validUntil: '2026-12-31' },
    ];
    const ok = await evaluate({
      asOf: '2026-11-29',
      region: '310000',
      certificates,
      experience: [{ occupation: '6-31-01-03', yearsSinceLevel: 4, yearsInOccupation: 5 }],
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(
      ok
        .json()
        .levels[0].conditions.slice(0, 2)
        .map((c: { code: string; status: string }) => `${c.code} ${c.status}`),
      ['after-level-5 met', 'experience not-met'],
    );
    for (const experience of [
      [{ occupation: '6-31-01-03', yearsSinceLevel: 6, yearsInOccupation: 5 }],
      [{ occupation: '6-31-01-03' }],
      [{ occupation: '6-31-01-03', years: 4 }],
    ]) {
      const bad = await evaluate({ asOf: '2026-11-29', certificates, experience });
      assert.equal(bad.statusCode, 400, JSON.stringify(experience));
      assert.match(JSON.stringify(bad.json().error.details), /experience\.0/);
    }
  });

  it('ignores an expired certificate and says why, with a trace when asked', async () => {
    const res = await evaluate({
      asOf: '2030-03-01',
      certificates: [
        {
          type: 'mem.lv-electrician',
          number: 'T11010519491231002X',
          validFrom: '2024-03-01',
          validUntil: '2030-02-28',
        },
      ],
      trace: true,
    });
    const body = res.json();
    assert.deepEqual(body.levels, []);
    assert.equal(body.ignored[0].reason, 'expired');
    assert.ok(body.trace[0].steps.length > 0);
  });

  it('refuses an unknown type and a malformed date with 400 naming the field', async () => {
    const unknown = await evaluate({
      certificates: [{ type: 'mem.nothing', number: 'X', validFrom: '2024-03-01' }],
    });
    assert.equal(unknown.statusCode, 400);
    assert.match(JSON.stringify(unknown.json().error.details), /certificates\.0\.type/);
    const bad = await evaluate({
      certificates: [{ type: 'mem.lv-electrician', number: 'X', validFrom: '2024-02-30' }],
    });
    assert.equal(bad.statusCode, 400);
    assert.match(JSON.stringify(bad.json().error.details), /validFrom/);
  });
});

describe('GET /api/v1/holders/:id/recognitions', () => {
  it('evaluates a registered holder’s certificates', async () => {
    const mem = await t.tokenFor('department-admin', { department: 'mem' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: { authorization: `Bearer ${mem}` },
      payload: {
        type: 'mem.hv-electrician',
        number: 'T11010519491231002X',
        holder: { name: '张三', idType: 'resident', idNumber: '11010519491231002X' },
        validFrom: '2024-03-01',
        validUntil: '2030-02-28',
        issuer: { region: '310000', organization: '上海市应急管理局' },
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/holders/${created.json().holder.id}/recognitions?region=310000&asOf=2026-11-29`,
      headers: { authorization: `Bearer ${mem}` },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(
      res
        .json()
        .levels.map((l: { deemedLevel: number; mayApplyFor: number }) => [l.deemedLevel, l.mayApplyFor]),
      [[4, 3]],
    );
  });
});

/**
 * design.md's two tables, row by row, through the API (issue 4 "done when"). Region 310000 is recorded, through the
 * designations API, as issuing 建筑焊工 (a test fact, not real data).
 */
describe('design.md tables through POST /recognition/evaluate', () => {
  before(async () => {
    const mohurd = await t.tokenFor('department-admin', { department: 'mohurd' });
    const recorded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/designations',
      headers: { authorization: `Bearer ${mohurd}` },
      payload: {
        type: 'mohurd.welder',
        region: '310000',
        status: 'issued',
        basis: '测试用认定记录 (not real data)',
        designatedOn: '2026-01-01',
      },
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
  });

  const exemptionRows: Array<[from: string, target: string, exempt: string, evidence: string]> = [
    ['mem.lv-electrician', 'mohurd.electrician', 'safety-training', 'attachment'],
    ['mem.hv-electrician', 'mohurd.electrician', 'safety-training', 'attachment'],
    ['mohurd.electrician', 'mem.lv-electrician', 'safety-training', 'attachment'],
    ['mem.fusion-welding', 'mohurd.welder', 'safety-training', 'attachment'],
    ['mem.fusion-welding', 'samr.metal-welding', 'hot-work-safety-exam', 'attachment'],
    ['mem.fusion-welding', 'samr.nonmetal-welding', 'hot-work-safety-exam', 'attachment'],
    ['mohurd.welder', 'mem.fusion-welding', 'safety-training', 'provisional'],
    ['samr.metal-welding', 'mem.fusion-welding', 'safety-training', 'general-clause'],
    ['samr.nonmetal-welding', 'mem.fusion-welding', 'safety-training', 'general-clause'],
    ['samr.metal-welding', 'mohurd.welder', 'safety-training', 'general-clause'],
    ['samr.nonmetal-welding', 'mohurd.welder', 'safety-training', 'general-clause'],
    ['mohurd.welder', 'samr.metal-welding', 'hot-work-safety-exam', 'general-clause'],
    ['mohurd.welder', 'samr.nonmetal-welding', 'hot-work-safety-exam', 'general-clause'],
  ];
  const levelRows: Array<[from: string, occupation: string, deemed: number, mayApplyFor: number]> = [
    ['mem.lv-electrician', '6-31-01-03', 5, 4],
    ['mohurd.electrician', '6-31-01-03', 5, 4],
    ['mem.fusion-welding', '6-18-02-04', 5, 4],
    ['mohurd.welder', '6-18-02-04', 5, 4],
    ['mem.hv-electrician', '6-31-01-03', 4, 3],
    ['samr.metal-welding', '6-18-02-04', 4, 3],
    ['samr.nonmetal-welding', '6-18-02-04', 4, 3],
  ];
  type Body = {
    exemptions: Array<{
      target: string;
      exempt: string[];
      basis: string;
      rule: string;
      evidence: string;
      decidedBy: unknown;
      conditions?: Array<{ code: string; status: string }>;
    }>;
    levels: Array<{ occupation: string; deemedLevel: number; mayApplyFor: number; basis: string[] }>;
  };
  const one = (type: string, region = '310000') =>
    evaluate({
      asOf: '2026-11-29',
      region,
      certificates: [{ type, number: `N-${type}`, validFrom: '2024-03-01', validUntil: '2030-02-28' }],
    }).then((r) => {
      assert.equal(r.statusCode, 200, r.body);
      return r.json() as Body;
    });
  for (const [from, target, exempt, evidence] of exemptionRows) {
    it(`exemption: ${from} → ${target} (${exempt}, ${evidence})`, async () => {
      const body = await one(from);
      const row = body.exemptions.find((e) => e.target === target);
      assert.ok(row, `${target} in ${JSON.stringify(body.exemptions)}`);
      assert.deepEqual(row.exempt, [exempt]);
      assert.equal(row.basis, `N-${from}`);
      assert.equal(row.evidence, evidence);
      assert.deepEqual(row.decidedBy, { pack: 'national', version: '2026-12', row: row.rule });
      assert.equal(row.conditions, undefined, 'no condition left where 建筑焊工 is issued');
    });
  }
  it('the number of exemptions per certificate is exactly the table’s', async () => {
    for (const from of new Set(exemptionRows.map(([f]) => f))) {
      const expected = exemptionRows.filter(([f]) => f === from).map(([, target]) => target);
      assert.deepEqual((await one(from)).exemptions.map((e) => e.target).sort(), expected.sort(), from);
    }
  });
  it('建筑焊工 follows the designations on record: not issued → nothing, no record → an unknown condition', async () => {
    const mohurd = await t.tokenFor('department-admin', { department: 'mohurd', province: '110000' });
    const recorded = await t.app.inject({
      method: 'POST',
      url: '/api/v1/catalog/designations',
      headers: { authorization: `Bearer ${mohurd}` },
      payload: {
        type: 'mohurd.welder',
        region: '110000',
        status: 'not-issued',
        basis: '测试用认定记录 (not real data)',
        designatedOn: '2026-01-01',
      },
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    for (const from of ['mem.fusion-welding', 'samr.metal-welding']) {
      const beijing = await one(from, '110000');
      assert.deepEqual(
        beijing.exemptions.filter((e) => e.target === 'mohurd.welder'),
        [],
        `${from} in 110000`,
      );
      const jiangsu = (await one(from, '320000')).exemptions.filter((e) => e.target === 'mohurd.welder');
      assert.deepEqual(
        jiangsu.map((e) => e.conditions?.map((c) => `${c.code} ${c.status}`)),
        [['designated-region unknown']],
        `${from} in 320000`,
      );
    }
  });
  for (const [from, occupation, deemed, mayApplyFor] of levelRows) {
    it(`deemed level: ${from} → ${occupation} level ${deemed}, may apply for ${mayApplyFor}`, async () => {
      const body = await one(from);
      assert.deepEqual(
        body.levels.map((l) => [l.occupation, l.deemedLevel, l.mayApplyFor, l.basis]),
        [[occupation, deemed, mayApplyFor, [`N-${from}`]]],
      );
    });
  }
  it('explains every certificate that did not count', async () => {
    const res = await evaluate({
      asOf: '2026-11-29',
      region: '310000',
      trace: true,
      certificates: [
        { type: 'mem.lv-electrician', number: 'A', validFrom: '2018-01-01', validUntil: '2024-01-01' },
        { type: 'mem.lv-electrician', number: 'B', validFrom: '2027-01-01', validUntil: '2033-01-01' },
        {
          type: 'mem.fusion-welding',
          number: 'C',
          validFrom: '2024-03-01',
          validUntil: '2030-02-28',
          status: 'suspended',
        },
        {
          type: 'samr.metal-welding',
          number: 'D',
          validFrom: '2024-03-01',
          validUntil: '2028-02-28',
          status: 'revoked',
        },
        {
          type: 'mem.hv-electrician',
          number: 'E',
          validFrom: '2022-03-01',
          validUntil: '2028-02-29',
          reviewedUntil: '2025-03-01',
        },
      ],
    });
    const body = res.json();
    assert.deepEqual(
      body.ignored.map((i: { number: string; reason: string }) => `${i.number}:${i.reason}`),
      ['A:expired', 'B:not-yet-valid', 'C:suspended', 'D:revoked', 'E:review-overdue'],
    );
    assert.deepEqual(body.levels, []);
    assert.ok(body.trace.every((c: { steps: unknown[] }) => c.steps.length > 0));
  });
});

describe('a holder account sees its own recognitions', () => {
  it('binds a holder account by ID number, and serves that person only', async () => {
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        username: 'nobody-holder',
        displayName: '无此人',
        password: 'correct horse battery',
        role: 'holder',
        holderIdNumber: '440524188001010014',
      },
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(unknown.json().error.details[0].path, 'holderIdNumber');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: {
        username: 'zhangsan',
        displayName: '张三',
        password: 'correct horse battery',
        role: 'holder',
        holderIdNumber: '11010519491231002x',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.ok(created.json().holderId);
    assert.ok(!created.body.includes('11010519491231002'), 'the ID number is not echoed');
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'zhangsan', password: 'correct horse battery' },
    });
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/holders/${created.json().holderId}/recognitions?region=310000`,
      headers: { cookie },
    });
    assert.equal(mine.statusCode, 200, mine.body);
    assert.equal(mine.json().levels[0].deemedLevel, 4);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/holders/00000000-0000-4000-8000-000000000000/recognitions',
      headers: { cookie },
    });
    assert.equal(other.statusCode, 404);
  });
});
