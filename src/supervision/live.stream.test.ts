import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { institution, plan } from '../exams/exams.test-helpers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import type { Activity, LiveEvent, WarningChange } from './live.model.ts';
import {
  addWarning,
  isExam,
  openSse,
  type SseClient,
  type SseFrame,
  writeEvent,
} from './live.test-helpers.ts';

/**
 * The live stream over a real socket (issue 8 §1): snapshot first, then exam events as they are written, scope
 * narrowing, resuming by Last-Event-ID, warnings, and a clean end when the app closes.
 */
let t: TestApp;
let base: string;
let national: string;
let shanghai: string;
const opened: SseClient[] = [];
const ids = {
  sh: { id: '', siteId: '' },
  zj: { id: '', siteId: '' },
  shPlan: '',
  jointPlan: '',
  welderPlan: '',
};

async function stream(token: string, query = '', headers: Record<string, string> = {}) {
  const client = await openSse(`${base}/api/v1/supervision/live${query}`, {
    authorization: `Bearer ${token}`,
    ...headers,
  });
  opened.push(client);
  return client;
}
const activityOf = (c: SseClient) => c.waitFor((f) => f.event === 'activity');
const dataFrames = (c: SseClient) => c.frames.filter((f) => f.data !== undefined);
const eventOf = (f: SseFrame) => f.data as LiveEvent;

before(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const address = t.app.server.address();
  if (!address || typeof address !== 'object') throw new Error('no address');
  base = `http://127.0.0.1:${address.port}`;
  national = await t.tokenFor('supervisor');
  shanghai = await t.tokenFor('supervisor', { province: '310000' });
  ids.sh = await institution(t, { province: '310000', scopes: [['6-31-01-03', '4']] });
  ids.zj = await institution(t, { province: '330000', scopes: [['6-31-01-03', '4']] });
  ids.shPlan = await plan(t, { level: '4', institutions: [{ id: ids.sh.id, province: '310000' }] });
  ids.jointPlan = await plan(t, {
    level: '4',
    institutions: [
      { id: ids.zj.id, province: '330000' },
      { id: ids.sh.id, province: '310000' },
    ],
  });
  ids.welderPlan = await plan(t, {
    occupation: '6-18-02-04',
    level: '4',
    institutions: [{ id: ids.sh.id, province: '310000' }],
  });
});
after(async () => {
  for (const c of opened) c.close();
  await t.close();
});

const sittingEvent = (inst: { id: string }, province: string, planId: string, subjectId: string) => ({
  kind: 'sitting.created' as const,
  institutionId: inst.id,
  planId,
  province,
  subjectType: 'sitting' as const,
  subjectId,
  payload: { startsAt: '2027-04-10T09:00:00+08:00', capacity: 30 },
});

describe('GET /supervision/live', () => {
  it('streams to supervisors and system admins only (the matrix’s rows cannot hold a stream open)', async () => {
    const who: Array<[string, string | undefined, number]> = [
      ['anonymous', undefined, 401],
      ['admin token', TEST_ADMIN_TOKEN, 200],
      ['system admin', await t.tokenFor('system-admin'), 200],
      ['national supervisor', national, 200],
      ['Shanghai supervisor', shanghai, 200],
      ['province admin', await t.tokenFor('province-admin', { province: '310000' }), 403],
      ['institution operator', await t.tokenFor('institution-operator', { institution: ids.sh.id }), 403],
      ['holder', await t.tokenFor('holder'), 403],
    ];
    for (const [name, token, status] of who) {
      const c = await openSse(
        `${base}/api/v1/supervision/live`,
        token ? { authorization: `Bearer ${token}` } : {},
      );
      assert.equal(c.status, status, name);
      if (status === 200) await activityOf(c);
      c.close();
    }
  });

  it('sends the activity snapshot first, then each exam event a real service writes, with its id', async () => {
    const c = await stream(national);
    assert.equal(c.status, 200);
    assert.match(String(c.headers.get('content-type')), /^text\/event-stream/);
    assert.ok(c.headers.get('x-request-id'));
    // helmet's headers survive the hijacked response; nothing compresses or caches the stream.
    assert.equal(c.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(c.headers.get('content-encoding'), null);
    assert.match(String(c.headers.get('cache-control')), /no-cache/);
    const activity = await activityOf(c);
    assert.equal(dataFrames(c)[0]?.event, 'activity', 'the snapshot comes before any event');
    assert.equal(activity.id, (activity.data as Activity).cursor, 'a fresh view resumes from the snapshot');

    // 新增考场 through the API: the sittings service writes the event in its transaction.
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/plans/${ids.shPlan}/sittings`,
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: {
        institutionId: ids.sh.id,
        siteId: ids.sh.siteId,
        startsAt: '2028-01-10T09:00:00+08:00',
        endsAt: '2028-01-10T12:00:00+08:00',
        capacity: 30,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    const sittingId = (res.json() as { id: string }).id;
    const frame = await c.waitFor(isExam(sittingId));
    const row = await t.db
      .selectFrom('exam_events')
      .select('id')
      .where('subject_id', '=', sittingId)
      .executeTakeFirstOrThrow();
    assert.equal(frame.id, String(row.id));
    const e = eventOf(frame);
    assert.equal(e.kind, 'sitting.created');
    assert.match(e.summary.zh, /^新增考场 · RD-TEST-.* · 测试评价机构\d+ · 2028-01-10 09:00 容量 30$/);
    assert.match(e.summary.en, /^Sitting added · .* capacity 30$/);
  });

  it('never sends a Shanghai supervisor a Zhejiang event, and refuses a filter for Zhejiang', async () => {
    const c = await stream(shanghai);
    const activity = (await activityOf(c)).data as Activity;
    assert.equal(activity.scope.province, '310000');
    await writeEvent(t, sittingEvent(ids.zj, '330000', ids.jointPlan, 'zj-sitting'));
    await writeEvent(t, {
      kind: 'institution.suspended',
      institutionId: ids.zj.id,
      province: '330000',
      subjectType: 'institution',
      subjectId: ids.zj.id,
    });
    // The joint plan as a whole concerns Shanghai too (one of its institutions is there).
    await writeEvent(t, {
      kind: 'plan.approved',
      planId: ids.jointPlan,
      province: '330000',
      subjectType: 'plan',
      subjectId: ids.jointPlan,
    });
    await writeEvent(t, sittingEvent(ids.sh, '310000', ids.jointPlan, 'sh-sitting'));
    await c.waitFor(isExam('sh-sitting'));
    const seen = c.frames.filter((f) => f.event === 'exam').map((f) => eventOf(f).subjectId);
    assert.deepEqual(seen, [ids.jointPlan, 'sh-sitting']);

    // A new view's snapshot is filtered the same way in SQL.
    const again = (await activityOf(await stream(shanghai))).data as Activity;
    const listed = again.events.map((e) => e.subjectId);
    assert.ok(listed.includes('sh-sitting') && listed.includes(ids.jointPlan), listed.join());
    assert.ok(!listed.includes('zj-sitting') && !listed.includes(ids.zj.id), listed.join());

    const refused = await fetch(`${base}/api/v1/supervision/live?province=330000`, {
      headers: { authorization: `Bearer ${shanghai}` },
    });
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'forbidden');
  });

  it('filters by occupation and institution', async () => {
    const welders = await stream(national, '?occupation=6-18-02-04');
    const zhejiang = await stream(national, `?institution=${ids.zj.id}`);
    await Promise.all([activityOf(welders), activityOf(zhejiang)]);
    await writeEvent(t, sittingEvent(ids.sh, '310000', ids.shPlan, 'electricians'));
    await writeEvent(t, sittingEvent(ids.zj, '330000', ids.jointPlan, 'zj-joint'));
    await writeEvent(t, sittingEvent(ids.sh, '310000', ids.welderPlan, 'welders'));
    await welders.waitFor(isExam('welders'));
    await zhejiang.waitFor(isExam('zj-joint'));
    await new Promise((r) => setTimeout(r, 1500));
    const subjects = (c: SseClient) =>
      c.frames.filter((f) => f.event === 'exam').map((f) => eventOf(f).subjectId);
    assert.deepEqual(subjects(welders), ['welders']);
    assert.deepEqual(subjects(zhejiang), ['zj-joint']);
  });

  it('resumes after Last-Event-ID without repeating or missing an event (the header wins over ?after)', async () => {
    const first = await stream(TEST_ADMIN_TOKEN);
    await activityOf(first);
    const a = await writeEvent(t, sittingEvent(ids.sh, '310000', ids.shPlan, 'resume-a'));
    await first.waitFor(isExam('resume-a'));
    first.close();
    const b = await writeEvent(t, sittingEvent(ids.sh, '310000', ids.shPlan, 'resume-b'));
    const c = await writeEvent(t, sittingEvent(ids.sh, '310000', ids.shPlan, 'resume-c'));

    const resumed = await stream(TEST_ADMIN_TOKEN, `?after=${c}`, { 'last-event-id': String(a) });
    await resumed.waitFor(isExam('resume-c'));
    const frames = dataFrames(resumed);
    assert.equal(frames[0]?.event, 'activity');
    assert.equal(frames[0]?.id, undefined, 'a resume keeps the client’s cursor');
    const replayed = frames.filter((f) => f.event === 'exam').map((f) => f.id);
    assert.deepEqual(replayed, [String(b), String(c)]);

    const byQuery = await stream(TEST_ADMIN_TOKEN, `?after=${b}`);
    await byQuery.waitFor(isExam('resume-c'));
    assert.deepEqual(
      byQuery.frames.filter((f) => f.event === 'exam').map((f) => f.id),
      [String(c)],
    );
  });

  it('sends warning changes in scope, without an id', async () => {
    const c = await stream(shanghai);
    await activityOf(c);
    const zj = await addWarning(t, { province: '330000' });
    const sh = await addWarning(t, { province: '310000' });
    const created = await c.waitFor((f) => f.event === 'warning');
    assert.equal(created.id, undefined);
    assert.deepEqual(
      { id: (created.data as WarningChange).id, isOpen: (created.data as WarningChange).isOpen },
      { id: sh, isOpen: true },
    );
    await t.db
      .updateTable('warnings')
      .set({ status: 'closed', updated_at: new Date(Date.now() + 1000) })
      .where('id', 'in', [sh, zj])
      .execute();
    const closed = await c.waitFor((f) => f.event === 'warning' && !(f.data as WarningChange).isOpen);
    assert.equal((closed.data as WarningChange).id, sh);
    assert.ok(c.frames.every((f) => f.event !== 'warning' || (f.data as WarningChange).id === sh));
  });
});

describe('closing the app', () => {
  it('ends open streams, so close() returns', async () => {
    const own = await createTestApp();
    await own.app.listen({ port: 0, host: '127.0.0.1' });
    const address = own.app.server.address();
    if (!address || typeof address !== 'object') throw new Error('no address');
    const c = await openSse(`http://127.0.0.1:${address.port}/api/v1/supervision/live`, {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
    });
    await c.waitFor((f) => f.event === 'activity');
    const closing = own.close();
    await Promise.race([
      Promise.all([closing, c.ended]),
      new Promise((_, reject) => setTimeout(() => reject(new Error('close() hung on an open stream')), 5000)),
    ]);
  });
});
