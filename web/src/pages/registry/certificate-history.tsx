import { Empty, Space, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { type MessageKey, messages } from '../../messages';
import type { HistoryEntry } from '../../registry-types';

type Change = { field: string; before: unknown; after: unknown };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields whose value differs between `before` and `after` (all of `after` for a creation). */
export function changesOf(before: unknown, after: unknown): Change[] {
  const from = isRecord(before) ? before : {};
  const to = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return fields
    .filter((field) => JSON.stringify(from[field] ?? null) !== JSON.stringify(to[field] ?? null))
    .map((field) => ({ field, before: from[field], after: to[field] }));
}

const colors: Record<string, string> = {
  create: 'blue',
  suspend: 'orange',
  revoke: 'red',
  reinstate: 'green',
  renew: 'green',
};

function ActionLabel({ action }: { action: string }) {
  const { t } = useI18n();
  const key = `action.${action}`;
  return <Typography.Text strong>{key in messages ? t(key as MessageKey) : action}</Typography.Text>;
}

function EntryContent({ entry }: { entry: HistoryEntry }) {
  const { t } = useI18n();
  const changes = changesOf(entry.before, entry.after);
  return (
    <Space orientation="vertical" size={2} data-testid="history-entry">
      <Space size="small" wrap>
        <ActionLabel action={entry.action} />
        <Typography.Text type="secondary">{entry.actor}</Typography.Text>
        {entry.importId ? (
          <Typography.Text type="secondary">{t('cert.importBatch', { id: entry.importId })}</Typography.Text>
        ) : null}
      </Space>
      {entry.reason ? (
        <Typography.Text>
          {t('lifecycle.reason')}: {entry.reason}
        </Typography.Text>
      ) : null}
      {changes.map((change) => (
        <Typography.Text key={change.field} style={{ fontSize: 13 }}>
          <Typography.Text code>{change.field}</Typography.Text> {show(change.before)} → {show(change.after)}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** The certificate's history, newest first: who did what, when, why, and which fields changed. */
export function CertificateHistory({ history }: { history: HistoryEntry[] }) {
  const { t, lang } = useI18n();
  if (history.length === 0) return <Empty description={t('cert.noHistory')} />;
  const newestFirst = [...history].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.id - a.id));
  return (
    <Timeline
      items={newestFirst.map((entry) => ({
        key: entry.id,
        color: colors[entry.action] ?? 'gray',
        title: formatDateTime(entry.at, lang),
        content: <EntryContent entry={entry} />,
      }))}
    />
  );
}
