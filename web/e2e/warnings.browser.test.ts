import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { institution, plan, sitting } from '../../src/exams/exams.test-helpers.ts';
import { newId } from '../../src/shared/ids.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen } from './browser.ts';

/**
 * A warning's review in Chromium (issue 8 §3): the province narrows an institution's filed scope under a sitting
 * still to come, the rules raise 超范围认定; a Shanghai supervisor sends it, the institution answers with a comment
 * and a file from its inbox, and the supervisor reads the answer, downloads the file, and accepts and closes it.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let warningId: string;
let copyingId: string;

const PASSWORD = 'correct horse battery';
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
const ANSWER = '该场次已取消，考生已转至具备备案范围的机构。';
const FILE = { name: '说明.txt', mimeType: 'text/plain', buffer: Buffer.from('场次取消通知 No. 7\n') };

async function addUser(payload: Record<string, string>) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin,
    payload: { password: PASSWORD, ...payload },
  });
  assert.equal(res.statusCode, 201, res.body);
}

before(async () => {
  t = await createTestApp();
  const inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
  const planId = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
  // A sitting a month from now, inside the filing's validity.
  const start = new Date(t.clock.now().getTime() + 30 * 24 * 3600_000);
  const sittingId = await sitting(t, {
    planId,
    institution: inst,
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 2 * 3600_000).toISOString(),
    capacity: 10,
  });
  copyingId = await addCopyingWarning({ planId, sittingId, institutionId: inst.id });

  // The province narrows the filed scope to 电工 三级 through the register's API: the 四级 sitting falls outside it.
  const provinceAdmin = {
    authorization: `Bearer ${await t.tokenFor('province-admin', { province: '310000' })}`,
  };
  const read = await t.app.inject({
    method: 'GET',
    url: `/api/v1/institutions/${inst.id}`,
    headers: provinceAdmin,
  });
  assert.equal(read.statusCode, 200, read.body);
  const narrowed = await t.app.inject({
    method: 'PATCH',
    url: `/api/v1/institutions/${inst.id}`,
    headers: provinceAdmin,
    payload: { version: read.json().version, scopes: [{ occupation: '6-31-01-03', level: '3' }] },
  });
  assert.equal(narrowed.statusCode, 200, narrowed.body);
  const run = await t.app.inject({
    method: 'POST',
    url: `/api/v1/plans/${planId}/supervision/run`,
    headers: admin,
  });
  assert.equal(run.statusCode, 200, run.body);
  assert.ok(run.json().raised >= 1, run.body);
  const list = await t.app.inject({
    method: 'GET',
    url: '/api/v1/warnings?status=created&rule=scope.outside-filing',
    headers: admin,
  });
  const items: { id: string; institution: { id: string } | null }[] = list.json().items;
  const found = items.find((w) => w.institution?.id === inst.id);
  assert.ok(found, list.body);
  warningId = found.id;

  await addUser({
    username: 'sh-supervisor',
    displayName: '上海督导',
    role: 'supervisor',
    province: '310000',
  });
  await addUser({
    username: 'inst-op',
    displayName: '评价中心',
    role: 'institution-operator',
    institution: inst.id,
  });
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/**
 * A 雷同答卷 warning as integrity.answer-copying stores it: two registrations and the paper by id only. The page
 * must name them (issue 15 item 4).
 */
async function addCopyingWarning(o: { planId: string; sittingId: string; institutionId: string }) {
  const at = new Date();
  const register = async (name: string, masked: string) => {
    const holder = newId();
    await t.db
      .insertInto('holders')
      .values({
        id: holder,
        id_type: 'resident',
        id_index: `e2e-${holder}`,
        id_cipher: 'unused',
        id_masked: masked,
        name,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const id = newId();
    await t.db
      .insertInto('exam_registrations')
      .values({
        id,
        plan_id: o.planId,
        sitting_id: o.sittingId,
        institution_id: o.institutionId,
        province: '310000',
        holder_id: holder,
        starts_at: at,
        ends_at: at,
        status: 'registered',
        channel: 'self',
        declared: '{}',
        commitment: '{}',
        eligibility: '{}',
        created_by: 'test',
        created_at: at,
      })
      .execute();
    return id;
  };
  const copier = await register('张伟', '310***********1234');
  const source = await register('李娜', '310***********5678');
  const paper = newId();
  await t.db
    .insertInto('papers')
    .values({
      id: paper,
      plan_id: o.planId,
      form: 'A卷',
      subject: 'theory',
      blueprint: '{}',
      total_score: 100,
      status: 'locked',
      created_by: 'test',
      created_at: at,
    })
    .execute();
  const id = newId();
  await t.db
    .insertInto('warnings')
    .values({
      id,
      rule: 'integrity.answer-copying',
      rules_version: 'test',
      severity: 'high',
      status: 'created',
      fingerprint: `e2e-${id}`,
      institution_id: o.institutionId,
      plan_id: o.planId,
      sitting_id: o.sittingId,
      province: '310000',
      occupation: '6-31-01-03',
      review_level: 'province',
      summary:
        '同一考场两份答卷雷同：错误选项相同 9/10 题，K 指数校正 p = 0 · identical wrong answers within one room',
      evidence: JSON.stringify({ copier, source, paper, roomSize: 2, adjustedP: 6.42e-10, alpha: 0.001 }),
      created_at: at,
      updated_at: at,
    })
    .execute();
  return id;
}

const uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The text a reader sees in `selector`, leaving out the officials' technical details (data-tech). */
const textOutsideTech = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const copy = el.cloneNode(true) as typeof el;
    for (const tech of copy.querySelectorAll('[data-tech]')) tech.remove();
    return copy.textContent ?? '';
  });

function watch(page: Page) {
  page.setDefaultTimeout(20_000);
  const outside: string[] = [];
  page.on('request', (req) => {
    if (!req.url().startsWith(baseUrl) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { outside, errors };
}

async function signIn(context: BrowserContext, username: string) {
  const page = await context.newPage();
  const seen = watch(page);
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/catalog/);
  return { page, seen };
}

/** Takes a review step from the open drawer: the button, then the modal's confirm (with a comment if given). */
async function act(page: Page, action: string, comment?: string) {
  await page.getByTestId(`warning-${action}`).click();
  if (comment) await page.locator('#warning-comment').fill(comment);
  await page.locator('#warning-action-ok').click();
}

const drawerStatus = (page: Page, status: string) =>
  page
    .getByTestId('warning-head')
    .locator(`[data-testid="warning-status"][data-status="${status}"]`)
    .waitFor();

async function actionsShown(page: Page): Promise<string[]> {
  const ids = await page
    .getByTestId('warning-actions')
    .locator('button')
    .evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^warning-/, '')).sort();
}

describe('warnings in Chromium', () => {
  it('a supervisor sends a warning, the institution answers with a file, the supervisor accepts it', async () => {
    const supervisorContext = await browser.newContext();
    const operatorContext = await browser.newContext();
    const { page: supervisor, seen } = await signIn(supervisorContext, 'sh-supervisor');

    // 督导预警 from the menu: the warning is open, created, hard, for the narrowed institution.
    await supervisor.locator('.ant-menu').getByText('督导预警').click();
    await supervisor.waitForURL(/\/supervision\/warnings/);
    const row = supervisor.locator('[data-testid="warning-row"][data-rule="scope.outside-filing"]');
    await row.first().waitFor();
    assert.equal(await row.count(), 1);
    assert.equal(await row.getAttribute('data-status'), 'created');
    assert.match(String(await row.textContent()), /严重.*超范围认定/);
    await row.click();
    await supervisor.waitForURL(new RegExp(`warning=${warningId}`));
    await drawerStatus(supervisor, 'created');
    assert.match(String(await supervisor.getByTestId('warning-basis').textContent()), /谁备案谁负责/);
    const evidence = String(await supervisor.getByTestId('warning-evidence').textContent());
    // The evidence in words (issue 15 §4): the filed scope by occupation and level name, no stored keys or codes.
    assert.match(evidence, /备案范围.*电工 三级/);
    assert.doesNotMatch(evidence, /filedScope|6-31-01-03/);
    assert.deepEqual(await actionsShown(supervisor), ['dismiss', 'escalate', 'send']);

    // A dismissal needs a reason: the modal refuses an empty one before asking the server.
    await supervisor.getByTestId('warning-dismiss').click();
    await supervisor.locator('#warning-action-ok').click();
    await supervisor.locator('.ant-form-item-explain-error', { hasText: '请填写' }).waitFor();
    await supervisor
      .locator('.ant-modal')
      .getByRole('button', { name: /取\s*消/ })
      .click();

    await act(supervisor, 'send');
    await drawerStatus(supervisor, 'sent');
    assert.deepEqual(await actionsShown(supervisor), ['dismiss', 'escalate']);
    await supervisor.getByTestId('warning-due').first().waitFor();

    // The institution's inbox lists it with its deadline; the feedback form takes a comment and a file.
    const { page: operator, seen: seenOperator } = await signIn(operatorContext, 'inst-op');
    await operator.locator('.ant-menu').getByText('预警反馈').click();
    await operator.waitForURL(/\/console\/warnings/);
    const inboxRow = operator.locator('[data-testid="warning-row"][data-rule="scope.outside-filing"]');
    await inboxRow.waitFor();
    assert.equal(await inboxRow.getAttribute('data-status'), 'sent');
    await inboxRow.getByTestId('warning-due').waitFor();
    await inboxRow.click();
    await operator.getByTestId('warning-feedback').waitFor();
    assert.equal(
      await operator.getByTestId('warning-actions').count(),
      0,
      'no review buttons for the institution',
    );
    await operator.locator('#feedback-comment').fill(ANSWER);
    await operator.getByTestId('warning-feedback').locator('input[type=file]').setInputFiles(FILE);
    await operator.locator('.ant-upload-list').getByText(FILE.name).waitFor();
    await operator.getByTestId('feedback-submit').click();
    await drawerStatus(operator, 'answered');
    await operator.getByTestId('warning-feedback').waitFor({ state: 'detached' });

    // The supervisor reopens it: the answer and its file are in the history; the file downloads as sent.
    await supervisor.reload();
    await drawerStatus(supervisor, 'answered');
    const answer = supervisor.locator('[data-testid="warning-history-entry"][data-action="answer"]');
    assert.equal(String(await answer.getByTestId('warning-history-comment').textContent()), ANSWER);
    const link = answer.getByTestId('warning-attachment');
    assert.match(String(await link.textContent()), /说明\.txt/);
    const href = String(await link.getAttribute('href'));
    const body = await supervisor.evaluate(async (url) => (await fetch(url)).text(), href);
    assert.equal(body, FILE.buffer.toString());
    assert.deepEqual(await actionsShown(supervisor), [
      'accept',
      'dismiss',
      'escalate',
      'propose-sanction',
      'return',
    ]);

    await act(supervisor, 'accept', '说明属实，予以采纳。');
    await drawerStatus(supervisor, 'closed');
    assert.equal(await supervisor.getByTestId('warning-actions').count(), 0);

    // The API agrees: closed, after raise → send → answer → accept, the file kept with the answer.
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/warnings/${warningId}`, headers: admin });
    assert.equal(res.statusCode, 200, res.body);
    const detail = res.json();
    assert.equal(detail.status, 'closed');
    assert.deepEqual(
      detail.history.map((h: { action: string }) => h.action),
      ['raise', 'send', 'answer', 'accept'],
    );
    const answered = detail.history.find((h: { action: string }) => h.action === 'answer');
    assert.equal(answered.comment, ANSWER);
    assert.deepEqual(
      answered.attachments.map((a: { filename: string; size: number }) => [a.filename, a.size]),
      [[FILE.name, FILE.buffer.length]],
    );

    for (const s of [seen, seenOperator]) {
      assert.deepEqual(s.outside, [], 'no request leaves the server');
      assert.deepEqual(s.errors, []);
    }
    await supervisorContext.close();
    await operatorContext.close();
  });
  it('names candidates, the paper, the institution and the sitting; ids only in the technical view', async () => {
    const context = await browser.newContext();
    const { page, seen } = await signIn(context, 'sh-supervisor');
    await page.goto(`${baseUrl}/supervision/warnings?warning=${copyingId}`);
    await drawerStatus(page, 'created');
    const evidence = String(await page.getByTestId('warning-evidence').textContent());
    assert.match(evidence, /疑似抄袭考生\s*张伟（310\*+1234）/);
    assert.match(evidence, /对照考生\s*李娜（310\*+5678）/);
    assert.match(evidence, /试卷\s*A卷（理论知识考试）/);
    assert.match(String(await page.getByTestId('warning-sitting').textContent()), /\d{4}/);
    // Outside 技术详情 no record id shows, in the drawer or in the list behind it (issue 15 item 4).
    const drawer = await textOutsideTech(page, '[data-testid="warning-detail"]');
    assert.doesNotMatch(drawer, uuidPattern, drawer);
    assert.doesNotMatch(await textOutsideTech(page, 'main'), uuidPattern);
    // The technical view keeps the ids, beside the names, for officials.
    await page.getByTestId('warning-tech').locator('.ant-collapse-header').click();
    const ids = String(await page.getByTestId('warning-ids').textContent());
    assert.match(ids, /张伟（310\*+1234）：[0-9a-f-]{36}/);
    assert.deepEqual(seen.errors, []);
    await context.close();
  });
});
