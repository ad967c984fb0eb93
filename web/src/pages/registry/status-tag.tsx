import { Tag } from 'antd';
import { useI18n } from '../../i18n';
import type { EffectiveStatus, ImportStatus } from '../../registry-types';

const certificateColors: Record<EffectiveStatus, string> = {
  valid: 'green',
  suspended: 'orange',
  revoked: 'red',
  expired: 'default',
  'not-yet-valid': 'blue',
};

/** A certificate's status as of today: the stored one, or expired / not yet valid by its dates. */
export function CertificateStatusTag({ status }: { status: EffectiveStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={certificateColors[status]} data-status={status}>
      {t(`certStatus.${status}`)}
    </Tag>
  );
}

const importColors: Record<ImportStatus, string> = {
  queued: 'default',
  running: 'processing',
  succeeded: 'green',
  failed: 'red',
};

export function ImportStatusTag({ status }: { status: ImportStatus }) {
  const { t } = useI18n();
  return (
    <Tag color={importColors[status]} data-status={status}>
      {t(`importStatus.${status}`)}
    </Tag>
  );
}
