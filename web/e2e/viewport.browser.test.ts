import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  assertInView,
  assertOnFirstScreen,
  type DemoSite,
  horizontalOverflow,
  LAPTOP,
  openAs,
  PHONE,
  screenshot,
  startDemoSite,
  visit,
} from './people.ts';

/**
 * Issue 15 §1 on the embedded demo: a worker's pages at 390×844 and an official's at 1366×768 never scroll
 * sideways, and each page's main action is drawn inside the window (screenshots of both sizes go to
 * web/e2e/artifacts/, git-ignored).
 */
let site: DemoSite;
let openPlanId: string;
let ongoingRegistration: string;
let credentialCertificate: string;

before(async () => {
  site = await startDemoSite();
  const { t } = site;
  const holder = await t.db
    .selectFrom('users')
    .select('holder_id')
    .where('username', '=', 'holder-demo')
    .executeTakeFirstOrThrow();
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const open = await t.db
    .selectFrom('exam_plans')
    .select('id')
    .where('status', '=', 'approved')
    .where('registration_opens', '<=', today)
    .where('registration_closes', '>=', today)
    .orderBy('registration_closes', 'desc')
    .executeTakeFirstOrThrow();
  openPlanId = open.id;
  // The demo's 第五期 is sat today by holder-demo: its card offers 「进入考试」.
  const registration = await t.db
    .selectFrom('exam_registrations')
    .select('id')
    .where('holder_id', '=', holder.holder_id ?? '')
    .where('status', '=', 'registered')
    .executeTakeFirstOrThrow();
  ongoingRegistration = registration.id;
  const certificate = await t.db
    .selectFrom('certificates')
    .select('id')
    .where('holder_id', '=', holder.holder_id ?? '')
    .executeTakeFirstOrThrow();
  credentialCertificate = certificate.id;
});
after(async () => {
  await site?.close();
});

/** No sideways scrolling, the action inside the window, and a screenshot for the artefacts. */
async function check(page: Page, name: string, action: string, what: string) {
  await assertInView(page, action, what);
  assert.ok((await horizontalOverflow(page)) <= 0, `${what}: the page scrolls sideways`);
  await screenshot(page, name);
}

describe('a worker’s pages at 390×844', () => {
  it('fit the phone, with the main action of each in view', async () => {
    const anon = await openAs(site, undefined, PHONE);
    const pages: Array<[string, string, string, string]> = [
      ['query', '/query', '[data-testid="query-submit"]', '一网通查: 查询'],
      ['verify', '/verify', '[data-testid="verify-submit"]', '验证: 验证'],
      ['institutions', '/institutions', '[data-testid="institution-search"]', '机构查询: 查询'],
      ['exams', '/exams', '[data-testid="open-plan"]', '考试报名: 查看并报名'],
      ['plan-visitor', `/exams/${openPlanId}`, '[data-testid="login-to-register"] a', '计划: 登录后报名'],
      ['recognition', '/recognition', '[data-testid="evaluate"]', '互认查询: 查询'],
    ];
    for (const [name, url, action, what] of pages) {
      await visit(anon.page, site.baseUrl, url);
      await check(anon.page, `phone-${name}`, action, what);
    }
    // The institutions are cards on a phone, each opened by a tap.
    await anon.page.goto(`${site.baseUrl}/institutions`);
    await anon.page.getByTestId('institution-cards').locator('[data-institution]').first().waitFor();
    assert.equal(await anon.page.getByTestId('institution-table').count(), 0, 'no table on a phone');
    await anon.page.getByTestId('institution-name').first().click();
    await anon.page.getByTestId('institution-detail').waitFor();
    await assertInView(anon.page, '.ant-drawer-close', '机构详情: 关闭');
    assert.deepEqual(anon.errors, []);
    await anon.context.close();

    const holder = await openAs(site, 'holder-demo', PHONE);
    const { page } = holder;
    // The menu is behind a button on a phone, and holds the holder's own pages.
    await visit(page, site.baseUrl, '/my/registrations');
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('menu-drawer').getByRole('menuitem', { name: '我的凭证' }).waitFor();
    await page.keyboard.press('Escape');
    // 「进入考试」 was at x≈1,800 px in a table: it is now inside its card.
    await check(page, 'phone-my-registrations', '[data-testid="take-exam"]', '我的报名: 进入考试');
    await visit(page, site.baseUrl, '/my/credentials');
    await check(
      page,
      'phone-my-credentials',
      `[data-testid="print-${credentialCertificate}"]`,
      '我的凭证: 打印',
    );
    await visit(page, site.baseUrl, `/exam/${ongoingRegistration}`);
    await check(page, 'phone-exam', '[data-testid="start-exam"]', '理论考试: 开始考试');
    await page.getByTestId('start-exam').click();
    await page.getByTestId('timer').waitFor();
    await check(page, 'phone-exam-started', '[data-testid="submit-exam"]', '理论考试: 交卷');

    // The sitting picker and 报名 are on one screen: the bar with the choice and the button stays at its foot.
    await visit(page, site.baseUrl, `/exams/${openPlanId}`);
    await page.getByTestId('sittings').locator('[data-sitting] .ant-radio-wrapper').first().click();
    await page.getByTestId('sittings').locator('.ant-radio-wrapper-checked').waitFor();
    await assertOnFirstScreen(page, '[data-testid="register"]', '计划: 报名');
    assert.match(String(await page.getByTestId('register-choice').textContent()), /考点/);
    await check(page, 'phone-plan', '[data-testid="register"]', '计划: 报名');

    // Printing: the A4 sheet takes the phone's width on screen.
    await visit(page, site.baseUrl, '/my/credentials');
    await page.getByTestId(`print-${credentialCertificate}`).click();
    await page.getByTestId('certificate-sheet').waitFor();
    await page.waitForLoadState('networkidle');
    await check(page, 'phone-print', '[data-testid="print-button"]', '打印: 打印');
    const sheet = await page.getByTestId('certificate-sheet').boundingBox();
    assert.ok(sheet && sheet.x + sheet.width <= PHONE.width, 'the sheet fits the screen');
    assert.deepEqual(holder.errors, []);
    await holder.context.close();
  });
});

describe('an official’s pages at 1366×768', () => {
  it('fit the laptop, with the main action of each in view', async () => {
    const admin = await openAs(site, 'admin', LAPTOP);
    const { page } = admin;
    await visit(page, site.baseUrl, '/catalog');
    await check(page, 'laptop-catalog', '.ant-table-row-expand-icon', '证书目录: 展开详情');
    await page.locator('.ant-table-row-expand-icon').first().click();
    await page.locator('[data-testid^="detail-"]').first().waitFor();
    await check(page, 'laptop-catalog-detail', '[data-testid^="tech-"]', '证书目录: 技术详情');

    await visit(page, site.baseUrl, '/admin/institutions');
    await check(page, 'laptop-admin-institutions', '[data-testid="institution-edit"]', '机构备案: 编辑');
    await check(page, 'laptop-admin-institutions', '[data-testid="institution-suspend"]', '机构备案: 暂停');
    await visit(page, site.baseUrl, '/admin/users');
    await check(page, 'laptop-users', '[data-testid="user-edit"]', '用户管理: 编辑');
    await visit(page, site.baseUrl, '/policies?id=310000');
    await check(page, 'laptop-policies', '[data-testid="policy-edit"]', '政策目录: 编辑');
    await page.getByTestId('policy-version').waitFor();
    assert.ok((await horizontalOverflow(page)) <= 0, 'the policy tables do not widen the page');
    await visit(page, site.baseUrl, '/certificates');
    await check(page, 'laptop-certificates', '[data-testid="create-certificate"]', '证书查询: 新增证书');
    assert.deepEqual(admin.errors, []);
    await admin.context.close();

    const supervisor = await openAs(site, 'supervisor', LAPTOP);
    await visit(supervisor.page, site.baseUrl, '/supervision/warnings');
    await check(supervisor.page, 'laptop-warnings', '[data-testid="warning-open"]', '督导预警: 查看处理');
    await supervisor.page.getByTestId('warning-open').first().click();
    await supervisor.page.getByTestId('warning-detail').waitFor();
    await check(supervisor.page, 'laptop-warning', '[data-testid="warning-actions"] button', '预警: 处理');
    await visit(supervisor.page, site.baseUrl, '/supervision/live');
    await check(supervisor.page, 'laptop-live', '[data-testid="live-plans"]', '实时监控');
    assert.deepEqual(supervisor.errors, []);
    await supervisor.context.close();

    // The sitting picker on an office screen: choosing a sitting and 报名 in one view.
    const holder = await openAs(site, 'holder-demo', LAPTOP);
    await visit(holder.page, site.baseUrl, `/exams/${openPlanId}`);
    const radio = holder.page.getByTestId('sittings').locator('[data-sitting] .ant-radio-wrapper').first();
    await radio.click();
    await assertOnFirstScreen(holder.page, '[data-testid="sittings"] .ant-radio-wrapper-checked', '场次');
    await assertOnFirstScreen(holder.page, '[data-testid="register"]', '报名');
    await screenshot(holder.page, 'laptop-plan');
    await holder.context.close();

    const operator = await openAs(site, 'inst-sh', LAPTOP);
    await visit(operator.page, site.baseUrl, '/console/plans');
    await check(operator.page, 'laptop-console-plans', '[data-testid="console-plans"] a', '认定计划');
    assert.deepEqual(operator.errors, []);
    await operator.context.close();
  });
});
