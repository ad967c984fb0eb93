import type { Lang } from '../../i18n';
import type { Level, Occupation } from '../../types';

/** Sittings are announced in China Standard Time, wherever the browser is. */
const zone = 'Asia/Shanghai';

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en-GB');

/** 2027年3月20日 周六 / Sat 20 Mar 2027. */
export function sittingDate(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(iso));
}

function clock(iso: string, lang: Lang): string {
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** 09:00–11:00. */
export function sittingTime(startsAt: string, endsAt: string, lang: Lang): string {
  return `${clock(startsAt, lang)}–${clock(endsAt, lang)}`;
}

/** The date and time of a sitting in one line. */
export function sittingWhen(startsAt: string, endsAt: string, lang: Lang): string {
  return `${sittingDate(startsAt, lang)} ${sittingTime(startsAt, endsAt, lang)}`;
}

export function hasStarted(startsAt: string, now = Date.now()): boolean {
  return new Date(startsAt).getTime() <= now;
}

/** 四级/中级工 · Level 4 (intermediate worker). */
export function levelLabel(id: string, levels: ReadonlyMap<string, Level>, lang: Lang): string {
  const level = levels.get(id);
  if (!level) return lang === 'zh' ? `${id}级` : `Level ${id}`;
  return lang === 'zh'
    ? `${level.gradeZh ?? id}/${level.nameZh}`
    : `Level ${id} (${level.nameEn.toLowerCase()})`;
}

/** 电工 · Electrician, with the code when the catalog does not know it. */
export function occupationLabel(code: string, occupations: ReadonlyMap<string, Occupation>, lang: Lang) {
  const o = occupations.get(code);
  if (!o) return code;
  return lang === 'zh' ? o.nameZh : `${o.nameEn} (${o.nameZh})`;
}

/** 某评价机构（上海市） / An institution (Shanghai). */
export function withProvince(name: string, province: string, lang: Lang): string {
  return lang === 'zh' ? `${name}（${province}）` : `${name} (${province})`;
}
