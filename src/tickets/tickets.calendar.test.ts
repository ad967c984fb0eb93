import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addWorkingDays,
  calendarOf,
  deadlineAfter,
  isWorkingDay,
  loadWorkCalendar,
  workingDaysBetween,
} from './tickets.calendar.ts';

const calendar = loadWorkCalendar();

describe('working-day arithmetic (tickets/holidays.json)', () => {
  const cases: Array<[string, string, number, string]> = [
    ['Monday + 5 → the next Monday', '2026-12-07', 5, '2026-12-14'],
    ['Friday + 5 → the next Friday (the weekend does not count)', '2026-12-04', 5, '2026-12-11'],
    ['Saturday + 1 → Monday', '2026-12-05', 1, '2026-12-07'],
    ['Sunday + 5 → Friday', '2026-12-06', 5, '2026-12-11'],
    ['Friday + 15 (complaint)', '2026-12-04', 15, '2026-12-25'],
    // 国庆 2026: 10月1日–7日 off, 9月20日 (Sunday) and 10月10日 (Saturday) worked.
    ['the Sunday before 国庆 is worked: Saturday 9/19 + 1 → Sunday 9/20', '2026-09-19', 1, '2026-09-20'],
    ['across 国庆: 9/30 + 1 → 10/8', '2026-09-30', 1, '2026-10-08'],
    [
      'across 国庆 with the Saturday worked: 9/30 + 3 → 10/10 (Saturday, 调休上班)',
      '2026-09-30',
      3,
      '2026-10-10',
    ],
    ['9/30 + 4 → 10/12', '2026-09-30', 4, '2026-10-12'],
    // 春节 2026: 2月15日–23日 off; 2月14日 and 2月28日 (Saturdays) worked.
    ['submitted in 春节: 2/16 + 1 → 2/24', '2026-02-16', 1, '2026-02-24'],
    ['2/13 (Friday) + 1 → 2/14 (Saturday, worked)', '2026-02-13', 1, '2026-02-14'],
    ['2/26 + 2 → 2/28 (Saturday, worked)', '2026-02-26', 2, '2026-02-28'],
    ['劳动节 2026: 4/30 + 1 → 5/6', '2026-04-30', 1, '2026-05-06'],
    ['元旦 2026: 12/31/2025 + 1 → 1/4 (Sunday, worked)', '2025-12-31', 1, '2026-01-04'],
    // 2027: the State Council's arrangement is not in the file (not published when it was written), so only
    // weekends count there — 元旦 and 春节 too — and such a deadline is provisional (below).
    ['year end: 2026-12-31 + 1 → 2027-01-01 (weekends only in 2027)', '2026-12-31', 1, '2027-01-01'],
    [
      '2027: 2/5 (Friday) + 1 → 2/8 (Monday; 春节 not counted without the arrangement)',
      '2027-02-05',
      1,
      '2027-02-08',
    ],
    ['zero days is the same day', '2026-12-07', 0, '2026-12-07'],
  ];
  for (const [name, from, n, due] of cases) {
    it(name, () => assert.equal(addWorkingDays(calendar, from, n), due));
  }

  it('counts working days between two dates the same way', () => {
    for (const [, from, n, due] of cases)
      assert.equal(workingDaysBetween(calendar, from, due), n, `${from}+${n}`);
  });

  it('knows holidays, 调休 workdays and weekends', () => {
    assert.equal(isWorkingDay(calendar, '2026-10-01'), false);
    assert.equal(isWorkingDay(calendar, '2026-10-10'), true);
    assert.equal(isWorkingDay(calendar, '2026-12-05'), false);
    assert.equal(isWorkingDay(calendar, '2026-12-07'), true);
  });

  it('declares the years it covers; a deadline reaching another year is provisional', () => {
    assert.deepEqual([...calendar.coveredYears], ['2026']);
    assert.deepEqual(deadlineAfter(calendar, '2026-12-07', 5), { dueOn: '2026-12-14', provisional: false });
    assert.deepEqual(deadlineAfter(calendar, '2026-12-21', 15), { dueOn: '2027-01-11', provisional: true });
    assert.deepEqual(deadlineAfter(calendar, '2027-03-01', 5), { dueOn: '2027-03-08', provisional: true });
    // A listed statutory-only year is not covered: its listed days count for nothing until the arrangement is in.
    const statutoryOnly = calendarOf({
      version: 'x',
      sources: ['t'],
      years: { '2030': { status: 'statutory-only', holidays: ['2030-01-01'], workdays: [] } },
    });
    assert.equal(isWorkingDay(statutoryOnly, '2030-01-01'), true);
    assert.equal(deadlineAfter(statutoryOnly, '2029-12-31', 1).provisional, true);
    const arranged = calendarOf({
      version: 'x',
      sources: ['t'],
      years: { '2030': { status: 'arrangement', holidays: ['2030-01-01'], workdays: [] } },
    });
    // Submitted on the last day of an uncovered year: every day counted lies in the covered one.
    assert.deepEqual(deadlineAfter(arranged, '2029-12-31', 1), { dueOn: '2030-01-02', provisional: false });
    assert.deepEqual(deadlineAfter(arranged, '2030-12-31', 1), { dueOn: '2031-01-01', provisional: true });
    assert.deepEqual(deadlineAfter(arranged, '2030-01-01', 1), { dueOn: '2030-01-02', provisional: false });
  });

  it('refuses a date that is both a holiday and a working day, or listed under the wrong year', () => {
    assert.throws(() =>
      calendarOf({
        version: 'x',
        sources: ['t'],
        years: { '2026': { status: 'arrangement', holidays: ['2026-01-01'], workdays: ['2026-01-01'] } },
      }),
    );
    assert.throws(() =>
      calendarOf({
        version: 'x',
        sources: ['t'],
        years: { '2026': { status: 'arrangement', holidays: ['2027-01-01'], workdays: [] } },
      }),
    );
  });
});
