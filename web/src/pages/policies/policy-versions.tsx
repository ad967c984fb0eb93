import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { PolicyEntry, PolicyVersionSummary } from '../../policy-types';
import { PolicyDiffView } from './policy-diff';
import { sortedVersions } from './policy-utils';

export function PolicyStatusTag({ status }: { status: PolicyVersionSummary['status'] }) {
  const { t } = useI18n();
  return (
    <Tag
      color={{ published: 'green', draft: 'gold', 'awaiting-cosign': 'orange' }[status]}
      data-status={status}
    >
      {t(`pol.status.${status}`)}
    </Tag>
  );
}

/** The versions of one pack, newest first, with a picker to compare two of them. */
export function PolicyVersions(props: {
  entry: PolicyEntry;
  selected: string | undefined;
  onSelect: (version: string) => void;
}) {
  const { t, lang } = useI18n();
  const versions = sortedVersions(props.entry);
  const [from, setFrom] = useState<string | undefined>(versions[1]?.version);
  const [to, setTo] = useState<string | undefined>(versions[0]?.version);
  const [compared, setCompared] = useState<{ from: string; to: string } | null>(null);
  const options = versions.map((v) => ({
    value: v.version,
    label: `${v.version} · ${t(`pol.status.${v.status}`)}`,
  }));

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Table<PolicyVersionSummary>
        locale={{ emptyText: t('empty.policyVersions') }}
        data-testid="policy-versions"
        rowKey="version"
        size="small"
        pagination={false}
        dataSource={versions}
        rowClassName={(v) => (v.version === props.selected ? 'ant-table-row-selected' : '')}
        columns={[
          { key: 'version', title: t('col.version'), dataIndex: 'version' },
          { key: 'status', title: t('col.status'), render: (_, v) => <PolicyStatusTag status={v.status} /> },
          { key: 'from', title: t('pol.effectiveFrom'), render: (_, v) => v.effectiveFrom ?? '—' },
          { key: 'at', title: t('pol.publishedAt'), render: (_, v) => formatDateTime(v.publishedAt, lang) },
          { key: 'source', title: t('pol.source'), render: (_, v) => t(`pol.source.${v.source}`) },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, v) => (
              <Button size="small" type="link" onClick={() => props.onSelect(v.version)}>
                {t('pol.view')}
              </Button>
            ),
          },
        ]}
      />
      {versions.length > 1 ? (
        <div>
          <Typography.Title level={5}>{t('pol.diff')}</Typography.Title>
          <Space wrap style={{ marginBottom: 12 }}>
            <Select
              aria-label={t('pol.diffFrom')}
              placeholder={t('pol.diffFrom')}
              value={from}
              onChange={setFrom}
              options={options}
              style={{ width: 200 }}
            />
            →
            <Select
              aria-label={t('pol.diffTo')}
              placeholder={t('pol.diffTo')}
              value={to}
              onChange={setTo}
              options={options}
              style={{ width: 200 }}
            />
            <Button
              disabled={!from || !to || from === to}
              onClick={() => from && to && setCompared({ from, to })}
              data-testid="policy-compare"
            >
              {t('pol.compare')}
            </Button>
          </Space>
          {compared ? <PolicyDiffView id={props.entry.id} from={compared.from} to={compared.to} /> : null}
        </div>
      ) : null}
    </Space>
  );
}
