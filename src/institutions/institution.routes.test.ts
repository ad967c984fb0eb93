import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import type { InstitutionView } from './institution.model.ts';
import {
  auditRowsOf,
  call,
  creditCode,
  errorPaths,
  examEventsOf,
  fileInstitution,
  makeInstitution,
} from './institution.test-helpers.ts';

let t: TestApp;
let hrssSh: string;
let hrssGd: string;
let supervisor: string;
let memAdmin: string;
before(async () => {
  t = await createTestApp();
  hrssSh = await t.tokenFor('province-admin', { province: '310000' });
  hrssGd = await t.tokenFor('province-admin', { province: '440000' });
  supervisor = await t.tokenFor('supervisor');
  memAdmin = await t.tokenFor('department-admin', { department: 'mem' });
});
after(async () => {
  await t.close();
});

const send = (method: 'GET' | 'POST' | 'PATCH', url: string, token?: string, payload?: object) =>
  call(t, method, url, token, payload);
const events = (id: string) => examEventsOf(t, id);
const audit = (id: string) => auditRowsOf(t, id);

describe('filing an institution (遴选备案, issue 6 §1)', () => {
  it('files a provincial institution: code with 0000, active, one audit row and one event', async () => {
    const view = await fileInstitution(
      t,
      hrssSh,
      makeInstitution(1, { creditCode: creditCode(1).toLowerCase() }),
    );
    assert.equal(view.code, 'S000031100001');
    assert.equal(view.nationalCode, '0000');
    assert.equal(view.creditCode, creditCode(1), 'normalised to upper case');
    assert.equal(view.status, 'active');
    assert.equal(view.storedStatus, 'active');
    assert.equal(view.version, 1);
    assert.equal(view.sites.length, 1);
    assert.deepEqual(
      view.scopes.map((s) => `${s.occupationNameZh}${s.level}`),
      ['电工5', '电工4', '电工3'],
    );
    const [filed, ...more] = await events(view.id);
    assert.equal(more.length, 0);
    assert.equal(filed?.kind, 'institution.filed');
    assert.equal(filed?.province, '310000');
    assert.equal(filed?.subject_type, 'institution');
    assert.match(String(filed?.actor_label), /^province-admin-/);
    const rows = await audit(view.id);
    assert.deepEqual(
      rows.map((r) => r.action),
      ['institution.file'],
    );
    assert.equal((rows[0]?.after as InstitutionView | undefined)?.code, view.code);
  });

  it('files a national institution with the code 人社部 assigned', async () => {
    const view = await fileInstitution(
      t,
      TEST_ADMIN_TOKEN,
      makeInstitution(2, { kind: 'Y', filingLevel: 'national', nationalCode: '0123' }),
    );
    assert.equal(view.code, 'Y012331100002');
  });

  it('refuses an invalid credit code with its GB 32100 reason', async () => {
    const code = creditCode(3);
    const bad = `${code.slice(0, 17)}${code[17] === 'A' ? 'B' : 'A'}`;
    const res = await send('POST', '/institutions', hrssSh, makeInstitution(3, { creditCode: bad }));
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(errorPaths(res.body), ['body.creditCode']);
    assert.match(res.json().error.details[0].message, /^check-character:/);
  });

  it('refuses occupations and levels the catalog does not have', async () => {
    const res = await send(
      'POST',
      '/institutions',
      hrssSh,
      makeInstitution(4, { scopes: [{ occupation: '9-99-99-99', level: '4' }] }),
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(errorPaths(res.body), ['body.scopes.0.occupation']);
  });

  it('keeps a Shanghai admin to Shanghai: 403 naming the province; others may not file at all', async () => {
    const gd = makeInstitution(5, { province: '440000' });
    const res = await send('POST', '/institutions', hrssSh, gd);
    assert.equal(res.statusCode, 403, res.body);
    assert.deepEqual(errorPaths(res.body), ['body.province']);
    assert.equal((await send('POST', '/institutions', memAdmin, gd)).statusCode, 403);
    assert.equal((await send('POST', '/institutions', supervisor, gd)).statusCode, 403);
    assert.equal((await send('POST', '/institutions', undefined, gd)).statusCode, 401);
    await fileInstitution(t, hrssGd, gd);
  });

  it('answers 409 for a credit code or a (province, site code) already filed', async () => {
    const first = makeInstitution(6);
    await fileInstitution(t, hrssSh, first);
    const sameCredit = await send('POST', '/institutions', hrssSh, {
      ...makeInstitution(7),
      creditCode: first.creditCode,
    });
    assert.equal(sameCredit.statusCode, 409, sameCredit.body);
    assert.deepEqual(errorPaths(sameCredit.body), ['body.creditCode']);
    // Another category, same site code: the province assigned it once.
    const sameSite = await send('POST', '/institutions', hrssSh, {
      ...makeInstitution(8, { kind: 'Y' }),
      siteCode: first.siteCode,
    });
    assert.equal(sameSite.statusCode, 409, sameSite.body);
    assert.deepEqual(errorPaths(sameSite.body), ['body.siteCode']);
    // Two filings of one institution at once: the unique indexes let one through (PostgreSQL runs them in parallel).
    const racing = makeInstitution(10);
    const codes = await Promise.all([1, 2].map(() => send('POST', '/institutions', hrssSh, racing)));
    assert.deepEqual(codes.map((r) => r.statusCode).sort(), [201, 409]);
    // The same site code in another province is another site.
    await fileInstitution(t, hrssGd, {
      ...makeInstitution(9, { province: '440000' }),
      siteCode: first.siteCode,
    });
  });
});
