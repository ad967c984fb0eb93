import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/accounts/accounts.service.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { actUntil, launchChromium, listen, signIn } from './browser.ts';

/**
 * Issue 13 §2 and §4 in the browser: 住建 keeps which provinces issue 建筑焊工 (unknown until recorded), and 应急
 * drafts and publishes its own 特别规定 on an exemption towards its certificate, picked from the national rules.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

const PASSWORD = 'correct horse battery';
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

before(async () => {
  t = await createTestApp();
  const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
  for (const [username, department] of [
    ['mohurd', 'mohurd'],
    ['mem', 'mem'],
  ] as const) {
    await createUser(
      t.db,
      ctx,
      {
        username,
        displayName: `${department} admin`,
        password: PASSWORD,
        role: 'department-admin',
        department,
      },
      t.secrets(),
    );
  }
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

describe('省级认定 and a department’s 特别规定 in Chromium', () => {
  it('住建 records, changes and removes whether 上海 issues 建筑焊工', async () => {
    const { page, errors } = await signIn(await browser.newContext(), baseUrl, 'mohurd', PASSWORD);
    await page.locator('.ant-menu').getByText('省级认定').click();
    await page.waitForURL(/\/designations$/);
    const table = page.getByTestId('designations');
    const shanghai = table.locator('tr[data-row-key="310000"]');
    await shanghai.locator('[data-status="unknown"]').waitFor();
    assert.equal(await table.locator('tbody tr[data-row-key]').count(), 31, 'every province listed');
    assert.match(String(await page.getByTestId('designation-counts').textContent()), /未知 31/);

    await shanghai.getByRole('button', { name: '登记' }).click();
    let modal = page.locator('.ant-modal:visible');
    await modal.locator('#designation_basis').fill('沪建质〔2026〕3号（测试）');
    await modal.locator('#designation_designatedOn').fill('2026-11-01');
    // A DatePicker (issue 15 §6): typed, then confirmed with Enter.
    await modal.locator('#designation_designatedOn').press('Enter');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已登记，版本 1').waitFor();
    await shanghai.locator('[data-status="issued"]').waitFor();

    await shanghai.getByRole('button', { name: '登记' }).click();
    modal = page.locator('.ant-modal:visible');
    await modal.getByText('不颁发').click();
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已登记，版本 2').waitFor();
    await shanghai.locator('[data-status="not-issued"]').waitFor();

    await shanghai.getByRole('button', { name: '撤销记录' }).click();
    modal = page.locator('.ant-modal:visible');
    await modal.locator('#withdrawDesignation_reason').fill('测试：记录有误');
    await modal.getByRole('button', { name: '撤销记录' }).click();
    await shanghai.locator('[data-status="unknown"]').waitFor();

    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', 'mohurd.welder@310000')
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['designation.add', 'designation.change', 'designation.withdraw'],
    );
    assert.deepEqual(errors, [], 'no script errors');
  });

  it('应急 drafts a condition on an exemption towards its certificate and publishes it', async () => {
    const { page, errors } = await signIn(await browser.newContext(), baseUrl, 'mem', PASSWORD);
    assert.equal(await page.locator('.ant-menu').getByText('省级认定').count(), 0, '住建’s page only');
    await page.goto(`${baseUrl}/policies`);
    await page.getByTestId('new-dept-draft').click();
    await page.waitForURL(/\/policies\/dept-mem\/edit$/);

    await page.getByTestId('add-rules').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('#deptRule_id').fill('mem.samr-welders');
    await modal.getByText('附加条件').click();
    await modal.locator('#deptRule_rule').click();
    const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
    await options.first().waitFor();
    const offered = await options.allTextContents();
    assert.equal(offered.length, 3, offered.join(' | '));
    assert.ok(
      offered.every((o) => o.includes('-to-mem-')),
      `only rules towards MEM certificates: ${offered.join(' | ')}`,
    );
    await actUntil(async () => {
      if (!(await options.first().isVisible())) await modal.locator('#deptRule_rule').click();
      await options.filter({ hasText: 'nat.exempt.samr-welding-to-mem-fusion' }).click();
    }, modal.getByTestId('picked-rule'));
    await modal.locator('#deptRule_condition_code').fill('practical-record');
    await modal.locator('#deptRule_condition_text').fill('须提交近一年焊接作业记录');
    await modal.locator('#deptRule_basis').fill('应急〔2026〕12号（测试）');
    await modal.locator('#deptRule_effectiveFrom').fill(today);
    // A DatePicker (issue 15 §6): typed, then confirmed with Enter.
    await modal.locator('#deptRule_effectiveFrom').press('Enter');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('save-draft').click();
    await page.getByText('草稿已保存').waitFor();

    await page.getByTestId('publish-draft').click();
    await page
      .locator('.ant-modal:visible')
      .getByRole('button', { name: /发\s*布/ })
      .click();
    await page.getByTestId('create-draft').waitFor();

    const evaluated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/recognition/evaluate',
      payload: {
        region: '440000',
        certificates: [
          { type: 'samr.metal-welding', number: 'T1', validFrom: '2024-03-01', validUntil: '2030-02-28' },
        ],
      },
    });
    const towardsMem = evaluated
      .json()
      .exemptions.find((e: { target: string }) => e.target === 'mem.fusion-welding');
    assert.equal(towardsMem.decidedBy.pack, 'dept-mem');
    assert.equal(towardsMem.decidedBy.row, 'mem.samr-welders');
    assert.deepEqual(errors, [], 'no script errors');
  });
});
