import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/accounts/accounts.service.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, signIn } from './browser.ts';

/**
 * 会同 in the browser (issue 13 §3): Shanghai's HRSS admin overrides an exemption towards an 应急 (MEM) certificate;
 * publishing is refused until 应急管理部门 co-signs; the province asks, MEM's admin for Shanghai signs in the
 * editor, and the province publishes — after which the calculator names the province's row.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

const SH = '310000';
const OVERRIDE = 'sh.deny-mohurd-to-lv';
/** 建筑电工 → 低压电工作业: the target is MEM's certificate, so MEM co-signs. */
const RULE = 'nat.exempt.mohurd-electrician-to-mem-lv';
const PASSWORD = 'correct horse battery';
/** Today in China, as the server dates policies. */
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

before(async () => {
  t = await createTestApp();
  const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
  await createUser(
    t.db,
    ctx,
    {
      username: 'sh-hrss',
      displayName: '上海人社',
      password: PASSWORD,
      role: 'province-admin',
      province: SH,
    },
    t.secrets(),
  );
  await createUser(
    t.db,
    ctx,
    {
      username: 'sh-mem',
      displayName: '上海应急',
      password: PASSWORD,
      role: 'department-admin',
      department: 'mem',
      province: SH,
    },
    t.secrets(),
  );
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const cosignRow = (page: Page, department: string) =>
  page.getByTestId('cosign-panel').locator('tr', { hasText: department });

describe('co-signature (会同) of a provincial draft in Chromium', () => {
  it('a province cannot publish alone; MEM co-signs in the editor; then the province publishes', async () => {
    const province = await signIn(await browser.newContext(), baseUrl, 'sh-hrss', PASSWORD);
    const page = province.page;
    await page.locator('.ant-menu').getByText('政策编辑').click();
    await page.waitForURL(new RegExp(`/policies/${SH}/edit$`));

    await page.getByTestId('create-draft').click();
    await page.getByTestId('add-overrides').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.locator('#policyRow_id').fill(OVERRIDE);
    await modal.locator('#policyRow_rule').fill(RULE);
    await modal.locator('#policyRow_basis').fill('测试用：本市建筑电工不再免低压电工作业安全培训');
    await modal.locator('#policyRow_effectiveFrom').fill(today);
    // A DatePicker (issue 15 §6): typed, then confirmed with Enter.
    await modal.locator('#policyRow_effectiveFrom').press('Enter');
    await modal.getByRole('button', { name: /保\s*存/ }).click();
    await modal.waitFor({ state: 'hidden' });
    await page.getByTestId('save-draft').click();
    await page.getByText('草稿已保存').waitFor();

    // The panel says who has to sign which row, before anyone was asked.
    await cosignRow(page, '应急管理部门').locator('[data-cosign-status="needed"]').waitFor();
    assert.match(String(await cosignRow(page, '应急管理部门').textContent()), new RegExp(OVERRIDE));

    // Publishing alone is refused, naming the department.
    await page.getByTestId('publish-draft').click();
    const publish = page.locator('.ant-modal:visible');
    await publish.getByRole('button', { name: /发\s*布/ }).click();
    const problem = page.getByTestId('publish-problem');
    await problem.waitFor();
    assert.match(String(await problem.textContent()), /须经 应急管理部门 会签后方可发布/);
    assert.match(String(await problem.textContent()), new RegExp(`应急管理部门：待提请（${OVERRIDE}）`));
    await publish.getByRole('button', { name: /取\s*消/ }).click();
    await publish.waitFor({ state: 'hidden' });

    await page.getByTestId('request-cosign').click();
    await cosignRow(page, '应急管理部门').locator('[data-cosign-status="pending"]').waitFor();
    await page.locator('[data-status="awaiting-cosign"]').first().waitFor();

    // MEM's admin for Shanghai finds the draft in 政策目录 and co-signs it in the editor.
    const mem = await signIn(await browser.newContext(), baseUrl, 'sh-mem', PASSWORD);
    await mem.page.goto(`${baseUrl}/policies?id=${SH}`);
    await mem.page.getByTestId('open-cosign').click();
    await mem.page.waitForURL(new RegExp(`/policies/${SH}/edit$`));
    assert.equal(await mem.page.getByTestId('save-draft').count(), 0, 'MEM reads, it does not edit');
    // The row's id is in its technical details (issue 15 §4): an official opens the row to read it.
    // The editor may re-render its table once the draft has loaded, folding a row opened too early: open every
    // folded row until the id shows.
    const overrides = mem.page.getByTestId('policy-overrides');
    for (let attempt = 0; attempt < 5 && !(await overrides.getByText(OVERRIDE).isVisible()); attempt++) {
      const folded = overrides.locator('.ant-table-row-expand-icon-collapsed');
      for (const icon of await folded.all()) await icon.click().catch(() => undefined);
      await overrides
        .getByText(OVERRIDE)
        .waitFor({ timeout: 4000 })
        .catch(() => undefined);
    }
    await overrides.getByText(OVERRIDE).waitFor();
    await mem.page.getByTestId('cosign-sign-mem').click();
    await cosignRow(mem.page, '应急管理部门').locator('[data-cosign-status="signed"]').waitFor();
    assert.match(String(await cosignRow(mem.page, '应急管理部门').textContent()), /上海应急|sh-mem/);

    // Back in the province: the signature shows, and publishing goes through.
    await page.reload();
    await cosignRow(page, '应急管理部门').locator('[data-cosign-status="signed"]').waitFor();
    await page.getByTestId('publish-draft').click();
    // Wait for the publish answer itself (a refusal is then named, not a timeout), then for the editor to reload.
    const [published] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && /\/publish$/.test(r.url()), {
        timeout: 60_000,
      }),
      page
        .locator('.ant-modal:visible')
        .getByRole('button', { name: /发\s*布/ })
        .click(),
    ]);
    assert.ok(published.ok(), `publish answered ${published.status()}: ${await published.text()}`);
    await page.getByTestId('create-draft').waitFor({ timeout: 60_000 });

    const evaluated = await t.app.inject({
      method: 'POST',
      url: '/api/v1/recognition/evaluate',
      payload: {
        region: SH,
        certificates: [
          { type: 'mohurd.electrician', number: 'T1', validFrom: '2024-03-01', validUntil: '2030-02-28' },
        ],
      },
    });
    const exemption = evaluated.json().exemptions[0];
    assert.deepEqual(exemption.exempt, []);
    assert.equal(exemption.decidedBy.row, OVERRIDE);

    assert.deepEqual([...province.errors, ...mem.errors], [], 'no script errors');
  });
});
