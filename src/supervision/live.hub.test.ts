import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { appendExamEvent } from '../exams/events.ts';
import { systemClock } from '../shared/clock.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { createLiveHub, type LiveHub, type LiveSubscriber } from './live.hub.ts';
import type { EventFacts, LiveScope } from './live.model.ts';
import { startLiveSession } from './live.service.ts';
import { parseFrame, writeEvent } from './live.test-helpers.ts';

/**
 * The process's poller and one viewer's session (issue 8 §1), on the test database without HTTP: cursor reads,
 * late commits, stopping when nobody listens, de-duplication, queueing behind the snapshot, heartbeats.
 */
let t: TestApp;
const everything: LiveScope = { province: null, institution: null, occupation: null };

before(async () => {
  t = await createTestApp();
});
after(async () => {
  await t.close();
});

const event = (subjectId: string, province = '310000') => ({
  kind: 'institution.updated' as const,
  province,
  subjectType: 'institution' as const,
  subjectId,
});

function collector(scope: LiveScope) {
  const events: EventFacts[] = [];
  const subscriber: LiveSubscriber = { scope, onEvent: (e) => events.push(e), onWarning: () => undefined };
  const until = async (ok: () => boolean, ms = 3000) => {
    for (const start = Date.now(); !ok(); await new Promise((r) => setTimeout(r, 10)))
      if (Date.now() - start > ms) throw new Error(`timed out; got ${events.map((e) => e.id).join()}`);
  };
  return { events, subscriber, until };
}

/** Takes the next identity value as a writer's transaction would, without committing a row yet. */
async function reserveId(): Promise<number> {
  const row = await sql<{
    id: number | string;
  }>`select nextval(pg_get_serial_sequence('exam_events', 'id')) as id`
    .execute(t.db)
    .then((r) => r.rows[0]);
  return Number(row?.id);
}

/** The row of a transaction that took `id` earlier and commits only now. */
async function commitLate(id: number, subjectId: string) {
  await sql`insert into exam_events (id, at, actor_label, kind, province, subject_type, subject_id, payload)
    overriding system value
    values (${id}, now(), 'late writer', 'institution.updated', '310000', 'institution', ${subjectId}, '{}')`.execute(
    t.db,
  );
}

describe('the live hub', () => {
  it('polls by cursor for every subscriber in scope, and stops when the last one leaves', async () => {
    const hub = createLiveHub({ db: t.db, clock: systemClock, pollMs: 20 });
    const all = collector(everything);
    const zj = collector({ ...everything, province: '330000' });
    const offAll = await hub.subscribe(all.subscriber);
    const offZj = await hub.subscribe(zj.subscriber);
    assert.equal(hub.isPolling, true);
    await writeEvent(t, event('hub-sh'));
    await writeEvent(t, event('hub-zj', '330000'));
    await all.until(() => all.events.length === 2);
    await zj.until(() => zj.events.length === 1);
    assert.deepEqual(
      all.events.map((e) => e.subjectId),
      ['hub-sh', 'hub-zj'],
    );
    assert.equal(zj.events[0]?.subjectId, 'hub-zj');
    offAll();
    assert.equal(hub.isPolling, true, 'one subscriber left');
    offZj();
    assert.equal(hub.isPolling, false);
    assert.equal(hub.subscribers, 0);
    hub.close();
  });

  it('delivers a row that commits after a higher id (late commit), and keeps it for resumes', async () => {
    const hub = createLiveHub({ db: t.db, clock: systemClock, pollMs: 20 });
    const c = collector(everything);
    const off = await hub.subscribe(c.subscriber);
    const slow = await reserveId();
    const fast = await writeEvent(t, event('fast-writer'));
    assert.equal(fast, slow + 1);
    await c.until(() => c.events.some((e) => e.id === fast));
    await commitLate(slow, 'slow-writer');
    await c.until(() => c.events.some((e) => e.id === slow));
    assert.deepEqual(
      c.events.map((e) => e.id),
      [fast, slow],
    );
    assert.ok(hub.lateIds().includes(slow));

    // A viewer resuming from Last-Event-ID = fast (it saw fast before slow committed) still gets slow.
    const frames: string[] = [];
    const session = startLiveSession(
      { db: t.db, clock: systemClock, hub },
      {
        scope: everything,
        after: fast,
        heartbeatMs: 60_000,
        sink: { write: (f) => frames.push(f), end() {} },
      },
    );
    await session.ready;
    const exams = frames.map(parseFrame).filter((f) => f?.event === 'exam');
    assert.deepEqual(
      exams.map((f) => f?.id),
      [String(slow)],
    );
    session.close();
    off();
    hub.close();
  });

  it('on PostgreSQL, misses no event of two writers committing out of id order', async (ctx) => {
    if (t.handle.engine !== 'postgres') return ctx.skip('PGlite is one session: its commits are in id order');
    const hub = createLiveHub({ db: t.db, clock: systemClock, pollMs: 20 });
    const c = collector(everything);
    const off = await hub.subscribe(c.subscriber);
    let commit: () => void = () => undefined;
    const held = new Promise<void>((r) => {
      commit = r;
    });
    let taken: () => void = () => undefined;
    const idTaken = new Promise<void>((r) => {
      taken = r;
    });
    const ctxOf = () => ({ actorId: null, actorLabel: 'slow', requestId: null, at: new Date() });
    const slow = t.db.transaction().execute(async (trx) => {
      await appendExamEvent(trx, ctxOf(), event('concurrent-slow'));
      taken();
      await held;
    });
    await idTaken;
    const fast = await writeEvent(t, event('concurrent-fast'));
    await c.until(() => c.events.some((e) => e.id === fast));
    assert.ok(!c.events.some((e) => e.subjectId === 'concurrent-slow'), 'not committed yet');
    commit();
    await slow;
    await c.until(() => c.events.some((e) => e.subjectId === 'concurrent-slow'));
    const slowId = c.events.find((e) => e.subjectId === 'concurrent-slow')?.id ?? 0;
    assert.ok(slowId < fast, `the slow writer took the lower id (${slowId} < ${fast})`);
    off();
    hub.close();
  });

  it('refuses subscribers once closed', async () => {
    const hub = createLiveHub({ db: t.db, clock: systemClock });
    hub.close();
    await assert.rejects(hub.subscribe(collector(everything).subscriber), /shut down/);
  });
});

describe('a live session', () => {
  /** A hub whose deliveries the test makes by hand. */
  function manualHub() {
    const subscribers: LiveSubscriber[] = [];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const hub: LiveHub = {
      async subscribe(s) {
        subscribers.push(s);
        await gate;
        return () => subscribers.splice(subscribers.indexOf(s), 1);
      },
      lateIds: () => [],
      get subscribers() {
        return subscribers.length;
      },
      isPolling: true,
      close() {},
    };
    return { hub, subscribers, release };
  }

  it('writes the snapshot first, queues what arrives meanwhile, sends each id once, and beats', async () => {
    const id = await writeEvent(t, event('session-event'));
    const [facts] = await import('./live.store.ts').then((m) => m.readEvents(t.db, id - 1, [], 1));
    assert.ok(facts);
    const { hub, subscribers, release } = manualHub();
    const frames: string[] = [];
    let ended = false;
    const session = startLiveSession(
      { db: t.db, clock: systemClock, hub },
      {
        scope: everything,
        after: null,
        heartbeatMs: 20,
        sink: { write: (f) => frames.push(f), end: () => (ended = true) },
      },
    );
    // Delivered while subscribing, twice: it waits behind the snapshot and goes out once.
    const later = { ...facts, id: id + 1000 };
    subscribers[0]?.onEvent(later);
    subscribers[0]?.onEvent(later);
    release();
    await session.ready;
    subscribers[0]?.onEvent(facts); // listed in the snapshot already
    await new Promise((r) => setTimeout(r, 90));
    const parsed = frames.map(parseFrame);
    assert.equal(parsed[0]?.retry, 3000);
    assert.equal(parsed[1]?.event, 'activity');
    assert.deepEqual(
      parsed.filter((f) => f?.event === 'exam').map((f) => f?.id),
      [String(id + 1000)],
    );
    assert.ok(parsed.filter((f) => f?.comment === 'heartbeat').length >= 2, frames.join(''));
    session.close();
    assert.equal(ended, true);
    assert.equal(subscribers.length, 0, 'closing unsubscribes');
    const count = frames.length;
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(frames.length, count, 'no heartbeat after close');
  });
});
