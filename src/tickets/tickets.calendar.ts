import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from '../config.ts';
import { readDataFile } from '../shared/data-files.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';

/**
 * Working days for reply deadlines (issue 14 §3): Monday to Friday, less the public holidays, plus the weekend days
 * declared working days (调休上班), from `tickets/holidays.json`. Pure once loaded: dates are civil `YYYY-MM-DD`
 * strings (China time), never `Date.now()`.
 */
const isoDate = z.iso.date();
const yearSchema = z.strictObject({
  /** `arrangement`: the State Council's full arrangement; `statutory-only`: the statutory days, no 调休 yet. */
  status: z.enum(['arrangement', 'statutory-only']),
  holidays: z.array(isoDate),
  workdays: z.array(isoDate),
});
export const holidayFileSchema = z.strictObject({
  $comment: z.string().optional(),
  version: z.string().min(1),
  sources: z.array(z.string().min(1)).min(1),
  years: z.record(z.string().regex(/^\d{4}$/), yearSchema),
});
export type HolidayFile = z.infer<typeof holidayFileSchema>;

export interface WorkCalendar {
  readonly version: string;
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
  /**
   * The years whose State Council arrangement (放假 and 调休上班) the file holds in full. In any other year the
   * calendar knows nothing it may count on: a day there is a working day when it is Monday to Friday, and a deadline
   * reaching it is provisional.
   */
  readonly coveredYears: ReadonlySet<string>;
}

export function calendarOf(file: HolidayFile): WorkCalendar {
  const holidays = new Set<string>();
  const workdays = new Set<string>();
  const coveredYears = new Set<string>();
  for (const [year, y] of Object.entries(file.years)) {
    for (const d of [...y.holidays, ...y.workdays])
      if (!d.startsWith(`${year}-`)) throw new Error(`holidays.json: ${d} is listed under ${year}`);
    if (y.status === 'arrangement') coveredYears.add(year);
    for (const d of y.holidays) holidays.add(d);
    for (const d of y.workdays) {
      if (holidays.has(d)) throw new Error(`holidays.json: ${d} is both a holiday and a working day`);
      workdays.add(d);
    }
  }
  return { version: file.version, holidays, workdays, coveredYears };
}

export function loadWorkCalendar(file = path.join(projectRoot, 'tickets', 'holidays.json')): WorkCalendar {
  const problems: ErrorDetail[] = [];
  const data = readDataFile(path.dirname(file), path.basename(file), holidayFileSchema, problems);
  if (!data) throw new AppError('catalog_invalid', 'tickets/holidays.json is invalid', problems);
  return calendarOf(data);
}

const DAY = 86_400_000;

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

export function isCovered(calendar: WorkCalendar, date: string): boolean {
  return calendar.coveredYears.has(date.slice(0, 4));
}

export function isWorkingDay(calendar: WorkCalendar, date: string): boolean {
  // A year without the published arrangement: its statutory days alone would be half an answer (调休 moves
  // weekends too), so only weekends count there, and the deadline says it is provisional (`deadlineAfter`).
  if (!isCovered(calendar, date)) return weekday(date) !== 0 && weekday(date) !== 6;
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const d = weekday(date);
  return d !== 0 && d !== 6;
}

/**
 * The `n`th working day after `from` (the day of submission does not count, whatever it is): submitted on Friday
 * with 5 working days, due the next Friday; submitted during the Spring Festival, counted from the first working
 * day after it.
 */
export function addWorkingDays(calendar: WorkCalendar, from: string, n: number): string {
  let date = from;
  let left = n;
  // A year has far fewer than 400 non-working days in a row; the bound only guards against a broken calendar.
  for (let guard = 0; left > 0 && guard < n + 400; guard++) {
    date = addDays(date, 1);
    if (isWorkingDay(calendar, date)) left -= 1;
  }
  return date;
}

/**
 * A reply deadline: the `n`th working day after `from`, and whether it is provisional — some day counted lies in
 * a year whose holiday arrangement the calendar does not hold (see `WorkCalendar.coveredYears`).
 */
export function deadlineAfter(
  calendar: WorkCalendar,
  from: string,
  n: number,
): { dueOn: string; provisional: boolean } {
  const dueOn = addWorkingDays(calendar, from, n);
  // Years are contiguous: the span (from, dueOn] is covered when both of its ends are.
  const provisional = !isCovered(calendar, addDays(from, 1)) || !isCovered(calendar, dueOn);
  return { dueOn, provisional };
}

/** Working days from `from` (exclusive) to `to` (inclusive); 0 when `to` is not after `from`. */
export function workingDaysBetween(calendar: WorkCalendar, from: string, to: string): number {
  let count = 0;
  for (let date = addDays(from, 1); date <= to; date = addDays(date, 1))
    if (isWorkingDay(calendar, date)) count += 1;
  return count;
}
