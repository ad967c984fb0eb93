import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';

/**
 * Issue 4's "done when": a province admin adds rows, sees the simulated impact, publishes them from an effective
 * date; the calculator uses them from that date, and a replay of an older decision still gives the older answer.
 */
let t: TestApp;
let mem: string;
let mohurdSh: string;
let mohurdGd: string;
let sh: string;
let gd: string;
let holderId: string;
let decisionId: string;
let draft: string;
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

before(async () => {
  t = await createTestApp({
    clock: fixedClock('2026-11-29T02:00:00Z'),
    env: { HUTONG_PUBLIC_RATE_LIMIT: '1000' },
  });
  mem = await t.tokenFor('department-admin', { department: 'mem' });
  mohurdSh = await t.tokenFor('department-admin', { department: 'mohurd', province: '310000' });
  mohurdGd = await t.tokenFor('department-admin', { department: 'mohurd', province: '440000' });
  sh = await t.tokenFor('province-admin', { province: '310000' });
  gd = await t.tokenFor('province-admin', { province: '440000' });
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: auth(mem),
    payload: {
      type: 'mem.lv-electrician',
      number: 'T11010519491231002X',
      holder: { name: '张三', idType: 'resident', idNumber: '11010519491231002X' },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  holderId = created.json().holder.id;
});
after(async () => {
  await t.close();
});

const targets = (body: { exemptions: Array<{ target: string; exempt: string[] }> }) =>
  body.exemptions.filter((e) => e.exempt.length > 0).map((e) => e.target);

describe('provincial policy lifecycle', () => {
  it('stores the decision shown to a holder', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/holders/${holderId}/recognitions?region=310000`,
      headers: auth(mem),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(targets(res.json()), ['mohurd.electrician']);
    decisionId = res.json().decisionId;
  });

  it('lets only the province’s admin create and edit a draft, validated like a pack file', async () => {
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies/310000/drafts',
      headers: auth(gd),
    });
    assert.equal(other.statusCode, 403);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies/310000/drafts',
      headers: auth(sh),
    });
    assert.equal(created.statusCode, 201, created.body);
    draft = created.json().version;
    assert.equal(draft, '2026-11-29.1');
    const bad = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/policies/310000/drafts/${draft}`,
      headers: auth(sh),
      payload: {
        overrides: [
          {
            id: 'sh.deny.x',
            rule: 'nat.no-such-rule',
            action: 'deny',
            basis: 'x',
            effectiveFrom: '2026-12-01',
            effectiveUntil: null,
          },
        ],
        correspondence: [],
        oneExamMultiCert: [],
      },
    });
    assert.equal(bad.statusCode, 400, bad.body);
    // The finding carries its reason and the value it names, for the editor to word it (issue 15 §4).
    assert.deepEqual(bad.json().error.details, [
      {
        path: 'body.overrides.0.rule',
        message: 'no national rule nat.no-such-rule',
        reason: 'unknown-rule',
        params: { rule: 'nat.no-such-rule' },
      },
    ]);
    const ok = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/policies/310000/drafts/${draft}`,
      headers: auth(sh),
      payload: {
        overrides: [
          {
            id: 'sh.deny.lv-to-mohurd-electrician',
            rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
            action: 'deny',
            basis: '沪人社规〔2026〕99号 (test)',
            effectiveFrom: '2026-12-01',
            effectiveUntil: null,
          },
        ],
        correspondence: [],
        oneExamMultiCert: [],
      },
    });
    assert.equal(ok.statusCode, 200, ok.body);
  });

  it('shows the diff against the version in force and simulates the impact over the registry', async () => {
    const diff = await t.app.inject({
      method: 'GET',
      url: `/api/v1/policies/310000/diff?from=${draft}&to=${draft}`,
      headers: auth(sh),
    });
    assert.deepEqual(diff.json(), { added: [], removed: [], changed: [] });
    const sim = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies/310000/simulate',
      headers: auth(sh),
      payload: { version: draft, asOf: '2026-12-01' },
    });
    assert.equal(sim.statusCode, 200, sim.body);
    const body = sim.json();
    assert.equal(body.holders, 1);
    assert.equal(body.changed, 1);
    assert.deepEqual(body.lost, [
      { kind: 'exemption', key: 'exemption:mohurd.electrician:safety-training', count: 1 },
    ]);
    assert.deepEqual(body.gained, []);
    assert.equal(body.sample[0].holderId, holderId);
  });

  it('runs the same simulation as a job: progress to done, the same result, audited (issue 16 §2)', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies/310000/simulations',
      headers: auth(sh),
      payload: { version: draft, asOf: '2026-12-01' },
    });
    assert.equal(started.statusCode, 202, started.body);
    const id = started.json().id;
    assert.equal(started.json().status, 'queued');
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/policies/440000/simulations/${id}`,
      headers: auth(gd),
    });
    assert.equal(other.statusCode, 404, 'another province cannot read it');
    let run = started.json();
    const phases = new Set<string>();
    for (let i = 0; i < 200 && run.status !== 'done' && run.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      run = (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/policies/310000/simulations/${id}`,
          headers: auth(sh),
        })
      ).json();
      phases.add(run.phase);
    }
    assert.equal(run.status, 'done', JSON.stringify(run));
    assert.equal(run.phase, 'done');
    const sync = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies/310000/simulate',
      headers: auth(sh),
      payload: { version: draft, asOf: '2026-12-01' },
    });
    assert.deepEqual(run.result, sync.json());
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'policy.simulate%')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['policy.simulate'],
    );
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/v1/policies/310000/simulations/${id}/cancel`,
      headers: auth(sh),
    });
    assert.equal(again.statusCode, 409, 'a finished run cannot be cancelled');
  });

  it('cancels a queued simulation: the run and its job both say so', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies/310000/simulations',
      headers: auth(sh),
      payload: { version: draft },
    });
    const id = started.json().id;
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/policies/310000/simulations/${id}/cancel`,
      headers: auth(sh),
    });
    assert.equal(cancelled.statusCode, 200, cancelled.body);
    assert.equal(cancelled.json().status, 'cancelled');
    await new Promise((r) => setTimeout(r, 1200));
    const run = await t.app.inject({
      method: 'GET',
      url: `/api/v1/policies/310000/simulations/${id}`,
      headers: auth(sh),
    });
    assert.equal(run.json().status, 'cancelled');
    assert.equal(run.json().result, null);
    const admin = await t.tokenFor('system-admin');
    const jobs = await t.app.inject({
      method: 'GET',
      url: '/api/v1/jobs?queue=policy-simulation',
      headers: auth(admin),
    });
    assert.equal(jobs.statusCode, 200, jobs.body);
    const states = jobs.json().items.map((j: { state: string }) => j.state);
    assert.ok(states.includes('cancelled') && states.includes('completed'), states.join());
    assert.equal(jobs.json().counts.cancelled, 1);
  });

  it('marks the run cancelled when its job is cancelled from the jobs page', async () => {
    const started = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies/310000/simulations',
      headers: auth(sh),
      payload: { version: draft },
    });
    const run = started.json();
    const row = await t.db
      .selectFrom('policy_simulations')
      .select('job_id')
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    const admin = await t.tokenFor('system-admin');
    const cancelled = await t.app.inject({
      method: 'POST',
      url: `/api/v1/jobs/${row.job_id}/cancel`,
      headers: auth(admin),
    });
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/v1/policies/310000/simulations/${run.id}`,
      headers: auth(sh),
    });
    // The test app's worker looks every 0.5 s, so it has nearly always not taken the job yet; if it took and finished
    // it first, cancelling is refused and the run is done — never left waiting.
    if (cancelled.statusCode === 409) assert.equal(after.json().status, 'done');
    else {
      assert.equal(cancelled.statusCode, 200, cancelled.body);
      assert.equal(after.json().status, 'cancelled');
    }
  });

  it('needs the co-signature of the department whose certificate the override concerns (会同)', async () => {
    const alone = await t.app.inject({
      method: 'POST',
      url: `/api/v1/policies/310000/drafts/${draft}/publish`,
      headers: auth(sh),
      payload: { effectiveFrom: '2026-12-01' },
    });
    assert.equal(alone.statusCode, 409, alone.body);
    assert.equal(alone.json().error.code, 'cosign_required');
    assert.deepEqual(
      alone.json().error.details.map((d: { path: string }) => d.path),
      ['cosignatures.mohurd'],
    );
    const cosign = (token: string, department = 'mohurd') =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/policies/310000/drafts/${draft}/cosign`,
        headers: auth(token),
        payload: { department, outcome: 'signed' },
      });
    assert.equal((await cosign(mohurdSh)).statusCode, 409, 'nothing to sign before the province asks');
    const asked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/policies/310000/drafts/${draft}/request-cosign`,
      headers: auth(sh),
    });
    assert.equal(asked.statusCode, 200, asked.body);
    assert.deepEqual(asked.json(), {
      version: draft,
      status: 'awaiting-cosign',
      departments: { mohurd: ['sh.deny.lv-to-mohurd-electrician'] },
    });
    assert.equal((await cosign(mohurdGd)).statusCode, 403, 'another province’s MOHURD admin');
    assert.equal((await cosign(mem)).statusCode, 403, 'another department');
    const signed = await cosign(mohurdSh);
    assert.equal(signed.statusCode, 200, signed.body);
    assert.deepEqual(signed.json(), { department: 'mohurd', status: 'signed' });
  });

  it('publishes from an effective date; the calculator follows it from that day only', async () => {
    const past = await t.app.inject({
      method: 'POST',
      url: `/api/v1/policies/310000/drafts/${draft}/publish`,
      headers: auth(sh),
      payload: { effectiveFrom: '2026-11-01' },
    });
    assert.equal(past.statusCode, 422);
    const pub = await t.app.inject({
      method: 'POST',
      url: `/api/v1/policies/310000/drafts/${draft}/publish`,
      headers: auth(sh),
      payload: { effectiveFrom: '2026-12-01' },
    });
    assert.equal(pub.statusCode, 200, pub.body);
    const frozen = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/policies/310000/drafts/${draft}`,
      headers: auth(sh),
      payload: { overrides: [], correspondence: [], oneExamMultiCert: [] },
    });
    assert.equal(frozen.statusCode, 409, 'a published version never changes');
    const ask = (asOf: string, region = '310000') =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/recognition/evaluate',
        payload: {
          asOf,
          region,
          certificates: [
            {
              type: 'mem.lv-electrician',
              number: 'T11010519491231002X',
              validFrom: '2024-03-01',
              validUntil: '2030-02-28',
            },
          ],
        },
      });
    assert.deepEqual(targets((await ask('2026-11-30')).json()), ['mohurd.electrician']);
    const after = (await ask('2026-12-01')).json();
    assert.deepEqual(targets(after), []);
    assert.equal(after.policy.province, draft);
    assert.deepEqual(after.exemptions[0].decidedBy, {
      department: 'mohrss',
      region: '310000',
      pack: 'province-310000',
      version: draft,
      row: 'sh.deny.lv-to-mohurd-electrician',
    });
    assert.deepEqual(
      targets((await ask('2026-12-01', '440000')).json()),
      ['mohurd.electrician'],
      'other provinces unaffected',
    );
  });

  it('replays the older decision with the older answer', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/recognition/decisions/${decisionId}/replay`,
      headers: auth(mem),
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().identical, true);
    assert.equal(res.json().policy.province, null);
    assert.deepEqual(targets(res.json().replayed), ['mohurd.electrician']);
  });

  it('lists the versions and serves the current one', async () => {
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/policies' });
    const sh310 = list.json().items.find((p: { id: string }) => p.id === '310000');
    assert.deepEqual(
      sh310.versions.map((v: { version: string; status: string }) => `${v.version}:${v.status}`),
      [`${draft}:published`],
    );
    const national = await t.app.inject({ method: 'GET', url: '/api/v1/policies/national/versions/current' });
    assert.equal(national.statusCode, 200);
    assert.ok(national.json().pack.rules.length >= 11);
  });

  it('shows drafts only to the province’s admins', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/policies/310000/drafts',
      headers: auth(sh),
    });
    const version = created.json().version;
    const versionsSeenBy = async (headers: Record<string, string>) =>
      (await t.app.inject({ method: 'GET', url: '/api/v1/policies', headers }))
        .json()
        .items.find((p: { id: string }) => p.id === '310000')
        .versions.map((v: { version: string }) => v.version);
    assert.ok(!(await versionsSeenBy({})).includes(version), 'anonymous callers do not see drafts');
    assert.ok(!(await versionsSeenBy(auth(gd))).includes(version), 'nor another province');
    assert.ok((await versionsSeenBy(auth(sh))).includes(version));
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/policies/310000/versions/${version}` });
    assert.equal(read.statusCode, 404);
  });
});
