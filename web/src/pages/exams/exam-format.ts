import type { PlanStatus, Sitting } from '../../exam-types';
import { chinaDate, formatDay, formatTime } from '../../format';
import type { Lang } from '../../i18n';
import type { Level, Occupation } from '../../types';

/** 2027年3月20日 周六 / Sat 20 Mar 2027: sittings are announced in China time, wherever the browser is. */
export function sittingDate(iso: string, lang: Lang): string {
  return formatDay(iso, lang);
}

function clock(iso: string, lang: Lang): string {
  return formatTime(iso, lang);
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

/** 电工 / Electrician, the code when the catalog does not know it. */
export function occupationLabel(code: string, occupations: ReadonlyMap<string, Occupation>, lang: Lang) {
  const o = occupations.get(code);
  if (!o) return code;
  return lang === 'zh' ? o.nameZh : o.nameEn || o.nameZh;
}

/** 某评价机构（上海市） / An institution (Shanghai). */
export function withProvince(name: string, province: string, lang: Lang): string {
  return lang === 'zh' ? `${name}（${province}）` : `${name} (${province})`;
}

/**
 * Where a plan stands for a candidate: registration not open yet, open, closed with sittings to come, or finished
 * (every sitting over, or the plan closed or cancelled). Only an open plan is offered for registration.
 */
export type PlanPhase = 'upcoming' | 'open' | 'closed' | 'finished';

export function planPhase(
  plan: { status: PlanStatus; registrationOpens: string; registrationCloses: string },
  sittings: readonly Pick<Sitting, 'endsAt'>[] | undefined,
  now = Date.now(),
): PlanPhase {
  if (plan.status !== 'approved') return 'finished';
  const today = chinaDate(now);
  if (sittings && sittings.length > 0 && sittings.every((s) => hasStarted(s.endsAt, now))) return 'finished';
  if (today < plan.registrationOpens) return 'upcoming';
  if (today <= plan.registrationCloses) return 'open';
  return 'closed';
}
