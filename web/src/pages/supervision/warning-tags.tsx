import { Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import type { Severity, WarningStatus, WarningView } from './warnings-api';

/** A label in the page's language only (issue 15 §4): 「高」, not 「高 High」. */
function BothLabels({ messageKey }: { messageKey: MessageKey }) {
  const { t } = useI18n();
  return <>{t(messageKey)}</>;
}

const severityColors: Record<Severity, string> = {
  hard: 'red',
  high: 'volcano',
  medium: 'gold',
  low: 'blue',
};

export function SeverityTag({ severity }: { severity: Severity }) {
  return (
    <Tag color={severityColors[severity]} data-testid="warning-severity" data-severity={severity}>
      <BothLabels messageKey={`warn.severity.${severity}`} />
    </Tag>
  );
}

const statusColors: Record<WarningStatus, string> = {
  created: 'default',
  sent: 'processing',
  answered: 'cyan',
  returned: 'orange',
  escalated: 'purple',
  'sanction-proposed': 'red',
  closed: 'green',
};

export function WarningStatusTag({ status }: { status: WarningStatus }) {
  return (
    <Tag color={statusColors[status]} data-testid="warning-status" data-status={status}>
      <BothLabels messageKey={`warn.status.${status}`} />
    </Tag>
  );
}

export function OverdueFlag() {
  return (
    <Tag color="error" data-testid="warning-overdue">
      <BothLabels messageKey="warn.overdue" />
    </Tag>
  );
}

/** The answer deadline, flagged when it passed while the warning waited for the institution. */
export function DueCell({ warning }: { warning: Pick<WarningView, 'dueAt' | 'overdue'> }) {
  const { lang } = useI18n();
  if (!warning.dueAt) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Space size={4} wrap>
      <Typography.Text type={warning.overdue ? 'danger' : undefined} data-testid="warning-due">
        {formatDateTime(warning.dueAt, lang)}
      </Typography.Text>
      {warning.overdue ? <OverdueFlag /> : null}
    </Space>
  );
}
