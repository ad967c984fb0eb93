import { formatDateTime } from '../../format';
import type { Lang, Translate } from '../../i18n';
import { type MessageKey, messages } from '../../messages';
import type { WarningReference } from './warnings-api';

/**
 * A record a warning names, as a person reads it (issue 15 item 4: evidence names people and institutions, not
 * UUIDs): a candidate by name with the masked ID number, a sitting by its site and start in China time, a paper by
 * its form and subject, a staff member by name and role. The id itself is for the technical details only.
 */
export function referenceText(ref: WarningReference, t: Translate, lang: Lang): string {
  const open = lang === 'zh' ? '（' : ' (';
  const close = lang === 'zh' ? '）' : ')';
  const aside = (text: string | null) => (text ? `${open}${text}${close}` : '');
  switch (ref.kind) {
    case 'candidate':
      return `${ref.name}${aside(ref.detail)}`;
    case 'sitting':
      return ref.at ? `${ref.name} ${formatDateTime(ref.at, lang)}` : ref.name;
    case 'paper':
      return `${ref.name}${aside(ref.detail ? wordFor('plan.subject.', ref.detail, t) : null)}`;
    case 'staff':
      return `${ref.name}${aside(ref.detail ? wordFor('staff.role.', ref.detail, t) : null)}`;
    default:
      return ref.name;
  }
}

/** A code's word from the messages, or nothing when there is none (a bare code is no word for a person). */
function wordFor(prefix: string, code: string, t: Translate): string | null {
  const key = `${prefix}${code}`;
  return key in messages ? t(key as MessageKey) : null;
}

/** The warning's own sitting, by name, when the server could name it. */
export function sittingText(
  w: { sittingId: string | null; references: readonly WarningReference[] },
  t: Translate,
  lang: Lang,
): string | null {
  const ref = w.references.find((r) => r.id === w.sittingId && r.kind === 'sitting');
  return ref ? referenceText(ref, t, lang) : null;
}
