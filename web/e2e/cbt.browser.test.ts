import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { registeredCandidate, theoryPaper, theoryPlan } from '../../src/exams/attempts.test-helpers.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/**
 * A candidate sits the computer-based theory exam (issue 7 §3, §9): starts it from their registrations, answers,
 * reloads the page mid-exam and finds their answers and the timer still there, completes, submits, sees the score.
 * The plan, its paper (bank items written directly) and the registration are fixtures; the sitting is under way.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let username: string;
let registrationId: string;

before(async () => {
  t = await createTestApp();
  const now = Date.now();
  const { planId, sittingId } = await theoryPlan(t, {
    startsAt: new Date(now - 10 * 60_000).toISOString(),
    endsAt: new Date(now + 120 * 60_000).toISOString(),
    durationMinutes: 60,
  });
  await theoryPaper(t, planId);
  const c = await registeredCandidate(t, planId, sittingId, '钱考生');
  registrationId = c.registrationId;
  const me = await t.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: { authorization: `Bearer ${c.token}` },
  });
  username = me.json().user.username;
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

const item = (page: Page, type: string) => page.locator(`[data-type="${type}"]`);

async function answer(page: Page, type: string, label: string) {
  const saved = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().includes('/answers/'));
  await item(page, type).getByText(label).click();
  assert.equal((await saved).status(), 200);
  await page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
}

const remaining = async (page: Page) =>
  Number(await page.getByTestId('timer').getAttribute('data-remaining'));

describe('the candidate’s theory exam in Chromium', () => {
  it('starts, answers, survives a reload with answers and timer, submits and sees the score', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', username);
    await page.fill('#password', 'correct horse battery');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);

    // From 我的报名: the sitting is under way, so the exam is offered.
    await page.goto(`${baseUrl}/my/registrations`);
    await page.getByTestId('take-exam').click();
    await page.waitForURL(new RegExp(`/exam/${registrationId}$`));
    await page.getByTestId('start-exam').click();
    await page.waitForURL(/\?attempt=/);
    await page.locator('[data-item]').nth(2).waitFor();
    assert.equal(await page.locator('[data-item]').count(), 3);
    const started = await remaining(page);
    assert.ok(started > 3500 && started <= 3600, `the countdown starts from the server: ${started}`);

    await answer(page, 'single', '50 V');
    await answer(page, 'multiple', '绝缘手套');
    assert.equal(await page.getByTestId('answered').textContent(), '已答 2 / 3 题');

    // A lost connection or a reload: the same paper, the saved answers, the timer still running.
    await page.reload();
    await page.locator('[data-item]').nth(2).waitFor();
    await item(page, 'single').locator('.ant-radio-wrapper-checked', { hasText: '50 V' }).waitFor();
    await item(page, 'multiple').locator('.ant-checkbox-wrapper-checked', { hasText: '绝缘手套' }).waitFor();
    assert.equal(await item(page, 'multiple').locator('.ant-checkbox-wrapper-checked').count(), 1);
    const afterReload = await remaining(page);
    assert.ok(afterReload > 0 && afterReload <= started, `timer kept: ${afterReload} ≤ ${started}`);
    assert.equal(await page.getByTestId('answered').textContent(), '已答 2 / 3 题');

    await answer(page, 'multiple', '绝缘靴');
    await answer(page, 'multiple', '绝缘棒');
    await answer(page, 'true-false', '错误');

    await page.getByTestId('submit-exam').click();
    await page.getByRole('button', { name: '确定交卷' }).click();
    await page.getByTestId('exam-score').waitFor();
    assert.equal(await page.getByTestId('exam-score').textContent(), '理论知识考试成绩：100 / 100 分');

    const log = await t.db
      .selectFrom('exam_answers as x')
      .innerJoin('exam_attempts as a', 'a.id', 'x.attempt_id')
      .select(['x.response'])
      .where('a.registration_id', '=', registrationId)
      .execute();
    assert.equal(log.length, 5, 'each change logged');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
