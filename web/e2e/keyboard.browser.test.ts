import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { registeredCandidate, theoryPaper, theoryPlan } from '../../src/exams/attempts.test-helpers.ts';
import { residentIdCheckChar } from '../../src/shared/identifiers.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/**
 * Keyboard alone (issue 15 item 8): a person who cannot use a mouse completes the public query, the recognition
 * calculator and a theory exam with Tab, Enter, Space and the arrow keys. Every control is reached by tabbing from
 * the top of the page, so a control that Tab skips fails the test.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let username: string;
let registrationId: string;

const body = '31010119850612341';
const idNumber = body + residentIdCheckChar(body);

before(async () => {
  t = await createTestApp();
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

async function newPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** What has the keyboard focus: its tag, id, test id, and the text of its label or its own text. */
function focused(page: Page): Promise<{ tag: string; id: string; testId: string; text: string }> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el) return { tag: '', id: '', testId: '', text: '' };
    const holder = el.closest('[data-testid]');
    const label = el.closest('label');
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id || '',
      testId: holder ? holder.getAttribute('data-testid') : '',
      text: ((label || el).textContent || '').trim(),
    };
  })()`);
}

/** Presses Tab until the focused element passes `isTarget`; fails when it is not reached in `max` presses. */
async function tabTo(
  page: Page,
  what: string,
  isTarget: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  max = 80,
): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (isTarget(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${what} (last focused: ${JSON.stringify(await focused(page))})`);
}

const byId = (id: string) => (f: { id: string }) => f.id === id;
const byTestId = (testId: string) => (f: { testId: string }) => f.testId === testId;

describe('keyboard alone', () => {
  it('completes the public query (一网通查)', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/query`);
    await page.locator('#query-name').waitFor();
    await tabTo(page, 'the name field', byId('query-name'));
    await page.keyboard.type('孙八');
    await tabTo(page, 'the ID number field', byId('query-id-number'));
    await page.keyboard.type(idNumber);
    await tabTo(page, 'the query button', byTestId('query-submit'));
    await page.keyboard.press('Enter');
    await page.getByTestId('hosted-result').waitFor();
    assert.match(String(await page.getByTestId('hosted-result').textContent()), /低压电工作业/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('completes the recognition calculator (互认查询)', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/recognition`);
    await page.getByTestId('add-certificate').waitFor();
    await tabTo(page, 'the add-certificate button', byTestId('add-certificate'));
    await page.keyboard.press('Enter');
    await tabTo(page, 'the certificate type', (f) => f.testId === 'cert-type-0' && f.tag === 'input');
    await page.keyboard.type('低压电工作业');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
    await page.keyboard.press('Enter');
    await tabTo(page, 'the certificate number', byId('cert-number-0'));
    await page.keyboard.type('T11010519491231002X');
    await tabTo(page, 'the start of validity', byId('cert-from-0'));
    await page.keyboard.type('2024-03-01');
    await page.keyboard.press('Enter');
    await tabTo(page, 'the end of validity', byId('cert-until-0'));
    await page.keyboard.type('2030-02-28');
    await page.keyboard.press('Enter');
    await tabTo(page, 'the region', (f) => f.testId === 'region' && f.tag === 'input');
    await page.keyboard.type('310000');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
    await page.keyboard.press('Enter');
    await tabTo(page, 'the query button', (f) => f.tag === 'button' && /查\s*询/.test(f.text));
    const [sent] = await Promise.all([
      page.waitForRequest((req) => req.url().endsWith('/api/v1/recognition/evaluate')),
      page.keyboard.press('Enter'),
    ]);
    const request = sent.postDataJSON() as { region: string; certificates: Array<Record<string, string>> };
    assert.equal(request.region, '310000');
    assert.equal(request.certificates[0]?.type, 'mem.lv-electrician');
    assert.equal(request.certificates[0]?.validFrom, '2024-03-01');
    assert.equal(request.certificates[0]?.validUntil, '2030-02-28');
    await page.getByTestId('level-6-31-01-03').waitFor();
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('signs in, starts, answers and submits a theory exam', async () => {
    const { page, errors } = await newPage();
    await page.goto(`${baseUrl}/login`);
    await page.locator('#username').waitFor();
    await tabTo(page, 'the username', byId('username'));
    await page.keyboard.type(username);
    await tabTo(page, 'the password', byId('password'));
    await page.keyboard.type('correct horse battery');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/catalog/);

    await page.goto(`${baseUrl}/my/registrations`);
    await page.getByTestId('take-exam').waitFor();
    await tabTo(page, 'take the exam', byTestId('take-exam'));
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/exam/${registrationId}$`));
    await page.getByTestId('start-exam').waitFor();
    await tabTo(page, 'start the exam', byTestId('start-exam'));
    await page.keyboard.press('Enter');
    await page.locator('[data-item]').nth(2).waitFor();

    const saved = () => page.locator('[data-testid="save-status"][data-state="saved"]').waitFor();
    const inItem = (type: string) =>
      page.evaluate(`!!document.activeElement?.closest('[data-type="${type}"]')`) as Promise<boolean>;
    // Single choice: Tab into the group, then the arrow keys move to (and choose) 50 V.
    for (let i = 0; i < 80 && !(await inItem('single')); i++) await page.keyboard.press('Tab');
    for (let i = 0; i < 4 && !/50 V/.test((await focused(page)).text); i++)
      await page.keyboard.press('ArrowDown');
    if (!(await page.locator('[data-type="single"] .ant-radio-wrapper-checked').count()))
      await page.keyboard.press('Space');
    await page.locator('[data-type="single"] .ant-radio-wrapper-checked', { hasText: '50 V' }).waitFor();
    await saved();
    // Multiple choice: Tab from box to box, Space ticks the right ones.
    for (const label of ['绝缘手套', '绝缘靴', '绝缘棒']) {
      await tabTo(page, label, (f) => f.tag === 'input' && f.text.includes(label));
      await page.keyboard.press('Space');
      await page
        .locator('[data-type="multiple"] .ant-checkbox-wrapper-checked', { hasText: label })
        .waitFor();
      await saved();
    }
    // True or false: Tab into the pair, an arrow key moves to 错误.
    for (let i = 0; i < 20 && !(await inItem('true-false')); i++) await page.keyboard.press('Tab');
    for (let i = 0; i < 2 && !/错误/.test((await focused(page)).text); i++)
      await page.keyboard.press('ArrowRight');
    if (!(await page.locator('[data-type="true-false"] .ant-radio-wrapper-checked').count()))
      await page.keyboard.press('Space');
    await page.locator('[data-type="true-false"] .ant-radio-wrapper-checked', { hasText: '错误' }).waitFor();
    await saved();
    assert.equal(await page.getByTestId('answered').textContent(), '已答 3 / 3 题');

    await tabTo(page, 'hand in', byTestId('submit-exam'));
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: '确定交卷' });
    await confirm.waitFor();
    // The dialog takes the focus; Tab reaches its confirm button, Enter hands in.
    await tabTo(page, 'the confirm button', (f) => f.tag === 'button' && f.text.includes('确定交卷'), 10);
    await page.keyboard.press('Enter');
    await page.getByTestId('exam-score').waitFor();
    assert.equal(await page.getByTestId('exam-score').textContent(), '理论知识考试成绩：100 / 100 分');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
