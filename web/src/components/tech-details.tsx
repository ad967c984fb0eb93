import { Collapse } from 'antd';
import type { ReactNode } from 'react';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';

/**
 * Whether the reader is an official (every role but a holder). Workers — holders and visitors — never see rule
 * ids, type ids, evidence codes or formulas (issue 15 §4); officials find them under 「判定依据 / 技术详情」.
 */
export function useIsOfficial(): boolean {
  const { user } = useAuth();
  return user !== null && user.role !== 'holder';
}

/**
 * 判定依据 / 技术详情: a closed panel of identifiers, codes and formulas for officials, nothing at all for a worker.
 * Its content is marked `data-tech`, the one place a Chinese page may show untranslated technical text.
 */
export function TechDetails({
  children,
  label,
  testId,
}: {
  children: ReactNode;
  label?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const isOfficial = useIsOfficial();
  if (!isOfficial) return null;
  return (
    <Collapse
      size="small"
      ghost
      data-tech=""
      data-testid={testId ?? 'tech-details'}
      style={{ marginTop: 8 }}
      items={[{ key: 'tech', label: label ?? t('tech.title'), children }]}
    />
  );
}
