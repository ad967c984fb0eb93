import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { institution, plan, sitting } from '../../src/exams/exams.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/**
 * 实时监控 (issue 8 §1) in Chromium: a Shanghai supervisor opens the live page; a sitting added through the API
 * appears on it without a reload, and a Zhejiang event written meanwhile never does.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let planId: string;
let planCode: string;
let runningCode: string;
let endedCode: string;
const sh = { id: '', siteId: '' };
const zj = { id: '', siteId: '' };
const PASSWORD = 'correct horse battery';
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

before(async () => {
  t = await createTestApp();
  Object.assign(sh, await institution(t, { province: '310000', scopes: [['6-31-01-03', '4']] }));
  Object.assign(zj, await institution(t, { province: '330000', scopes: [['6-31-01-03', '4']] }));
  planId = await plan(t, { level: '4', institutions: [{ id: sh.id, province: '310000' }] });
  planCode = (
    await t.db.selectFrom('exam_plans').select('code').where('id', '=', planId).executeTakeFirstOrThrow()
  ).code;
  // Issue 15 item 6: a plan is 进行中 only while its sittings run. One plan whose sitting runs now, one whose only
  // sitting ended last week; the plan above has no sitting yet (未开始).
  const codeOf = async (id: string) =>
    (await t.db.selectFrom('exam_plans').select('code').where('id', '=', id).executeTakeFirstOrThrow()).code;
  const hour = 3600_000;
  const now = Date.now();
  const running = await plan(t, { level: '4', institutions: [{ id: sh.id, province: '310000' }] });
  await sitting(t, {
    planId: running,
    institution: sh,
    startsAt: new Date(now - hour).toISOString(),
    endsAt: new Date(now + 2 * hour).toISOString(),
    capacity: 10,
  });
  runningCode = await codeOf(running);
  const ended = await plan(t, { level: '4', institutions: [{ id: sh.id, province: '310000' }] });
  await sitting(t, {
    planId: ended,
    institution: sh,
    startsAt: new Date(now - 7 * 24 * hour).toISOString(),
    endsAt: new Date(now - 7 * 24 * hour + 2 * hour).toISOString(),
    capacity: 10,
  });
  endedCode = await codeOf(ended);
  const user = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin,
    payload: {
      username: 'live-sup',
      displayName: '上海督导',
      role: 'supervisor',
      province: '310000',
      password: PASSWORD,
    },
  });
  assert.equal(user.statusCode, 201, user.body);
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

describe('live monitoring in Chromium', () => {
  it('shows a new exam event without a reload, and nothing from another province', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'live-sup');
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);
    await page.getByRole('menuitem', { name: '实时监控' }).click();
    await page.waitForURL(/\/supervision\/live$/);
    await page.locator('[data-testid="live-status"][data-status="open"]').waitFor();
    assert.equal(await page.getByTestId('live-status').textContent(), '已连接');
    await page.getByTestId('live-plans').getByText(planCode).waitFor();
    const phaseOf = (code: string) =>
      page
        .getByTestId('live-plans')
        .locator('tr', { hasText: code })
        .getByTestId('live-plan-phase')
        .getAttribute('data-phase');
    assert.equal(await phaseOf(runningCode), 'in-progress');
    assert.equal(await phaseOf(planCode), 'upcoming');
    assert.match(
      String(await page.getByTestId('live-plans').locator('tr', { hasText: runningCode }).textContent()),
      /进行中/,
    );
    assert.equal(await page.getByTestId('live-plans').locator('tr', { hasText: endedCode }).count(), 0);
    assert.match(
      String(await page.getByTestId('live-plans-over').textContent()),
      new RegExp(`已结束.*${endedCode}`),
    );
    assert.equal(
      await page.getByTestId('live-stat-plans').locator('.ant-statistic-content-value').textContent(),
      '1',
      'only the running plan counts as 进行中',
    );
    // The province is the supervisor's own, fixed.
    assert.match(String(await page.getByTestId('live-filter-province').textContent()), /上海/);
    await page.evaluate(() => {
      (globalThis as unknown as { notReloaded: boolean }).notReloaded = true;
    });

    // A Zhejiang event first, then the Shanghai sitting: the page receives them in this order or not at all.
    const suspended = await t.app.inject({
      method: 'POST',
      url: `/api/v1/institutions/${zj.id}/suspend`,
      headers: admin,
      payload: { reason: '浙江测试 Zhejiang test' },
    });
    assert.equal(suspended.statusCode, 200, suspended.body);
    const sitting = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${planId}/sittings`,
      headers: admin,
      payload: {
        institutionId: sh.id,
        siteId: sh.siteId,
        startsAt: '2028-01-10T09:00:00+08:00',
        endsAt: '2028-01-10T12:00:00+08:00',
        capacity: 30,
      },
    });
    assert.equal(sitting.statusCode, 201, sitting.body);

    const line = page.locator('[data-testid="live-event"][data-kind="sitting.created"]');
    await line.waitFor();
    assert.match(
      String(await line.textContent()),
      new RegExp(`新.*新增考场 · ${planCode} · .*2028-01-10 09:00 容量 30`),
    );
    assert.equal(
      await page.locator('[data-testid="live-event"][data-kind="institution.suspended"]').count(),
      0,
    );
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded),
      true,
    );
    // The counts follow: the plan now has a sitting.
    await page
      .getByTestId('live-plans')
      .locator('tr', { hasText: planCode })
      .locator('td')
      .nth(5)
      .filter({ hasText: /^1$/ })
      .waitFor();

    // English beside Chinese: the same line in English.
    await page.getByTestId('language-switch').click();
    await page
      .getByTestId('live-events')
      .getByText(/Sitting added · /)
      .waitFor();
    assert.equal(await page.getByTestId('live-status').textContent(), 'Connected');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
