import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
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
 * The office inbox (issue 14 §3): search by number and by the submitter's (encrypted) words, with paging kept; the
 * colleagues a ticket may be assigned to — the officials of its office only, by name — and assigning to one.
 */
const clock = movableClock('2026-12-07T02:00:00Z');
let t: TestApp;
let memSh: string;
let memShColleagueId: string;

async function inbox(query: string, token = memSh) {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/tickets?${query}`, headers: bearer(token) });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { items: { number: string }[]; total: number; page: number; searchTruncated: boolean };
}

before(async () => {
  t = await createTicketTestApp(clock);
  memSh = await t.tokenFor('department-admin', { department: 'mem', province: '310000' });
  await t.tokenFor('department-admin', { department: 'mem', province: '310000' });
  await t.tokenFor('department-admin', { department: 'mem', province: '440000' });
  await t.tokenFor('department-admin', { department: 'mohurd', province: '310000' });
  await t.tokenFor('province-admin', { province: '310000' });
  const colleague = await t.db
    .selectFrom('users')
    .select('id')
    .where('department', '=', 'mem')
    .where('province', '=', '310000')
    .orderBy('created_at', 'desc')
    .executeTakeFirstOrThrow();
  memShColleagueId = colleague.id;
  const texts = ['请问低压电工证复审需要什么材料？', '焊工证和电工证能否互认？', '复审费用是多少？'];
  for (const [i, text] of texts.entries()) {
    clock.set(`2026-12-07T02:0${i}:00Z`);
    await submit(t, { ...questionAboutMem, text });
  }
});
after(async () => {
  await t.close();
});

describe('the office inbox', () => {
  it('finds a ticket by its number, or by the beginning of it', async () => {
    const one = await inbox('q=HT20261207-0002');
    assert.deepEqual(
      one.items.map((i) => i.number),
      ['HT20261207-0002'],
    );
    const all = await inbox('q=ht20261207');
    assert.equal(all.total, 3);
  });

  it('finds tickets by the words the submitter wrote, though they are encrypted at rest', async () => {
    const found = await inbox(`q=${encodeURIComponent('复审')}&sort=created`);
    assert.deepEqual(
      found.items.map((i) => i.number),
      ['HT20261207-0001', 'HT20261207-0003'],
    );
    assert.equal(found.searchTruncated, false);
    const paged = await inbox(`q=${encodeURIComponent('复审')}&sort=created&page=2&pageSize=1`);
    assert.equal(paged.total, 2);
    assert.deepEqual(
      paged.items.map((i) => i.number),
      ['HT20261207-0003'],
    );
    const none = await inbox(`q=${encodeURIComponent('建筑施工')}`);
    assert.equal(none.total, 0);
    assert.equal(none.items.length, 0);
  });

  it('does not search another office’s tickets', async () => {
    const other = await t.tokenFor('department-admin', { department: 'mohurd', province: '310000' });
    const found = await inbox(`q=${encodeURIComponent('复审')}`, other);
    assert.equal(found.total, 0);
  });

  it('lists the colleagues of the ticket’s office, names only, and assigns to one of them', async () => {
    const id = await ticketIdOf(t, 'HT20261207-0001');
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/tickets/${id}/colleagues`,
      headers: bearer(memSh),
    });
    assert.equal(res.statusCode, 200, res.body);
    const items = res.json().items as { id: string; name: string; isMe: boolean }[];
    // The two MEM officials of 310000: not 440000's, not MOHURD's, not the province's HRSS admin.
    assert.equal(items.length, 2);
    assert.equal(items.filter((c) => c.isMe).length, 1);
    assert.ok(items.every((c) => Object.keys(c).sort().join() === 'id,isMe,name'));
    assert.ok(items.some((c) => c.id === memShColleagueId));
    const assigned = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tickets/${id}/assign`,
      headers: bearer(memSh),
      payload: { userId: memShColleagueId },
    });
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.json().assignee.id, memShColleagueId);
  });

  it('names a decision topic by its certificates, day and province, never by its id', async () => {
    const decision = randomUUID();
    await t.db
      .insertInto('recognition_decisions')
      .values({
        id: decision,
        holder_id: null,
        region: '310000',
        as_of: '2026-12-06',
        national_version: '2026-12',
        province_version: null,
        facts: JSON.stringify({
          certificates: [
            { type: 'mem.lv-electrician', number: 'T1', validFrom: '2024-03-01', status: 'valid' },
            { type: 'mem.hv-electrician', number: 'T2', validFrom: '2024-03-01', status: 'valid' },
          ],
        }),
        facts_hash: 'test',
        result: JSON.stringify({}),
        // 2026-12-06 20:00 UTC is 12-07 in China.
        created_at: new Date('2026-12-06T20:00:00Z'),
      })
      .execute();
    const submitted = await submit(t, { ...questionAboutMem, topic: { kind: 'decision', id: decision } });
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/public/tickets/lookup',
      payload: { number: submitted.number, code: submitted.code },
    });
    assert.equal(lookup.statusCode, 200, lookup.body);
    const label = lookup.json().topic.label as { zh: string; en: string };
    assert.equal(label.zh, '互认决定：低压电工作业 等2本，2026-12-07，上海市');
    assert.match(label.en, /^Recognition decision: .+ and 1 more, 2026-12-07, Shanghai/);
    for (const text of [label.zh, label.en]) assert.ok(!text.includes(decision.slice(0, 8)), text);
  });

  it('flags a deadline in a year without the published holiday arrangement as provisional', async () => {
    clock.set('2026-12-21T02:00:00Z');
    const late = await submit(t, { ...questionAboutMem, kind: 'complaint' });
    // 15 working days from Monday 2026-12-21: 2027 counts weekends only (its 调休 is not in tickets/holidays.json).
    assert.equal(late.dueOn, '2027-01-11');
    assert.equal((late as { dueProvisional?: boolean }).dueProvisional, true);
    const early = await inbox('q=HT20261207-0001');
    assert.equal((early.items[0] as { dueProvisional?: boolean }).dueProvisional, false);
    const listed = await inbox(`q=${late.number}`);
    assert.equal((listed.items[0] as { dueProvisional?: boolean }).dueProvisional, true);
  });
});
