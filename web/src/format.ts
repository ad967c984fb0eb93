import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { Lang } from './i18n';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Every date and time is shown in China time, whatever zone the browser is set to: sittings, deadlines and the
 * audit trail are those of the offices that keep them (issue 15 §6). Display goes through Intl with this zone;
 * date inputs and "today" go through dayjs with it.
 */
export const CHINA_ZONE = 'Asia/Shanghai';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** 2026年3月20日 09:00 / 20 Mar 2026, 09:00 — China time. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  const date = parse(iso);
  if (!date) return iso || '—';
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: CHINA_ZONE,
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(date);
}

/** 2026年3月20日 / 20 Mar 2026 — the China date of an instant, or a civil date as it is. */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  const date = parse(iso);
  if (!date) return iso || '—';
  return new Intl.DateTimeFormat(locale(lang), { timeZone: CHINA_ZONE, dateStyle: 'medium' }).format(date);
}

/** 09:00:05 — the China time of day of an instant (a live feed's clock). */
export function formatTime(iso: string | null | undefined, lang: Lang, withSeconds = false): string {
  const date = parse(iso);
  if (!date) return iso || '—';
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: CHINA_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds && { second: '2-digit' }),
    hourCycle: 'h23',
  }).format(date);
}

/** 2027年3月20日 周六 / Sat 20 Mar 2027 — a sitting's day. */
export function formatDay(iso: string, lang: Lang): string {
  const date = parse(iso);
  if (!date) return iso;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: CHINA_ZONE,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

/** An instant's China date and time as `{ date: '2027-04-10', time: '09:00' }`, for tables and inputs. */
export function chinaParts(iso: string): { date: string; time: string } {
  const at = dayjs(iso).tz(CHINA_ZONE);
  return { date: at.format('YYYY-MM-DD'), time: at.format('HH:mm') };
}

/** `2026-11-29 21:27:05`, China time: a live page's clock. */
export function chinaClock(iso: string): string {
  return dayjs(iso).tz(CHINA_ZONE).format('YYYY-MM-DD HH:mm:ss');
}

/** The civil date (YYYY-MM-DD) of an instant in China; today's by default. */
export function chinaDate(at: Date | string | number = Date.now()): string {
  return dayjs(at).tz(CHINA_ZONE).format('YYYY-MM-DD');
}

/** A civil date (YYYY-MM-DD) as the date picker's value, or null. */
export function dateValue(value: string | null | undefined): Dayjs | null {
  if (!value) return null;
  const day = dayjs(value);
  return day.isValid() ? day : null;
}

/** The picker's value back as a civil date (YYYY-MM-DD), or undefined when cleared. */
export function dateString(value: Dayjs | null | undefined): string | undefined {
  return value ? value.format('YYYY-MM-DD') : undefined;
}

const superscripts: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/**
 * A number as a person reads it: three significant digits, very small or very large values as 6.4×10⁻¹⁰ rather
 * than 6.42e-10, and never a tiny probability rounded to 0.
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0 || Number.isInteger(value)) return String(value);
  const size = Math.abs(value);
  if (size < 1e-3 || size >= 1e7) {
    const [mantissa = '', exponent = ''] = value.toExponential(1).split('e');
    const power = [...exponent.replace('+', '')].map((c) => superscripts[c] ?? c).join('');
    return `${mantissa.replace(/\.0$/, '')}×10${power}`;
  }
  const whole = size >= 1 ? Math.floor(Math.log10(size)) + 1 : 0;
  return String(Number(value.toPrecision(Math.max(3, whole))));
}

/** Replaces numbers written in e-notation inside a sentence (6.42e-10) by the readable form (6.4×10⁻¹⁰). */
export function readableNumbers(text: string): string {
  return text.replace(/-?\d+(?:\.\d+)?e[+-]?\d+/gi, (m) => formatNumber(Number(m)));
}

/**
 * The Chinese of a reference text that carries research notes in English beside it (the catalog's bases): a
 * parenthesis or trailing sentence of three or more English words is left out. The full text stays for officials'
 * technical details.
 */
export function withoutEnglishNotes(text: string): string {
  const isEnglish = (part: string) => (part.match(/[A-Za-z]{2,}/g) ?? []).length >= 3;
  // Inside a parenthesis, a note of two or more English words (「文号 NOT VERIFIED」) goes with the rest of them.
  const isNote = (part: string) => (part.match(/[A-Za-z]{2,}/g) ?? []).length >= 2;
  const trimParenthesis = (part: string) => {
    if (isEnglish(part)) return '';
    const open = part.search(/[（(]/);
    const inner = part.slice(open + 1, part.search(/[）)][^）)]*$/));
    const kept = inner.split(/[;；]\s*/).filter((piece) => !isNote(piece));
    if (kept.length === 0) return '';
    return `${part.slice(0, open + 1)}${kept.join('；')}${part.slice(part.search(/[）)][^）)]*$/))}`;
  };
  return (
    text
      .replace(/\s*[（(][^（()）]*[）)]\.?/g, trimParenthesis)
      .split(/(?<=[.。;；])\s+/)
      .filter((sentence) => !isEnglish(sentence) || /[\u4e00-\u9fff]/.test(sentence))
      .join(' ')
      // An English gloss after the Chinese (「联合安排（虚构）demo arrangement (fictional)」).
      .replace(/(?<=[\u4e00-\u9fff）)])\s*[A-Za-z][A-Za-z\s,'’()-]*$/, (tail) => (isNote(tail) ? '' : tail))
      .trim()
  );
}

// Region names (issue 15 §4) live in a module of their own, free of dayjs, so node's test runner can load them.
export { type RegionNameLists, regionName } from './region-names';
