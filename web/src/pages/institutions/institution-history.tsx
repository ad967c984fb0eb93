import { Empty, Space, Timeline, Typography } from 'antd';
import { useCallback } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { institutionApi } from '../../institution-api';
import type { InstitutionHistoryEntry } from '../../institution-types';
import { type MessageKey, messages } from '../../messages';
import { useApiData } from '../../use-api-data';

const colors: Record<string, string> = {
  file: 'blue',
  suspend: 'orange',
  withdraw: 'red',
  reinstate: 'green',
  renew: 'green',
};
/** The fields a person recognises in a change; version and timestamps change every time. */
const shown = ['name', 'storedStatus', 'validUntil', 'sites', 'scopes'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function summary(field: (typeof shown)[number], value: unknown): string {
  if (value === undefined || value === null) return '—';
  if (field === 'sites' && Array.isArray(value))
    return value.map((s) => (isRecord(s) ? s.name : '')).join('、');
  if (field === 'scopes' && Array.isArray(value))
    return value.map((s) => (isRecord(s) ? `${s.occupation}/${s.level}` : '')).join('、');
  return String(value);
}

function Entry({ entry }: { entry: InstitutionHistoryEntry }) {
  const { t } = useI18n();
  const action = entry.action.replace(/^institution\./, '');
  const key = `inst.action.${action}`;
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  const changes = entry.before
    ? shown.filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    : [];
  return (
    <Space orientation="vertical" size={2} data-testid="history-entry" data-action={action}>
      <Space size="small" wrap>
        <Typography.Text strong>{key in messages ? t(key as MessageKey) : action}</Typography.Text>
        <Typography.Text type="secondary">{entry.actor}</Typography.Text>
      </Space>
      {entry.reason ? (
        <Typography.Text>
          {t('inst.reason')}: {entry.reason}
        </Typography.Text>
      ) : null}
      {changes.map((field) => (
        <Typography.Text key={field} style={{ fontSize: 13 }}>
          <Typography.Text code>{field}</Typography.Text> {summary(field, before[field])} →{' '}
          {summary(field, after[field])}
        </Typography.Text>
      ))}
    </Space>
  );
}

/** The filing's trail, newest first; `refresh` changes after each action so the trail reloads. */
export function InstitutionHistory({ id, refresh }: { id: string; refresh: number }) {
  const { t, lang } = useI18n();
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is the reload signal.
  const load = useCallback(() => institutionApi.history(id), [id, refresh]);
  const { data, error, reload } = useApiData(load);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  const items = data?.items ?? [];
  if (data && items.length === 0) return <Empty description={t('inst.noHistory')} />;
  return (
    <Timeline
      items={[...items].reverse().map((entry) => ({
        key: entry.position,
        color: colors[entry.action.replace(/^institution\./, '')] ?? 'gray',
        title: formatDateTime(entry.at, lang),
        content: <Entry entry={entry} />,
      }))}
    />
  );
}
