import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import type { TestApp } from '../testing/app.ts';
import { createSmtpNotifier, type Notifier, retryDelayMs } from './tickets.notify.ts';
import { bearer, createTicketTestApp, movableClock, submit, ticketIdOf } from './tickets.test-helpers.ts';
import { createTicketWorker } from './tickets.worker.ts';

/**
 * The SMTP path end to end (issue 14 §6): a real SMTP server on loopback, in-process; the reply is queued in the
 * outbox in the reply's transaction, the worker sends it with nodemailer, the server receives it addressed to the
 * submitter, and the submitter's lookup shows it sent. A failing server leaves the row to be retried with backoff.
 */
interface Received {
  from: string;
  to: string[];
  raw: string;
}
const received: Received[] = [];
let server: SMTPServer;
let port = 0;
let refuse = false;

const clock = movableClock('2026-12-07T02:00:00Z');
let t: TestApp;
let memSh: string;

before(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      if (refuse) return callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as AddressInfo).port;
  t = await createTicketTestApp(clock);
  memSh = await t.tokenFor('department-admin', { department: 'mem', province: '310000' });
});
after(async () => {
  await t.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('notifications by SMTP', () => {
  it('sends the reply to the submitter’s e-mail and the lookup shows it sent', async () => {
    const notifier: Notifier = createSmtpNotifier(`smtp://127.0.0.1:${port}`, 'Hutong <noreply@hutong.test>');
    const worker = createTicketWorker({ db: t.db, keyring: t.keyring, clock }, [notifier]);
    const ticket = await submit(t);
    const id = await ticketIdOf(t, ticket.number);
    assert.equal((await worker.runOnce()).sent, 0, 'nothing to send before the reply');
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/reply`,
      headers: bearer(memSh),
      payload: { text: '低压电工作业证每3年复审一次。' },
    });
    assert.equal(reply.statusCode, 200, reply.body);
    const outbox = await t.db.selectFrom('ticket_outbox').selectAll().execute();
    assert.equal(outbox.length, 1);
    assert.ok(!JSON.stringify(outbox).includes('worker@example.cn'), 'recipient sealed');
    assert.ok(!JSON.stringify(outbox).includes('复审一次'), 'body sealed');

    const report = await worker.runOnce();
    assert.equal(report.sent, 1, JSON.stringify(report));
    assert.equal(received.length, 1);
    assert.deepEqual(received[0]?.to, ['worker@example.cn']);
    assert.equal(received[0]?.from, 'noreply@hutong.test');
    assert.match(received[0]?.raw ?? '', new RegExp(`Subject: .*${ticket.number}|${ticket.number}`));
    const look = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/lookup',
      payload: { number: ticket.number, code: ticket.code },
    });
    assert.equal(look.json().notifications[0].status, 'sent');
    assert.equal((await worker.runOnce()).sent, 0, 'sent once');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'ticket-notification.%')
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['ticket-notification.send'],
    );
  });

  it('keeps a refused message for a later attempt, with the error kind only', async () => {
    refuse = true;
    const worker = createTicketWorker({ db: t.db, keyring: t.keyring, clock }, [
      createSmtpNotifier(`smtp://127.0.0.1:${port}`, 'noreply@hutong.test'),
    ]);
    const ticket = await submit(t);
    const id = await ticketIdOf(t, ticket.number);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/request-info`,
      headers: bearer(memSh),
      payload: { text: '请补充证书照片' },
    });
    const report = await worker.runOnce();
    assert.equal(report.retried, 1, JSON.stringify(report));
    const row = await t.db
      .selectFrom('ticket_outbox')
      .selectAll()
      .where('ticket_id', '=', id)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'pending');
    assert.ok(row.last_error && !row.last_error.includes('@'), row.last_error ?? '');
    assert.equal(row.next_attempt_at?.getTime(), clock.now().getTime() + retryDelayMs(1));
    refuse = false;
    clock.set(new Date(clock.now().getTime() + retryDelayMs(1)).toISOString());
    assert.equal((await worker.runOnce()).sent, 1);
  });

  it('leaves messages waiting when no notifier serves their channel (a phone number, or no SMTP)', async () => {
    const worker = createTicketWorker({ db: t.db, keyring: t.keyring, clock }, []);
    const ticket = await submit(t, {
      kind: 'complaint',
      topic: { kind: 'certificate-type', type: 'mem.lv-electrician' },
      region: '310000',
      text: '培训机构乱收费，请核查。',
      contact: { phone: '138 1234 5678' },
    });
    const id = await ticketIdOf(t, ticket.number);
    await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/reply`,
      headers: bearer(memSh),
      payload: { text: '已转交核查' },
    });
    assert.equal((await worker.runOnce()).sent, 0);
    const look = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/lookup',
      payload: { number: ticket.number, code: ticket.code },
    });
    assert.deepEqual(
      look.json().notifications.map((n: { channel: string; status: string }) => [n.channel, n.status]),
      [['sms', 'waiting']],
    );
    assert.equal(look.json().contact, '138****5678');
    assert.equal(ticket.dueOn, '2026-12-28', '15 working days for a complaint');
  });
});
