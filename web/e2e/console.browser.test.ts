import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { collectConsoleErrors, launchChromium, listen } from './browser.ts';

/**
 * A quiet console for a visitor (issue 15 item 9): loading a public page anonymously logs no error in the browser's
 * console — no failed request (the session check answers 200 for a visitor), no React warning, no uncaught
 * exception. A newcomer who opens the developer tools sees nothing to worry about.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

before(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const publicPages = [
  '/query',
  '/verify',
  '/recognition',
  '/institutions',
  '/exams',
  '/catalog',
  '/policies',
  '/login',
];

describe('the browser console on anonymous page loads', () => {
  for (const url of publicPages) {
    it(`${url} logs no console error`, async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(20_000);
      const errors = collectConsoleErrors(page);
      const session = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/session'));
      await page.goto(`${baseUrl}${url}`);
      assert.equal((await session).status(), 200, 'the session check answers a visitor with 200');
      await page.waitForLoadState('networkidle');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
});
