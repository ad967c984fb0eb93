import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../testing/app.ts';
import type { InstitutionView } from './institution.model.ts';
import {
  auditRowsOf,
  call,
  errorPaths,
  examEventsOf,
  fileInstitution,
  makeInstitution,
} from './institution.test-helpers.ts';

let t: TestApp;
let hrssSh: string;
let hrssGd: string;
let supervisorSh: string;
let supervisor: string;
before(async () => {
  t = await createTestApp();
  hrssSh = await t.tokenFor('province-admin', { province: '310000' });
  hrssGd = await t.tokenFor('province-admin', { province: '440000' });
  supervisorSh = await t.tokenFor('supervisor', { province: '310000' });
  supervisor = await t.tokenFor('supervisor');
});
after(async () => {
  await t.close();
});

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, token?: string, payload?: object) =>
  call(t, method, url, token, payload);
const events = (id: string) => examEventsOf(t, id);
const audit = (id: string) => auditRowsOf(t, id);

describe('changing a filing: update, renew, suspend, reinstate, withdraw', () => {
  let sh: InstitutionView;
  let gd: InstitutionView;
  before(async () => {
    sh = await fileInstitution(t, hrssSh, makeInstitution(20));
    gd = await fileInstitution(t, hrssGd, makeInstitution(21, { province: '440000' }));
  });

  it('hides another province’s institution from a province admin’s admin routes (404)', async () => {
    const base = `/institutions/${gd.id}`;
    const calls: Array<[string, object | undefined]> = [
      ['PATCH', { version: 1, name: '改名' }],
      ['POST /renew', { validUntil: '2031-12-31' }],
      ['POST /suspend', { reason: '越权测试' }],
      ['POST /reinstate', { reason: '越权测试' }],
      ['POST /withdraw', { reason: '越权测试' }],
      ['GET /history', undefined],
    ];
    for (const [call, body] of calls) {
      const [method, suffix = ''] = call.split(' ') as ['GET' | 'POST' | 'PATCH', string?];
      const res = await send(method, `${base}${suffix}`, hrssSh, body);
      assert.equal(res.statusCode, 404, `${call}: ${res.body}`);
    }
    // The public record stays readable, in its public view.
    const open = await send('GET', base, hrssSh);
    assert.equal(open.statusCode, 200);
    assert.equal(open.json().version, undefined);
  });

  it('updates name, sites and scopes under the version read; a stale version is 409', async () => {
    const [site] = sh.sites;
    assert.ok(site);
    const res = await send('PATCH', `/institutions/${sh.id}`, hrssSh, {
      version: 1,
      name: '上海测试评价中心',
      sites: [
        { id: site.id, name: '浦东考点', address: site.address, region: '310115' },
        { name: '徐汇考点', address: '漕溪北路 1 号', region: '310104' },
      ],
      scopes: [{ occupation: '6-18-02-04', level: '4' }],
    });
    assert.equal(res.statusCode, 200, res.body);
    const view: InstitutionView = res.json();
    assert.equal(view.version, 2);
    assert.equal(view.name, '上海测试评价中心');
    assert.deepEqual(
      view.sites.map((s) => [s.id === site.id, s.name]),
      [
        [true, '浦东考点'],
        [false, '徐汇考点'],
      ],
    );
    assert.deepEqual(
      view.scopes.map((s) => `${s.occupation}/${s.level}`),
      ['6-18-02-04/4'],
    );
    const stale = await send('PATCH', `/institutions/${sh.id}`, hrssSh, { version: 1, name: 'x' });
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(errorPaths(stale.body), ['body.version']);
    // Removing a site and refusing foreign or unknown ones.
    const bad = await send('PATCH', `/institutions/${sh.id}`, hrssSh, {
      version: 2,
      sites: [
        { id: '00000000-0000-4000-8000-000000000000', name: 'a', address: 'b', region: '310104' },
        { name: 'c', address: 'd', region: '440106' },
      ],
    });
    assert.equal(bad.statusCode, 400);
    assert.deepEqual(errorPaths(bad.body), ['body.sites.0.id', 'body.sites.1.region']);
    const removed = await send('PATCH', `/institutions/${sh.id}`, hrssSh, {
      version: 2,
      sites: [{ id: site.id, name: '浦东考点', address: site.address, region: '310115' }],
    });
    assert.equal(removed.statusCode, 200, removed.body);
    assert.equal(removed.json().sites.length, 1);
  });

  it('renews to a later date only', async () => {
    const earlier = await send('POST', `/institutions/${sh.id}/renew`, hrssSh, { validUntil: '2029-12-31' });
    assert.equal(earlier.statusCode, 422, earlier.body);
    assert.deepEqual(errorPaths(earlier.body), ['body.validUntil']);
    const res = await send('POST', `/institutions/${sh.id}/renew`, hrssSh, {
      validUntil: '2032-12-31',
      reason: '续期评估合格',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().validUntil, '2032-12-31');
  });

  it('suspends (hidden from the public), reinstates, and refuses the steps the status does not allow', async () => {
    const reinstateActive = await send('POST', `/institutions/${sh.id}/reinstate`, hrssSh, {
      reason: '无需恢复',
    });
    assert.equal(reinstateActive.statusCode, 409);
    const noReason = await send('POST', `/institutions/${sh.id}/suspend`, hrssSh, {});
    assert.equal(noReason.statusCode, 400);
    const suspended = await send('POST', `/institutions/${sh.id}/suspend`, hrssSh, {
      reason: '督导发现问题，整改',
    });
    assert.equal(suspended.statusCode, 200, suspended.body);
    assert.equal(suspended.json().status, 'suspended');
    assert.equal((await send('GET', `/institutions/${sh.id}`)).statusCode, 404, 'not public while suspended');
    assert.equal((await send('GET', `/institutions/${sh.id}`, hrssGd)).statusCode, 404);
    assert.equal((await send('GET', `/institutions/${sh.id}`, supervisorSh)).json().status, 'suspended');
    const reinstated = await send('POST', `/institutions/${sh.id}/reinstate`, hrssSh, { reason: '整改完成' });
    assert.equal(reinstated.json().status, 'active');
  });

  it('withdraws for good: every later change is 409 invalid_transition', async () => {
    const res = await send('POST', `/institutions/${sh.id}/withdraw`, hrssSh, { reason: '主动申请退出' });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().status, 'revoked');
    const version = res.json().version;
    const later: Array<['POST' | 'PATCH', string, object]> = [
      ['POST', 'suspend', { reason: '再次暂停' }],
      ['POST', 'reinstate', { reason: '再次恢复' }],
      ['POST', 'withdraw', { reason: '再次退出' }],
      ['POST', 'renew', { validUntil: '2040-12-31' }],
      ['PATCH', '', { version, name: '复活' }],
    ];
    for (const [method, action, body] of later) {
      const url = action ? `/institutions/${sh.id}/${action}` : `/institutions/${sh.id}`;
      const again = await send(method, url, hrssSh, body);
      assert.equal(again.statusCode, 409, `${action || 'update'}: ${again.body}`);
      assert.equal(again.json().error.code, 'invalid_transition');
    }
  });

  it('wrote one event and one audit row (with before/after) per change, and serves them as history', async () => {
    const kinds = (await events(sh.id)).map((e) => e.kind);
    assert.deepEqual(kinds, [
      'institution.filed',
      'institution.updated',
      'institution.updated',
      'institution.renewed',
      'institution.suspended',
      'institution.reinstated',
      'institution.withdrawn',
    ]);
    const withdrawn = (await events(sh.id)).at(-1);
    assert.deepEqual(withdrawn?.payload, {
      code: sh.code,
      from: 'active',
      to: 'revoked',
      reason: '主动申请退出',
    });
    const rows = await audit(sh.id);
    assert.equal(rows.length, kinds.length);
    assert.ok(
      rows.slice(1).every((r) => r.before && r.after),
      'each change records before and after',
    );
    const history = await send('GET', `/institutions/${sh.id}/history`, supervisorSh);
    assert.equal(history.statusCode, 200, history.body);
    const items = history.json().items as Array<{ action: string; reason: string | null }>;
    assert.deepEqual(
      items.map((i) => i.action),
      rows.map((r) => r.action),
    );
    assert.equal(items.find((i) => i.action === 'institution.suspend')?.reason, '督导发现问题，整改');
    assert.equal((await send('GET', `/institutions/${gd.id}/history`, supervisorSh)).statusCode, 404);
    assert.equal((await send('GET', `/institutions/${gd.id}/history`, supervisor)).statusCode, 200);
  });

  it('shows an institution operator its own filing in full', async () => {
    const operator = await t.tokenFor('institution-operator', { institution: gd.id });
    const own = await send('GET', `/institutions/${gd.id}`, operator);
    assert.equal(own.json().version, gd.version);
  });
});
