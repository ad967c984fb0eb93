import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { refreshTallies } from '../../src/statistics/statistics.tally.ts';
import {
  addCertificate,
  addDecision,
  addResults,
  addWarning,
} from '../../src/statistics/statistics.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/**
 * 跟踪分析 (issue 8 §4) as a national supervisor sees it: the province map and the funnel plot drawn on canvases,
 * the numbers in the page's figures and tables, and the Excel export downloaded and opened.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

const PASSWORD = 'correct horse battery';
const YEAR = new Date().getFullYear();

before(async () => {
  // Tallies count from the first certificate here, once refreshed (the second test).
  t = await createTestApp({ env: { HUTONG_STATISTICS_TALLY_FROM: '1' } });
  const user = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    payload: { username: 'stat-supervisor', displayName: '国家督导', password: PASSWORD, role: 'supervisor' },
  });
  assert.equal(user.statusCode, 201, user.body);

  const sh = await addCertificate(t, {
    type: 'mem.lv-electrician',
    region: '310000',
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
  });
  await addCertificate(t, {
    type: 'mem.hv-electrician',
    region: '440300',
    validFrom: '2025-02-01',
    validUntil: '2031-01-31',
  });
  await addCertificate(t, {
    type: 'samr.metal-welding',
    region: '110000',
    validFrom: '2024-01-01',
    validUntil: '2027-12-31',
  });
  await addDecision(t, {
    holderId: sh.holderId,
    region: '320000',
    at: new Date().toISOString(),
    held: sh,
    grants: [
      { kind: 'level', rule: 'nat.level.electrician-5' },
      { kind: 'exemption', rule: 'nat.exempt.mem-lv-to-mohurd-electrician' },
    ],
  });
  for (const [province, n, passed] of [
    ['310000', 20, 18],
    ['310000', 20, 17],
    ['440000', 20, 18],
    ['440000', 20, 2],
    ['110000', 30, 26],
    ['110000', 10, 9],
  ] as const)
    await addResults(t, { province, n, passed });
  // The fixtures' plans open in 2026; the page shows this year's pass rates.
  await t.db
    .updateTable('exam_plans')
    .set({ registration_opens: `${YEAR}-01-01` })
    .execute();
  await addWarning(t, {
    rule: 'staff.ratio',
    province: '310000',
    status: 'sent',
    now: new Date(),
    ageDays: 3,
    dueDays: -1,
  });
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** Pixels painted on a chart's canvas, as a string run in the page: no DOM types here (papers.browser.test.ts). */
const paintedPixels = (testId: string) => `(() => {
  const c = document.querySelector('[data-testid="${testId}"] canvas');
  const data = c ? c.getContext('2d').getImageData(0, 0, c.width, c.height).data : [];
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
  return n;
})()`;

describe('statistics in Chromium', () => {
  it('shows the map, the funnel and the figures, and exports them to Excel', async () => {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(20_000);
    const outside: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'stat-supervisor');
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);
    await page.getByRole('menuitem', { name: '跟踪分析' }).click();
    await page.waitForURL(/\/statistics/);

    await page.getByTestId('chart-map').locator('canvas').waitFor();
    await page.getByTestId('chart-funnel').locator('canvas').waitFor();
    assert.match(String(await page.getByTestId('stat-scope').textContent()), /统计范围：全国/);
    assert.match(String(await page.getByTestId('kpi-certificates').textContent()), /3/);
    assert.match(String(await page.getByTestId('kpi-cross-region').textContent()), /1/);
    assert.match(String(await page.getByTestId('kpi-open-warnings').textContent()), /1/);
    // The institution far below its peers is named in the table under the funnel.
    const outlier = page
      .getByTestId('pass-rate-table')
      .locator('tr', { has: page.getByTestId('funnel-outlier') });
    assert.match(String(await outlier.textContent()), /20.*2.*10\.0%.*偏低/);
    assert.match(String(await page.getByTestId('funnel-caption').textContent()), new RegExp(`${YEAR} 年`));
    assert.match(String(await page.getByTestId('flow-table').textContent()), /江苏省.*上海市/);
    // The map has painted something: the canvas is not blank.
    const painted = await page.evaluate<number>(paintedPixels('chart-map'));
    assert.ok(painted > 1000, `map canvas painted ${painted} pixels`);
    assert.ok((await page.evaluate<number>(paintedPixels('chart-funnel'))) > 1000);
    // 咨询投诉 within 跟踪分析 (issue 14 §5): its figures and month-by-month chart, the breakdown switchable.
    await page.getByTestId('stat-tickets').getByTestId('chart-tickets').locator('canvas').waitFor();
    await page.getByTestId('tkstat-dimension').getByText('按省份').click();
    await page.getByTestId('tkstat-total').waitFor();

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 30_000 }),
      page.getByTestId('stat-export').click(),
    ]);
    assert.match(download.suggestedFilename(), /^statistics-national-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { default: excel } = await import('exceljs');
    const book = new excel.Workbook();
    await book.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    assert.ok(book.getWorksheet('证书按省份 By province'));
    const rates = book.getWorksheet('机构通过率 Pass rates');
    assert.equal(rates?.rowCount, 7);
    assert.ok(book.getWorksheet('咨询投诉概况 Tickets'), 'the tickets sheet is in the export');

    assert.equal(await page.getByTestId('stat-tallied-at').count(), 0, 'counted live before any tally');
    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('says when the certificate figures were tallied ahead, and they are the same', async () => {
    await refreshTallies(t.db, new Date());
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'stat-supervisor');
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);
    await page.goto(`${baseUrl}/statistics`);
    await page.getByTestId('stat-tallied-at').waitFor();
    assert.match(String(await page.getByTestId('stat-tallied-at').textContent()), /预先汇总.*截至/);
    assert.match(String(await page.getByTestId('kpi-certificates').textContent()), /3/);
    await page.close();
  });
});
