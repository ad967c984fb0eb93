import { useI18n } from '../../i18n';
import { levelLabel, occupationLabel } from '../exams/exam-format';
import { useRecognitionCatalog } from '../recognition/use-recognition-catalog';

interface DeemedLevel {
  occupation: string;
  /** The name the credential carries, when it carries one. */
  occupationName?: string | null;
  deemedLevel: number | string | null;
  mayApplyFor: number | string | null;
}

/** 电工：视同五级/初级工，可申报四级/中级工 — a deemed level in words, never an occupation code or a bare digit. */
export function useLevelWords(): (l: DeemedLevel) => string {
  const { t, lang } = useI18n();
  const catalog = useRecognitionCatalog();
  return (l) =>
    t('dec.level', {
      occupation: l.occupationName ?? occupationLabel(l.occupation, catalog.occupationByCode, lang),
      level: l.deemedLevel === null ? '—' : levelLabel(String(l.deemedLevel), catalog.levelById, lang),
    }) +
    (l.mayApplyFor === null
      ? ''
      : t('dec.mayApply', { level: levelLabel(String(l.mayApplyFor), catalog.levelById, lang) }));
}
