import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from '../testing/app.ts';
import { bearer, createTicketTestApp, movableClock, submit, ticketIdOf } from './tickets.test-helpers.ts';
import { createTicketWorker } from './tickets.worker.ts';

/**
 * Deadlines with an injected clock (issue 14 §3): a question submitted on Monday 2026-12-07 is due five working days
 * later (Monday 12-14); it is overdue from 12-15 China time, when the worker escalates it to the national level of
 * the same department — once. Tickets waiting for the submitter, or replied, are not escalated.
 */
const clock = movableClock('2026-12-07T02:00:00Z');
let t: TestApp;
let memSh: string;
let memNational: string;
let waitingCreds: { number: string; code: string };

before(async () => {
  t = await createTicketTestApp(clock);
  memSh = await t.tokenFor('department-admin', { department: 'mem', province: '310000' });
  memNational = await t.tokenFor('department-admin', { department: 'mem' });
});
after(async () => {
  await t.close();
});

describe('escalation of overdue tickets', () => {
  it('escalates only after the deadline day has passed in China time, and only open tickets, once', async () => {
    const worker = createTicketWorker({ db: t.db, keyring: t.keyring, clock }, []);
    const overdue = await submit(t);
    const waiting = await submit(t);
    const replied = await submit(t);
    assert.equal(overdue.dueOn, '2026-12-14');
    waitingCreds = { number: waiting.number, code: waiting.code };
    const waitingId = await ticketIdOf(t, waiting.number);
    const repliedId = await ticketIdOf(t, replied.number);
    const ask = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${waitingId}/request-info`,
      headers: bearer(memSh),
      payload: { text: '请补充证书照片' },
    });
    assert.equal(ask.statusCode, 200);
    const answer = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${repliedId}/reply`,
      headers: bearer(memSh),
      payload: { text: '已答复' },
    });
    assert.equal(answer.statusCode, 200);

    clock.set('2026-12-14T15:59:00Z'); // 23:59 on the due day, China time
    assert.equal((await worker.runOnce()).escalated, 0);
    const before = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?status=overdue',
      headers: bearer(memSh),
    });
    assert.equal(before.json().total, 0);

    clock.set('2026-12-14T16:00:00Z'); // 00:00 on 12-15
    assert.equal((await worker.runOnce()).escalated, 1);
    assert.equal((await worker.runOnce()).escalated, 0, 'never twice');

    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?status=overdue',
      headers: bearer(memSh),
    });
    assert.equal(inbox.json().total, 1);
    const item = inbox.json().items[0];
    assert.equal(item.number, overdue.number);
    assert.equal(item.overdue, true);
    assert.equal(item.escalated, true);

    const national = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?office=national&escalated=true',
      headers: bearer(memNational),
    });
    assert.deepEqual(
      national.json().items.map((i: { number: string }) => i.number),
      [overdue.number],
    );
    const id = await ticketIdOf(t, overdue.number);
    const view = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}`,
      headers: bearer(memNational),
    });
    const escalation = view.json().events.find((e: { kind: string }) => e.kind === 'escalate');
    assert.deepEqual(escalation.details.to, { department: 'mem', province: null });
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_label'])
      .where('target_id', '=', id)
      .where('action', '=', 'ticket.escalate')
      .execute();
    assert.deepEqual(audit, [{ action: 'ticket.escalate', actor_label: 'ticket-deadlines' }]);
    // The submitter sees no internal step, only that it is still open.
    const look = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/lookup',
      payload: { number: overdue.number, code: overdue.code },
    });
    assert.deepEqual(
      look.json().messages.map((m: { kind: string }) => m.kind),
      ['submit'],
    );
  });

  it('restarts the deadline when the submitter adds the information asked for', async () => {
    clock.set('2026-12-16T02:00:00Z'); // Wednesday
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/supplement',
      payload: { number: waitingCreds.number, code: 'AAAA-BBBB-CCCC', text: '补充' },
    });
    assert.equal(wrong.statusCode, 404);
    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/supplement',
      payload: { ...waitingCreds, text: '证书编号见附件' },
    });
    assert.equal(added.statusCode, 200, added.body);
    assert.equal(added.json().status, 'open');
    assert.equal(added.json().dueOn, '2026-12-23');
    assert.deepEqual(
      added.json().messages.map((m: { kind: string }) => m.kind),
      ['submit', 'request-info', 'info'],
    );
  });
});
