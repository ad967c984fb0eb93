import { formatNumber, readableNumbers } from '../../format';
import type { Lang, Translate } from '../../i18n';
import { type MessageKey, messages } from '../../messages';
import type { ConsoleCatalog } from '../console/use-console-catalog';

/**
 * The warning API writes its texts in both languages at once: titles as 「雷同答卷 Answer copying …」, summaries as
 * 「中文 · english」, bases in English with formulas (src/supervision, supervision/rules.json). The page shows one
 * language: the rule's own title and plain-words basis from the web's messages, the summary's half in the page's
 * language with its numbers written for people. The API's full texts stay in the officials' technical details.
 */

/** 「雷同答卷 Answer copying within a room」 → its Chinese or its English half. */
function half(text: string, lang: Lang): string {
  const at = text.search(/\s[A-Za-z]/);
  if (at < 0 || !/[\u4e00-\u9fff]/.test(text.slice(0, at))) return text;
  return lang === 'zh' ? text.slice(0, at).trim() : text.slice(at).trim();
}

function known(key: string): key is MessageKey {
  return key in messages;
}

/** The rule's title in the page's language. */
export function ruleTitle(rule: string, apiTitle: string, t: Translate, lang: Lang): string {
  const key = `warn.rule.${rule}`;
  return known(key) ? t(key) : half(apiTitle, lang);
}

/** Why the rule matters, in plain words; the API's basis (formulas, references) is for the technical details. */
export function ruleBasis(rule: string, apiBasis: string, t: Translate): string {
  const key = `warn.basis.${rule}`;
  return known(key) ? t(key) : apiBasis;
}

/**
 * The summary in the page's language: the Chinese half in Chinese (the English half is a gist without the facts),
 * occupation codes and levels named, and numbers as people write them (6.4×10⁻¹⁰, not 6.42e-10).
 */
export function warningSummary(
  summary: string,
  lang: Lang,
  catalog: ConsoleCatalog,
  evidence?: unknown,
): string {
  const [zh = summary, en] = summary.split(' · ');
  const text = lang === 'zh' || !en ? zh : `${en} (${zh})`;
  // One figure everywhere: the summary's p (rounded when it was written) is the evidence's adjusted p, rounded once.
  const adjusted = (evidence as { adjustedP?: unknown } | null | undefined)?.adjustedP;
  const withP =
    typeof adjusted === 'number'
      ? text.replace(/p = -?[\d.]+(?:e[+-]?\d+)?/i, `p = ${formatNumber(adjusted)}`)
      : text;
  return readableNumbers(withP)
    .replace(/\b(\d-\d{2}-\d{2}-\d{2})\s+(\d)级/g, (_, code: string, level: string) => {
      return `${catalog.occupationName(code).replace(` ${code}`, '')} ${catalog.levelName(level)}`;
    })
    .replace(/\b\d-\d{2}-\d{2}-\d{2}\b/g, (code) => catalog.occupationName(code).replace(` ${code}`, ''));
}
