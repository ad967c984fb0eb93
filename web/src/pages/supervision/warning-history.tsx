import { Space, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { type MessageKey, messages } from '../../messages';
import { WarningStatusTag } from './warning-tags';
import { warningStatuses } from './warning-workflow';
import { attachmentUrl, type WarningHistoryEntry, type WarningStatus } from './warnings-api';

const colors: Record<string, string> = {
  raise: 'gray',
  send: 'blue',
  answer: 'cyan',
  accept: 'green',
  return: 'orange',
  escalate: 'purple',
  'propose-sanction': 'red',
  'carry-out-sanction': 'red',
  'decline-sanction': 'green',
  dismiss: 'gray',
};

const isStatus = (s: string): s is WarningStatus => (warningStatuses as readonly string[]).includes(s);

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function Entry({ warningId, entry }: { warningId: string; entry: WarningHistoryEntry }) {
  const { t } = useI18n();
  const key = `warn.action.${entry.action}`;
  return (
    <Space orientation="vertical" size={2} data-testid="warning-history-entry" data-action={entry.action}>
      <Space size="small" wrap>
        <Typography.Text strong>{key in messages ? t(key as MessageKey) : entry.action}</Typography.Text>
        <Typography.Text type="secondary">
          {t('warn.actor')}：
          {entry.action === 'raise' ? t('warn.actorRules') : <span data-verbatim="">{entry.actor}</span>}
        </Typography.Text>
        {entry.from !== entry.to && isStatus(entry.to) ? <WarningStatusTag status={entry.to} /> : null}
      </Space>
      {/* A raise's comment is the rule id and version: the detail's technical view has it. */}
      {entry.comment && entry.action !== 'raise' ? (
        <Typography.Paragraph
          style={{ margin: 0, whiteSpace: 'pre-wrap' }}
          data-testid="warning-history-comment"
        >
          {entry.comment}
        </Typography.Paragraph>
      ) : null}
      {entry.attachments.map((a) => (
        <Typography.Link
          key={a.id}
          href={attachmentUrl(warningId, a.id)}
          download={a.filename}
          data-testid="warning-attachment"
          title={`SHA-256 ${a.sha256}`}
        >
          {a.filename} <Typography.Text type="secondary">({sizeText(a.size)})</Typography.Text>
        </Typography.Link>
      ))}
    </Space>
  );
}

/** The warning's trail, oldest first: who did what, their comments, the institution's files to download. */
export function WarningHistory({
  warningId,
  history,
}: {
  warningId: string;
  history: WarningHistoryEntry[];
}) {
  const { lang } = useI18n();
  return (
    <Timeline
      data-testid="warning-history"
      items={history.map((entry) => ({
        key: entry.id,
        color: colors[entry.action] ?? 'gray',
        title: formatDateTime(entry.at, lang),
        content: <Entry warningId={warningId} entry={entry} />,
      }))}
    />
  );
}
