import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/accounts/accounts.service.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/** What a person does: log in through the page, browse the catalog, switch to English — in real Chromium. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

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
});
