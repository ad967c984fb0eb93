import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';

/**
 * Issue 13 §2–4 through the API: a department narrows its own rules (特别规定) and the calculator names it; a
 * province cannot change another department's rules alone — its draft waits for that department's co-signature
 * (会同), which may be missing, given or rejected; designations are data kept by 住建, and no invented fact answers.
 */
let t: TestApp;
const tokens: Record<string, string> = {};
const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const SH = '310000';

before(async () => {
  t = await createTestApp({
    clock: fixedClock('2026-11-29T02:00:00Z'),
    env: { HUTONG_PUBLIC_RATE_LIMIT: '10000' },
  });
  tokens.admin = TEST_ADMIN_TOKEN;
  tokens.shHrss = await t.tokenFor('province-admin', { province: SH });
  tokens.memNational = await t.tokenFor('department-admin', { department: 'mem' });
  tokens.memSh = await t.tokenFor('department-admin', { department: 'mem', province: SH });
  tokens.memGd = await t.tokenFor('department-admin', { department: 'mem', province: '440000' });
  tokens.mohurdSh = await t.tokenFor('department-admin', { department: 'mohurd', province: SH });
  tokens.mohurdNational = await t.tokenFor('department-admin', { department: 'mohurd' });
});
after(async () => {
  await t.close();
});

async function call(who: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: who ? auth(who) : {},
    ...(payload !== undefined && { payload: payload as object }),
  });
  return { status: res.statusCode, body: res.body ? res.json() : undefined };
}

const evaluateIn = (region: string, type: string) =>
  call('', 'POST', '/recognition/evaluate', {
    asOf: '2026-12-01',
    region,
    certificates: [{ type, number: 'N1', validFrom: '2024-03-01', validUntil: '2030-02-28' }],
  });

const overrideTowardsMem = {
  id: 'sh.deny-mohurd-to-lv',
  rule: 'nat.exempt.mohurd-electrician-to-mem-lv',
  action: 'deny',
  basis: '沪人社规〔2026〕1号 (test)',
  effectiveFrom: '2026-12-01',
  effectiveUntil: null,
};

describe('会同: a provincial draft touching MEM certificates', () => {
  let version = '';
  it('cannot be published by the province alone: 409 cosign_required names MEM', async () => {
    const created = await call('shHrss', 'POST', `/policies/${SH}/drafts`);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    version = created.body.version;
    const edited = await call('shHrss', 'PUT', `/policies/${SH}/drafts/${version}`, {
      overrides: [overrideTowardsMem],
      correspondence: [],
      oneExamMultiCert: [],
    });
    assert.equal(edited.status, 200, JSON.stringify(edited.body));
    const view = await call('shHrss', 'GET', `/policies/${SH}/versions/${version}`);
    assert.deepEqual(
      view.body.cosignatures.map((c: { department: string; status: string; rows: string[] }) => [
        c.department,
        c.status,
        c.rows,
      ]),
      [['mem', 'needed', ['sh.deny-mohurd-to-lv']]],
    );
    const publish = await call('shHrss', 'POST', `/policies/${SH}/drafts/${version}/publish`, {
      effectiveFrom: '2026-12-01',
    });
    assert.equal(publish.status, 409);
    assert.equal(publish.body.error.code, 'cosign_required');
    assert.deepEqual(
      publish.body.error.details.map((d: { path: string }) => d.path),
      ['cosignatures.mem'],
    );
    const answer = await evaluateIn(SH, 'mohurd.electrician');
    assert.deepEqual(answer.body.exemptions[0].exempt, ['safety-training'], 'nothing changed');
  });

  it('only MEM’s admins for the province (or national) co-sign; a rejection sends it back with the reason', async () => {
    const asked = await call('shHrss', 'POST', `/policies/${SH}/drafts/${version}/request-cosign`);
    assert.equal(asked.status, 200, JSON.stringify(asked.body));
    assert.deepEqual(asked.body.departments, { mem: ['sh.deny-mohurd-to-lv'] });
    for (const who of ['memGd', 'mohurdSh', 'shHrss']) {
      const wrong = await call(who, 'POST', `/policies/${SH}/drafts/${version}/cosign`, {
        department: 'mem',
        outcome: 'signed',
      });
      assert.equal(wrong.status, 403, who);
    }
    const noReason = await call('memSh', 'POST', `/policies/${SH}/drafts/${version}/cosign`, {
      department: 'mem',
      outcome: 'rejected',
    });
    assert.equal(noReason.status, 400);
    const rejected = await call('memSh', 'POST', `/policies/${SH}/drafts/${version}/cosign`, {
      department: 'mem',
      outcome: 'rejected',
      reason: '与应急管理部门规定不符',
    });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.body));
    const view = await call('shHrss', 'GET', `/policies/${SH}/versions/${version}`);
    assert.equal(view.body.status, 'draft');
    assert.equal(view.body.cosignatures[0].reason, '与应急管理部门规定不符');
    const publish = await call('shHrss', 'POST', `/policies/${SH}/drafts/${version}/publish`, {
      effectiveFrom: '2026-12-01',
    });
    assert.equal(publish.body.error.code, 'cosign_required');
  });

  it('once co-signed it publishes, the calculator names the province pack, and every step is audited', async () => {
    assert.equal(
      (await call('shHrss', 'POST', `/policies/${SH}/drafts/${version}/request-cosign`)).status,
      200,
    );
    const signed = await call('memNational', 'POST', `/policies/${SH}/drafts/${version}/cosign`, {
      department: 'mem',
      outcome: 'signed',
    });
    assert.equal(signed.status, 200, JSON.stringify(signed.body));
    const again = await call('memSh', 'POST', `/policies/${SH}/drafts/${version}/cosign`, {
      department: 'mem',
      outcome: 'signed',
    });
    assert.equal(again.status, 409);
    const publish = await call('shHrss', 'POST', `/policies/${SH}/drafts/${version}/publish`, {
      effectiveFrom: '2026-12-01',
    });
    assert.equal(publish.status, 200, JSON.stringify(publish.body));
    const answer = await evaluateIn(SH, 'mohurd.electrician');
    assert.deepEqual(answer.body.exemptions[0].exempt, []);
    assert.deepEqual(answer.body.exemptions[0].decidedBy, {
      department: 'mohrss',
      region: SH,
      pack: `province-${SH}`,
      version,
      row: 'sh.deny-mohurd-to-lv',
    });
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', `${SH}@${version}`)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      [
        'policy.draft',
        'policy.edit',
        'policy.cosign-request',
        'policy.cosign-reject',
        'policy.cosign-request',
        'policy.cosign',
        'policy.publish',
      ],
    );
  });

  it('a draft touching only HRSS rows publishes as before', async () => {
    const created = await call('shHrss', 'POST', `/policies/${SH}/drafts`);
    const v = created.body.version;
    const view = await call('shHrss', 'GET', `/policies/${SH}/versions/${v}`);
    assert.deepEqual(view.body.cosignatures, []);
    const publish = await call('shHrss', 'POST', `/policies/${SH}/drafts/${v}/publish`, {
      effectiveFrom: '2026-12-02',
    });
    assert.equal(publish.status, 200, JSON.stringify(publish.body));
  });
});

describe('特别规定: a department’s own pack', () => {
  it('only that department edits it; a province admin and another department get 403', async () => {
    for (const who of ['shHrss', 'mohurdSh', 'memSh']) {
      const res = await call(who, 'POST', '/policies/dept-mem/drafts');
      assert.equal(res.status, 403, who);
    }
    const provincial = await call('memSh', 'POST', `/policies/dept-mem-${SH}/drafts`);
    assert.equal(provincial.status, 201, JSON.stringify(provincial.body));
  });

  it('narrows an exemption towards its certificate in one province; the answer says MEM decided', async () => {
    const created = await call('memNational', 'POST', '/policies/dept-mem/drafts');
    assert.equal(created.status, 201);
    const v = created.body.version;
    const wrongTarget = await call('memNational', 'PUT', `/policies/dept-mem/drafts/${v}`, {
      rules: [
        {
          id: 'mem.deny-towards-mohurd',
          action: 'deny',
          rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
          basis: 'x',
          effectiveFrom: '2026-12-01',
          effectiveUntil: null,
        },
      ],
    });
    assert.equal(wrongTarget.status, 400);
    assert.match(JSON.stringify(wrongTarget.body), /only its own department/);
    const ok = await call('memNational', 'PUT', `/policies/dept-mem/drafts/${v}`, {
      rules: [
        {
          id: 'mem.samr-welders-gd',
          action: 'condition',
          rule: 'nat.exempt.samr-welding-to-mem-fusion',
          condition: { code: 'practical-record', text: '须提交近一年焊接作业记录' },
          region: '440000',
          basis: '应急〔2026〕12号 (test)',
          effectiveFrom: '2026-12-01',
          effectiveUntil: null,
        },
      ],
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    const publish = await call('memNational', 'POST', `/policies/dept-mem/drafts/${v}/publish`, {
      effectiveFrom: '2026-12-01',
    });
    assert.equal(publish.status, 200, JSON.stringify(publish.body));
    const gd = await evaluateIn('440100', 'samr.metal-welding');
    const towardsMem = gd.body.exemptions.find((e: { target: string }) => e.target === 'mem.fusion-welding');
    assert.equal(towardsMem.evidence, 'general-clause');
    assert.deepEqual(towardsMem.conditions, [
      { code: 'practical-record', text: '须提交近一年焊接作业记录', status: 'unknown' },
    ]);
    assert.deepEqual(towardsMem.decidedBy, {
      department: 'mem',
      pack: 'dept-mem',
      version: v,
      row: 'mem.samr-welders-gd',
    });
    assert.deepEqual(gd.body.policy.departments, { 'dept-mem': v });
    const sh = await evaluateIn(SH, 'samr.metal-welding');
    const there = sh.body.exemptions.find((e: { target: string }) => e.target === 'mem.fusion-welding');
    assert.equal(there.decidedBy.pack, 'national');
    assert.equal(there.conditions, undefined);
  });
});

describe('designations are data: unknown until 住建 records them', () => {
  const towardsWelder = async (region: string) =>
    (await evaluateIn(region, 'mem.fusion-welding')).body.exemptions.filter(
      (e: { target: string }) => e.target === 'mohurd.welder',
    );

  it('with no demo data, no province is assumed to issue 建筑焊工', async () => {
    const rows = await call('', 'GET', '/catalog/designations?type=mohurd.welder');
    assert.deepEqual(rows.body.items, []);
    const [e] = await towardsWelder(SH);
    assert.deepEqual(
      e.conditions.map((c: { code: string; status: string }) => [c.code, c.status]),
      [['designated-region', 'unknown']],
    );
  });

  it('住建 records "issued" and "not issued", versioned and audited; another department cannot', async () => {
    const body = {
      type: 'mohurd.welder',
      region: SH,
      status: 'issued',
      basis: '沪建质〔2026〕3号 (test)',
      designatedOn: '2026-11-01',
    };
    assert.equal((await call('memSh', 'POST', '/catalog/designations', body)).status, 403);
    const created = await call('mohurdSh', 'POST', '/catalog/designations', body);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.version, 1);
    const [issued] = await towardsWelder(SH);
    assert.equal(issued.conditions, undefined);
    const changed = await call('mohurdNational', 'POST', '/catalog/designations', {
      ...body,
      status: 'not-issued',
      basis: '沪建质〔2026〕4号 (test)',
    });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.version, 2);
    assert.deepEqual(await towardsWelder(SH), []);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', `mohurd.welder@${SH}`)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['designation.add', 'designation.change'],
    );
  });
});
