import { Typography } from 'antd';
import { useI18n } from '../../i18n';
import { WarningList } from '../supervision/warning-list';

/**
 * 预警反馈 (issue 8 §3): the warnings sent to the operator's institution, nearest deadline first, each answered
 * with an explanation and documents while it waits for the institution (sent, or returned for another answer).
 */
export function WarningsInboxPage() {
  const { t } = useI18n();
  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('warn.inboxTitle')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('warn.inboxSubtitle')}</Typography.Paragraph>
      <WarningList mode="inbox" initialSort="due" />
    </div>
  );
}
