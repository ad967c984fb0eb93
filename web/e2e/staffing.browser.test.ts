import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { candidate, institution, plan, sitting } from '../../src/exams/exams.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, pickOption, signIn } from './browser.ts';

/**
 * Staffing a sitting (考务人员, issue 7 §3) in Chromium: a candidate registers and gives her employer; the
 * institution's operator assigns invigilators and examiners on the plan's staffing tab, watches the ratio checks
 * turn from unmet to met, and sees the examiner who works for the candidate's employer flagged for recusal.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let planId: string;
let candidateUser: string;

const PASSWORD = 'correct horse battery';
const EMPLOYER = '上海某某建设集团有限公司';

before(async () => {
  t = await createTestApp();
  const inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
  planId = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
  await t.db
    .updateTable('exam_plans')
    .set({
      subjects: JSON.stringify([
        { kind: 'theory', passMark: 60, durationMinutes: 90, fullMark: 100 },
        { kind: 'skills', passMark: 60, durationMinutes: 120, fullMark: 100 },
      ]),
      // Approved, so candidates find it (the fixture writes the status only).
      approved_by: 'test',
      approved_at: new Date(),
    })
    .where('id', '=', planId)
    .execute();
  await sitting(t, {
    planId,
    institution: inst,
    startsAt: '2026-12-28T09:00:00+08:00',
    endsAt: '2026-12-28T11:30:00+08:00',
    capacity: 10,
  });
  const c = await candidate(t, [{ type: 'mem.lv-electrician' }], '吕十六');
  const me = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { authorization: `Bearer ${c.token}` },
  });
  candidateUser = me.json().user.username;
  const user = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    payload: {
      username: 'staffing-op',
      displayName: '考务科',
      role: 'institution-operator',
      institution: inst.id,
      password: PASSWORD,
    },
  });
  assert.equal(user.statusCode, 201, user.body);
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const signInAs = (username: string) => signIn(browser, baseUrl, username, PASSWORD);

async function assign(page: Page, role: string, name: string, employer: string) {
  await pickOption(page, page.getByTestId('staff-role'), role);
  await page.fill('#staff-name', name);
  await page.fill('#staff-employer', employer);
  await page.getByTestId('assign-staff').click();
  await page.getByTestId('staff-row').filter({ hasText: name }).waitFor();
}

const checkStatus = (page: Page, code: string) =>
  page.getByTestId(`check-${code}`).getAttribute('data-status');

describe('staffing a sitting in Chromium', () => {
  it('assigns staff by the ratios and flags the examiner from the candidate’s employer', async () => {
    // The candidate registers and declares her employer.
    const cand = await signInAs(candidateUser);
    await cand.page.goto(`${baseUrl}/exams/${planId}`);
    // Six years in the occupation: the route of years alone (issue 13 §6: each condition reads its own figure).
    await cand.page.fill('#years-in-occupation', '6');
    await cand.page.getByTestId('check-eligibility').click();
    await cand.page.locator('[data-testid="eligibility-result"][data-eligible="true"]').waitFor();
    await cand.page.fill('#employer', `  ${EMPLOYER} `);
    await cand.page.getByTestId('accept-commitment').click();
    const [sent] = await Promise.all([
      cand.page.waitForRequest((r) => r.url().endsWith(`/api/v1/plans/${planId}/registrations`)),
      cand.page.getByTestId('register').click(),
    ]);
    assert.equal(sent.postDataJSON().employer, EMPLOYER, 'sent trimmed');
    await cand.page.getByTestId('register-done').waitFor();

    // The operator's staffing tab: one candidate, nobody assigned, the ratios unmet.
    const op = await signInAs('staffing-op');
    await op.page.goto(`${baseUrl}/console/plans/${planId}`);
    await op.page.getByTestId('tab-staffing').click();
    await op.page.getByTestId('staffing-checks').waitFor();
    assert.equal(await op.page.getByTestId('staffing-candidates').textContent(), '1');
    assert.equal(await checkStatus(op.page, 'invigilators'), 'unmet');
    assert.equal(await checkStatus(op.page, 'examiners'), 'unmet');
    assert.equal(await checkStatus(op.page, 'review-panel'), 'skipped', '四级 has no 综合评审');

    for (const name of ['周监考', '吴监考']) await assign(op.page, '监考人员', name, '某区教育考试中心');
    await op.page.locator('[data-testid="check-invigilators"][data-status="met"]').waitFor();
    for (const name of ['郑考评', '王考评', '冯考评'])
      await assign(op.page, '考评员', name, '某职业技术学院');
    await op.page.locator('[data-testid="check-examiners"][data-status="met"]').waitFor();
    assert.equal(await checkStatus(op.page, 'examiners-odd'), 'met');
    await op.page.locator('[data-testid="staffing-ok"][data-ok="true"]').waitFor();

    // A fourth examiner from the candidate's employer: flagged, not counted, and the sitting is no longer in order.
    await assign(op.page, '考评员', '陈考评', EMPLOYER);
    const flagged = op.page.getByTestId('staff-row').filter({ hasText: '陈考评' });
    assert.equal(await flagged.getAttribute('data-recused'), 'candidate-employer');
    assert.match(String(await flagged.getByTestId('recusal').textContent()), /考生工作单位/);
    await op.page.locator('[data-testid="staffing-ok"][data-ok="false"]').waitFor();
    assert.equal(
      await checkStatus(op.page, 'examiners-odd'),
      'met',
      'three serve: the recused one does not count',
    );
    assert.equal(await op.page.getByTestId('recusal').count(), 1);

    // The registrations tab shows the employer the candidate gave.
    await op.page.getByTestId('tab-registrations').click();
    await op.page.getByTestId('registrations').getByText(EMPLOYER).waitFor();

    assert.deepEqual(cand.errors, []);
    assert.deepEqual(op.errors, []);
    await cand.page.close();
    await op.page.close();
  });
});
