import { useI18n } from '../i18n';

/**
 * A name in the current language only (issue 15 §4): Chinese mode shows Chinese, English mode English, and the
 * other language only where this one has no text.
 */
export function Bilingual({ zh, en }: { zh: string; en: string | null | undefined }) {
  const { pick } = useI18n();
  return <span>{pick(zh, en)}</span>;
}
