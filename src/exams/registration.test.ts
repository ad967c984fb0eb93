import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { migrateCryptoProfile } from '../protection/profile-migration.service.ts';
import { sheet, skeleton, zip } from '../registry/import/import.hostile-files.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { candidate, idNumber, institution, plan, sitting } from './exams.test-helpers.ts';
import { COMMITMENT } from './registration.model.ts';

/**
 * Registration (issue 6 §3, §7): eligibility through the recognition engine, the 双承诺, capacity under concurrent
 * registrations, overlapping sittings, batch rosters with bad rows, and who sees what.
 */
let t: TestApp;
const ELECTRICIAN = '6-31-01-03';
let filedFor4: { id: string; siteId: string };
let filedFor5Only: { id: string; siteId: string };
let plan4: string;
let sitting4: string;

before(async () => {
  t = await createTestApp();
  filedFor4 = await institution(t, {
    scopes: [
      [ELECTRICIAN, '5'],
      [ELECTRICIAN, '4'],
    ],
  });
  filedFor5Only = await institution(t, { province: '440000', scopes: [[ELECTRICIAN, '5']] });
  plan4 = await plan(t, { level: '4', institutions: [{ id: filedFor4.id, province: '310000' }] });
  sitting4 = await sitting(t, {
    planId: plan4,
    institution: filedFor4,
    startsAt: '2026-12-20T09:00:00+08:00',
    endsAt: '2026-12-20T11:30:00+08:00',
    capacity: 40,
  });
});
after(async () => {
  await t.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const migrationCtx = () => ({ actorId: null, actorLabel: 'test', requestId: null, at: new Date() });

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Uploads a roster to plan4's sitting as a multipart form, as the console does. */
function postRoster(token: string, content: string | Buffer, kind: 'csv' | 'xlsx' = 'csv') {
  const boundary = '----hutong-roster';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="roster.${kind}"\r\nContent-Type: ${kind === 'csv' ? 'text/csv' : XLSX_TYPE}\r\n\r\n`;
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/plans/${plan4}/registrations/batch?sittingId=${sitting4}`,
    headers: { ...auth(token), 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}
const commitment = { accepted: true, version: COMMITMENT.version };

function register(token: string, planId: string, sittingId: string, years = 5) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/plans/${planId}/registrations`,
    headers: auth(token),
    payload: { sittingId, declared: { yearsSinceLevel: years }, commitment },
  });
}

describe('eligibility through the recognition engine', () => {
  it('a 低压电工作业 holder is deemed 五级 and may register for 电工四级, told why; the decision replays', async () => {
    const c = await candidate(t, [{ type: 'mem.lv-electrician' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${plan4}/eligibility`,
      headers: auth(c.token),
      payload: { declared: { yearsSinceLevel: 5 }, sittingId: sitting4 },
    });
    assert.equal(res.statusCode, 200, res.body);
    const e = res.json();
    assert.equal(e.eligible, true);
    assert.deepEqual(e.reasonCodes, ['route-met']);
    assert.equal(e.heldLevel.level, 5);
    assert.equal(e.heldLevel.rule, 'nat.level.electrician-5');
    assert.ok(!JSON.stringify(e).includes(c.idNumber), 'no ID number in the answer');
    assert.equal(e.routes.find((r: { id: string }) => r.id === 'after-level-5').status, 'met');
    assert.match(e.summaryZh, /可以报考电工四级/);
    const replay = await t.app.inject({
      method: 'POST',
      url: `/api/v1/recognition/decisions/${e.decisionId}/replay`,
      headers: auth(TEST_ADMIN_TOKEN),
    });
    assert.equal(replay.statusCode, 200, replay.body);
    const registered = await register(c.token, plan4, sitting4);
    assert.equal(registered.statusCode, 201, registered.body);
    assert.equal(registered.json().eligibility.eligible, true);
    const event = await t.db
      .selectFrom('exam_events')
      .select(['kind', 'province'])
      .where('subject_id', '=', registered.json().id)
      .executeTakeFirstOrThrow();
    assert.deepEqual(event, { kind: 'registration.created', province: '310000' });
  });

  it('too few declared years: not eligible, with the reason, and nothing registered', async () => {
    const c = await candidate(t, [{ type: 'mem.lv-electrician' }]);
    const res = await register(c.token, plan4, sitting4, 2);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.details[0].message, 'no-route-met');
  });

  it('"after 五级 for 4 years" is never met by more years than the certificate has existed', async () => {
    const recent = new Date(Date.now() - 180 * 86_400_000).toISOString().slice(0, 10);
    const c = await candidate(t, [{ type: 'mem.lv-electrician', validFrom: recent }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${plan4}/eligibility`,
      headers: auth(c.token),
      payload: { declared: { yearsSinceLevel: 4, yearsInOccupation: 4 } },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().eligible, false);
    assert.equal(res.json().routes.find((r: { id: string }) => r.id === 'after-level-5').status, 'unmet');
  });

  it('a 高压 holder deemed 四级 may still sit 四级: warned, not refused (视同 is not holding it)', async () => {
    const c = await candidate(t, [{ type: 'mem.hv-electrician' }]);
    const res = await register(c.token, plan4, sitting4);
    assert.equal(res.statusCode, 201, res.body);
    const e = res.json().eligibility;
    assert.deepEqual(e.reasonCodes, ['route-met', 'deemed-level-not-held']);
    assert.match(e.summaryZh, /视同不等于持有该等级证书/);
    assert.doesNotMatch(e.summaryZh, /nat\.|mem\./, 'no rule or type id for the candidate');
  });

  it('an expired certificate does not count', async () => {
    const c = await candidate(t, [
      { type: 'mem.lv-electrician', validFrom: '2018-01-01', validUntil: '2024-01-01' },
    ]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${plan4}/eligibility`,
      headers: auth(c.token),
      payload: { declared: { yearsSinceLevel: 5 } },
    });
    assert.equal(res.json().eligible, false);
    assert.deepEqual(res.json().reasonCodes, ['no-route-met', 'certificates-ignored']);
    assert.equal(res.json().ignored[0].reason, 'expired');
  });

  it('not at an institution filed only for 五级', async () => {
    const wrong = await plan(t, { level: '4', institutions: [{ id: filedFor5Only.id, province: '440000' }] });
    const s = await sitting(t, {
      planId: wrong,
      institution: filedFor5Only,
      startsAt: '2026-12-21T09:00:00+08:00',
      endsAt: '2026-12-21T11:00:00+08:00',
      capacity: 10,
    });
    const c = await candidate(t, [{ type: 'mem.lv-electrician' }]);
    const res = await register(c.token, wrong, s);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.details[0].message, 'outside-filed-scope');
  });

  it('the 双承诺 is required', async () => {
    const c = await candidate(t, [{ type: 'mem.lv-electrician' }]);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${plan4}/registrations`,
      headers: auth(c.token),
      payload: { sittingId: sitting4, declared: { yearsSinceLevel: 5 }, commitment: { accepted: false } },
    });
    assert.equal(res.statusCode, 400);
  });
});

describe('seats and times', () => {
  it('never overbooks a sitting under concurrent registrations', async () => {
    const p = await plan(t, { level: '4', institutions: [{ id: filedFor4.id, province: '310000' }] });
    const s = await sitting(t, {
      planId: p,
      institution: filedFor4,
      startsAt: '2026-12-22T09:00:00+08:00',
      endsAt: '2026-12-22T11:00:00+08:00',
      capacity: 3,
    });
    const people = await Promise.all(
      Array.from({ length: 8 }, () => candidate(t, [{ type: 'mem.lv-electrician' }])),
    );
    const results = await Promise.all(people.map((c) => register(c.token, p, s)));
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [201, 201, 201, 409, 409, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409))
      assert.equal(r.json().error.details[0].message, 'sitting-full');
    const row = await t.db
      .selectFrom('exam_sittings')
      .select('booked')
      .where('id', '=', s)
      .executeTakeFirstOrThrow();
    assert.equal(row.booked, 3);
  });

  it('refuses one person in two overlapping sittings, allows back-to-back ones, frees the seat on cancel', async () => {
    const c = await candidate(t, [{ type: 'mem.lv-electrician' }]);
    const mk = async (startsAt: string, endsAt: string) => {
      const p = await plan(t, { level: '4', institutions: [{ id: filedFor4.id, province: '310000' }] });
      return { p, s: await sitting(t, { planId: p, institution: filedFor4, startsAt, endsAt, capacity: 5 }) };
    };
    const a = await mk('2026-12-23T09:00:00+08:00', '2026-12-23T11:30:00+08:00');
    const b = await mk('2026-12-23T11:00:00+08:00', '2026-12-23T12:30:00+08:00');
    const c2 = await mk('2026-12-23T12:30:00+08:00', '2026-12-23T13:30:00+08:00');
    const first = await register(c.token, a.p, a.s);
    assert.equal(first.statusCode, 201, first.body);
    const overlap = await register(c.token, b.p, b.s);
    assert.equal(overlap.statusCode, 409);
    assert.equal(overlap.json().error.details[0].message, 'overlapping-sitting');
    assert.equal((await register(c.token, c2.p, c2.s)).statusCode, 201);
    assert.equal((await register(c.token, a.p, a.s)).json().error.details[0].message, 'already-registered');
    const cancel = await t.app.inject({
      method: 'POST',
      url: `/api/v1/registrations/${first.json().id}/cancel`,
      headers: auth(c.token),
    });
    assert.equal(cancel.statusCode, 200, cancel.body);
    assert.equal(
      (await register(c.token, b.p, b.s)).statusCode,
      201,
      'no longer overlapping, and back-to-back with the other',
    );
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/registrations',
      headers: auth(c.token),
    });
    assert.deepEqual(
      mine
        .json()
        .items.map((r: { status: string }) => r.status)
        .sort(),
      ['cancelled', 'registered', 'registered'],
    );
  });
});

describe('batch registration by an institution', () => {
  it('registers the good rows and reports each bad one by row and column', async () => {
    const operator = await t.tokenFor('institution-operator', { institution: filedFor4.id });
    const holder = await candidate(t, [{ type: 'mem.lv-electrician' }], '周九');
    const newcomer = idNumber();
    const csv = [
      // Each condition reads its own figure: 周九 counts 5 years since 五级 (their certificate is 5 years old).
      '姓名,证件类型,证件号码,从事本职业年限,取得下一级证书后从事本职业年限,学历,学徒期满,承诺',
      `周九,居民身份证,${holder.idNumber},5,5,,,是`,
      `吴十,居民身份证,${newcomer},7,,,,是`,
      '郑一,居民身份证,440106198808089999,7,,,,是',
      `王二,居民身份证,${idNumber()},7,,,,否`,
      `陈三,居民身份证,${idNumber()},1,,,,是`,
      `错名,居民身份证,${holder.idNumber},5,5,,,是`,
    ].join('\n');
    const res = await postRoster(operator, csv);
    assert.equal(res.statusCode, 200, res.body);
    const r = res.json();
    assert.equal(r.total, 6);
    assert.equal(r.registered, 2);
    assert.deepEqual(
      r.errors.map((e: { row: number; column: string; code: string }) => [
        e.row,
        e.column,
        e.code.split(':')[0],
      ]),
      [
        [4, '证件号码', 'id-check-digit'],
        [5, '承诺', 'commitment-missing'],
        [6, '从事本职业年限', 'not-eligible'],
        [7, '姓名', 'name-mismatch'],
      ],
    );
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan4}/registrations?status=registered`,
      headers: auth(operator),
    });
    const names = listed.json().items.map((i: { holder: { name: string } }) => i.holder.name);
    assert.ok(names.includes('周九') && names.includes('吴十'));
    assert.ok(!listed.body.includes(newcomer), 'ID numbers are masked');
  });

  it('records the optional 工作单位 column (trimmed, at most 200 characters) for recusal', async () => {
    const operator = await t.tokenFor('institution-operator', { institution: filedFor4.id });
    const csv = [
      '姓名,证件号码,从事本职业年限,承诺,工作单位',
      `褚六,${idNumber()},6,是, 某电力工程有限公司 `,
      `卫七,${idNumber()},6,是,`,
      `蒋八,${idNumber()},6,是,${'某'.repeat(201)}`,
    ].join('\n');
    const res = await postRoster(operator, csv);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().registered, 2);
    assert.deepEqual(
      res.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code]),
      [[4, '工作单位', 'employer-too-long']],
    );
    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan4}/registrations?status=registered&limit=200`,
      headers: auth(operator),
    });
    const employerOf = (name: string) =>
      listed.json().items.find((i: { holder: { name: string } }) => i.holder.name === name)?.employer;
    assert.equal(employerOf('褚六'), '某电力工程有限公司');
    assert.equal(employerOf('卫七'), null);
  });

  it('reads an XLSX roster; an ID number the spreadsheet stored as a number is reported, not guessed', async () => {
    const operator = await t.tokenFor('institution-operator', { institution: filedFor4.id });
    const { default: ExcelJS } = await import('exceljs');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('报名');
    sheet.addRow(['姓名', '证件号码', '从事本职业年限', '承诺']);
    const text = idNumber();
    sheet.addRow(['林四', text, 8, '是']);
    sheet.addRow(['林五', Number(idNumber().slice(0, 17)) * 10, 8, '是']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await postRoster(operator, file, 'xlsx');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().registered, 1);
    // The digits a double kept fail the check character (or, when the file lost them, `stored-as-number`).
    const [error] = res.json().errors;
    assert.equal(error.row, 3);
    assert.ok(['stored-as-number', 'id-check-digit'].includes(error.code), error.code);
  });

  it('refuses a hostile XLSX roster with a clear error, within the roster’s limits (issue 17 §1)', async () => {
    const operator = await t.tokenFor('institution-operator', { institution: filedFor4.id });
    const header = ['姓名', '证件号码', '从事本职业年限', '承诺'];
    const cases: Array<[string, Buffer, string]> = [
      [
        'shared strings past the limit (a zip bomb of short strings)',
        zip([
          ...skeleton,
          ['xl/worksheets/sheet1.xml', sheet([header])],
          [
            'xl/sharedStrings.xml',
            `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(100_001)}</sst>`,
          ],
        ]),
        'too-many-shared-strings',
      ],
      [
        'one cell longer than a roster allows (6,000 characters with entities)',
        zip([
          ...skeleton,
          ['xl/worksheets/sheet1.xml', sheet([header, ['林六', 'x'.repeat(50_000), '8', '是']])],
        ]),
        'cell-too-long',
      ],
    ];
    for (const [label, file, code] of cases) {
      const res = await postRoster(operator, file, 'xlsx');
      assert.equal(res.statusCode, 400, `${label}: ${res.body}`);
      const error = res.json().error;
      assert.equal(error.code, 'validation_failed', label);
      assert.deepEqual(error.details, [{ path: 'file', message: code }], label);
    }
  });

  it('another institution’s operator sees neither the plan’s registrations nor can upload to it', async () => {
    const other = await t.tokenFor('institution-operator', { institution: filedFor5Only.id });
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan4}/registrations`,
      headers: auth(other),
    });
    assert.equal(list.statusCode, 404);
    const gd = await t.tokenFor('province-admin', { province: '440000' });
    const gdList = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan4}/registrations`,
      headers: auth(gd),
    });
    assert.equal(gdList.statusCode, 404);
    const sh = await t.tokenFor('province-admin', { province: '310000' });
    const shList = await t.app.inject({
      method: 'GET',
      url: `/api/v1/plans/${plan4}/registrations`,
      headers: auth(sh),
    });
    assert.equal(shList.statusCode, 200);
  });
});

describe('batch registration while keys migrate rebuilds the blind indexes (issue 18 §2)', () => {
  it('finds a person indexed under the old version instead of adding them a second time', async () => {
    // Last in this file: it moves the store's index version.
    const operator = await t.tokenFor('institution-operator', { institution: filedFor4.id });
    const known = await candidate(t, [{ type: 'mem.lv-electrician' }], '冯五');
    // A migration to gm stopped after its first re-sealed batch: new indexes are written under the new version,
    // the holders are still under the old one, lookups must match both.
    await assert.rejects(
      migrateCryptoProfile(t.db, t.master, 'gm', migrationCtx(), {
        graceMs: 0,
        batchSize: 1,
        onProgress: () => {
          throw new Error('stopped');
        },
      }),
      /stopped/,
    );
    await t.keyring.refresh();
    assert.equal(t.keyring.protector().indexVersion, 2);
    const csv = [
      '姓名,证件号码,从事本职业年限,取得下一级证书后从事本职业年限,承诺',
      `冯五,${known.idNumber},5,5,是`,
    ].join('\n');
    const res = await postRoster(operator, csv);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().registered, 1, res.body);
    const named = await t.db.selectFrom('holders').select('id').where('name', '=', '冯五').execute();
    assert.equal(named.length, 1, 'one person, not a second holder under the new index');
  });
});
