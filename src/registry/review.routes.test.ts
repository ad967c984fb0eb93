import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Clock } from '../shared/clock.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { header, uploadAndWait } from './import/import.test-helpers.ts';

/**
 * 复审 in 合法有效 (issue 13 item 5) through the API, on PGlite and (DATABASE_URL) PostgreSQL: the review route, the
 * import column, and what the public query and the credentials say on either side of `reviewedUntil`.
 */
let t: TestApp;
let memSh: string; // MEM admin of 310000
let memGd: string; // MEM admin of 440000
let hrss: string; // MOHRSS admin (national)
// A clock the boundary tests move: 09:00 in Beijing on `today`.
let today = '2027-03-01';
const clock: Clock = { now: () => new Date(`${today}T09:00:00+08:00`) };

const auth = (token: string) => ({ authorization: `Bearer ${token}` });
const ID = '11010519491231002X';

before(async () => {
  t = await createTestApp({ clock });
  memSh = await t.tokenFor('department-admin', { department: 'mem', province: '310000' });
  memGd = await t.tokenFor('department-admin', { department: 'mem', province: '440000' });
  hrss = await t.tokenFor('department-admin', { department: 'mohrss' });
});
after(async () => {
  await t.close();
});

async function post(url: string, token: string | null, payload: object) {
  return t.app.inject({ method: 'POST', url, headers: token ? auth(token) : {}, payload });
}

async function createMem(idNumber: string, extra: object = {}): Promise<string> {
  const res = await post('/api/v1/certificates', memSh, {
    type: 'mem.lv-electrician',
    number: `T${idNumber}`,
    holder: { name: '张三', idType: 'resident', idNumber },
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    issuer: { region: '310000', organization: '上海市应急管理局' },
    ...extra,
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().id;
}

describe('POST /api/v1/certificates/{id}/review', () => {
  let id: string;
  before(async () => {
    id = await createMem(ID);
  });

  it('starts unknown: a review rule applies, no date is known (never overdue for that)', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${id}`,
      headers: auth(memSh),
    });
    assert.deepEqual(res.json().review, { status: 'unknown', reviewedOn: null, reviewedUntil: null });
  });

  it('records a review by the certificate’s department, with a history row and an audit row', async () => {
    const res = await post(`/api/v1/certificates/${id}/review`, memSh, {
      reviewedOn: '2027-02-20',
      reviewedUntil: '2030-02-28',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().review, {
      status: 'current',
      reviewedOn: '2027-02-20',
      reviewedUntil: '2030-02-28',
    });
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${id}`,
      headers: auth(memSh),
    });
    const entry = detail.json().history.at(-1);
    assert.equal(entry.action, 'review');
    assert.equal(entry.after.reviewedUntil, '2030-02-28');
    assert.equal(entry.before.reviewedUntil, undefined);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('target_id', '=', id)
      .where('action', '=', 'certificate.review')
      .execute();
    assert.equal(audit.length, 1);
  });

  it('hides the certificate from another province’s department admin (404)', async () => {
    const res = await post(`/api/v1/certificates/${id}/review`, memGd, {
      reviewedOn: '2027-02-20',
      reviewedUntil: '2030-02-28',
    });
    assert.equal(res.statusCode, 404, res.body);
  });

  const refusals: Array<[string, object, number, string]> = [
    [
      'a review dated after today',
      { reviewedOn: '2027-03-02', reviewedUntil: '2030-02-28' },
      422,
      'future-date',
    ],
    [
      'reviewed until before the review',
      { reviewedOn: '2027-02-20', reviewedUntil: '2027-02-19' },
      422,
      'date-order',
    ],
    [
      'beyond the validity',
      { reviewedOn: '2027-02-20', reviewedUntil: '2030-03-01' },
      422,
      'beyond-validity',
    ],
    [
      'a review before the certificate began',
      { reviewedOn: '2024-02-01', reviewedUntil: '2027-01-01' },
      422,
      'outside-validity',
    ],
  ];
  for (const [label, payload, status, code] of refusals) {
    it(`refuses ${label} (${status} ${code})`, async () => {
      const res = await post(`/api/v1/certificates/${id}/review`, memSh, payload);
      assert.equal(res.statusCode, status, res.body);
      assert.match(res.json().error.details[0].message, new RegExp(`^${code}:`));
    });
  }

  it('refuses a type without a review rule: 422 no-review-rule (MOHRSS skill-level certificates)', async () => {
    const created = await post('/api/v1/certificates', hrss, {
      type: 'mohrss.skill-level',
      number: 'S000031000123243000042',
      holder: { name: '李四', idType: 'resident', idNumber: '310115198506123411' },
      validFrom: '2024-07-01',
      issuer: { region: '310000', organization: '上海市职业技能鉴定中心' },
      occupation: '6-31-01-03',
      level: '3',
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.json().review.status, 'not-required');
    const res = await post(`/api/v1/certificates/${created.json().id}/review`, hrss, {
      reviewedOn: '2027-02-20',
      reviewedUntil: '2028-02-20',
    });
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().error.code, 'rule_violation');
    assert.match(res.json().error.details[0].message, /^no-review-rule:/);
  });
});

describe('the import column 复审有效期至', () => {
  const ids = ['440524188001010014', '34052419800101001X'];
  const row = (id: string, reviewed: string) =>
    `mem.lv-electrician,T${id},王五,resident,${id},2024-03-01,2030-02-28,valid,310000,上海市应急管理局,${reviewed}`;

  it('reads 复审有效期至 (and 复审日期) as reviewed_until, and an empty cell keeps what is stored', async () => {
    const zh =
      '证书类型,证书编号,姓名,证件类型,证件号码,有效期起,有效期至,状态,发证地区,发证机关,复审有效期至';
    const job = await uploadAndWait(
      t.app,
      memSh,
      'zh.csv',
      [zh, row(ids[0] as string, '2027-02-28')].join('\n'),
    );
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    const stored = () =>
      t.db
        .selectFrom('certificates')
        .select(['reviewed_on', 'reviewed_until'])
        .where('number_masked', 'like', `T${ids[0]?.slice(0, 4)}%`)
        .executeTakeFirstOrThrow();
    assert.equal((await stored()).reviewed_until, '2027-02-28');

    const again = await uploadAndWait(
      t.app,
      memSh,
      'old.csv',
      [zh.replace('复审有效期至', '复审日期'), row(ids[0] as string, '')].join('\n'),
    );
    assert.deepEqual([again.status, again.unchanged], ['succeeded', 1]);
    assert.equal((await stored()).reviewed_until, '2027-02-28');

    const later = await uploadAndWait(
      t.app,
      memSh,
      'en.csv',
      [
        `${header.split(',').slice(0, 10).join(',')},reviewed_until`,
        row(ids[0] as string, '2030-02-28'),
      ].join('\n'),
    );
    assert.deepEqual([later.status, later.updated], ['succeeded', 1]);
    assert.equal((await stored()).reviewed_until, '2030-02-28');
  });

  it('reports a review date beyond the validity, for a row, as the API does', async () => {
    const zh =
      '证书类型,证书编号,姓名,证件类型,证件号码,有效期起,有效期至,状态,发证地区,发证机关,复审有效期至';
    const job = await uploadAndWait(
      t.app,
      memSh,
      'bad.csv',
      [zh, row(ids[1] as string, '2031-01-01')].join('\n'),
    );
    assert.equal(job.status, 'failed');
    assert.deepEqual(
      job.errors.map((e: { column: string; code: string }) => [e.column, e.code]),
      [['reviewed_until', 'beyond-validity']],
    );
  });
});

describe('待复审 at the boundary: reviewedUntil == today is current, the day after overdue', () => {
  const idNumber = '370101190102039973';
  let id: string;
  before(async () => {
    today = '2027-03-01';
    id = await createMem(idNumber, { reviewedUntil: '2027-03-01' });
  });

  async function publicReview() {
    const res = await post('/api/v1/public/certificates/search', null, { name: '张三', idNumber });
    assert.equal(res.statusCode, 200, res.body);
    return res.json().items[0].review;
  }
  async function verifyValidity() {
    const cred = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${id}/credential`,
      headers: auth(memSh),
    });
    assert.equal(cred.statusCode, 200, cred.body);
    const res = await post('/api/v1/credentials/verify', null, { credential: cred.json().credential });
    const payload = JSON.parse(
      Buffer.from(cred.json().credential.split('.')[1], 'base64url').toString('utf8'),
    );
    assert.equal(payload.credentialSubject.certificate.reviewedUntil, '2027-03-01');
    return res.json().checks.find((c: { check: string }) => c.check === 'validity');
  }

  it('on the day itself: current in the query and the credential', async () => {
    today = '2027-03-01';
    assert.deepEqual(await publicReview(), { status: 'current', reviewedUntil: '2027-03-01' });
    assert.deepEqual(await verifyValidity(), { check: 'validity', status: 'valid' });
  });

  it('the day after: 待复审 in the query, review-overdue in the credential’s validity check', async () => {
    today = '2027-03-02';
    assert.deepEqual(await publicReview(), { status: 'overdue', reviewedUntil: '2027-03-01' });
    const validity = await verifyValidity();
    assert.equal(validity.status, 'invalid');
    assert.equal(validity.reason, 'review-overdue');
  });

  it('the holder’s recognitions ignore it as review-overdue; a new review brings it back', async () => {
    today = '2027-03-02';
    const holderId = (
      await t.app.inject({ method: 'GET', url: `/api/v1/certificates/${id}`, headers: auth(memSh) })
    ).json().holder.id;
    const ignored = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/holders/${holderId}/recognitions`,
          headers: auth(memSh),
        })
      ).json().ignored as Array<{ reason: string }>;
    assert.deepEqual(
      (await ignored()).map((i) => i.reason),
      ['review-overdue'],
    );
    const res = await post(`/api/v1/certificates/${id}/review`, memSh, {
      reviewedOn: '2027-03-02',
      reviewedUntil: '2030-02-28',
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(await ignored(), []);
    assert.deepEqual(await publicReview(), { status: 'current', reviewedUntil: '2030-02-28' });
  });
});
