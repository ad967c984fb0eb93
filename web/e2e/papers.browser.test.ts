import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { addBankItems } from '../../src/exams/assembly.test-helpers.ts';
import { institution, plan } from '../../src/exams/exams.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, pickOption } from './browser.ts';

/**
 * Paper assembly in the console (组卷, issue 7 §2, §7): the institution's operator fills a blueprint, is told which
 * cell the bank cannot fill, fixes the count, assembles, and sees the paper's coverage drawn as a chart. The bank's
 * active items are fixtures (the bank has its own browser test).
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let planId: string;

const PASSWORD = 'correct horse battery';
const SAFETY = '电工-4-安全用电-组卷';
const BASICS = '电工-4-电工基础-组卷';

before(async () => {
  t = await createTestApp();
  const inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
  planId = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
  await t.db
    .updateTable('exam_plans')
    .set({
      subjects: JSON.stringify([{ kind: 'theory', passMark: 60, durationMinutes: 90, fullMark: 100 }]),
    })
    .where('id', '=', planId)
    .execute();
  await addBankItems(t, 4, { knowledgePoint: SAFETY, type: 'single', difficulty: 0.5 });
  await addBankItems(t, 2, { knowledgePoint: BASICS, type: 'true-false', difficulty: 0.1 });
  const user = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    payload: {
      username: 'papers-op',
      displayName: '组卷员',
      role: 'institution-operator',
      institution: inst.id,
      password: PASSWORD,
    },
  });
  assert.equal(user.statusCode, 201, user.body);
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const numberIn = (scope: Locator, testId: string) =>
  scope.locator(`input[data-testid=${testId}], [data-testid=${testId}] input`).first();

const choose = (page: Page, select: Locator, text: string) => pickOption(page, select, text);

/**
 * The painted pixels of form A's coverage canvas: zero until ECharts has drawn on it. A string, so it runs in the
 * page without the DOM's types here.
 */
const PAINTED_PIXELS = `(() => {
  const c = document.querySelector('[data-testid="coverage-A"] canvas');
  const data = c ? c.getContext('2d').getImageData(0, 0, c.width, c.height).data : [];
  let n = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n += 1;
  return n;
})()`;

describe('paper assembly in Chromium', () => {
  it('names a shortage, then assembles the blueprint and draws its coverage', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'papers-op');
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);
    await page.goto(`${baseUrl}/console/plans/${planId}`);
    await page.getByTestId('tab-papers').click();

    // The blueprint: 5 single-choice items of 安全用电 (the bank holds 4) and 2 easy true/false of 电工基础.
    await page.locator('#bp-total').fill('70');
    const rows = page.locator('tr.ant-table-row').filter({ has: page.getByTestId('bp-kp') });
    await page.getByTestId('bp-kp').first().fill(SAFETY);
    await numberIn(rows.nth(0), 'bp-count').fill('5');
    await numberIn(rows.nth(0), 'bp-score').fill('10');
    await page.getByRole('button', { name: '添加一行' }).click();
    await page.getByTestId('bp-kp').nth(1).fill(BASICS);
    await choose(page, rows.nth(1).getByTestId('bp-type'), '判断题');
    await choose(page, rows.nth(1).getByTestId('bp-band'), '易');
    await numberIn(rows.nth(1), 'bp-count').fill('2');
    await numberIn(rows.nth(1), 'bp-score').fill('10');
    await page.getByTestId('assemble').click();
    const shortage = page.getByTestId('problem-detail').filter({ hasText: 'shortage' });
    await shortage.waitFor();
    assert.match(String(await shortage.textContent()), /needs 5, available 4/);
    assert.equal(await page.getByTestId('paper').count(), 0, 'nothing stored');

    // Four of them, and a total of 60: assembled, and the coverage chart is drawn.
    await numberIn(rows.nth(0), 'bp-count').fill('4');
    await page.locator('#bp-total').fill('60');
    await page.getByTestId('assemble').click();
    const paper = page.getByTestId('paper').first();
    await paper.waitFor();
    assert.match(String(await paper.textContent()), /A 卷.*60.*6 题/);
    const canvas = page.locator('[data-testid="coverage-A"] canvas').first();
    await canvas.waitFor();
    const box = await canvas.boundingBox();
    assert.ok(box && box.width > 100 && box.height > 100, `the chart has a size: ${JSON.stringify(box)}`);
    // Bars, axes and labels painted (a blank canvas has none).
    await page.waitForFunction(`${PAINTED_PIXELS} > 500`, undefined, { timeout: 10_000 });
    assert.ok((await page.evaluate<number>(PAINTED_PIXELS)) > 500);
    assert.equal(await page.getByTestId('coverage-A').getAttribute('role'), 'img');

    const stored = await t.db
      .selectFrom('papers')
      .select(['form', 'status', 'total_score'])
      .where('plan_id', '=', planId)
      .execute();
    assert.deepEqual(
      stored.map((p) => [p.form, p.status, Number(p.total_score)]),
      [['A', 'assembled', 60]],
    );
    assert.deepEqual(errors, []);
    await page.close();
  });
});
