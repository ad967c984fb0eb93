import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../config.ts';
import { institution, plan, sitting } from '../exams/exams.test-helpers.ts';
import { loadExamStandards } from '../exams/plans.standards.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { loadSupervisionRules } from './supervision.rules-data.ts';
import { createWarningRunner, type WarningRunner } from './warnings.runner.ts';

/**
 * Warnings end to end through the API (issue 8 §2–3): an institution's filed scope narrows under a sitting still to
 * come, the rule runner raises `scope.outside-filing` from the event, and the warning goes through its workflow —
 * who may take each step, attachments, deadlines, escalation, and a sanction carried out through the register.
 */
let t: TestApp;
let runner: WarningRunner;
let inst: { id: string; siteId: string };
let planId: string;
const tokens: Record<string, string> = {};
const bearer = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

async function call(who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: bearer(who),
    payload: payload as never,
  });
  return {
    status: res.statusCode,
    body: res.json() as Record<string, unknown> & { items?: { id: string }[] },
  };
}

function multipart(fields: Record<string, string>, files: { name: string; type: string; content: string }[]) {
  const boundary = '----hutong-test-boundary';
  const parts = [
    ...Object.entries(fields).map(
      ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
    ),
    ...files.map(
      (f) =>
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n${f.content}\r\n`,
    ),
  ];
  return {
    payload: Buffer.from(`${parts.join('')}--${boundary}--\r\n`),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function raiseScopeWarning(): Promise<string> {
  const filing = await call('sh-admin', 'GET', `/institutions/${inst.id}`);
  const narrowed = await call('sh-admin', 'PATCH', `/institutions/${inst.id}`, {
    version: filing.body.version,
    scopes: [{ occupation: '6-31-01-03', level: '5' }],
  });
  assert.equal(narrowed.status, 200, JSON.stringify(narrowed.body));
  const report = await runner.runOnce();
  assert.ok(report.raised >= 1, JSON.stringify(report));
  const list = await call('supervisor-sh', 'GET', `/warnings?plan=${planId}&rule=scope.outside-filing`);
  const id = list.body.items?.[0]?.id;
  assert.ok(id, JSON.stringify(list.body));
  return id;
}

before(async () => {
  t = await createTestApp();
  runner = createWarningRunner({
    db: t.db,
    clock: t.clock,
    catalog: t.registry.catalog,
    standards: loadExamStandards(path.join(projectRoot, 'exams', 'standards.json'), t.registry.catalog),
    supervision: loadSupervisionRules(),
  });
  inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
  planId = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
  const day = new Date(t.clock.now().getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
  await sitting(t, {
    planId,
    institution: inst,
    startsAt: `${day}T09:00:00+08:00`,
    endsAt: `${day}T11:00:00+08:00`,
    capacity: 30,
  });
  tokens.admin = TEST_ADMIN_TOKEN;
  tokens['supervisor-sh'] = await t.tokenFor('supervisor', { province: '310000' });
  tokens['supervisor-zj'] = await t.tokenFor('supervisor', { province: '330000' });
  tokens['supervisor-national'] = await t.tokenFor('supervisor');
  tokens['sh-admin'] = await t.tokenFor('province-admin', { province: '310000' });
  tokens.operator = await t.tokenFor('institution-operator', { institution: inst.id });
  tokens['other-operator'] = await t.tokenFor('institution-operator', {
    institution: '00000000-0000-4000-8000-000000000000',
  });
});
after(() => t.close());

describe('warnings: raised from events, reviewed through the workflow (issue 8 §2–3)', () => {
  let id: string;

  it('raises one warning from the scope change, once, and keeps it from the institution until sent', async () => {
    id = await raiseScopeWarning();
    assert.equal((await runner.runOnce()).raised, 0, 'a second pass raises nothing new');
    const again = await call('admin', 'POST', `/plans/${planId}/supervision/run`);
    assert.deepEqual(again.body, { raised: 0 });
    const w = await call('supervisor-sh', 'GET', `/warnings/${id}`);
    assert.equal(w.body.status, 'created');
    assert.equal(w.body.severity, 'hard');
    assert.match(String(w.body.summary), /超出备案范围/);
    assert.equal((await call('operator', 'GET', `/warnings/${id}`)).status, 404);
    assert.equal((await call('supervisor-zj', 'GET', `/warnings/${id}`)).status, 404);
    assert.deepEqual((await call('supervisor-zj', 'GET', '/warnings')).body.items, []);
  });

  it('lets only a reviewer send it, with a deadline', async () => {
    assert.equal((await call('operator', 'POST', `/warnings/${id}/actions`, { action: 'send' })).status, 403);
    const feedbackFirst = await call('operator', 'POST', `/warnings/${id}/feedback`, { comment: '已整改' });
    assert.equal(feedbackFirst.status, 404, 'the institution cannot see it yet');
    const sent = await call('supervisor-sh', 'POST', `/warnings/${id}/actions`, { action: 'send' });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.status, 'sent');
    const due = Date.parse(String(sent.body.dueAt)) - t.clock.now().getTime();
    assert.equal(Math.round(due / 86_400_000), loadSupervisionRules().reviewDays);
    const inbox = await call('operator', 'GET', '/warnings');
    assert.deepEqual(
      inbox.body.items?.map((w) => w.id),
      [id],
    );
    assert.deepEqual((await call('other-operator', 'GET', '/warnings')).body.items, []);
  });

  it('takes the institution’s feedback with attachments; refuses a bad file and a missing comment', async () => {
    const bad = multipart({ comment: '说明' }, [
      { name: 'x.exe', type: 'application/x-msdownload', content: 'MZ' },
    ]);
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/v1/warnings/${id}/feedback`,
      headers: { ...bearer('operator'), ...bad.headers },
      payload: bad.payload,
    });
    assert.equal(refused.statusCode, 415, refused.body);
    const empty = await call('operator', 'POST', `/warnings/${id}/feedback`, { comment: '' });
    assert.equal(empty.status, 400);
    assert.equal((empty.body.error as { details: { path: string }[] }).details[0]?.path, 'body.comment');
    assert.equal(
      (await call('supervisor-sh', 'GET', `/warnings/${id}`)).body.status,
      'sent',
      'a refused answer leaves nothing behind',
    );
    const form = multipart({ comment: '已将该考点考试调整至上海考点，附调整通知。' }, [
      { name: '调整通知.txt', type: 'text/plain', content: '考点调整通知 notice' },
    ]);
    const answered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/warnings/${id}/feedback`,
      headers: { ...bearer('operator'), ...form.headers },
      payload: form.payload,
    });
    assert.equal(answered.statusCode, 200, answered.body);
    const detail = answered.json() as {
      status: string;
      history: { action: string; attachments: { id: string; filename: string }[] }[];
    };
    assert.equal(detail.status, 'answered');
    const attachment = detail.history.find((h) => h.action === 'answer')?.attachments[0];
    assert.equal(attachment?.filename, '调整通知.txt');
    const file = await t.app.inject({
      method: 'GET',
      url: `/api/v1/warnings/${id}/attachments/${attachment?.id}`,
      headers: bearer('supervisor-sh'),
    });
    assert.equal(file.statusCode, 200);
    assert.equal(file.body, '考点调整通知 notice');
    const stranger = await t.app.inject({
      method: 'GET',
      url: `/api/v1/warnings/${id}/attachments/${attachment?.id}`,
      headers: bearer('supervisor-zj'),
    });
    assert.equal(stranger.statusCode, 404);
  });

  it('returns it for a better answer (a reason required), then escalates; the province then steps back', async () => {
    const noReason = await call('supervisor-sh', 'POST', `/warnings/${id}/actions`, { action: 'return' });
    assert.equal(noReason.status, 400);
    const returned = await call('supervisor-sh', 'POST', `/warnings/${id}/actions`, {
      action: 'return',
      comment: '请补充考生通知情况',
    });
    assert.equal(returned.body.status, 'returned');
    assert.equal(
      (await call('operator', 'POST', `/warnings/${id}/feedback`, { comment: '已逐一电话通知考生' })).status,
      200,
    );
    const escalated = await call('supervisor-sh', 'POST', `/warnings/${id}/actions`, {
      action: 'escalate',
      comment: '涉及跨省联考，提请国家层面审核',
    });
    assert.equal(escalated.body.status, 'escalated');
    assert.equal(escalated.body.reviewLevel, 'national');
    const provinceAgain = await call('supervisor-sh', 'POST', `/warnings/${id}/actions`, {
      action: 'accept',
    });
    assert.equal(provinceAgain.status, 403, 'once escalated, only national supervisors review');
    const wrongStep = await call('supervisor-national', 'POST', `/warnings/${id}/actions`, {
      action: 'send',
    });
    assert.equal(wrongStep.status, 409);
  });

  it('carries out a proposed sanction through the register: the filing is suspended, the warning closed', async () => {
    const proposed = await call('supervisor-national', 'POST', `/warnings/${id}/actions`, {
      action: 'propose-sanction',
      comment: '超范围安排考试，建议暂停备案',
    });
    assert.equal(proposed.body.status, 'sanction-proposed');
    const notTheirs = await call('supervisor-national', 'POST', `/warnings/${id}/actions`, {
      action: 'carry-out-sanction',
      comment: '执行',
    });
    assert.equal(notTheirs.status, 403, 'the filing authority carries it out, not the supervisor');
    const done = await call('sh-admin', 'POST', `/warnings/${id}/actions`, {
      action: 'carry-out-sanction',
      comment: '依督导建议暂停备案',
    });
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.status, 'closed');
    const filing = await call('sh-admin', 'GET', `/institutions/${inst.id}`);
    assert.equal(filing.body.status, 'suspended');
    const history = (done.body.history as { action: string }[]).map((h) => h.action);
    assert.deepEqual(history, [
      'raise',
      'send',
      'answer',
      'return',
      'answer',
      'escalate',
      'propose-sanction',
      'carry-out-sanction',
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', 'in', [id, inst.id])
      .orderBy('position')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action).filter((a) => a.startsWith('warning.') || a === 'institution.suspend'),
      [
        'warning.raise',
        'warning.send',
        'warning.answer',
        'warning.return',
        'warning.answer',
        'warning.escalate',
        'warning.propose-sanction',
        'institution.suspend',
        'warning.carry-out-sanction',
      ],
    );
    const open = await call('supervisor-national', 'GET', '/warnings?status=open');
    assert.ok(!open.body.items?.some((w) => w.id === id));
    const closed = await call('supervisor-national', 'GET', '/warnings?status=closed');
    assert.ok(closed.body.items?.some((w) => w.id === id));
  });

  it('validates list filters and pages with a cursor', async () => {
    const bad = await call('admin', 'GET', '/warnings?province=31&sort=sideways');
    assert.equal(bad.status, 400);
    const page = await call('admin', 'GET', '/warnings?status=all&limit=1');
    assert.equal(page.body.items?.length, 1);
    const garbage = await call('admin', 'GET', '/warnings?cursor=nonsense');
    assert.equal(garbage.status, 400);
  });
});

describe('the warning rules across worker processes (issue 16 §1)', () => {
  it('runs in one runner at a time: a second waits for the lease, and takes it once the first gives it back', async () => {
    const deps = {
      db: t.db,
      clock: t.clock,
      catalog: t.registry.catalog,
      standards: loadExamStandards(path.join(projectRoot, 'exams', 'standards.json'), t.registry.catalog),
      supervision: loadSupervisionRules(),
    };
    const first = createWarningRunner(deps);
    const second = createWarningRunner(deps);
    // The file's own runner held the lease until now: given back, the first of the two takes it.
    await runner.stop();
    assert.equal((await first.runOnce()).leasedElsewhere, undefined);
    assert.equal((await second.runOnce()).leasedElsewhere, true);
    assert.equal((await first.runOnce()).leasedElsewhere, undefined, 'the holder renews its lease');
    await first.stop();
    assert.equal((await second.runOnce()).leasedElsewhere, undefined);
    await second.stop();
  });
});
