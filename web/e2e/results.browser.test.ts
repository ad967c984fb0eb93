import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { candidate, institution, plan, sitting } from '../../src/exams/exams.test-helpers.ts';
import { COMMITMENT } from '../../src/exams/registration.model.ts';
import { newId } from '../../src/shared/ids.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../src/testing/app.ts';
import { launchChromium, listen, pickOption } from './browser.ts';

/**
 * Results and issuance (issue 7 §4, §5, §7): the institution operator enters three examiners' sheets (changing one
 * with a reason), computes, publishes with no publicity or appeal days, issues, and verifies the sealed archive.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let planId: string;
let institutionCode: string;

const PASSWORD = 'correct horse battery';
const EXAMINERS = ['考评员甲', '考评员乙', '考评员丙'];

before(async () => {
  t = await createTestApp();
  const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
  const inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
  institutionCode = (
    await t.db.selectFrom('institutions').select('code').where('id', '=', inst.id).executeTakeFirstOrThrow()
  ).code;
  planId = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
  await t.db
    .updateTable('exam_plans')
    .set({
      // Duration and full mark too: the plan page's schema needs them (the results only read kind and pass mark).
      subjects: JSON.stringify([
        { kind: 'theory', passMark: 60, durationMinutes: 90, fullMark: 100 },
        { kind: 'skills', passMark: 60, durationMinutes: 120, fullMark: 100 },
      ]),
    })
    .where('id', '=', planId)
    .execute();
  const sittingId = await sitting(t, {
    planId,
    institution: inst,
    startsAt: '2026-12-27T09:00:00+08:00',
    endsAt: '2026-12-27T11:00:00+08:00',
    capacity: 10,
  });
  const c = await candidate(t, [{ type: 'mem.lv-electrician' }], '冯十一');
  const reg = await t.app.inject({
    method: 'POST',
    url: `/api/v1/plans/${planId}/registrations`,
    headers: { authorization: `Bearer ${c.token}` },
    payload: {
      sittingId,
      declared: { yearsInOccupation: 6 },
      commitment: { accepted: true, version: COMMITMENT.version },
    },
  });
  assert.equal(reg.statusCode, 201, reg.body);
  await submittedTheory(reg.json().id, planId, 80);
  for (const name of EXAMINERS)
    await t.db
      .insertInto('exam_staff')
      .values({
        id: newId(),
        plan_id: planId,
        sitting_id: sittingId,
        role: 'examiner',
        name,
        employer: '外单位',
        user_id: null,
        created_at: new Date(),
      })
      .execute();
  const user = await t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: admin,
    payload: {
      username: 'results-op',
      displayName: '评价中心',
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

/** A theory attempt submitted with `score` (the exam page is tested on its own): one item, one paper. */
async function submittedTheory(registrationId: string, planId: string, score: number) {
  const itemId = newId();
  const paperId = newId();
  const attemptId = newId();
  const at = new Date();
  await t.db
    .insertInto('bank_items')
    .values({
      id: itemId,
      occupation: '6-31-01-03',
      level: '4',
      knowledge_point: 'k',
      type: 'single',
      status: 'active',
      current_version: 1,
      province: '310000',
      created_by: 't',
      created_at: at,
      updated_at: at,
    })
    .execute();
  await t.db
    .insertInto('bank_item_versions')
    .values({
      item_id: itemId,
      version: 1,
      stem: '题',
      options: '[]',
      answer: '["A"]',
      rubric: null,
      score: 100,
      difficulty: 0.5,
      created_by: 't',
      created_at: at,
    })
    .execute();
  await t.db
    .insertInto('papers')
    .values({
      id: paperId,
      plan_id: planId,
      form: 'A',
      subject: 'theory',
      blueprint: '{}',
      total_score: 100,
      status: 'locked',
      created_by: 't',
      created_at: at,
    })
    .execute();
  await t.db
    .insertInto('paper_items')
    .values({ paper_id: paperId, position: 1, item_id: itemId, version: 1, score: 100 })
    .execute();
  await t.db
    .insertInto('exam_attempts')
    .values({
      id: attemptId,
      registration_id: registrationId,
      paper_id: paperId,
      seed: 's',
      status: 'submitted',
      started_at: at,
      deadline_at: at,
      submitted_at: at,
      score,
    })
    .execute();
  await t.db
    .insertInto('exam_answers')
    .values({ attempt_id: attemptId, item_id: itemId, response: '["A"]', answered_at: at })
    .execute();
}

function choose(page: Page, testId: string, text: string): Promise<void> {
  return pickOption(page, page.getByTestId(testId), text);
}

const pointsInput = (page: Page) =>
  page.locator('input[data-testid=criterion-points], [data-testid=criterion-points] input').first();

/** One examiner's sheet: a single criterion with `points`. */
async function enterSheet(page: Page, examiner: string, points: number) {
  await choose(page, 'score-examiner', examiner);
  await page.getByTestId('criterion-name').fill('接线与通电试验');
  await pointsInput(page).fill(String(points));
  await page.getByTestId('save-score').click();
}

describe('results and issuance in Chromium', () => {
  it('scores, computes, publishes, issues and verifies the archive', async () => {
    const page = await browser.newPage();
    page.setDefaultTimeout(20_000);
    const outside: string[] = [];
    page.on('request', (req) => {
      if (!req.url().startsWith(baseUrl) && !/^(data|blob):/.test(req.url())) outside.push(req.url());
    });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${baseUrl}/login`);
    await page.fill('#username', 'results-op');
    await page.fill('#password', PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.waitForURL(/\/catalog/);
    await page.goto(`${baseUrl}/console/plans/${planId}`);
    await page.getByTestId('tab-results').click();
    await page.getByTestId('scoring').waitFor();

    // Three examiners' sheets; the second one far from the others.
    await choose(page, 'score-registration', '冯十一');
    for (const [i, name] of EXAMINERS.entries()) {
      await enterSheet(page, name, [70, 90, 66][i] as number);
      await page.getByTestId('score-saved').filter({ hasText: name }).waitFor();
    }

    // Computed: theory 80, skills the mean 75.3, and the disagreement named in words.
    await page.getByTestId('compute-results').click();
    const row = page.getByTestId('results').locator('tbody tr.ant-table-row').first();
    await row.getByTestId('result-flag').waitFor();
    assert.match(String(await row.getByTestId('result-flag').textContent()), /考评员评分分歧 24 分/);
    assert.match(String(await row.getByTestId('score-theory').textContent()), /80.*合格线 60/);
    assert.match(String(await row.getByTestId('score-skills').textContent()), /75\.3/);

    // Choosing 乙 again starts from the sheet as entered and asks for the reason up front; saving without one
    // sends nothing. With it the sheet is saved and the flag goes on recompute.
    await choose(page, 'score-examiner', '考评员乙');
    await page.getByTestId('reason-needed').waitFor();
    assert.match(String(await page.getByTestId('reason-needed').textContent()), /90 分/);
    assert.equal(await pointsInput(page).inputValue(), '90');
    assert.match(String(await page.getByTestId('entered-sheets').textContent()), /考评员甲 70 分/);
    await enterSheet(page, '考评员乙', 74);
    await page.getByTestId('reason-short').waitFor();
    await page.fill('#score-reason', '复核后更正');
    await page.getByTestId('save-score').click();
    await page.getByTestId('score-saved').filter({ hasText: '考评员乙 74' }).waitFor();
    await page.getByTestId('compute-results').click();
    await row.getByTestId('result-flag').waitFor({ state: 'detached' });
    assert.match(String(await row.getByTestId('result-passed').textContent()), /^合格$/);

    // 公示 with no publicity or appeal days, so the certificate can be issued at once.
    await page.getByTestId('publish-results').click();
    assert.equal(await page.locator('#publicity-days').inputValue(), '5');
    assert.equal(await page.locator('#appeal-days').inputValue(), '10');
    await page.locator('#publicity-days').fill('0');
    await page.locator('#appeal-days').fill('0');
    await page.locator('#confirm-publish').click();
    await row.locator('[data-testid="result-status"][data-status="published"]').waitFor();

    await page.getByTestId('issue-results').click();

    // Issuing asks first, saying how many certificates it issues (issue 15 §5).

    await page.locator('#confirm-issue').click();
    const number = String(await page.getByTestId('issued-number').first().textContent()).split(' ')[0] ?? '';
    assert.equal(number.length, 22, number);
    assert.ok(number.startsWith(institutionCode), `${number} starts with ${institutionCode}`);
    assert.match(number, /^[YS]\d{21}$/);
    await row.locator('[data-testid="result-status"][data-status="issued"]').waitFor();
    assert.equal(String(await row.getByTestId('certificate-number').textContent()), number);

    await page.getByTestId('verify-archive').click();
    await page.locator('[data-testid="archive-check"][data-ok="true"]').waitFor();
    assert.match(String(await page.getByTestId('archive-check').textContent()), /档案链完整/);

    assert.deepEqual(outside, [], 'no request leaves the server');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
