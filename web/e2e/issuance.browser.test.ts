import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { createUser } from '../../src/accounts/accounts.service.ts';
import { passedHolder, setUpDepartmentIssuance } from '../../src/issuance/issuance.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, signIn } from './browser.ts';

/**
 * 一试多证 issued by the department (issue 13 item 8): after a Shanghai 电工四级 issuance, the Shanghai MOHURD admin
 * (as the demo's `mohurd-sh`) finds the 建筑电工 request in the console queue, confirms it with MOHURD's own number,
 * and the certificate is then in the registry and the public query.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let candidate: Awaited<ReturnType<typeof passedHolder>>;

const PASSWORD = 'correct horse battery';
const NUMBER = '沪A012026000555';

before(async () => {
  t = await createTestApp();
  // No linked source for 建筑电工 here: MOHURD's confirmed certificates are hosted, so the public query shows them.
  const setup = await setUpDepartmentIssuance(t, { linked: false });
  candidate = await passedHolder(t, setup, '褚六');
  const issued = await t.app.inject({
    method: 'POST',
    url: `/api/v1/plans/${setup.planId}/results/issue`,
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
  });
  assert.equal(issued.statusCode, 200, issued.body);
  await createUser(
    t.db,
    { actorId: null, actorLabel: 'test', requestId: null, at: new Date() },
    {
      username: 'mohurd-sh',
      displayName: '上海市住建 管理员',
      password: PASSWORD,
      role: 'department-admin',
      department: 'mohurd',
      province: '310000',
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

describe('一试多证 issuance requests in Chromium', () => {
  it('a MOHURD Shanghai admin confirms a request with its own number and the certificate becomes findable', async () => {
    const { page, errors } = await signIn(browser, baseUrl, 'mohurd-sh', PASSWORD);
    await page.getByRole('menuitem', { name: /一试多证发证请求/ }).click();
    await page.waitForURL(/\/console\/issuance-requests/);
    const row = page.locator('[data-testid="issuance-queue"] tr', { hasText: '褚六' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /待核发/);
    assert.ok(!((await row.textContent()) ?? '').includes(candidate.idNumber), 'the ID number is masked');

    await row.getByTestId('issuance-confirm').click();
    await page.getByTestId('confirm-number').fill(NUMBER);
    await page.getByTestId('confirm-organization').fill('上海市住房和城乡建设管理委员会');
    await page.getByRole('button', { name: /确认核发/ }).click();
    await page.getByText(`已核发：${NUMBER}`).waitFor();
    // The pending filter no longer lists it.
    await row.waitFor({ state: 'detached' });

    const found = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/certificates/search',
      payload: { name: '褚六', idNumber: candidate.idNumber },
    });
    const electrician = found
      .json()
      .items.find(
        (i: { kind: string; type: string }) => i.kind === 'hosted' && i.type === 'mohurd.electrician',
      );
    assert.ok(electrician, found.body);
    assert.equal(electrician.number, NUMBER);
    assert.equal(electrician.issuer.organization, '上海市住房和城乡建设管理委员会');
    assert.deepEqual(errors, []);
  });

  it('the candidate sees 住建已核发 with the number beside the registration', async () => {
    const user = await t.db
      .selectFrom('users')
      .select('username')
      .where('holder_id', '=', candidate.holderId)
      .executeTakeFirstOrThrow();
    const { page, errors } = await signIn(browser, baseUrl, user.username, PASSWORD);
    await page.goto(`${baseUrl}/my/registrations`);
    const tag = page.locator('[data-testid="issuance-requests"] [data-status="issued"]');
    await tag.waitFor();
    assert.equal(((await tag.textContent()) ?? '').trim(), `住建已核发 ${NUMBER}`);
    assert.deepEqual(errors, []);
  });
});
