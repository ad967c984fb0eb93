import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, signIn } from './browser.ts';

/**
 * The unified question bank (issue 7 §1, §7) in Chromium: a Shanghai province admin drafts a single-choice item,
 * cannot review it herself (四眼原则), and a second Shanghai admin reviews and activates it from the review queue.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

const PASSWORD = 'correct horse battery';
const STEM = '浏览器测试：低压配电系统中，保护接零适用于哪种系统？';

before(async () => {
  t = await createTestApp();
  for (const [username, displayName] of [
    ['bank-author', '沪题库编写员'],
    ['bank-reviewer', '沪题库审核员'],
  ]) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: { username, displayName, role: 'province-admin', province: '310000', password: PASSWORD },
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

/** A fresh browser context (its own cookies) signed in as `username`, on the bank page. */
async function openBank(username: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await signIn(browser, baseUrl, username, PASSWORD);
  await page.goto(`${baseUrl}/bank`);
  return { page, errors };
}

const row = (page: Page): Locator => page.getByTestId('bank-row').filter({ hasText: STEM });
const statusOf = async (page: Page) => row(page).getByTestId('item-status').getAttribute('data-status');

/** One step of the review workflow from the item's row, with a comment. */
async function step(page: Page, action: 'review' | 'activate', comment: string) {
  await row(page).getByTestId(`bank-${action}`).click();
  await page.fill('#bank-comment', comment);
  await page.locator('#confirm-bank-action').click();
}

describe('the question bank in Chromium', () => {
  it('a draft is reviewed and activated by a second admin, never by its author', async () => {
    const author = await openBank('bank-author');
    await author.page.getByTestId('bank-new').click();
    const modal = author.page.locator('.ant-modal:visible');
    await modal.locator('#knowledgePoint').fill('电工-4-安全用电-浏览器');
    await modal.locator('#stem').fill(STEM);
    for (const [i, text] of ['TN 系统', 'TT 系统', 'IT 系统', '任何系统'].entries())
      await modal.locator(`#options_${i}_text`).fill(text);
    await modal.locator('#options_0_correct').check();
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await author.page.locator('.ant-message').getByText('已保存为第 1 版').waitFor();
    await row(author.page).waitFor();
    assert.equal(await statusOf(author.page), 'draft');

    // The author may not review her own version: the refusal names the rule, and nothing changes.
    await step(author.page, 'review', '自审');
    await author.page
      .locator('.ant-message')
      .getByText(/四眼原则/)
      .waitFor();
    await author.page.keyboard.press('Escape');
    assert.equal(await statusOf(author.page), 'draft');

    // The second admin finds it in the review queue, reviews it, then activates it.
    const reviewer = await openBank('bank-reviewer');
    await reviewer.page.getByRole('tab', { name: '审核队列' }).click();
    await row(reviewer.page).waitFor();
    await step(reviewer.page, 'review', '题干与答案无误');
    await row(reviewer.page).locator('[data-testid="item-status"][data-status="reviewed"]').waitFor();
    await step(reviewer.page, 'activate', '同意启用');
    // Active items leave the queue; the item list shows it in use.
    await row(reviewer.page).waitFor({ state: 'detached' });
    await reviewer.page.getByRole('tab', { name: '试题' }).click();
    await row(reviewer.page).locator('[data-testid="item-status"][data-status="active"]').waitFor();

    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('action', 'in', ['bank.create', 'bank.review', 'bank.activate'])
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['bank.create', 'bank.review', 'bank.activate'],
    );
    assert.notEqual(audit[0]?.actor_label, audit[1]?.actor_label, 'four eyes: another person reviewed');
    assert.deepEqual(author.errors, []);
    assert.deepEqual(reviewer.errors, []);
    await author.page.close();
    await reviewer.page.close();
  });
});
