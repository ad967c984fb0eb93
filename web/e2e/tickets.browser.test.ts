import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { pickOption } from './browser.ts';
import {
  assertInView,
  type DemoSite,
  englishRuns,
  horizontalOverflow,
  LAPTOP,
  openAs,
  PHONE,
  screenshot,
  startDemoSite,
  visit,
} from './people.ts';

/**
 * 回应关切 (issue 14) as people do it: a worker on a phone reads what a certificate gives, asks a question from
 * that page, keeps the number and code, and looks it up; the department's admin on a laptop finds it in the
 * inbox and replies; the worker reads the reply and rates it. The public pages fit 390 px without sideways
 * scrolling and Chinese mode shows no English sentence.
 */
let site: DemoSite;
const TYPE = 'mem.lv-electrician';
const QUESTION = '我持有低压电工作业证，到期后应该怎么复审？需要准备哪些材料？';
const REPLY = '低压电工作业证每3年复审一次，请于期满前60日内向发证机关申请复审。';
let ticket: { number: string; code: string };

before(async () => {
  // A low proof-of-work difficulty keeps the test quick; the pages solve it exactly as at 16 bits.
  site = await startDemoSite({ env: { HUTONG_PUBLIC_POW_BITS: '8' } });
});
after(async () => {
  await site?.close();
});

async function assertFitsPhone(page: Page, what: string): Promise<void> {
  assert.equal(await horizontalOverflow(page), 0, `${what}: no horizontal scrolling at 390 px`);
  assert.deepEqual(await englishRuns(page), [], `${what}: Chinese mode shows no English`);
}

function choose(page: Page, testId: string, text: string): Promise<void> {
  return pickOption(page, page.getByTestId(testId), text, { type: true });
}

async function lookUp(page: Page): Promise<void> {
  await visit(page, site.baseUrl, `/tickets/lookup?number=${ticket.number}`);
  assert.equal(await page.getByTestId('lookup-number').inputValue(), ticket.number, 'number prefilled');
  await page.getByTestId('lookup-code').fill(ticket.code);
  await page.getByTestId('lookup-submit').click();
  await page.getByTestId('ticket-view').waitFor();
}

describe('questions and complaints in Chromium', () => {
  it('public pages fit a phone: the explainer index, a province, the changes, the FAQ', async () => {
    const { context, page, errors } = await openAs(site, undefined, PHONE);
    for (const url of [
      '/explain',
      '/explain/regions/310000',
      '/explain/changes',
      '/faq',
      '/tickets/lookup',
    ]) {
      await visit(page, site.baseUrl, url);
      await assertFitsPhone(page, url);
    }
    await visit(page, site.baseUrl, '/explain/changes?asOf=2026-01-01');
    assert.match((await page.getByTestId('explain-as-of').textContent()) ?? '', /2026年1月1日/);
    // 「用这本证书做互认查询」 opens the calculator with the certificate in its first row.
    await visit(page, site.baseUrl, `/explain/types/${TYPE}`);
    await page.getByTestId('ex-to-recognition').click();
    await page.waitForURL(/\/recognition\?type=/);
    // The select shows the type's name once the catalog has loaded (its raw value before).
    await page
      .getByTestId('cert-type-0')
      .filter({ hasText: /低压电工/ })
      .waitFor();
    // English mode: the explainer speaks English.
    const en = await openAs(site, undefined, PHONE, { lang: 'en' });
    await visit(en.page, site.baseUrl, `/explain/types/${TYPE}`);
    await en.page.getByText('What this certificate gives you', { exact: false }).first().waitFor();
    assert.equal(await horizontalOverflow(en.page), 0);
    await en.context.close();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a worker on a phone reads the explainer, asks a question, keeps the code and looks it up', async () => {
    const { context, page, errors } = await openAs(site, undefined, PHONE);
    await visit(page, site.baseUrl, `/explain/types/${TYPE}`);
    await page.getByTestId('explain-type').waitFor();
    assert.match((await page.getByTestId('explain-title').textContent()) ?? '', /低压电工/);
    await assertInView(page, '[data-testid="ex-to-recognition"]', 'the recognition link');
    assert.equal(await page.locator('[data-tech]').count(), 0, 'no technical details for a worker');
    await assertFitsPhone(page, 'explainer');
    await screenshot(page, 'tickets-explain-phone');
    assert.equal(
      await page.getByTestId('ex-to-recognition').count(),
      1,
      'one click to the recognition calculator',
    );

    await page.getByTestId('ex-ask').click();
    await page.waitForURL(/\/tickets\/new\?/);
    await page.getByTestId('ticket-new').waitFor();
    // The type is prefilled from the link: its name shows once the lists arrive.
    await page.getByTestId('ticket-type').getByText('低压电工').first().waitFor();
    await choose(page, 'ticket-region', '上海');
    await page.getByTestId('ticket-text').fill(QUESTION);
    await page.getByTestId('ticket-contact').fill('13812345678');
    await assertFitsPhone(page, 'ticket form');
    await assertInView(page, '[data-testid="ticket-submit"]', 'the submit button');
    await screenshot(page, 'tickets-form-phone');
    await page.getByTestId('ticket-submit').click();

    await page.getByTestId('ticket-created').waitFor({ timeout: 30_000 });
    const number = ((await page.getByTestId('ticket-number').textContent()) ?? '').trim();
    const code = ((await page.getByTestId('ticket-code').textContent()) ?? '').trim();
    assert.match(number, /^HT\d{8}-\d{4,7}$/);
    assert.match(code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    ticket = { number, code };
    await page.getByText('只显示这一次').waitFor();
    await assertFitsPhone(page, 'ticket created');

    await lookUp(page);
    assert.equal(await page.getByTestId('ticket-status').getAttribute('data-status'), 'open');
    await page.getByTestId('ticket-thread').getByText(QUESTION).waitFor();
    await assertFitsPhone(page, 'ticket lookup');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('a type prefilled from a link reads “loading” until the lists arrive, never its id', async () => {
    const { context, page, errors } = await openAs(site, undefined, PHONE);
    // Hold the type list back until the form has been read, so the wait is the one a slow network makes.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/api/v1/certificate-types**', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${site.baseUrl}/tickets/new?type=${TYPE}`);
    const select = page.getByTestId('ticket-type');
    await select.getByText('正在读取').waitFor();
    assert.doesNotMatch((await select.textContent()) ?? '', new RegExp(TYPE), 'no type id while loading');
    release();
    await select.getByText('低压电工').first().waitFor();
    assert.doesNotMatch((await select.textContent()) ?? '', new RegExp(TYPE), 'no type id once loaded');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('the department’s admin finds it in the inbox on a laptop and replies', async () => {
    const { context, page, errors } = await openAs(site, 'mem-admin', LAPTOP);
    await visit(page, site.baseUrl, '/tickets/inbox');
    await page.getByTestId(`inbox-row-${ticket.number}`).click();
    await page.getByTestId('ticket-detail').waitFor();
    assert.match(
      (await page.getByTestId('inbox-contact').textContent()) ?? '',
      /\*/,
      'the contact is masked',
    );
    assert.ok(!((await page.getByTestId('ticket-detail').textContent()) ?? '').includes('13812345678'));
    await page.getByTestId('inbox-reply-text').fill(REPLY);
    await page.getByTestId('inbox-reply').click();
    await page.locator('[data-testid="inbox-detail-status"][data-status="replied"]').waitFor();
    await screenshot(page, 'tickets-inbox-laptop');
    // 发布为常见问题: previewed masked, then confirmed; the public FAQ finds it by a word of it.
    await page.getByTestId('inbox-actions').getByRole('tab', { name: '指派 / 办结' }).click();
    await page.getByTestId('inbox-publish-faq').click();
    await page.getByTestId('faq-preview').waitFor();
    assert.ok(!((await page.getByTestId('faq-preview').textContent()) ?? '').includes('13812345678'));
    await page.getByRole('button', { name: '确认发布' }).click();
    await page.locator('.ant-message').getByText('已发布为常见问题').first().waitFor();
    // 咨询投诉分析: the ticket counts in the department's figures.
    await visit(page, site.baseUrl, '/tickets/statistics');
    await page.getByTestId('tkstat-topic').getByText('证书类型').waitFor();
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('the worker reads the reply and rates it', async () => {
    const { context, page, errors } = await openAs(site, undefined, PHONE);
    await lookUp(page);
    assert.equal(await page.getByTestId('ticket-status').getAttribute('data-status'), 'replied');
    await page.getByTestId('ticket-thread').getByText(REPLY).waitFor();
    await page.getByTestId('ticket-rate').locator('.ant-rate-star').nth(4).click();
    await page.getByTestId('ticket-rate-submit').click();
    await page.getByTestId('ticket-rating').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('ticket-rate').count(), 0, 'rated once');
    await assertFitsPhone(page, 'rated ticket');
    await visit(page, site.baseUrl, '/faq');
    await page.getByTestId('faq-search').locator('input').fill('复审');
    await page.getByTestId('faq-search').locator('input').press('Enter');
    await page.getByTestId('faq-list').getByText('复审', { exact: false }).first().waitFor();
    await assertFitsPhone(page, 'FAQ with an entry');
    assert.deepEqual(errors, []);
    await context.close();
  });
});
