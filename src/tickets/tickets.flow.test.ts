import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestApp } from '../testing/app.ts';
import {
  bearer,
  createTicketTestApp,
  movableClock,
  questionAboutMem,
  submit,
  ticketIdOf,
} from './tickets.test-helpers.ts';

/**
 * The whole path over HTTP (issue 14): submit anonymously → the routed office's inbox → reply (offered for the
 * FAQ) → the submitter's lookup (with the waiting notification) → rating → FAQ preview and publish → search →
 * statistics and CSV. Other offices do not see the ticket; a wrong code is a 404 exactly like an unknown number.
 */
const clock = movableClock('2026-12-07T02:00:00Z');
let t: TestApp;
let memSh: string;
let mohurdSh: string;
let memNational: string;
let holder: string;
let ticket: { number: string; code: string; dueOn: string };
const creds = () => ({ number: ticket.number, code: ticket.code });
let id: string;

before(async () => {
  t = await createTicketTestApp(clock);
  memSh = await t.tokenFor('department-admin', { department: 'mem', province: '310000' });
  mohurdSh = await t.tokenFor('department-admin', { department: 'mohurd', province: '310000' });
  memNational = await t.tokenFor('department-admin', { department: 'mem' });
  holder = await t.tokenFor('holder');
});
after(async () => {
  await t.close();
});

describe('tickets over HTTP', () => {
  it('submits anonymously and answers with a number, a code and the deadline in working days', async () => {
    const submitted = await submit(t);
    ticket = { number: submitted.number, code: submitted.code, dueOn: submitted.dueOn };
    assert.match(ticket.number, /^HT20261207-0001$/);
    assert.match(ticket.code, /^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(ticket.dueOn, '2026-12-14');
    id = await ticketIdOf(t, ticket.number);
    const row = await t.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(row.department, 'mem');
    assert.equal(row.office_province, '310000');
    assert.ok(!JSON.stringify(row).includes('worker@example.cn'), 'the contact is sealed');
    assert.ok(
      !JSON.stringify(row).includes(ticket.code.replaceAll('-', '')),
      'only a keyed hash of the code',
    );
    clock.set('2026-12-07T02:01:00Z');
    const second = await submit(t);
    assert.equal(second.number, 'HT20261207-0002');
  });

  it('requires a contact when not signed in, but not from a holder', async () => {
    const { contact: _c, ...anonymous } = questionAboutMem;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/public/tickets', payload: anonymous });
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().error.details[0].path, 'body.contact');
    clock.set('2026-12-07T02:02:00Z');
    const mine = await submit(t, anonymous, bearer(holder));
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/me/tickets', headers: bearer(holder) });
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.json().items.map((i: { number: string }) => i.number),
      [mine.number],
    );
  });

  it('routes to the office of the certificate’s department and province; others do not see it', async () => {
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?status=open&sort=created',
      headers: bearer(memSh),
    });
    assert.equal(inbox.statusCode, 200, inbox.body);
    const body = inbox.json();
    assert.equal(body.total, 3);
    assert.equal(body.items[0].number, ticket.number);
    assert.equal(body.items[0].office.zh, '上海市应急管理部门');
    const other = await t.app.inject({ method: 'GET', url: '/api/v1/tickets', headers: bearer(mohurdSh) });
    assert.equal(other.json().total, 0);
    const hidden = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}`,
      headers: bearer(mohurdSh),
    });
    assert.equal(hidden.statusCode, 404);
    const national = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}`,
      headers: bearer(memNational),
    });
    assert.equal(national.statusCode, 200);
    assert.equal(national.json().contact.masked, 'w***@example.cn');
    assert.ok(!national.body.includes('worker@example.cn'));
  });

  it('pages and sorts the inbox', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tickets?sort=-created&page=2&pageSize=1',
      headers: bearer(memSh),
    });
    assert.equal(page.statusCode, 200);
    assert.equal(page.json().items.length, 1);
    assert.equal(page.json().items[0].number, 'HT20261207-0002');
  });

  it('replies, and the submitter reads it with the code; the e-mail waits in the outbox without SMTP', async () => {
    const reply = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/reply`,
      headers: bearer(memSh),
      payload: {
        text: '王伟强您好：低压电工作业证每3年复审一次，请于期满前60日内向发证机关申请。',
        faq: true,
      },
    });
    assert.equal(reply.statusCode, 200, reply.body);
    assert.equal(reply.json().status, 'replied');
    const look = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/lookup',
      payload: creds(),
    });
    assert.equal(look.statusCode, 200, look.body);
    const view = look.json();
    assert.equal(view.status, 'replied');
    assert.deepEqual(
      view.messages.map((m: { kind: string }) => m.kind),
      ['submit', 'reply'],
    );
    assert.match(view.messages[1].text, /复审/);
    assert.equal(view.notifications.length, 1);
    assert.equal(view.notifications[0].status, 'waiting');
    assert.equal(view.canRate, true);
  });

  it('answers a wrong code exactly as an unknown number (404, same error)', async () => {
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/lookup',
      payload: { number: ticket.number, code: 'AAAA-AAAA-AAAA' },
    });
    const missing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/lookup',
      payload: { number: 'HT20261207-9999', code: ticket.code },
    });
    assert.equal(wrong.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    const strip = (b: { error: Record<string, unknown> }) => ({ ...b.error, requestId: undefined });
    assert.deepEqual(strip(wrong.json()), strip(missing.json()));
  });

  it('takes one rating after the reply', async () => {
    const rate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/rate',
      payload: { ...creds(), score: 5, comment: '很快' },
    });
    assert.equal(rate.statusCode, 200, rate.body);
    assert.equal(rate.json().rating.score, 5);
    const again = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/rate',
      payload: { ...creds(), score: 1 },
    });
    assert.equal(again.statusCode, 409);
  });

  it('publishes the reply as a FAQ entry in two steps, masked, and finds it with a two-character query', async () => {
    const preview = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/faq/preview`,
      headers: bearer(memSh),
      payload: {},
    });
    assert.equal(preview.statusCode, 200, preview.body);
    const p = preview.json();
    assert.ok(!p.question.includes('王伟强') && !p.question.includes('13812345678'), p.question);
    assert.ok(!p.answer.includes('王伟强'), p.answer);
    assert.equal(p.masked.question.phones, 1);
    const tampered = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/faq/publish`,
      headers: bearer(memSh),
      payload: { question: `${p.question}王伟强`, answer: p.answer, confirmation: p.confirmation },
    });
    assert.equal(tampered.statusCode, 422, 'only the previewed texts');
    const publish = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/faq/publish`,
      headers: bearer(memSh),
      payload: { question: p.question, answer: p.answer, confirmation: p.confirmation },
    });
    assert.equal(publish.statusCode, 201, publish.body);
    const search = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/faq?q=${encodeURIComponent('复审')}&region=310000`,
    });
    assert.equal(search.statusCode, 200, search.body);
    assert.equal(search.json().items.length, 1);
    assert.equal(search.json().items[0].type.code, 'mem.lv-electrician');
    assert.deepEqual([search.json().total, search.json().page, search.json().pageSize], [1, 1, 10]);
    const beyond = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/faq?q=${encodeURIComponent('复审')}&page=2&limit=1`,
    });
    assert.equal(beyond.statusCode, 200, beyond.body);
    assert.deepEqual([beyond.json().items.length, beyond.json().total, beyond.json().page], [0, 1, 2]);
    const none = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/faq?q=${encodeURIComponent('焊工复审')}`,
    });
    assert.equal(none.json().items.length, 0, 'all tokens must match');
    const suggest = await t.app.inject({
      method: 'GET',
      url: `/api/v1/public/faq?match=any&q=${encodeURIComponent('焊工证书复审时间')}`,
    });
    assert.equal(suggest.json().items.length, 1, 'any shared bigram suggests it');
  });

  it('counts the ticket in the statistics and exports them as CSV', async () => {
    const stats = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tickets/statistics',
      headers: bearer(memSh),
    });
    assert.equal(stats.statusCode, 200, stats.body);
    const s = stats.json();
    assert.equal(s.scope.department, 'mem');
    assert.equal(s.total, 3);
    assert.equal(s.replies.replied, 1);
    assert.equal(s.satisfaction.mean, 5);
    assert.equal(s.byType[0].key.code, 'mem.lv-electrician');
    // Over time: every ticket of the period lies in some month of each breakdown, summing to the total.
    for (const list of Object.values(s.byMonthOf) as { tickets: number }[][])
      if (list.length > 0)
        assert.equal(
          list.reduce((n, m) => n + m.tickets, 0),
          s.total,
        );
    assert.deepEqual(
      s.byMonthOf.department.map((m: { month: string; code: string }) => `${m.month} ${m.code}`),
      ['2026-12 mem'],
    );
    // 跟踪分析's workbook carries the same figures (issue 14 §5: exportable like the other statistics).
    const xlsx = await t.app.inject({
      method: 'GET',
      url: '/api/v1/statistics/export.xlsx?figures=tickets',
      headers: bearer(memSh),
    });
    assert.equal(xlsx.statusCode, 200, xlsx.body);
    const { default: excel } = await import('exceljs');
    const book = new excel.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const summary = book.getWorksheet('咨询投诉概况 Tickets');
    assert.ok(summary);
    assert.deepEqual((summary.getRow(2).values as unknown[]).slice(1), ['咨询投诉总数 Tickets', 'total', 3]);
    const rules = book.getWorksheet('咨询投诉按证书 By type');
    assert.equal(rules?.getRow(2).getCell(2).value, 'mem.lv-electrician');
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tickets/statistics/export.csv',
      headers: bearer(memSh),
    });
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers['content-type'] as string, /text\/csv/);
    assert.ok(csv.body.startsWith('\uFEFFsection,code,zh,en,value'));
    assert.ok(!csv.body.includes('王伟强'));
  });

  it('transfers with a reason, then the new office has it and the old one does not', async () => {
    const second = await ticketIdOf(t, 'HT20261207-0002');
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${second}/transfer`,
      headers: bearer(memSh),
      payload: { department: 'mohurd', province: '310000' },
    });
    assert.equal(noReason.statusCode, 400);
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${second}/transfer`,
      headers: bearer(memSh),
      payload: { department: 'mohurd', province: '310000', reason: '涉及建筑电工证，属住建部门职责' },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    const theirs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${second}`,
      headers: bearer(mohurdSh),
    });
    assert.equal(theirs.statusCode, 200);
    const transfer = theirs.json().events.find((e: { kind: string }) => e.kind === 'transfer');
    assert.equal(transfer.text, '涉及建筑电工证，属住建部门职责');
    const gone = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${second}`,
      headers: bearer(memSh),
    });
    assert.equal(gone.statusCode, 404);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('target_id', '=', second)
      .execute();
    assert.deepEqual(
      audit.map((a) => a.action),
      ['ticket.submit', 'ticket.transfer'],
    );
  });

  it('asks for more information and restarts the deadline when it comes', async () => {
    const third = await ticketIdOf(t, 'HT20261207-0003');
    const holderToken = holder;
    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/me/tickets',
      headers: bearer(holderToken),
    });
    assert.equal(mine.json().items[0].number, 'HT20261207-0003');
    const ask = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${third}/request-info`,
      headers: bearer(memSh),
      payload: { text: '请提供证书编号' },
    });
    assert.equal(ask.statusCode, 200, ask.body);
    assert.equal(ask.json().status, 'awaiting-info');
    const assign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${third}/assign`,
      headers: bearer(memSh),
      payload: {
        userId: (
          await t.db.selectFrom('users').select('id').where('role', '=', 'holder').executeTakeFirstOrThrow()
        ).id,
      },
    });
    assert.equal(assign.statusCode, 422, 'a holder is no colleague');
    const close = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${third}/close`,
      headers: bearer(memSh),
      payload: {},
    });
    assert.equal(close.statusCode, 200);
    const replyClosed = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${third}/reply`,
      headers: bearer(memSh),
      payload: { text: '迟到的答复' },
    });
    assert.equal(replyClosed.statusCode, 409);
  });
});
