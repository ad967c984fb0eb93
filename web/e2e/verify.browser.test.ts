import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { residentIdCheckChar } from '../../src/shared/identifiers.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/** What anyone holding a printed certificate does: scan or paste it on the verify page; and a holder's own page. */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let mem: string;

before(async () => {
  t = await createTestApp();
  mem = await t.tokenFor('department-admin', { department: 'mem' });
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const auth = () => ({ authorization: `Bearer ${mem}` });
let serial = 500;

async function createCertificate(name: string) {
  serial += 1;
  const body = `31010119900101${serial}`;
  const idNumber = body + residentIdCheckChar(body);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: auth(),
    payload: {
      type: 'mem.lv-electrician',
      number: `T${idNumber}`,
      holder: { name, idType: 'resident', idNumber },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return { id: res.json().id as string, idNumber };
}

async function credentialOf(certificateId: string) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/certificates/${certificateId}/credential`,
    headers: auth(),
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { id: string; credential: string; digest: string; qr: { mode: string; text: string } };
}

/** A page that records requests leaving the server and script errors. */
async function openPage(): Promise<{ page: Page; outside: string[]; errors: string[] }> {
  const page = await browser.newPage({ acceptDownloads: true });
  page.setDefaultTimeout(20_000);
  const outside: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(baseUrl) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, outside, errors };
}

async function verdict(page: Page, testId = 'verification'): Promise<string | null> {
  const locator = page.getByTestId(`${testId}-verdict`);
  await locator.waitFor();
  return locator.getAttribute('data-verdict');
}

const checkRow = (page: Page, check: string, testId = 'verification') =>
  page.getByTestId(`${testId}-check-${check}`);

describe('verify page in Chromium', () => {
  it('verifies a QR link in the browser, shows it revoked after revocation, and rejects a tampered credential', async () => {
    const { page, outside, errors } = await openPage();
    const certificate = await createCertificate('王五');
    const c = await credentialOf(certificate.id);
    assert.equal(c.qr.mode, 'link');

    await page.goto(`${baseUrl}/v/${c.id}#${c.digest}`);
    assert.equal(await verdict(page), 'verified');
    for (const check of ['digest', 'schema', 'issuer', 'signature', 'validity', 'status'])
      assert.equal(await checkRow(page, check).getAttribute('data-status'), 'valid', check);
    assert.equal(await page.getByTestId('vc-holder').textContent(), '王五');
    await page.getByTestId('keys-fresh').waitFor();

    // A link whose digest does not match the stored credential is a failed check.
    await page.goto(`${baseUrl}/v/${c.id}#${c.digest.slice(0, -2)}AA`);
    assert.equal(await verdict(page), 'invalid');
    assert.equal(await checkRow(page, 'digest').getAttribute('data-status'), 'invalid');
    assert.match(String(await checkRow(page, 'digest').textContent()), /摘要不一致/);

    const revoked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/certificates/${certificate.id}/revoke`,
      headers: auth(),
      payload: { reason: '伪造材料 forged papers' },
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    await page.goto(`${baseUrl}/v/${c.id}#${c.digest}`);
    assert.equal(await verdict(page), 'revoked');
    assert.equal(await checkRow(page, 'status').getAttribute('data-status'), 'invalid');
    assert.match(String(await checkRow(page, 'status').textContent()), /已被发证机关吊销/);
    await page.getByTestId('verify-server').click();
    assert.equal(await verdict(page, 'server-verification'), 'revoked');

    // One flipped character of the signature: the signature no longer matches.
    const [h, p, s] = c.credential.split('.') as [string, string, string];
    const at = 20;
    const flipped = `${h}.${p}.${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;
    await page.goto(`${baseUrl}/verify`);
    await page.getByTestId('credential-text').fill(flipped);
    await page.getByTestId('verify-submit').click();
    assert.equal(await verdict(page), 'invalid');
    assert.equal(
      await checkRow(page, 'signature').locator('[data-reason]').getAttribute('data-reason'),
      'bad-signature',
    );
    assert.match(String(await checkRow(page, 'signature').textContent()), /可能被篡改/);

    // Offline: the signature still checks against the cached keys; the status cannot be fetched and is skipped.
    await page.context().setOffline(true);
    await page.getByTestId('credential-text').fill(c.credential);
    await page.getByTestId('verify-submit').click();
    await page.getByTestId('keys-cached').waitFor();
    assert.equal(await checkRow(page, 'signature').getAttribute('data-status'), 'valid');
    assert.equal(await checkRow(page, 'status').getAttribute('data-status'), 'skipped');
    await page.context().setOffline(false);

    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, [], 'no script errors');
    await page.close();
  });

  it('reads an uploaded QR image and verifies the credential it links to', async () => {
    const { page, outside, errors } = await openPage();
    const certificate = await createCertificate('赵六');
    const c = await credentialOf(certificate.id);
    const png = await QRCode.toBuffer(c.qr.text, { errorCorrectionLevel: 'M', margin: 2, scale: 4 });

    await page.goto(`${baseUrl}/verify`);
    await page.getByRole('tab', { name: /上传二维码图片/ }).click();
    await page.setInputFiles('#qr-image', { name: 'qr.png', mimeType: 'image/png', buffer: png });
    assert.equal(await verdict(page), 'verified');
    assert.equal(await checkRow(page, 'digest').getAttribute('data-status'), 'valid');
    assert.equal(await page.getByTestId('vc-holder').textContent(), '赵六');

    // An image without a QR code (one white pixel) says so.
    const pixel = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
      'base64',
    );
    await page.setInputFiles('#qr-image', { name: 'pixel.png', mimeType: 'image/png', buffer: pixel });
    assert.match(String(await page.getByTestId('verify-problem').textContent()), /未找到二维码/);

    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, [], 'no script errors');
    await page.close();
  });

  it('lets a holder download, show, print and verify the credential of each of their certificates', async () => {
    const certificate = await createCertificate('钱七');
    const admin = await t.tokenFor('system-admin');
    const user = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${admin}` },
      payload: {
        username: 'qianqi',
        displayName: '钱七',
        password: 'correct horse battery',
        role: 'holder',
        holderIdNumber: certificate.idNumber,
      },
    });
    assert.equal(user.statusCode, 201, user.body);
    const { page, outside, errors } = await openPage();
    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'qianqi');
    await page.fill('#password', 'correct horse battery');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);
    await page.locator('.ant-menu').getByText('我的凭证').click();
    await page.waitForURL(/\/my\/credentials$/);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`download-${certificate.id}`).click(),
    ]);
    assert.equal(
      download.suggestedFilename(),
      `${certificate.id}.jwt`,
      'a masked number does not name the file',
    );
    const jws = fs.readFileSync(await download.path(), 'utf8');
    assert.equal(jws, (await credentialOf(certificate.id)).credential);

    await page.getByTestId(`qr-${certificate.id}`).click();
    const qr = page.getByTestId('qr-image-view');
    await qr.waitFor();
    // The SVG is served by the API and has loaded (a broken image has no natural width).
    await page.waitForFunction('document.querySelector(\'[data-testid="qr-image-view"]\')?.naturalWidth > 0');
    await page.keyboard.press('Escape');

    await page.getByTestId(`verify-${certificate.id}`).click();
    await page.waitForURL(/\/v\/[0-9a-f-]+#/);
    assert.equal(await verdict(page), 'verified');

    await page.goBack();
    await page.getByTestId(`print-${certificate.id}`).click();
    await page.waitForURL(/\/print\//);
    assert.equal(await page.getByTestId('sheet-holder').textContent(), '钱七');
    await page.waitForFunction('document.querySelector(\'[data-testid="sheet-qr"]\')?.naturalWidth > 0');
    // Printing leaves out the app's header and menu, and the certificate fits one A4 page.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.hutong-chrome').first().isVisible(), false);
    const pdf = await page.pdf({ preferCSSPageSize: true });
    const pdfText = pdf.toString('latin1');
    assert.equal(pdfText.match(/\/Type\s*\/Page[^s]/g)?.length, 1, 'one page');
    assert.match(pdfText, /\/MediaBox\s*\[\s*0 0 59[4-6](\.\d+)? 84[12]/, 'A4: 595 × 842 pt');
    await page.emulateMedia({ media: 'screen' });

    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, [], 'no script errors');
    await page.close();
  });
});
