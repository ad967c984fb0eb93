import { type MessageKey, messages } from '../../messages';

/** A text in both languages: the calculator shows its answer in Chinese with English beside it. */
export interface Both {
  zh: string;
  en: string;
}

export type BothVar = Both | string | number;

export function same(text: string): Both {
  return { zh: text, en: text };
}

function fill(text: string, vars: Record<string, BothVar>, lang: keyof Both): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) => {
    const value = vars[name];
    if (value === undefined) return match;
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

/** The message in both languages, each placeholder filled with its value in that language. */
export function both(key: MessageKey, vars: Record<string, BothVar> = {}): Both {
  const text = messages[key];
  return { zh: fill(text.zh, vars, 'zh'), en: fill(text.en, vars, 'en') };
}

export function concat(...parts: Both[]): Both {
  return { zh: parts.map((p) => p.zh).join(''), en: parts.map((p) => p.en).join('') };
}

/** `a、b、c` in Chinese, `a, b and c` in English. */
export function list(items: Both[]): Both {
  const and = messages['rec.s.and'];
  const en =
    items.length <= 2
      ? items.map((i) => i.en).join(and.en)
      : `${items
          .slice(0, -1)
          .map((i) => i.en)
          .join(', ')}${and.en}${items[items.length - 1]?.en ?? ''}`;
  return { zh: items.map((i) => i.zh).join(and.zh), en };
}
