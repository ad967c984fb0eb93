import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { creditCodeCheckChar, residentIdCheckChar } from '../../src/shared/identifiers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, pickOption } from './browser.ts';

/**
 * What a candidate does (issue 6 §5, "Done when"): a worker holding a 低压电工作业 certificate finds a 电工四级 plan
 * near them, is told why they are eligible (the certificate counts as 五级), commits, registers, and sees it among
 * their registrations; registering twice is refused in words, and cancelling asks first.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let planId: string;
let sittingId: string;
let jointId: string;

const DAY = 86_400_000;
/** A civil date in China Standard Time, `days` from today. */
const chinaDate = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

async function api(method: 'GET' | 'POST', url: string, payload?: object, token = TEST_ADMIN_TOKEN) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { authorization: `Bearer ${token}` },
    ...(payload && { payload }),
  });
  assert.ok(res.statusCode < 300, `${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** 遴选备案 through the register's API: one site, 电工 at the levels given. */
async function fileInstitution(n: number, province: string, levels: string[]) {
  const body = `91${province}MA${String(n).padStart(7, '0')}`;
  return (await api('POST', '/institutions', {
    creditCode: body + creditCodeCheckChar(body),
    name: `${province === '310000' ? '上海' : '江苏'}电工评价中心${n}`,
    kind: 'S',
    filingLevel: 'provincial',
    province,
    siteCode: String(200000 + n),
    validFrom: '2025-01-01',
    validUntil: '2029-12-31',
    sites: [{ name: `第${n}考点`, address: `实训路 ${n} 号`, region: `${province.slice(0, 2)}0115` }],
    scopes: levels.map((level) => ({ occupation: '6-31-01-03', level })),
  })) as { id: string; sites: { id: string }[] };
}

type Filed = { id: string; sites: { id: string }[] };

/**
 * A plan with one sitting per institution, approved by the lead province's admin: single (one institution) or
 * joint (统考联考, led by the first institution's province).
 */
async function approvedPlan(institutions: Filed[], province: string, level: string, name: string) {
  const joint = institutions.length > 1;
  const plan = await api('POST', '/plans', {
    kind: joint ? 'joint' : 'single',
    name,
    occupation: '6-31-01-03',
    level,
    institutionIds: institutions.map((i) => i.id),
    ...(joint && { leadProvince: province }),
    registrationOpens: chinaDate(-1),
    registrationCloses: chinaDate(20),
  });
  const day = chinaDate(30);
  const sittings: string[] = [];
  for (const institution of institutions) {
    const sitting = await api('POST', `/plans/${plan.id}/sittings`, {
      institutionId: institution.id,
      siteId: institution.sites[0]?.id,
      startsAt: `${day}T09:00:00+08:00`,
      endsAt: `${day}T11:30:00+08:00`,
      capacity: 30,
    });
    sittings.push(sitting.id);
  }
  await api('POST', `/plans/${plan.id}/approve`, undefined, await t.tokenFor('province-admin', { province }));
  return { planId: plan.id as string, sittingId: sittings[0] as string };
}

before(async () => {
  t = await createTestApp();
  const shanghai = await fileInstitution(1, '310000', ['5', '4']);
  ({ planId, sittingId } = await approvedPlan([shanghai], '310000', '4', '电工四级认定 上海第一批'));
  // A joint 五级 exam led by Jiangsu with Shanghai taking part: the level filter leaves it out.
  const jiangsu = await fileInstitution(2, '320000', ['5']);
  ({ planId: jointId } = await approvedPlan([jiangsu, shanghai], '320000', '5', '电工五级联考 苏沪第一批'));

  // The candidate: a registry person with a valid 低压电工作业 certificate, and a holder account bound to them.
  const body = '31010119850505123';
  const idNumber = body + residentIdCheckChar(body);
  await api('POST', '/certificates', {
    type: 'mem.lv-electrician',
    number: `T${idNumber}`,
    holder: { name: '王电工', idType: 'resident', idNumber },
    // Obtained five and a half years ago: "4 years since 五级" can be met (never more than the certificate's age).
    validFrom: '2021-06-01',
    validUntil: '2027-05-31',
    issuer: { region: '310000', organization: '上海市应急管理局' },
  });
  await api('POST', '/users', {
    username: 'wang-candidate',
    displayName: '王电工',
    password: 'correct horse battery',
    role: 'holder',
    holderIdNumber: idNumber,
  });
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

function choose(page: Page, testId: string, text: string): Promise<void> {
  return pickOption(page, page.getByTestId(testId), text, { type: true });
}

/** Declares `years` since 五级 (the route "取得五级证书后…4年" reads that figure, issue 13 §6). */
async function checkEligibility(page: Page, years: string) {
  await page.fill('#years-since-level', years);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith(`/api/v1/plans/${planId}/eligibility`)),
    page.getByTestId('check-eligibility').click(),
  ]);
  assert.equal(response.status(), 200);
  await page.getByTestId('eligibility-result').waitFor();
}

describe('candidate pages in Chromium', () => {
  it('finds a 电工四级 plan, is told why they are eligible, registers and sees it; twice is refused; cancels', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const outside: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'wang-candidate');
    await page.fill('#password', 'correct horse battery');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);

    // 考试报名 from the menu, then near me: Shanghai.
    await page.getByRole('menuitem', { name: '考试报名' }).click();
    await page.waitForURL(/\/exams$/);
    assert.equal(await page.getByRole('menuitem', { name: '我的报名' }).count(), 1, 'holder menu entry');
    await page.locator('[data-plan]').nth(1).waitFor();
    assert.equal(await page.locator('[data-plan]').count(), 2, 'no filter by default: both plans');
    const card = page.locator(`[data-plan="${planId}"]`);
    const joint = page.locator(`[data-plan="${jointId}"]`);
    await joint.getByTestId('joint-tag').waitFor();
    assert.equal(
      await joint.getByTestId('joint-provinces').textContent(),
      '参加省份：江苏省（牵头）、上海市',
    );
    await joint.getByTestId('sittings').locator('[data-sitting]').nth(1).waitFor();
    assert.equal(await card.getByTestId('joint-tag').count(), 0, 'a single plan is not marked 联考');

    // Near me: Jiangsu takes part only in the joint exam; Shanghai in both, and only one is 四级.
    await choose(page, 'filter-province', '320000');
    await page.waitForURL(/province=320000/);
    await card.waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-plan]').count(), 1);
    await page.getByRole('button', { name: '清除条件' }).click();
    await card.waitFor();
    await choose(page, 'filter-province', '310000');
    await choose(page, 'filter-level', '四级');
    await page.waitForURL(/level=4/);
    await joint.waitFor({ state: 'detached' });
    assert.equal(await page.locator('[data-plan]').count(), 1, 'only the Shanghai 四级 plan');
    await card.getByTestId('sittings').locator(`[data-sitting="${sittingId}"]`).waitFor();
    const row = String(
      await card.getByTestId('sittings').locator(`[data-sitting="${sittingId}"]`).textContent(),
    );
    assert.match(row, /09:00–11:30/);
    assert.match(row, /第1考点/);
    assert.match(row, /余 30 \/ 30/);

    await card.getByTestId('open-plan').click();
    await page.waitForURL(new RegExp(`/exams/${planId}$`));
    // The only open sitting is chosen already.
    await page
      .getByTestId('plan-detail')
      .locator(`[data-sitting="${sittingId}"] .ant-radio-wrapper-checked`)
      .waitFor();
    assert.ok(await page.getByTestId('register').isDisabled(), 'nothing to register on before the check');

    await checkEligibility(page, '5');
    const result = page.getByTestId('eligibility-result');
    assert.equal(await result.getAttribute('data-eligible'), 'true');
    assert.match(String(await page.getByTestId('eligibility-verdict').textContent()), /可以报名/);
    const held = page.getByTestId('held-level');
    assert.equal(await held.getAttribute('data-rule'), 'nat.level.electrician-5');
    await held.locator('[data-sentence="main"]').filter({ hasText: '依据' }).waitFor();
    assert.match(
      String(await held.locator('[data-sentence="main"]').textContent()),
      /^您持有的低压电工作业特种作业操作证视同电工五级\/初级工（依据：通知 二[^）]*）。$/,
    );
    // Chinese mode shows the sentence in Chinese only (issue 15 §4).
    assert.equal(await held.locator('[data-sentence="other"]').count(), 0);
    assert.match(
      String(await page.getByTestId('eligibility-summary').locator('[data-sentence="main"]').textContent()),
      /满足申报条件「取得本职业五级\/初级工证书后, 累计从事本职业工作4年\(含\)以上」，可以报考电工四级/,
    );
    const routes = page.getByTestId('eligibility-routes');
    assert.equal(await routes.locator('[data-route="after-level-5"]').getAttribute('data-status'), 'met');
    // "6 years in the occupation" reads the total, which was not declared: unknown, not assumed.
    assert.equal(await routes.locator('[data-route="experience"]').getAttribute('data-status'), 'unknown');
    assert.equal(
      await routes.locator('[data-route="technical-school"]').getAttribute('data-status'),
      'unknown',
    );

    assert.ok(await page.getByTestId('register').isDisabled(), 'the commitment is not ticked yet');
    await page
      .getByTestId('commitment-text')
      .getByText(/本人承诺/)
      .waitFor();
    await page.getByTestId('accept-commitment').click();
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith(`/api/v1/plans/${planId}/registrations`)),
      page.getByTestId('register').click(),
    ]);
    assert.deepEqual(sent.postDataJSON(), {
      sittingId,
      declared: { yearsSinceLevel: 5, apprenticeship: false },
      commitment: { accepted: true, version: '2026-01' },
    });
    await page.getByTestId('register-done').waitFor();

    await page.getByTestId('view-my-registrations').click();
    await page.waitForURL(/\/my\/registrations$/);
    const mine = page.getByTestId('my-registrations').locator('[data-registration]');
    await mine.first().waitFor();
    assert.equal(await mine.count(), 1);
    const text = String(await mine.first().textContent());
    assert.match(text, /电工四级认定 上海第一批/);
    assert.match(text, /上海电工评价中心1（上海市）/);
    assert.match(text, /09:00–11:30/);
    assert.match(text, /已报名/);
    assert.match(text, /个人报名/);
    assert.match(text, /可以报考电工四级/);

    // Back on the plan: it says so, and registering again is refused in words.
    await page.goto(`${baseUrl}/exams/${planId}`);
    await page.getByTestId('already-mine').waitFor();
    await checkEligibility(page, '5');
    await page.getByTestId('accept-commitment').click();
    await page.getByTestId('register').click();
    assert.match(
      String(await page.getByTestId('register-error').textContent()),
      /您已报名本计划，不能重复报名/,
    );
    assert.ok(await page.getByTestId('register').isEnabled(), 'another sitting may still be tried');

    // Cancelling asks first.
    await page.goto(`${baseUrl}/my/registrations`);
    await page.getByTestId('my-registrations').locator('[data-status="registered"]').waitFor();
    await page.getByTestId('cancel-registration').click();
    const confirm = page.locator('.ant-popconfirm').getByRole('button', { name: /确定取消/ });
    await confirm.waitFor();
    await confirm.click();
    // The card turns 已取消 once the server confirms; a refusal shows as a message, which the failure then names.
    const cancelled = page.getByTestId('my-registrations').locator('[data-status="cancelled"]');
    const refused = page.locator('.ant-message-error');
    await cancelled.or(refused).first().waitFor();
    assert.equal(await refused.count(), 0, `cancelling was refused: ${await refused.allTextContents()}`);

    const rows = await t.db
      .selectFrom('exam_registrations')
      .select(['status', 'channel', 'decision_id'])
      .execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.status, 'cancelled');
    assert.equal(rows[0]?.channel, 'self');
    assert.ok(rows[0]?.decision_id, 'the eligibility decision is stored for replay');

    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, [], 'no script errors');
  });

  it('shows plans to visitors and sends them to log in to register', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/exams/${planId}`);
    await page.getByTestId('login-to-register').waitFor();
    assert.equal(await page.getByTestId('eligibility').count(), 0);
    await page.getByTestId('login-to-register').getByRole('link').click();
    await page.waitForURL(/\/login\?next=/);
    assert.match(decodeURIComponent(page.url()), new RegExp(`next=/exams/${planId}`));
    assert.deepEqual(errors, []);
  });
});
