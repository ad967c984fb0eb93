import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
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

/** axe-core's browser build, read once from the package (no CDN: the machine reaches no other host). */
let axeSource: string | undefined;
function readAxeSource(): string {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  /** The offending elements: selector, markup, and axe's summary of what is wrong with each. */
  nodes: Array<{ target: string; html: string; summary: string }>;
}

/**
 * Runs axe-core (WCAG 2.x A/AA rules) on the page as it stands and returns the violations of serious or critical
 * impact (issue 15 item 8). The script is evaluated through the DevTools protocol, which the app's CSP
 * (`script-src 'self'`) does not govern, so the page's own policy stays as it is served.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(readAxeSource());
  return page.evaluate(`(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
      resultTypes: ['violations'],
    });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({
          target: n.target.join(' '),
          html: n.html.slice(0, 200),
          summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 300),
        })),
      }));
  })()`);
}

/** A readable list of violations for an assertion message. */
export function describeViolations(where: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${where}: [${v.impact}] ${v.id} — ${v.help}\n${v.nodes
          .slice(0, 5)
          .map((n) => `    ${n.target}  ${n.html}\n      ${n.summary}`)
          .join('\n')}${v.nodes.length > 5 ? `\n    … ${v.nodes.length - 5} more` : ''}`,
    )
    .join('\n');
}

/**
 * Collects what the page writes to the browser console as errors, failed requests included (Chromium reports a
 * 4xx/5xx answer to a fetch as "Failed to load resource"), and uncaught exceptions.
 */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return errors;
}

/**
 * Opens the antd Select `select` and picks the option showing `text` in that select's own dropdown (the one
 * holding the listbox its input controls). A previous select's dropdown still closing on a loaded machine may
 * show the same option and take the click, so `:visible` is not enough. With `type`, the text is typed first
 * (selects with search).
 */
export async function pickOption(
  page: Page,
  select: Locator,
  text: string,
  options: { type?: boolean } = {},
): Promise<void> {
  const wrapper = select.locator(
    'xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const pick = async (): Promise<string> => {
    if (!(await classesOf(wrapper)).includes('ant-select-open')) await select.click();
    const listId = await select.locator('input[aria-controls]').first().getAttribute('aria-controls');
    if (!listId) throw new Error(`the select for “${text}” opened no listbox`);
    if (options.type) await page.keyboard.type(text);
    const option = page
      .locator('.ant-select-dropdown', { has: page.locator(`[id="${listId}"]`) })
      .locator('.ant-select-item-option', { hasText: text })
      .first();
    const label = ((await option.textContent()) ?? text).trim();
    await option.click();
    return label;
  };
  const label = await pick();
  // On a loaded machine (CI) a click that lands while the dropdown is still moving in can leave nothing picked.
  // A single select shows its pick (antd 6: the label as the title of `.ant-select-content-has-value`); if
  // it does not, pick once more (re-picking the same option is harmless). A multiple select is left alone: a
  // second click would take the pick back.
  if ((await classesOf(wrapper)).includes('ant-select-multiple')) return;
  const compact = (s: string) => s.replace(/\s+/g, '');
  const shown = wrapper.locator('.ant-select-content-has-value').first();
  for (let waited = 0; waited < 5_000; waited += 250) {
    const value = compact((await shown.getAttribute('title', { timeout: 250 }).catch(() => null)) ?? '');
    if (value && compact(label).includes(value)) return;

    await page.waitForTimeout(250);
  }
  await pick();
}

async function classesOf(wrapper: Locator): Promise<string[]> {
  return ((await wrapper.getAttribute('class', { timeout: 2_000 }).catch(() => null)) ?? '').split(/\s+/);
}

/** Whether `target` becomes visible within `ms` (false rather than a timeout error). */
export async function appears(target: Locator, ms: number): Promise<boolean> {
  return target
    .first()
    .waitFor({ timeout: ms })
    .then(() => true)
    .catch(() => false);
}

/**
 * Runs `act` until `done` shows, at most `tries` times: for a click whose effect a loaded machine can lose (an
 * antd option clicked while its dropdown is still moving in). The last try waits the page's default timeout.
 */
export async function actUntil(act: () => Promise<void>, done: Locator, tries = 3): Promise<void> {
  for (let i = 1; i < tries; i++) {
    await act();
    if (await appears(done, 5_000)) return;
  }
  await act();
  await done.first().waitFor();
}
