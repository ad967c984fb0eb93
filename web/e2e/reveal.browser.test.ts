import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/accounts/accounts.service.ts';
import { residentIdCheckChar } from '../../src/shared/identifiers.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, signIn } from './browser.ts';

/** Masked by default, revealed on purpose (issue 15 §3): a department admin reveals one number with a reason. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let certificateId: string;
const body = '31010119850612341';
const idNumber = body + residentIdCheckChar(body);

before(async () => {
  t = await createTestApp();
  await createUser(
    t.db,
    { actorId: null, actorLabel: 'test', requestId: null, at: new Date() },
    {
      username: 'reveal-mem',
      displayName: '应急管理部门管理员',
      password: 'correct horse battery',
      role: 'department-admin',
      department: 'mem',
    },
    t.secrets(),
  );
  const mem = await t.tokenFor('department-admin', { department: 'mem' });
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: { authorization: `Bearer ${mem}` },
    payload: {
      type: 'mem.lv-electrician',
      number: `T${idNumber}`,
      holder: { name: '孙八', idType: 'resident', idNumber },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  certificateId = res.json().id;
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

describe('revealing an ID number in Chromium', () => {
  it('shows the number masked, asks for a reason, then shows it in full', async () => {
    const { page, errors } = await signIn(browser, baseUrl, 'reveal-mem', 'correct horse battery');
    await page.goto(`${baseUrl}/certificates/${certificateId}`);
    const shown = page.getByTestId('holder-id-number');
    await shown.waitFor();
    assert.equal(
      (await shown.textContent())?.trim(),
      `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`,
    );
    assert.ok(!(await page.content()).includes(idNumber), 'the full number is nowhere on the page');

    await page.getByTestId('reveal-id').click();
    await page.locator('#reveal-ok').click();
    await page.getByText('请说明查看事由').waitFor();
    await page.fill('#reveal_reason', '持证人来电核对身份');
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/reveal')),
      page.locator('#reveal-ok').click(),
    ]);
    assert.equal(response.status(), 200);
    await page.getByTestId('holder-id-number').getByText(idNumber).waitFor();
    await page.getByTestId('reveal-hide').click();
    await page.getByTestId('reveal-id').waitFor();
    assert.ok(!(await page.content()).includes(idNumber), 'hidden again');
    assert.deepEqual(errors, []);
  });
});
