import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { creditCode, makeInstitution } from '../../src/institutions/institution.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, pickOption } from './browser.ts';

/**
 * What a Shanghai province admin does (issue 6 §1): file an institution, see a bad credit code refused on its
 * field, suspend and reinstate it; then anyone finds it in 机构查询 by occupation and level.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

const NAME = '浦江职业技能评价中心';
const OTHER = '黄浦焊工评价站';

before(async () => {
  t = await createTestApp();
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const user = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin,
    payload: {
      username: 'sh-admin',
      displayName: '上海人社',
      password: 'correct horse battery',
      role: 'province-admin',
      province: '310000',
    },
  });
  assert.equal(user.statusCode, 201, user.body);
  // Another Shanghai institution, filed for 焊工 五级 only: the occupation filter leaves it out.
  const other = await t.app.inject({
    method: 'POST',
    url: '/api/v1/institutions',
    headers: admin,
    payload: makeInstitution(400, { name: OTHER, scopes: [{ occupation: '6-18-02-04', level: '5' }] }),
  });
  assert.equal(other.statusCode, 201, other.body);
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

function choose(page: Page, id: string, text: string): Promise<void> {
  return pickOption(page, page.locator(`.ant-select:has(#${id})`), text);
}

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

describe('institution register in Chromium', () => {
  it('a province admin files an institution that the public directory then lists by occupation and level', async () => {
    const page = await browser.newPage();
    const seen = watch(page);
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'sh-admin');
    await page.fill('#password', 'correct horse battery');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);
    await page.locator('.ant-menu').getByText('评价机构备案').click();
    await page.waitForURL(/\/admin\/institutions$/);
    await page.locator('.ant-table-tbody tr.ant-table-row', { hasText: OTHER }).waitFor();

    await page.getByTestId('file-institution').click();
    const modal = page.locator('.ant-modal:visible');
    const good = creditCode(501);
    await modal
      .locator('#institution_creditCode')
      .fill(`${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`);
    await modal.locator('#institution_siteCode').fill('310501');
    await modal.locator('#institution_validFrom').fill('2025-01-01');
    await modal.locator('#institution_validFrom').press('Enter');
    await modal.locator('#institution_validUntil').fill('2030-12-31');
    await modal.locator('#institution_validUntil').press('Enter');
    await modal.locator('#institution_name').fill(NAME);
    await modal.locator('#institution_sites_0_name').fill('浦东考点');
    await modal.locator('#institution_sites_0_address').fill('上海市浦东新区测试路 1 号');
    await modal.locator('#institution_sites_0_region').fill('310115');
    await choose(page, 'institution_scopes_0_occupation', '6-31-01-03');
    await choose(page, 'institution_scopes_0_level', '四级/中级工');
    await modal.getByTestId('add-scope').click();
    await choose(page, 'institution_scopes_1_occupation', '6-31-01-03');
    await choose(page, 'institution_scopes_1_level', '五级/初级工');
    // The province is the admin's own, fixed.
    assert.match(String(await modal.locator('.ant-select-disabled').first().textContent()), /上海市/);

    // The server's GB 32100 check lands on the credit-code field, in Chinese (issue 15).
    await page.locator('#institution-save').click();
    await modal
      .locator('.ant-form-item-explain-error', { hasText: '「统一社会信用代码」的校验位不正确' })
      .waitFor()
      .catch(async (error: Error) => {
        // Say what the form showed instead (a field the loaded machine did not fill in time, another error…).
        const shown = await modal.locator('.ant-form-item-explain-error').allTextContents();
        throw new Error(`${error.message}\nerrors shown: ${shown.join(' | ') || 'none'}`);
      });
    await modal.locator('#institution_creditCode').fill(good);
    await page.locator('#institution-save').click();
    await modal.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: NAME });
    await row.locator('[data-status="active"]').waitFor();
    assert.match(String(await row.textContent()), /S000031310501.*社会培训评价组织/);

    // Suspend (a reason is asked for) and reinstate; the history shows each step.
    await row.getByTestId('institution-suspend').click();
    await page.locator('.ant-modal:visible #filingAction_reason').fill('质量督导发现问题，暂停整改');
    await page.locator('#filing-action-ok').click();
    await row.locator('[data-status="suspended"]').waitFor();
    await row.getByTestId('institution-reinstate').click();
    await page.locator('.ant-modal:visible #filingAction_reason').fill('整改完成');
    await page.locator('#filing-action-ok').click();
    await row.locator('[data-status="active"]').waitFor();
    await row.getByTestId('institution-name').click();
    const drawer = page.getByTestId('institution-detail');
    await drawer.locator('[data-testid="history-entry"][data-action="reinstate"]').waitFor();
    assert.deepEqual(
      await drawer
        .getByTestId('history-entry')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action'))),
      ['reinstate', 'suspend', 'file'],
    );
    assert.match(String(await drawer.textContent()), /质量督导发现问题/);
    assert.deepEqual(seen.outside, [], 'no requests to outside hosts');
    assert.deepEqual(seen.errors, []);
    await page.close();

    // Anyone, not logged in: 机构查询 finds it by occupation and level, and not the welders' station.
    const context = await browser.newContext();
    const anon = await context.newPage();
    const anonSeen = watch(anon);
    await anon.goto(`${baseUrl}/institutions`);
    await anon.locator('.ant-table-tbody tr.ant-table-row', { hasText: OTHER }).waitFor();
    await choose(anon, 'institutionFilter_occupation', '6-31-01-03');
    await choose(anon, 'institutionFilter_level', '四级/中级工');
    await anon.getByTestId('institution-search').click();
    await anon
      .locator('.ant-table-tbody tr.ant-table-row', { hasText: OTHER })
      .waitFor({ state: 'detached' });
    const rows = anon.locator('.ant-table-tbody tr.ant-table-row');
    assert.equal(await rows.count(), 1);
    assert.match(
      String(await rows.first().textContent()),
      new RegExp(`${NAME}.*电工 五级/初级工、四级/中级工`),
    );
    await rows.first().click();
    const detail = anon.getByTestId('institution-detail');
    await detail.getByTestId('institution-sites').getByText('浦东考点').waitFor();
    assert.match(String(await detail.textContent()), new RegExp(good));
    assert.equal(await detail.getByTestId('history-entry').count(), 0, 'the public sees no history');
    assert.deepEqual(anonSeen.outside, [], 'no requests to outside hosts');
    assert.deepEqual(anonSeen.errors, []);
    await context.close();
  });
});
