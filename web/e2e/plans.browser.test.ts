import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeInstitution } from '../../src/institutions/institution.test-helpers.ts';
import { systemClock, todayInChina } from '../../src/shared/clock.ts';
import { residentIdCheckChar } from '../../src/shared/identifiers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, pickOption } from './browser.ts';

/**
 * The institution console (issue 6 §2, §5): an institution operator drafts a plan for its filed occupation and
 * level and schedules a sitting; the province admin approves it; anyone then finds it among the public plans; the
 * institution uploads a roster and reads the row-level report.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

const NAME = '浦东电工技能评价中心';
const body = '31011519900307123';
const GOOD_ID = body + residentIdCheckChar(body);
const BAD_ID = body + (GOOD_ID.endsWith('0') ? '1' : '0'); // the wrong check character
const PASSWORD = 'correct horse battery';
// The app runs on the real clock: the plan's dates are counted from today (China Standard Time).
const today = todayInChina(systemClock);
const day = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

before(async () => {
  t = await createTestApp();
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const filed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/institutions',
    headers: admin,
    payload: makeInstitution(510, {
      name: NAME,
      validFrom: day(-365),
      validUntil: day(3 * 365),
      scopes: [
        { occupation: '6-31-01-03', level: '5' },
        { occupation: '6-31-01-03', level: '4' },
      ],
    }),
  });
  assert.equal(filed.statusCode, 201, filed.body);
  const users = [
    {
      username: 'pudong-op',
      displayName: '浦东评价中心',
      role: 'institution-operator',
      institution: filed.json().id,
    },
    { username: 'sh-admin', displayName: '上海人社', role: 'province-admin', province: '310000' },
  ];
  for (const user of users) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin,
      payload: { ...user, password: PASSWORD },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

function watch(page: Page) {
  page.setDefaultTimeout(20_000);
  const outside: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(baseUrl) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { outside, errors };
}

async function login(page: Page, username: string) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/catalog/);
}

function choose(page: Page, testId: string, text: string): Promise<void> {
  return pickOption(page, page.getByTestId(testId), text);
}

describe('institution console in Chromium', () => {
  it('drafts a plan, schedules a sitting, gets it approved, and it is public', async () => {
    const page = await browser.newPage();
    const seen = watch(page);

    // The institution operator finds 认定计划 in the menu and drafts a 电工 四级 plan.
    await login(page, 'pudong-op');
    await page.locator('.ant-menu').getByText('认定计划').click();
    await page.waitForURL(/\/console\/plans$/);
    await page.getByTestId('new-plan').click();
    await page.waitForURL(/\/console\/plans\/new$/);
    await page.fill('#plan-name', '电工四级认定 浦东第一批');
    await choose(page, 'plan-occupation', '电工');
    await choose(page, 'plan-level', '四级');
    // Registration opens today, so the roster uploaded at the end can register.
    // Dates are picked with antd's DatePicker (issue 15 §6): typed, then confirmed with Enter.
    await page.fill('#plan-opens', day(0));
    await page.press('#plan-opens', 'Enter');
    await page.fill('#plan-closes', day(30));
    await page.press('#plan-closes', 'Enter');
    // The subjects come from the standard: theory and skills, 90 minutes, 60 to pass; no 综合评审 at level 4.
    await page.getByTestId('subject-skills-duration').waitFor();
    assert.equal(await page.getByTestId('subject-theory-duration').inputValue(), '90');
    assert.equal(await page.getByTestId('subject-skills-pass').inputValue(), '60');
    assert.equal(await page.getByTestId('subject-review-duration').count(), 0);
    await page.getByTestId('subject-skills-duration').fill('120');
    await page.getByTestId('save-plan').click();

    await page.waitForURL(/\/console\/plans\/[0-9a-f-]{36}$/);
    const planUrl = page.url();
    await page.locator('[data-testid="plan-status"][data-status="draft"]').waitFor();
    const code = String(await page.getByTestId('plan-code').textContent()).trim();
    assert.match(code, new RegExp(`^RD-310000-${day(0).slice(0, 4)}-\\d{4}$`));
    assert.match(String(await page.getByTestId('subjects').textContent()), /120/);
    assert.equal(await page.getByTestId('approve-plan').count(), 0, 'the institution does not approve');

    // One sitting at its site, after registration closes.
    await page.getByTestId('tab-sittings').click();
    // An empty schedule says what is empty and what to do (issue 15 §2).
    await page.getByTestId('sittings').getByText('该计划尚无场次，请点击「新增场次」安排第一场').waitFor();
    await page.getByTestId('add-sitting').click();
    await page.fill('#sitting-date', day(45));
    await page.press('#sitting-date', 'Enter');
    // Times are antd TimePickers (issue 15 §6), read as China time whatever the browser's zone.
    await page.fill('#sitting-start', '09:30');
    await page.press('#sitting-start', 'Enter');
    await page.fill('#sitting-end', '12:00');
    await page.press('#sitting-end', 'Enter');
    await page.fill('#sitting-capacity', '40');
    await page.getByTestId('save-sitting').click();
    const row = page.getByTestId('sittings').locator('tbody tr.ant-table-row').first();
    await row.waitFor();
    const rowText = String(await row.textContent());
    assert.match(rowText, new RegExp(`${day(45)} 09:30–12:00`));
    assert.match(rowText, /主考点/);
    assert.match(rowText, /40/);

    // The 报名 tab is there; registration opens once the plan is approved.
    await page.getByTestId('tab-registrations').click();
    await page.getByTestId('registrations').waitFor();

    // The Shanghai province admin approves it.
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await login(page, 'sh-admin');
    await page.locator('.ant-menu').getByText('认定计划').click();
    await page.getByTestId(`console-plan-${code}`).click();
    await page.waitForURL(planUrl);
    await page.getByTestId('approve-plan').click();
    await page.locator('.ant-popconfirm .ant-btn-primary').click();
    await page.locator('[data-testid="plan-status"][data-status="approved"]').waitFor();

    // Anyone now finds it among the approved plans.
    const visitor = await browser.newPage();
    const visitorSeen = watch(visitor);
    await visitor.goto(`${baseUrl}/exams`);
    await visitor.getByTestId(`plan-${code}`).waitFor();
    const listed = await visitor.evaluate(async () => (await fetch('/api/v1/plans')).json());
    assert.deepEqual(
      (listed as { items: Array<{ code: string; status: string }> }).items.map(
        (p) => `${p.code} ${p.status}`,
      ),
      [`${code} approved`],
    );

    // Back at the institution: a roster with one good row and one bad ID number; the report names the bad row.
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    await login(page, 'pudong-op');
    await page.goto(planUrl);
    await page.getByTestId('tab-registrations').click();
    await page.getByTestId('batch-upload').waitFor();
    const roster = [
      '姓名,证件类型,证件号码,从事本职业年限,学历,学徒期满,承诺',
      `王五,居民身份证,${GOOD_ID},6,,否,是`,
      `赵六,居民身份证,${BAD_ID},6,,否,是`,
    ].join('\n');
    await page.setInputFiles('input[type=file]', {
      name: 'roster.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${roster}\n`),
    });
    await page.getByTestId('batch-report').waitFor();
    const errorRow = page.getByTestId('batch-errors').locator('tbody tr.ant-table-row').first();
    assert.equal((await errorRow.locator('td').first().textContent())?.trim(), '3', 'the header is row 1');
    assert.match(String(await errorRow.textContent()), /证件号码/);
    assert.doesNotMatch(String(await page.getByTestId('batch-report').textContent()), new RegExp(BAD_ID));
    const registered = page
      .getByTestId('registrations')
      .locator('tbody tr.ant-table-row', { hasText: '王五' });
    await registered.waitFor();
    assert.doesNotMatch(
      String(await registered.textContent()),
      new RegExp(GOOD_ID),
      'the ID number is masked',
    );

    assert.deepEqual([...seen.outside, ...visitorSeen.outside], [], 'no request leaves the server');
    assert.deepEqual([...seen.errors, ...visitorSeen.errors], []);
    await visitor.close();
    await page.close();
  });
});
