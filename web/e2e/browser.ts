import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { TestApp } from '../../src/testing/app.ts';

/** Serves the test app on a free loopback port; returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address !== 'object') throw new Error('the test server has no address');
  return `http://127.0.0.1:${address.port}`;
}

/**
 * Debian's Chromium with the flags this machine needs (stack-notes.md): no sandbox as root, no GPU, and no
 * background traffic to outside hosts. Playwright gives every launch a fresh temporary profile.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A fresh page signed in through the login form as `username`, with the page's uncaught errors collected in
 * `errors` (tests assert there are none at the end).
 */
export async function signIn(
  target: Browser | BrowserContext,
  baseUrl: string,
  username: string,
  password: string,
): Promise<{ page: Page; errors: string[] }> {
  const page = await target.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/catalog/);
  return { page, errors };
}
