import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Browser, Page } from 'playwright-core';
import { createUser } from '../../src/accounts/accounts.service.ts';
import { createTestApp, type TestApp } from '../../src/testing/app.ts';
import {
  describeViolations,
  launchChromium,
  listen,
  pickOption,
  seriousViolations,
  signIn,
} from './browser.ts';
import { englishRuns } from './people.ts';

/**
 * Issue 16 §2 in Chromium: a policy simulation as a job the editor follows and cancels, and the system admin's
 * 后台任务 page. The worker of this app polls once an hour: it looks once at start-up, before any job exists, and
 * then takes none, so every job stays exactly where the test puts it — nothing here races a worker.
 */
let t: TestApp;
let browser: Browser;
let baseUrl: string;
let shToken: string;
let adminToken: string;
let draft: string;

const PASSWORD = 'correct horse battery';
const auth = (token: string) => ({ authorization: `Bearer ${token}` });

before(async () => {
  t = await createTestApp({ jobTimings: { pollingIntervalSeconds: 3600 } });
  const ctx = { actorId: null, actorLabel: 'test', requestId: null, at: new Date() };
  await createUser(
    t.db,
    ctx,
    {
      username: 'sh-admin',
      displayName: '上海人社',
      password: PASSWORD,
      role: 'province-admin',
      province: '310000',
    },
    t.secrets(),
  );
  await createUser(
    t.db,
    ctx,
    { username: 'ops-admin', displayName: '系统管理员', password: PASSWORD, role: 'system-admin' },
    t.secrets(),
  );
  shToken = await t.tokenFor('province-admin', { province: '310000' });
  adminToken = await t.tokenFor('system-admin');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/policies/310000/drafts',
    headers: auth(shToken),
  });
  assert.equal(created.statusCode, 201, created.body);
  draft = created.json().version;
  baseUrl = await listen(t);
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await t?.close();
});

/** A simulation asked for through the API; returns its pg-boss job's id. */
async function requestSimulationJob(): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/policies/310000/simulations',
    headers: auth(shToken),
    payload: { version: draft },
  });
  assert.equal(res.statusCode, 202, res.body);
  return jobOf(res.json().id);
}

async function jobOf(simulationId: string): Promise<string> {
  const row = await t.db
    .selectFrom('policy_simulations')
    .select('job_id')
    .where('id', '=', simulationId)
    .executeTakeFirstOrThrow();
  assert.ok(row.job_id, 'the run has its job');
  return row.job_id;
}

async function jobState(id: string): Promise<string | undefined> {
  const { rows } = await sql<{ state: string }>`select state::text as state from pgboss.job
    where id = ${id}::uuid`.execute(t.db);
  return rows[0]?.state;
}

/** The GETs of one simulation run the page sends: its poll. */
function collectPolls(page: Page): string[] {
  const polls: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && /\/simulations\/[0-9a-f-]{36}$/.test(request.url()))
      polls.push(request.url());
  });
  return polls;
}

describe('background jobs in Chromium (issue 16 §2)', () => {
  it('follows a queued simulation live in the editor, cancels it, and stops polling when left', async () => {
    const { page, errors } = await signIn(browser, baseUrl, 'sh-admin', PASSWORD);
    const polls = collectPolls(page);
    await page.locator('.ant-menu').getByText('政策编辑').click();
    await page.waitForURL(/\/policies\/310000\/edit$/);
    await page.getByRole('tab', { name: '影响模拟' }).click();

    const started = page.waitForResponse(
      (r) => r.request().method() === 'POST' && r.url().endsWith('/policies/310000/simulations'),
    );
    await page.getByTestId('run-simulation').click();
    const run = (await (await started).json()) as { id: string; status: string };
    assert.equal(run.status, 'queued');
    const progress = page.getByTestId('simulation-progress');
    await progress.waitFor();
    assert.equal(await progress.getAttribute('data-status'), 'queued');
    assert.equal(await progress.textContent(), '排队中');
    assert.equal(await page.locator('.ant-steps-item').count(), 4, '排队 → 汇总 → 评估 → 完成');
    assert.deepEqual(await englishRuns(page), [], 'the progress reads Chinese');
    // One run at a time: the button waits for this one.
    assert.match(String(await page.getByTestId('run-simulation').getAttribute('class')), /ant-btn-loading/);

    // The editor follows the run: its next GET finds it still queued.
    await page.waitForResponse(
      (r) => r.request().method() === 'GET' && r.url().endsWith(`/simulations/${run.id}`),
    );
    assert.equal(await progress.getAttribute('data-status'), 'queued');

    await page.getByTestId('cancel-simulation').click();
    await page.locator('[data-testid="simulation-progress"][data-status="cancelled"]').waitFor();
    assert.equal(await page.getByTestId('simulation-progress').textContent(), '已取消');
    assert.equal(await page.getByTestId('cancel-simulation').count(), 0);
    assert.equal(await page.getByTestId('simulation-result').count(), 0);
    // The run and its job both say so.
    const row = await t.db
      .selectFrom('policy_simulations')
      .select('status')
      .where('id', '=', run.id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'cancelled');
    assert.equal(await jobState(await jobOf(run.id)), 'cancelled');
    // A finished run is not polled any more.
    const afterCancel = polls.length;
    await page.waitForTimeout(2500);
    assert.equal(polls.length, afterCancel, 'no poll after the run ended');

    // A second run, left queued: leaving the editor stops following it.
    await page.getByTestId('run-simulation').click();
    await page.locator('[data-testid="simulation-progress"][data-status="queued"]').waitFor();
    await page.locator('.ant-menu').getByText('证书目录').click();
    await page.waitForURL(/\/catalog/);
    await page.waitForTimeout(500);
    const afterLeaving = polls.length;
    await page.waitForTimeout(2500);
    assert.equal(polls.length, afterLeaving, 'no poll once the editor is closed');
    assert.deepEqual(errors, [], 'no script errors');
    await page.close();
  });

  it('shows a system admin the jobs by state, filters them, retries a failed one and cancels a queued one', async () => {
    // A failed job, marked as pg-boss marks a job whose last attempt threw.
    const failed = await requestSimulationJob();
    await sql`update pgboss.job set state = 'failed', retry_count = retry_limit, completed_on = now(),
        output = ${JSON.stringify({ message: 'boom in the test' })}::jsonb
      where id = ${failed}::uuid`.execute(t.db);
    const queued = await requestSimulationJob();
    const listed = await t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers: auth(adminToken) });
    assert.equal(listed.statusCode, 200, listed.body);
    const counts = listed.json().counts as Record<string, number>;
    assert.equal(counts.failed, 1);
    assert.ok((counts.created ?? 0) >= 1);

    const { page, errors } = await signIn(browser, baseUrl, 'ops-admin', PASSWORD);
    await page.locator('.ant-menu').getByText('后台任务').click();
    await page.waitForURL(/\/admin\/jobs$/);
    await page.locator('[data-testid="job-count-failed"][data-count="1"]').waitFor();
    for (const [state, count] of Object.entries(counts))
      assert.equal(
        await page.getByTestId(`job-count-${state}`).getAttribute('data-count'),
        String(count),
        state,
      );
    const table = page.getByTestId('jobs-table');
    const failedRow = table.locator(`tr[data-job="${failed}"]`);
    const failedText = String(await failedRow.textContent());
    assert.match(failedText, /政策影响模拟/);
    assert.match(failedText, /失败/);
    assert.match(failedText, /boom in the test/);
    assert.equal(await table.locator(`[data-testid="job-cancel-${queued}"]`).count(), 1);
    // Chinese mode reads Chinese: the worker's English message is marked technical.
    assert.deepEqual(await englishRuns(page), []);
    const violations = await seriousViolations(page);
    assert.equal(violations.length, 0, describeViolations('/admin/jobs', violations));

    // Filter by state: failed jobs only.
    await pickOption(page, page.getByTestId('jobs-filter-state'), '失败');
    await table
      .locator('tbody tr[data-state]:not([data-state="failed"])')
      .first()
      .waitFor({ state: 'detached' });
    assert.equal(await table.locator('tbody tr[data-state="failed"]').count(), 1);

    // Retry it (confirmed first): back in the queue, so no longer among the failed.
    await page.getByTestId(`job-retry-${failed}`).click();
    await page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /^重\s*试$/ })
      .click();
    await page.getByText('任务已重新排队').waitFor();
    await failedRow.waitFor({ state: 'detached' });
    assert.equal(await jobState(failed), 'retry');
    await page.locator('[data-testid="job-count-failed"][data-count="0"]').waitFor();

    // Cancel the queued one from the list of queued jobs.
    await pickOption(page, page.getByTestId('jobs-filter-state'), '排队');
    await table.locator(`tr[data-job="${queued}"]`).waitFor();
    await page.getByTestId(`job-cancel-${queued}`).click();
    await page
      .locator('.ant-popover:visible')
      .getByRole('button', { name: /^取\s*消$/ })
      .click();
    await page.getByText('任务已取消').waitFor();
    await table.locator(`tr[data-job="${queued}"]`).waitFor({ state: 'detached' });
    assert.equal(await jobState(queued), 'cancelled');
    assert.deepEqual(errors, [], 'no script errors');
    await page.close();
  });

  it('is not in a province admin’s menu, and its API refuses them', async () => {
    const { page } = await signIn(browser, baseUrl, 'sh-admin', PASSWORD);
    assert.equal(await page.locator('.ant-menu').getByText('后台任务').count(), 0);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/jobs', headers: auth(shToken) });
    assert.equal(res.statusCode, 403);
    await page.close();
  });
});
