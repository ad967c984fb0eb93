import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { registeredCandidate, theoryPlan } from '../../src/exams/attempts.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, pickOption, signIn } from './browser.ts';

/**
 * An appeal and the archive's retention (issue 7 §5, §6) in Chromium: the operator reads the candidate's appeal,
 * corrects a sheet (the form starts from it and asks for the reason), upholds the appeal, issues; later the
 * province admin purges what retention allows and the chain still verifies. Scores up to the appeal are fixtures.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let planId: string;

const PASSWORD = 'correct horse battery';
const REASON = '第一位考评员漏记接地一项';

before(async () => {
  t = await createTestApp();
  const setup = await theoryPlan(t, {
    startsAt: '2026-12-26T09:00:00+08:00',
    endsAt: '2026-12-26T11:30:00+08:00',
  });
  planId = setup.planId;
  await t.db
    .updateTable('exam_plans')
    .set({ subjects: JSON.stringify([{ kind: 'skills', durationMinutes: 90, passMark: 60, fullMark: 100 }]) })
    .where('id', '=', planId)
    .execute();
  const operator = await t.tokenFor('institution-operator', { institution: setup.institution.id });
  const call = (token: string, url: string, payload?: object) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1${url}`,
      headers: { authorization: `Bearer ${token}` },
      payload,
    });
  const c = await registeredCandidate(t, planId, setup.sittingId, '施十七');
  for (const [name, points] of [
    ['考评员甲', 40],
    ['考评员乙', 62],
    ['考评员丙', 61],
  ] as const) {
    const staff = await call(operator, `/sittings/${setup.sittingId}/staff`, {
      role: 'examiner',
      name,
      employer: '某职业技术学院',
    });
    const sheet = await call(operator, `/registrations/${c.registrationId}/practical-scores`, {
      staffId: staff.json().id,
      subject: 'skills',
      criteria: [{ criterion: '接线与接地', points }],
    });
    assert.equal(sheet.statusCode, 200, sheet.body);
  }
  assert.equal((await call(operator, `/plans/${planId}/results/compute`)).statusCode, 200);
  assert.equal(
    (await call(operator, `/plans/${planId}/results/publish`, { publicityDays: 5, appealDays: 10 }))
      .statusCode,
    200,
  );
  assert.equal(
    (await call(c.token, `/registrations/${c.registrationId}/appeal`, { reason: REASON })).statusCode,
    200,
  );
  for (const [username, role, scope] of [
    ['appeals-op', 'institution-operator', { institution: setup.institution.id }],
    ['appeals-sh', 'province-admin', { province: '310000' }],
  ] as const) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: { username, displayName: username, role, password: PASSWORD, ...scope },
    });
    assert.equal(res.statusCode, 201, res.body);
  }
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

async function resultsTab(username: string): Promise<{ page: Page; errors: string[] }> {
  const { page, errors } = await signIn(browser, baseUrl, username, PASSWORD);
  await page.goto(`${baseUrl}/console/plans/${planId}`);
  await page.getByTestId('tab-results').click();
  return { page, errors };
}

function choose(page: Page, testId: string, text: string): Promise<void> {
  return pickOption(page, page.getByTestId(testId), text);
}

describe('appeals and retention in Chromium', () => {
  it('upholds an appeal after a corrected sheet, issues, and purges what retention allows', async () => {
    const op = await resultsTab('appeals-op');
    const row = op.page.getByTestId('results').locator('tbody tr.ant-table-row').first();
    await row.locator('[data-testid="result-status"][data-status="appealed"]').waitFor();
    assert.match(String(await row.getByTestId('appeal').textContent()), new RegExp(REASON));
    assert.match(String(await row.getByTestId('result-passed').textContent()), /不合格/);

    // The corrected sheet: the form starts from 甲's sheet and asks for the reason before saving.
    await choose(op.page, 'score-registration', '施十七');
    await choose(op.page, 'score-examiner', '考评员甲');
    await op.page.getByTestId('reason-needed').waitFor();
    const points = op.page.locator(
      'input[data-testid=criterion-points], [data-testid=criterion-points] input',
    );
    assert.equal(await points.first().inputValue(), '40');
    await points.first().fill('70');
    await op.page.fill('#score-reason', '复核录像，补记接地得分');
    await op.page.getByTestId('save-score').click();
    await op.page.getByTestId('score-saved').filter({ hasText: '考评员甲 70' }).waitFor();

    // Upheld: decided again from the sheets as they stand, (70 + 62 + 61) / 3 = 64.3, a pass, and final.
    await row.getByTestId('resolve-appeal').click();
    assert.match(String(await op.page.getByTestId('appeal-reason').textContent()), new RegExp(REASON));
    assert.ok(await op.page.locator('#confirm-appeal').isDisabled(), 'an outcome and a reason are needed');
    await op.page.getByTestId('appeal-upheld').click();
    await op.page.fill('#appeal-resolution', '复核属实，按更正后的评分表重新合成');
    await op.page.locator('#confirm-appeal').click();
    await row.locator('[data-testid="result-status"][data-status="final"]').waitFor();
    assert.match(String(await row.getByTestId('score-skills').textContent()), /64\.3/);
    assert.match(String(await row.getByTestId('appeal-resolved').textContent()), /已支持/);
    assert.match(String(await row.getByTestId('result-passed').textContent()), /^合格$/);

    // A final result is issued at once; the operator may verify the archive but not purge it.
    await op.page.getByTestId('issue-results').click();
    // Issuing asks first, saying how many certificates it issues (issue 15 §5).
    await op.page.locator('#confirm-issue').click();
    // Issuing signs a credential per certificate: on a loaded machine it can take longer than one step's default wait.
    await op.page.getByTestId('issued-number').first().waitFor({ timeout: 60_000 });
    assert.equal(await op.page.getByTestId('purge-archive').count(), 0);

    // Years later the province admin purges what retention allows: the process record goes (a tombstone), the
    // roster stays, and the chain still verifies.
    await t.db
      .updateTable('archive_records')
      .set({ sealed_at: new Date('2019-01-01') })
      .where('plan_id', '=', planId)
      .execute();
    const sh = await resultsTab('appeals-sh');
    await sh.page.getByTestId('purge-archive').click();
    await sh.page.locator('#confirm-purge').click();
    await sh.page.getByTestId('purge-outcome').waitFor();
    assert.match(String(await sh.page.getByTestId('purge-outcome').textContent()), /已销毁 1 条，保留 1 条/);
    await sh.page.locator('[data-testid="archive-check"][data-ok="true"]').waitFor();
    assert.match(
      String(await sh.page.getByTestId('archive-check').textContent()),
      /2 条记录，1 条已按期销毁/,
    );

    assert.deepEqual(op.errors, []);
    assert.deepEqual(sh.errors, []);
    await op.page.close();
    await sh.page.close();
  });
});
