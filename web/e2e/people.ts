import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { type DemoAccount, seedDemo } from '../../src/demo/demo.seed.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/**
 * Issue 15 ("pages for people"): the demo's data and accounts, served to Chromium, with the checks a person's eye
 * makes — does the page fit the screen, is the main button in view, is Chinese mode Chinese, is the time China's.
 */
export interface DemoSite {
  t: TestApp;
  browser: Browser;
  baseUrl: string;
  accounts: DemoAccount[];
  close(): Promise<void>;
}

/** The two screens of the issue: a worker's phone and an official's office laptop. */
export const PHONE = { width: 390, height: 844 } as const;
export const LAPTOP = { width: 1366, height: 768 } as const;

/** Where screenshots go: git-ignored, kept as artefacts of a run, never committed. */
export const ARTIFACTS = path.join(import.meta.dirname, 'artifacts');

/**
 * The embedded demo (accounts, ~`holders` people's certificates, institutions, plans, warnings) on a test app whose
 * data directory (uploads, attachments) is the demo's own; `env` adds settings (a lower proof-of-work…).
 */
export async function startDemoSite(
  options: { holders?: number; env?: Record<string, string> } = {},
): Promise<DemoSite> {
  const { holders } = options;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-people-'));
  const t = await createTestApp({ env: { HUTONG_DATA_DIR: dataDir, ...options.env } });
  const accounts = await seedDemo(t.registry, dataDir, holders === undefined ? {} : { holders });
  const baseUrl = await listen(t);
  const browser = await launchChromium();
  return {
    t,
    browser,
    baseUrl,
    accounts,
    async close() {
      await browser.close();
      await t.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A browser context of the given size and language, signed in as the demo account `username` (or anonymous when
 * undefined), with uncaught page errors collected in `errors`.
 */
export async function openAs(
  site: DemoSite,
  username: string | undefined,
  viewport: { width: number; height: number },
  options: { lang?: 'zh' | 'en'; timezoneId?: string } = {},
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await site.browser.newContext({
    viewport,
    deviceScaleFactor: 1,
    isMobile: viewport.width < 600,
    hasTouch: viewport.width < 600,
    locale: 'zh-CN',
    ...(options.timezoneId && { timezoneId: options.timezoneId }),
  });
  const lang = options.lang ?? 'zh';
  await context.addInitScript(`localStorage.setItem('hutong.lang', '${lang}')`);
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (username) {
    const account = site.accounts.find((a) => a.username === username);
    assert.ok(account, `demo account ${username}`);
    const res = await page.request.post(`${site.baseUrl}/api/v1/auth/login`, {
      data: { username, password: account.password },
    });
    assert.equal(res.status(), 200, await res.text());
  }
  return { context, page, errors };
}

/** Opens `url` and waits until the page has drawn and its requests have settled. */
export async function visit(page: Page, baseUrl: string, url: string): Promise<void> {
  await page.goto(`${baseUrl}${url}`);
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 });
  // Fonts and antd's measured layouts (tables, tabs) settle after the first frame.
  await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
}

/** The page's width beyond the window: 0 when nothing scrolls sideways. */
export function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate('document.documentElement.scrollWidth - window.innerWidth') as Promise<number>;
}

/** Asserts the element is drawn entirely inside the window, without scrolling sideways (it may lie below). */
export async function assertInView(page: Page, selector: string, what: string): Promise<void> {
  const target = page.locator(selector).first();
  await target.waitFor({ state: 'visible' });
  // Where it comes to rest: a drawer or modal slides in, and its contents are visible before they settle.
  let box = await target.boundingBox();
  for (let i = 0; i < 50; i++) {
    await page.waitForTimeout(100);
    const next = await target.boundingBox();
    const settled = box && next && Math.abs(next.x - box.x) < 0.5 && Math.abs(next.y - box.y) < 0.5;
    box = next;
    if (settled) break;
  }
  assert.ok(box, `${what}: ${selector} is drawn`);
  const width = (await page.evaluate('window.innerWidth')) as number;
  assert.ok(
    box.x >= 0 && box.x + box.width <= width,
    `${what}: ${selector} spans x ${Math.round(box.x)}–${Math.round(box.x + box.width)}, outside 0–${width}`,
  );
}

/** Asserts the element is in the first screen: no scrolling in either direction is needed to reach it. */
export async function assertOnFirstScreen(page: Page, selector: string, what: string): Promise<void> {
  await assertInView(page, selector, what);
  const box = await page.locator(selector).first().boundingBox();
  const height = (await page.evaluate('window.innerHeight')) as number;
  assert.ok(box && box.y + box.height <= height, `${what}: ${selector} lies below the first screen`);
}

/**
 * Runs of three or more English words in the visible text of the page, outside what may stay as typed: the
 * technical details view (`data-tech`), names and codes marked `data-verbatim` (a user's display name, a policy's
 * document number), and what the user typed (inputs' values are not text nodes). Placeholders are read too.
 */
export function englishRuns(page: Page): Promise<string[]> {
  return englishRunsIn(page) as Promise<string[]>;
}

function englishRunsIn(page: Page): Promise<unknown> {
  // A string, not a function: tsx would wrap the helpers' names in `__name(…)`, unknown inside the page.
  return page.evaluate(`(() => {
    const run = /[A-Za-z][A-Za-z'’-]*(?:[\\s,;:()/&.]+[A-Za-z][A-Za-z'’-]*){2,}/g;
    const skip = '[data-tech], [data-verbatim], script, style, noscript, code, .ant-select-item-option';
    const found = [];
    function isShown(el) {
      if (el.closest(skip)) return false;
      if (el.getClientRects().length === 0) return false;
      const style = getComputedStyle(el);
      return style.visibility !== 'hidden' && style.opacity !== '0';
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent || '';
      if (!parent || !/[A-Za-z]/.test(text) || !isShown(parent)) continue;
      for (const m of text.matchAll(run)) found.push(m[0]);
    }
    for (const input of document.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      const text = input.getAttribute('placeholder') || '';
      if (isShown(input)) for (const m of text.matchAll(run)) found.push(m[0]);
    }
    return found;
  })()`);
}

/** Saves a full-page screenshot as `artifacts/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
