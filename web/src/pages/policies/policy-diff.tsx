import { Alert, Card, Space, Spin, Table, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import type { PolicyDiff, PolicyItem } from '../../policy-types';
import { recognitionApi } from '../../recognition-api';
import { useApiData } from '../../use-api-data';

function show(value: unknown): string {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** The fields whose values differ, in the order they appear. */
function changedFields(before: PolicyItem, after: PolicyItem): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function ItemLine({ item, color }: { item: PolicyItem; color: string }) {
  const { id, section, ...rest } = item;
  return (
    <div data-diff-id={id} style={{ marginBottom: 8 }}>
      <SectionTag section={section} />
      <Tag color={color}>{id}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
        {JSON.stringify(rest)}
      </Typography.Text>
    </div>
  );
}

const sectionTitles: Record<string, MessageKey> = {
  overrides: 'pol.overrides',
  correspondence: 'pol.correspondence',
  oneExamMultiCert: 'pol.oneExam',
};

/** Provincial rows carry the table they belong to. */
function SectionTag({ section }: { section: unknown }) {
  const { t } = useI18n();
  const key = typeof section === 'string' ? sectionTitles[section] : undefined;
  return key ? <Tag>{t(key)}</Tag> : null;
}

export function PolicyDiffList({ diff }: { diff: PolicyDiff }) {
  const { t } = useI18n();
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    return <Alert type="info" showIcon title={t('pol.noChanges')} />;
  }
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="policy-diff">
      {diff.added.length > 0 ? (
        <Card size="small" title={t('pol.added', { count: diff.added.length })}>
          {diff.added.map((item) => (
            <ItemLine key={item.id} item={item} color="green" />
          ))}
        </Card>
      ) : null}
      {diff.removed.length > 0 ? (
        <Card size="small" title={t('pol.removed', { count: diff.removed.length })}>
          {diff.removed.map((item) => (
            <ItemLine key={item.id} item={item} color="red" />
          ))}
        </Card>
      ) : null}
      {diff.changed.length > 0 ? (
        <Card size="small" title={t('pol.changed', { count: diff.changed.length })}>
          {diff.changed.map((change) => (
            <div key={change.id} data-diff-id={change.id} style={{ marginBottom: 12 }}>
              <SectionTag section={change.after.section} />
              <Tag color="orange">{change.id}</Tag>
              <Table<FieldChange>
                locale={{ emptyText: t('empty.fieldChanges') }}
                size="small"
                pagination={false}
                rowKey="field"
                dataSource={changedFields(change.before, change.after)}
                columns={[
                  { key: 'field', title: t('pol.field'), dataIndex: 'field' },
                  { key: 'before', title: t('pol.before'), render: (_, row) => show(row.before) },
                  { key: 'after', title: t('pol.after'), render: (_, row) => show(row.after) },
                ]}
              />
            </div>
          ))}
        </Card>
      ) : null}
    </Space>
  );
}

/** What changed from one version of a pack to another: rules or rows added, removed, and changed field by field. */
export function PolicyDiffView({ id, from, to }: { id: string; from: string; to: string }) {
  const load = useCallback(() => recognitionApi.diff(id, from, to), [id, from, to]);
  const { data, error, isLoading, reload } = useApiData(load);
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (!data || isLoading) return <Spin style={{ display: 'block', margin: 24 }} />;
  return <PolicyDiffList diff={data} />;
}
