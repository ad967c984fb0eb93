import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { residentIdCheckChar } from '../../src/shared/identifiers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, signIn } from './browser.ts';

/**
 * 互认决定书 (issue 13 item 7) as people use it: a worker goes from the calculator to a printed decision; anyone
 * verifies it in another browser; the department it names records its intake, which the worker then sees.
 */
let t: TestApp;
let browser: Browser;
let other: Browser;
let baseUrl: string;
let mem: string;
let mohurd: string;

before(async () => {
  t = await createTestApp();
  mem = await t.tokenFor('department-admin', { department: 'mem' });
  mohurd = await t.tokenFor('department-admin', { department: 'mohurd', province: '310000' });
  baseUrl = await listen(t);
  browser = await launchChromium();
  other = await launchChromium();
});
after(async () => {
  await other?.close();
  await browser?.close();
  await t?.close();
});

async function verdict(page: Page): Promise<string | null> {
  const locator = page.getByTestId('verification-verdict');
  await locator.waitFor();
  return locator.getAttribute('data-verdict');
}

describe('互认决定书 in Chromium', () => {
  it('calculator → printed decision → verified in another browser → intake shown → revoked basis', async () => {
    const body = '31010119850707123';
    const idNumber = body + residentIdCheckChar(body);
    const certificate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: { authorization: `Bearer ${mem}` },
      payload: {
        type: 'mem.lv-electrician',
        number: `T${idNumber}`,
        holder: { name: '周九', idType: 'resident', idNumber },
        validFrom: '2024-03-01',
        validUntil: '2030-02-28',
        issuer: { region: '310000', organization: '上海市应急管理局' },
      },
    });
    assert.equal(certificate.statusCode, 201, certificate.body);
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: {
        username: 'zhoujiu',
        displayName: '周九',
        password: 'correct horse battery',
        role: 'holder',
        holderIdNumber: idNumber,
      },
    });
    assert.equal(user.statusCode, 201, user.body);

    const { page, errors } = await signIn(browser, baseUrl, 'zhoujiu', 'correct horse battery');
    await page.goto(`${baseUrl}/recognition`);
    await page.getByTestId('use-mine').click();
    await page.getByTestId('exemption-mohurd.electrician').waitFor();
    await page.getByTestId('make-decision').click();
    await page.waitForURL(/\/decisions\/[0-9a-f-]+\/print$/);
    const sheet = page.getByTestId('decision-sheet');
    await sheet.waitFor();
    assert.equal(await page.getByTestId('decision-holder').textContent(), '周九');
    assert.match(
      String(await page.getByTestId('decision-exemption-mohurd.electrician').textContent()),
      /免予安全培训/,
    );
    assert.doesNotMatch(String(await sheet.textContent()), new RegExp(idNumber), 'no full ID number printed');
    const qrLoaded = await page.getByTestId('sheet-qr').evaluate((img) => {
      const image = img as unknown as { complete: boolean; naturalWidth: number };
      return image.complete && image.naturalWidth > 0;
    });
    assert.ok(qrLoaded, 'the QR code image loads');
    const verifyUrl = String(await page.getByTestId('sheet-verify-url').textContent());
    assert.match(verifyUrl, /\/v\/[0-9a-f-]+#/);
    assert.match(String(await page.getByTestId('decision-intakes').textContent()), /尚无/);

    // Another browser, no session: the QR link verifies in the page, shown as a decision.
    const visitor = await other.newPage();
    visitor.setDefaultTimeout(20_000);
    const link = new URL(verifyUrl);
    await visitor.goto(`${baseUrl}${link.pathname}${link.hash}`);
    assert.equal(await verdict(visitor), 'verified');
    await visitor.getByTestId('vc-decision').waitFor();
    assert.equal(await visitor.getByTestId('vc-holder').textContent(), '周九');
    await visitor.getByTestId('vc-exemption-mohurd.electrician').waitFor();

    // The department the exemption targets records its intake; the worker sees it on the printed decision.
    const decisionId = /\/decisions\/([0-9a-f-]+)\/print/.exec(page.url())?.[1];
    const intake = await t.app.inject({
      method: 'POST',
      url: `/api/v1/recognition/decisions/${decisionId}/intake`,
      headers: { authorization: `Bearer ${mohurd}` },
      payload: { outcome: 'accepted' },
    });
    assert.equal(intake.statusCode, 200, intake.body);
    await page.reload();
    const outcome = page.getByTestId('decision-intake-mohurd');
    await outcome.waitFor();
    assert.equal(await outcome.getAttribute('data-outcome'), 'accepted');
    // The same credential after the reload: the QR printed earlier still points at it.
    assert.equal(String(await page.getByTestId('sheet-verify-url').textContent()), verifyUrl);
    await page.goto(`${baseUrl}/decisions/${decisionId}`);
    assert.equal(await page.getByTestId('intake-mohurd').getAttribute('data-outcome'), 'accepted');

    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/v1/certificates/${certificate.json().id}/revoke`,
      headers: { authorization: `Bearer ${mem}` },
      payload: { reason: '测试 test' },
    });
    assert.equal(revoke.statusCode, 200, revoke.body);
    await visitor.reload();
    assert.equal(await verdict(visitor), 'revoked');
    assert.deepEqual(errors, []);
  });
});
