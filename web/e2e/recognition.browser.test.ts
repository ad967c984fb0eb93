import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, pickOption } from './browser.ts';

/** What a visitor does: ask what a certificate earns, without logging in, and read the answer in both languages. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;

before(async () => {
  t = await createTestApp();
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

function choose(page: Page, testId: string, text: string): Promise<void> {
  return pickOption(page, page.getByTestId(testId), text, { type: true });
}

describe('recognition calculator in Chromium', () => {
  it('answers for a low-voltage electrician certificate, without logging in, in Chinese and in English', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const outside: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/recognition`);
    await page.getByTestId('add-certificate').click();
    assert.match(page.url(), /\/recognition$/, 'open to visitors: no redirect to the login page');

    await choose(page, 'cert-type-0', '低压电工作业（应急）');
    await page.fill('#cert-number-0', 'T11010519491231002X');
    await page.fill('#cert-from-0', '2024-03-01');
    await page.press('#cert-from-0', 'Enter');
    await page.fill('#cert-until-0', '2030-02-28');
    await page.press('#cert-until-0', 'Enter');
    await choose(page, 'region', '310000');

    const [sent] = await Promise.all([
      page.waitForRequest((req) => req.url().endsWith('/api/v1/recognition/evaluate')),
      page.getByRole('button', { name: /查\s*询/ }).click(),
    ]);
    const body = sent.postDataJSON() as Record<string, unknown>;
    assert.equal(body.region, '310000');
    assert.equal(body.trace, true);
    assert.deepEqual(body.certificates, [
      {
        type: 'mem.lv-electrician',
        number: 'T11010519491231002X',
        validFrom: '2024-03-01',
        validUntil: '2030-02-28',
        status: 'valid',
      },
    ]);

    await page.getByTestId('recognition-result').waitFor();
    const level = page.getByTestId('level-6-31-01-03');
    const levelMain = level.locator('[data-sentence="main"]');
    // The clause comes from the national pack in force (GET /policies/national/versions/current).
    await levelMain.filter({ hasText: '依据' }).waitFor();
    assert.equal(await levelMain.getAttribute('lang'), 'zh-CN');
    const zh = String(await levelMain.textContent());
    assert.match(zh, /您持有的低压电工作业特种作业操作证视同电工五级\/初级工/);
    assert.match(zh, /可申报电工四级\/中级工技能等级认定/);
    assert.match(zh, /依据：通知 二/);
    // The standard's application conditions for 四级, none known to be met without years of experience.
    assert.ok((await level.locator('[data-status="not-met"], [data-status="unknown"]').count()) > 0);

    const exemption = page.getByTestId('exemption-mohurd.electrician');
    const exemptionMain = exemption.locator('[data-sentence="main"]');
    assert.match(
      String(await exemptionMain.textContent()),
      /低压电工作业特种作业操作证，申请建筑电工特种作业操作资格证书时可免安全作业培训.*依据《通知》附件/,
    );
    assert.equal(await page.locator('[data-testid^="ignored-"]').count(), 0);

    // A worker never reads a rule id, a type id, a file name or an English formula (issue 13 §9); the trace with
    // its ids is an official's view.
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees, not the select's hidden value text
    const visible = await page.locator('body').innerText();
    assert.doesNotMatch(visible, /nat\.|held\.skill-level|\b(mem|mohurd|samr|mohrss)\.[a-z]|\.json|inferred/);
    assert.equal(await page.getByTestId('recognition-trace').count(), 0);

    await page.getByTestId('language-switch').click();
    await level.locator('[data-sentence="main"][lang="en"]').waitFor();
    const en = String(await level.locator('[data-sentence="main"]').textContent());
    // English mode reads English names (issue 15 §4); only the notice's clause, which has no translation, stays.
    assert.match(
      en,
      /^Your Low-voltage electrical work[^;]* certificate counts as Electrician level 5 \(junior worker\); you may apply for the level 4 \(intermediate worker\) skill-level assessment \(basis: 通知 二[^)]*\)\.$/,
    );
    assert.match(
      String(await exemption.locator('[data-sentence="main"]').textContent()),
      /^With your Low-voltage electrical work[^,]* certificate, you are exempt from safety training when applying for the Construction electrician certificate/,
    );
    // One language at a time: no Chinese sentence beside the English one.
    assert.equal(await level.locator('[data-sentence="other"]').count(), 0);

    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, [], 'no script errors');
  });

  it('shows an official the trace with rule ids, as a technical view', async () => {
    const admin = await t.tokenFor('system-admin');
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: {
        username: 'mem-official',
        displayName: '应急管理员',
        password: 'correct horse battery',
        role: 'department-admin',
        department: 'mem',
      },
    });
    assert.equal(user.statusCode, 201, user.body);
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'mem-official');
    await page.fill('#password', 'correct horse battery');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);
    await page.goto(`${baseUrl}/recognition`);
    await page.getByTestId('add-certificate').click();
    await choose(page, 'cert-type-0', '低压电工作业（应急）');
    await page.fill('#cert-number-0', 'T11010519491231002X');
    await page.fill('#cert-from-0', '2024-03-01');
    await page.press('#cert-from-0', 'Enter');
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByTestId('recognition-trace').getByText('判定过程').click();
    const step = page.getByTestId('recognition-trace').locator('tr', { hasText: 'nat.level.electrician-5' });
    assert.match(String(await step.textContent()), /适用.*本职业最高的视同等级/);
  });

  it('lets a holder evaluate their own certificates from the registry', async () => {
    const mem = await t.tokenFor('department-admin', { department: 'mem' });
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: { authorization: `Bearer ${mem}` },
      payload: {
        type: 'mem.hv-electrician',
        number: 'T440524188001010014',
        holder: { name: '李四', idType: 'resident', idNumber: '440524188001010014' },
        validFrom: '2024-03-01',
        validUntil: '2030-02-28',
        issuer: { region: '310000', organization: '上海市应急管理局' },
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const admin = await t.tokenFor('system-admin');
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: {
        username: 'lisi',
        displayName: '李四',
        password: 'correct horse battery',
        role: 'holder',
        holderIdNumber: '440524188001010014',
      },
    });
    assert.equal(user.statusCode, 201, user.body);

    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'lisi');
    await page.fill('#password', 'correct horse battery');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);
    await page.goto(`${baseUrl}/recognition`);
    await page.getByTestId('use-mine').click();
    const level = page.getByTestId('level-6-31-01-03');
    await level.waitFor().catch(async (e) => {
      await page.screenshot({ path: '/tmp/use-mine.png', fullPage: true });
      throw e;
    });
    assert.match(String(await level.textContent()), /四级[\s\S]*三级/);
    const decisions = await t.db.selectFrom('recognition_decisions').select('holder_id').execute();
    assert.deepEqual(
      decisions.map((d) => d.holder_id),
      [created.json().holder.id],
      'the answer shown to the holder is stored for replay',
    );
  });
});
