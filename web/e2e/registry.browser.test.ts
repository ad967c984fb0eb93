import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/accounts/accounts.service.ts';
import { maskIdNumber } from '../../src/protection/protection.model.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/** What a MEM department admin does: import a department file, read its errors, then find the certificates. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let dir: string;

const ID_A = '11010519491231002X';
const ID_B = '440524188001010014';
const BAD_ID = '110105194912310021'; // the check digit should be X
const header =
  'certificate_type,certificate_number,holder_name,id_type,id_number,valid_from,valid_until,status,issuer_region,issuer_org,occupation,level';
const row = (name: string, id: string, region = '310000', org = '上海市应急管理局') =>
  `mem.lv-electrician,T${id},${name},resident,${id},2024-03-01,2030-02-28,valid,${region},${org},,`;

before(async () => {
  t = await createTestApp();
  await createUser(
    t.db,
    { actorId: null, actorLabel: 'test', requestId: null, at: new Date() },
    {
      username: 'mem-admin',
      displayName: '应急管理部管理员',
      password: 'correct horse battery',
      role: 'department-admin',
      department: 'mem',
    },
    t.secrets(),
  );
  baseUrl = await listen(t);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-registry-e2e-'));
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Uploads `file` and waits until the import shown on the page has ended with `status`. */
async function upload(page: Page, file: string, status: 'succeeded' | 'failed') {
  await page.setInputFiles('#import-file', file);
  await page.locator(`[data-testid="import-status"][data-status="${status}"]`).waitFor({ timeout: 60_000 });
}

async function count(page: Page, name: string): Promise<string | null> {
  return page.getByTestId(`import-${name}`).getAttribute('data-value');
}

async function downloadText(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(testId).click(),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

describe('certificate registry in Chromium', () => {
  it('imports all-or-nothing, reports the bad row, imports the valid rows, and lists them', async () => {
    const page = await browser.newPage({ acceptDownloads: true });
    page.setDefaultTimeout(20_000);
    const outside: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'mem-admin');
    await page.fill('#password', 'correct horse battery');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);

    // A department admin sees both registry pages in the menu.
    await page.locator('.ant-menu').getByText('数据导入').click();
    await page.waitForURL(/\/imports$/);

    const csv = path.join(dir, 'mem-certificates.csv');
    fs.writeFileSync(
      csv,
      `${[header, row('张三', ID_A), row('李四', ID_B, '440600', '佛山市应急管理局'), row('王五', BAD_ID)].join('\n')}\n`,
    );

    // All or nothing (the default): one bad row and nothing is written.
    assert.equal(await page.isChecked('#accept-valid'), false);
    await upload(page, csv, 'failed');
    assert.match(String(await page.getByTestId('import-status').textContent()), /失败/);
    // The import's own message, Chinese first (English beside it).
    await page
      .locator('.ant-alert-error')
      .getByText(/^1 行无效.*1 invalid rows/)
      .waitFor();
    assert.equal(await count(page, 'written'), '0');
    assert.equal(await count(page, 'created'), '0');
    const errorRow = page
      .getByTestId('import-errors')
      .locator('tbody tr')
      .filter({ has: page.locator('code', { hasText: /^id_number$/ }) })
      .first();
    await errorRow.waitFor();
    // Row 4 of the file: the header is row 1, the bad person is the third data row.
    assert.equal((await errorRow.locator('td').first().textContent())?.trim(), '4');

    const report = await downloadText(page, 'download-errors');
    assert.match(report.name, /\.csv$/);
    assert.match(report.text, /id_number/);
    assert.match(report.text, /(^|\n)"?4"?,/, 'the report names row 4');
    assert.doesNotMatch(report.text, new RegExp(BAD_ID), 'the report never echoes the ID number');

    // Accept valid rows: the two good ones are written, the bad one is skipped.
    await page.check('#accept-valid');
    await upload(page, csv, 'succeeded');
    assert.equal(await count(page, 'created'), '2');
    assert.equal(await count(page, 'invalid'), '1');
    await page
      .getByTestId('import-history')
      .locator('tbody tr.ant-table-row')
      .nth(1)
      .waitFor({ timeout: 20_000 });

    // The certificates page lists both; ID numbers are masked for everyone, the issuing department too (issue 15 §3).
    await page.locator('.ant-menu').getByText('证书查询').click();
    await page.waitForURL(/\/certificates$/);
    // The import page stays on screen until the lazily loaded certificates page is ready: wait for its cells.
    await page.getByTestId('holder-id-number').nth(1).waitFor();
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    assert.equal(await rows.count(), 2);
    const shownIds = (await page.getByTestId('holder-id-number').allTextContents())
      .map((s) => s.trim())
      .sort();
    assert.deepEqual(shownIds, [maskIdNumber(ID_A), maskIdNumber(ID_B)].sort());
    const tableText = String(await page.locator('.ant-table-tbody').textContent());
    assert.match(tableText, /低压电工作业/);
    assert.ok(tableText.includes(`T${maskIdNumber(ID_B)}`), 'the MEM number is masked as well');
    assert.ok(!tableText.includes(ID_B), 'no full ID number in the table');
    assert.match(tableText, /有效/);
    // A city code is named by its city, not its province (issue 15 §4: prefectures in the regions API).
    const liRow = page.locator('.ant-table-tbody tr.ant-table-row', { hasText: '李四' });
    assert.match(String(await liRow.textContent()), /广东省佛山市/);
    assert.doesNotMatch(String(await liRow.textContent()), /440600/);

    // Searching by ID number (in the POST body, never the URL) narrows the list to one person.
    await page.fill('#certificateFilter_idNumber', ID_B);
    await page.getByTestId('certificate-search').click();
    await page
      .locator('.ant-table-tbody tr.ant-table-row', { hasText: '张三' })
      .waitFor({ state: 'detached', timeout: 20_000 });
    assert.equal(await rows.count(), 1);
    assert.match(String(await rows.first().textContent()), /李四/);
    assert.doesNotMatch(page.url(), new RegExp(ID_B));

    const exported = await downloadText(page, 'export-csv');
    assert.match(exported.text, /certificate_number/);
    assert.ok(exported.text.includes(maskIdNumber(ID_B)), 'masked in the export too');
    assert.ok(!exported.text.includes(ID_B), 'no full ID number in the export');
    assert.ok(!exported.text.includes(maskIdNumber(ID_A)), 'the export follows the filter');

    // Any other role gets the masked forms from the same search.
    const provinceToken = await t.tokenFor('province-admin', { province: '310000' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/search',
      headers: { authorization: `Bearer ${provinceToken}` },
      payload: {},
    });
    assert.equal(response.statusCode, 200, response.body);
    const { items } = response.json() as { items: Array<{ number: string; holder: { idNumber: string } }> };
    // Shanghai's admin sees Shanghai's certificate only: 李四's was issued in 佛山 (440600).
    assert.equal(items.length, 1);
    for (const item of items) {
      assert.match(item.holder.idNumber, /\*/);
      assert.ok(![ID_A, ID_B].includes(item.holder.idNumber));
      assert.doesNotMatch(item.number, /T\d{17}[\dX]/, 'an ID-bearing certificate number is masked');
    }

    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, [], 'no script errors');
  });
});
