import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { theoryPaper, theoryPlan } from '../../src/exams/attempts.test-helpers.ts';
import { candidate } from '../../src/exams/exams.test-helpers.ts';
import { COMMITMENT } from '../../src/exams/registration.model.ts';
import { newId } from '../../src/shared/ids.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, pickOption, signIn } from './browser.ts';

/**
 * The whole flow a newcomer walks (issue 7 "done when"), in one test: a holder finds a plan on /exams, checks their
 * eligibility, registers under the 双承诺, sits the theory exam and submits; the institution's operator enters three
 * examiners' skills sheets, computes, publishes with no publicity or appeal days and issues; an anonymous visitor
 * finds the new certificate on /query (proof-of-work at 0 bits in the test app), and the holder opens its credential
 * on /my/credentials, which verifies on the verify page.
 *
 * Time, honestly: registration closes on a date before the sitting's (plans.rules.ts `scheduleProblems`), and the
 * page offers only sittings not yet begun, so no one can register for a sitting under way. The test app's clock
 * (real by default, createTestApp) is therefore one that can jump: the holder registers today, while the window
 * (yesterday – tomorrow) is open for a sitting three days on; then the app's clock moves three days on, into the
 * sitting, and every later browser context has its clock installed at the same moment (Playwright's `clock`), so
 * the exam page, the verify page's validity check and the session cookies all agree with the server. Moving the
 * clock back instead would not do: a cookie whose expiry lies in the browser's past is dropped at once. Fixtures
 * (institution, plan, paper, examiners) are written directly, as in the other browser tests.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let planId: string;
let holder: { username: string; idNumber: string };
let shift = 0;

const PASSWORD = 'correct horse battery';
const NAME = '褚十二';
const DAY = 86_400_000;
const SHIFT = 3 * DAY;
const EXAMINERS = ['考评员甲', '考评员乙', '考评员丙'];
const chinaDate = (days: number) =>
  new Date(Date.now() + 8 * 3600_000 + days * DAY).toISOString().slice(0, 10);

before(async () => {
  t = await createTestApp({ clock: { now: () => new Date(Date.now() + shift) } });
  const sitting = {
    startsAt: new Date(Date.now() + SHIFT - 30 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + SHIFT + 3 * 3600_000).toISOString(),
  };
  const fixture = await theoryPlan(t, { ...sitting, durationMinutes: 60 });
  planId = fixture.planId;
  await t.db
    .updateTable('exam_plans')
    // Approved, as the province's admin would have (the list shows plans with an approval on record).
    .set({
      name: '电工四级认定 走查',
      registration_opens: chinaDate(-1),
      registration_closes: chinaDate(1),
      approved_by: 'sh-hrss',
      approved_at: new Date(),
    })
    .where('id', '=', planId)
    .execute();
  await theoryPaper(t, planId);
  for (const [role, name] of [
    ['invigilator', '监考甲'],
    ['invigilator', '监考乙'],
    ...EXAMINERS.map((n) => ['examiner', n] as const),
  ] as const)
    await t.db
      .insertInto('exam_staff')
      .values({
        id: newId(),
        plan_id: planId,
        sitting_id: fixture.sittingId,
        role,
        name,
        employer: '外聘考评单位',
        user_id: null,
        created_at: new Date(),
      })
      .execute();
  const c = await candidate(t, [{ type: 'mem.lv-electrician' }], NAME);
  const me = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { authorization: `Bearer ${c.token}` },
  });
  holder = { username: me.json().user.username, idNumber: c.idNumber };
  const operator = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    payload: {
      username: 'walk-op',
      displayName: '评价中心操作员',
      role: 'institution-operator',
      institution: fixture.institution.id,
      password: PASSWORD,
    },
  });
  assert.equal(operator.statusCode, 201, operator.body);
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const errors: string[] = [];

/** A browser context living on the app's clock (moved on with it), with its pages' script errors collected. */
async function context(): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  if (shift !== 0) await ctx.clock.install({ time: Date.now() + shift });
  ctx.on('page', (p) => p.on('pageerror', (e) => errors.push(`${p.url()}: ${e.message}`)));
  return ctx;
}

/** A signed-in page in a fresh context (signIn's own error list is left aside: `context` collects them). */
async function session(username: string): Promise<Page> {
  return (await signIn(await context(), baseUrl, username, PASSWORD)).page;
}

function choose(page: Page, testId: string, text: string): Promise<void> {
  return pickOption(page, page.getByTestId(testId), text);
}

describe('a newcomer’s walk through the whole flow in Chromium', () => {
  it('registers, sits, is scored and issued, is found by the public and verifies', async () => {
    // 1. The holder finds the plan, checks eligibility, accepts the 双承诺 and registers.
    let page = await session(holder.username);
    await page.getByRole('menuitem', { name: '考试报名' }).click();
    await page.waitForURL(/\/exams$/);
    await page.locator(`[data-plan="${planId}"]`).getByTestId('open-plan').click();
    await page.waitForURL(new RegExp(`/exams/${planId}$`));
    // Six years in the occupation: the route of years alone (issue 13 §6: each condition reads its own figure).
    await page.fill('#years-in-occupation', '6');
    await page.getByTestId('check-eligibility').click();
    await page.locator('[data-testid="eligibility-result"][data-eligible="true"]').waitFor();
    await page.getByTestId('accept-commitment').click();
    await page.getByTestId('register').click();
    await page.getByTestId('register-done').waitFor();
    await page.context().close();
    const registration = await t.db
      .selectFrom('exam_registrations')
      .select(['id', 'channel', 'commitment'])
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    assert.equal(registration.channel, 'self');
    assert.equal(
      (registration.commitment as { version?: string }).version,
      COMMITMENT.version,
      'the 双承诺 is on record',
    );

    // 2. Three days on, during the sitting: the theory exam on the exam page.
    shift = SHIFT;
    page = await session(holder.username);
    await page.goto(`${baseUrl}/my/registrations`);
    await page.getByTestId('take-exam').click();
    await page.waitForURL(new RegExp(`/exam/${registration.id}$`));
    await page.getByTestId('start-exam').click();
    await page.locator('[data-item]').nth(2).waitFor();
    const answer = async (type: string, label: string) => {
      const saved = page.waitForResponse(
        (r) => r.request().method() === 'PUT' && r.url().includes('/answers/'),
      );
      await page.locator(`[data-type="${type}"]`).getByText(label).click();
      assert.equal((await saved).status(), 200);
    };
    await answer('single', '50 V');
    for (const option of ['绝缘手套', '绝缘靴', '绝缘棒']) await answer('multiple', option);
    await answer('true-false', '错误');
    await page.getByTestId('submit-exam').click();
    await page.getByRole('button', { name: '确定交卷' }).click();
    await page.getByTestId('exam-score').waitFor();
    assert.equal(await page.getByTestId('exam-score').textContent(), '理论知识考试成绩：100 / 100 分');
    await page.context().close();

    // 3. The operator scores the skills task, computes, publishes (0 days) and issues.
    page = await session('walk-op');
    await page.goto(`${baseUrl}/console/plans/${planId}`);
    await page.getByTestId('tab-results').click();
    await page.getByTestId('scoring').waitFor();
    await choose(page, 'score-registration', NAME);
    for (const [i, examiner] of EXAMINERS.entries()) {
      await choose(page, 'score-examiner', examiner);
      await page.getByTestId('criterion-name').fill('接线与通电试验');
      await page
        .locator('input[data-testid=criterion-points], [data-testid=criterion-points] input')
        .first()
        .fill(String([80, 84, 82][i]));
      await page.getByTestId('save-score').click();
      await page.getByTestId('score-saved').filter({ hasText: examiner }).waitFor();
    }
    await page.getByTestId('compute-results').click();
    const row = page.getByTestId('results').locator('tbody tr.ant-table-row').first();
    await row.getByTestId('result-passed').waitFor();
    assert.match(String(await row.getByTestId('result-passed').textContent()), /^合格$/);
    await page.getByTestId('publish-results').click();
    await page.locator('#publicity-days').fill('0');
    await page.locator('#appeal-days').fill('0');
    await page.locator('#confirm-publish').click();
    await row.locator('[data-testid="result-status"][data-status="published"]').waitFor();
    await page.getByTestId('issue-results').click();
    // Issuing asks first, saying how many certificates it issues (issue 15 §5).
    await page.locator('#confirm-issue').click();
    const number = String(await page.getByTestId('issued-number').first().textContent()).split(' ')[0] ?? '';
    assert.match(number, /^[YS]\d{21}$/);
    await row.locator('[data-testid="result-status"][data-status="issued"]').waitFor();
    await page.context().close();

    // 4. Anyone finds it on the public query, by name and ID number.
    const visitor = await context();
    page = await visitor.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${baseUrl}/query`);
    await page.fill('#query-name', NAME);
    await page.fill('#query-id-number', holder.idNumber);
    await page.getByTestId('query-submit').click();
    const found = page.getByTestId('hosted-result').filter({ hasText: number });
    await found.waitFor();
    assert.match(String(await found.textContent()), /职业技能等级证书[\s\S]*今日状态有效/);
    await visitor.close();

    // 5. The holder opens its credential, and it verifies in the browser.
    const certificate = await t.db
      .selectFrom('exam_results as x')
      .innerJoin('certificates as c', 'c.id', 'x.certificate_id')
      .select(['c.id', 'c.number', 'c.type'])
      .where('x.registration_id', '=', registration.id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([certificate.number, certificate.type], [number, 'mohrss.skill-level']);
    page = await session(holder.username);
    await page.locator('.ant-menu').getByText('我的凭证').click();
    await page.waitForURL(/\/my\/credentials$/);
    await page.getByTestId(`verify-${certificate.id}`).click();
    await page.waitForURL(/\/v\/[0-9a-f-]+#/);
    const verdict = page.getByTestId('verification-verdict');
    await verdict.waitFor();
    assert.equal(await verdict.getAttribute('data-verdict'), 'verified');
    assert.equal(await page.getByTestId('vc-holder').textContent(), NAME);
    await page.context().close();

    // And through the API: the certificate's credential verifies on the server too.
    const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const credential = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${certificate.id}/credential`,
      headers: admin,
    });
    assert.equal(credential.statusCode, 200, credential.body);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials/verify',
      payload: { credential: credential.json().credential },
    });
    assert.equal(verified.json().verified, true, verified.body);
    assert.deepEqual(errors, [], 'no script errors');
  });
});
