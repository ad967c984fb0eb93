import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { residentIdCheckChar } from '../../src/shared/identifiers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/** What a member of the public does: 一网通查 a certificate (solving the proof-of-work), then print it. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
const body = '31010119850612341';
const idNumber = body + residentIdCheckChar(body);
const number = `T${idNumber}`;
const unknownBody = '31010119900101123';
const unknownId = unknownBody + residentIdCheckChar(unknownBody);

before(async () => {
  // A low proof-of-work difficulty keeps the test quick; the page solves it exactly as at 16 bits.
  t = await createTestApp({ env: { HUTONG_PUBLIC_POW_BITS: '8', HUTONG_PUBLIC_IDENTIFIER_LIMIT: '2' } });
  const mem = await t.tokenFor('department-admin', { department: 'mem' });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: { authorization: `Bearer ${mem}` },
    payload: {
      type: 'mem.lv-electrician',
      number,
      holder: { name: '孙八', idType: 'resident', idNumber },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  // A department that runs its own query site: its types are answered with a deep link, not data.
  const source = await t.app.inject({
    method: 'POST',
    url: '/api/v1/sources',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    payload: {
      id: 'samr-cnse',
      nameZh: '全国特种设备公示信息查询平台',
      nameEn: 'National Special Equipment Public Information Platform',
      department: 'samr',
      kind: 'linked',
      url: 'https://cnse.example.gov.cn/info-pub/pub',
      // It finds people by ID number only: a query by certificate number gets no link from it.
      deepLinkTemplate: 'https://cnse.example.gov.cn/info-pub/pub?xm={name}&sfzh={idNumber}',
      types: ['samr.ropeway-operator'],
    },
  });
  assert.equal(source.statusCode, 201, source.body);
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

describe('public query page in Chromium', () => {
  it('queries by name and ID number, answers a miss neutrally, shows the wait, prints a certificate found by number', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const outside: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const searches: Array<Record<string, string>> = [];
    page.on('request', (req) => {
      if (req.url().endsWith('/api/v1/public/certificates/search')) searches.push(req.headers());
    });

    await page.goto(`${baseUrl}/query`);
    // Both parts are required, and a resident ID number is checked before anything is sent.
    await page.getByTestId('query-submit').click();
    await page.getByText('请输入持证人姓名').waitFor();
    await page.fill('#query-name', '孙八');
    await page.fill('#query-id-number', body + (idNumber.endsWith('0') ? '1' : '0'));
    await page.getByTestId('query-submit').click();
    await page.getByText('校验位不正确').waitFor();
    assert.equal(searches.length, 0, 'an invalid ID number is not sent');

    await page.fill('#query-id-number', idNumber);
    await page.getByTestId('query-submit').click();
    const card = page.getByTestId('hosted-result');
    await card.waitFor();
    assert.match(String(await page.getByTestId('query-results').textContent()), /查询结果（1）/);
    assert.equal(await page.getByTestId('query-not-found').count(), 0);
    assert.match(String(searches[0]?.['x-hutong-pow']), /^v1\..+:\d+$/, 'the solved challenge is sent');
    const shown = String(await page.getByTestId('result-number').textContent());
    assert.match(shown, /\*/, 'the number embedding the ID number is masked');
    assert.ok(!shown.includes(idNumber.slice(6, 14)), 'no birth date in clear');
    const text = String(await card.textContent());
    assert.match(text, /孙八/);
    assert.match(text, /低压电工作业/);
    assert.match(text, /上海市应急管理局/);
    assert.match(text, /2024-03-01 — 2030-02-28/);
    assert.match(text, /有效/);
    assert.match(String(await page.getByTestId('result-updated').textContent()), /数据更新于/);
    const linked = page.getByTestId('linked-result');
    assert.match(
      String(await linked.textContent()),
      /该类证书由 全国特种设备公示信息查询平台 的查询系统提供/,
    );
    const go = page.getByTestId('linked-go');
    assert.equal(
      await go.getAttribute('href'),
      `https://cnse.example.gov.cn/info-pub/pub?xm=${encodeURIComponent('孙八')}&sfzh=${idNumber}`,
    );
    assert.equal(await go.getAttribute('target'), '_blank');
    assert.match(String(await go.getAttribute('rel')), /noopener/);

    const answer = async () => {
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/public/certificates/search')),
        page.getByTestId('query-submit').click(),
      ]);
      return response.status();
    };
    // The second query of this ID number within the hour is allowed (limit 2), the third waits (Retry-After).
    assert.equal(await answer(), 200);
    assert.equal(await answer(), 429);
    await page.getByText(/查询过于频繁，请 \d+ 秒后再试/).waitFor();

    // By number with a wrong name: the one neutral answer.
    await page.getByTestId('mode-number').click();
    await page.fill('#query-name', '孙九');
    await page.fill('#query-number', number);
    assert.equal(await answer(), 404);
    assert.match(String(await page.getByTestId('query-error').textContent()), /未查到：未在互通找到该证书/);

    // Someone Hutong holds nothing for (issue 15 §2): an explicit 「未查到」, not "results (1)" made of links; the
    // department that runs its own site is offered as a place to check.
    await page.getByTestId('mode-id').click();
    await page.fill('#query-name', '钱十');
    await page.fill('#query-id-number', unknownId);
    assert.equal(await answer(), 200);
    const notFound = page.getByTestId('query-not-found');
    await notFound.waitFor();
    assert.match(String(await notFound.textContent()), /未查到：未在互通找到该证书/);
    assert.equal(await page.getByTestId('hosted-result').count(), 0);
    assert.equal(await page.getByText(/查询结果（/).count(), 0, 'links are not counted as results');
    const also = page.getByTestId('query-also-check');
    assert.match(String(await also.textContent()), /您还可以到以下部门的查询系统核实/);
    assert.equal(
      await also.getByTestId('linked-go').getAttribute('href'),
      `https://cnse.example.gov.cn/info-pub/pub?xm=${encodeURIComponent('钱十')}&sfzh=${unknownId}`,
    );
    await page.getByTestId('mode-number').click();
    await page.fill('#query-number', number);

    await page.fill('#query-name', '孙八');
    assert.equal(await answer(), 200);
    await card.waitFor();
    await page.getByTestId('print-certificate').click();
    await page.waitForURL(/\/print\/[0-9a-f-]+$/);
    assert.equal(await page.getByTestId('sheet-holder').textContent(), '孙八');
    await page.waitForFunction('document.querySelector(\'[data-testid="sheet-qr"]\')?.naturalWidth > 0');
    assert.match(
      String(await page.getByTestId('sheet-verify-url').textContent()),
      /\/v\/[0-9a-f-]+#[\w-]{43}$/,
    );

    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, [], 'no script errors');
  });
});
