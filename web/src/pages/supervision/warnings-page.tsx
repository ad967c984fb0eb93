import { Typography } from 'antd';
import { useI18n } from '../../i18n';
import { WarningList } from './warning-list';

/**
 * 督导预警 (issue 8 §2–3): the warnings the rules raised in the reader's scope, newest first, and their review —
 * send to the institution, accept or return its feedback, escalate, propose a sanction, dismiss a false alarm.
 */
export function WarningsPage() {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('warn.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('warn.subtitle')}</Typography.Paragraph>
      <WarningList mode="review" initialSort="-created" />
    </div>
  );
}
