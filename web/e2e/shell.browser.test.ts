import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/accounts/accounts.service.ts';
import { institution } from '../../src/exams/exams.test-helpers.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/** What a person does: log in through the page, browse the catalog, switch to English — in real Chromium. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let institutionId: string;

before(async () => {
  t = await createTestApp();
  await createUser(
    t.db,
    { actorId: null, actorLabel: 'test', requestId: null, at: new Date() },
    {
      username: 'browser-admin',
      displayName: '浏览器测试',
      password: 'correct horse battery',
      role: 'system-admin',
    },
    t.secrets(),
  );
  institutionId = (await institution(t, { scopes: [['6-31-01-03', '5']] })).id;
  await createUser(
    t.db,
    { actorId: null, actorLabel: 'test', requestId: null, at: new Date() },
    {
      username: 'named-operator',
      displayName: '机构操作员',
      password: 'correct horse battery',
      role: 'institution-operator',
      institution: institutionId,
    },
    t.secrets(),
  );
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

describe('web shell in Chromium', () => {
  it('logs in, opens the catalog, switches to English, and loads nothing from outside', async () => {
    const page = await browser.newPage();
    const outside: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl) && !req.url().startsWith('data:')) outside.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'browser-admin');
    await page.fill('#password', 'wrong password!');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page
      .getByText(/用户名或密码|wrong username or password/i)
      .first()
      .waitFor({ timeout: 15_000 });

    await page.fill('#password', 'correct horse battery');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/, { timeout: 15_000 });
    // The catalog names a type by its name; its id is among an official's technical details (issue 15 §4).
    const row = page.locator('tr', { hasText: '低压电工作业' }).first();
    await row.waitFor({ timeout: 15_000 });
    assert.match(String(await row.textContent()), /应急/);
    assert.doesNotMatch(String(await row.textContent()), /mem\.lv-electrician/);
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('tech-mem.lv-electrician').locator('.ant-collapse-header').click();
    await page.getByTestId('tech-mem.lv-electrician').getByText('mem.lv-electrician').waitFor();

    await page.getByRole('button', { name: 'EN' }).click();
    await page.getByRole('button', { name: '中文' }).waitFor();
    await page
      .getByText(/Certificate types/i)
      .first()
      .waitFor();

    const shot = path.join(os.tmpdir(), 'hutong-catalog.png');
    await page.screenshot({ path: shot, fullPage: false });
    assert.ok(fs.statSync(shot).size > 10_000);
    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, [], 'no script errors');
  });

  it('names an operator’s institution in the users list and words a refused field in Chinese (issue 15)', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'browser-admin');
    await page.fill('#password', 'correct horse battery');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/, { timeout: 15_000 });
    await page.goto(`${baseUrl}/admin/users`);
    const row = page.locator('tr.ant-table-row', { hasText: 'named-operator' });
    await row
      .getByTestId('user-scope')
      .getByText(/^测试评价机构\d+$/)
      .waitFor({ timeout: 15_000 });
    assert.ok(!String(await row.textContent()).includes(institutionId), 'no institution id in the row');
    // The id is kept for administrators, under 技术详情 in the expanded row.
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByTestId('user-ids').getByText(institutionId).waitFor();

    // A name of spaces passes the page's check, and the server refuses it: the field says so in Chinese.
    await page.getByTestId('create-user').click();
    await page.fill('#createUser_username', 'spaces-only');
    await page.fill('#createUser_displayName', '   ');
    await page.fill('#createUser_password', 'correct horse battery');
    await page.locator('#createUser_role').click();
    await page.locator('.ant-select-item-option', { hasText: '系统管理员' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .locator('.ant-form-item-explain-error', { hasText: '「姓名」不能为空' })
      .waitFor({ timeout: 15_000 });
    assert.equal(await page.getByText(/Too small|expected string/).count(), 0, 'no English from the server');
    assert.deepEqual(errors, [], 'no script errors');
  });
});
