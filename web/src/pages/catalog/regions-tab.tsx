import { Input, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import type { Region } from '../../types';
import { useApiData } from '../../use-api-data';

function matches(region: Region, needle: string): boolean {
  const text = [region.code, region.nameZh, region.nameEn, region.short, ...region.altShort].join(' ');
  return text.toLowerCase().includes(needle.toLowerCase());
}

export function RegionsTab() {
  const { t, pick } = useI18n();
  const [needle, setNeedle] = useState('');
  const load = useCallback(() => api.regions(), []);
  const { data, error, isLoading, reload } = useApiData(load);
  const rows = (data?.items ?? []).filter((region) => needle === '' || matches(region, needle));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Input.Search
        allowClear
        style={{ width: 280 }}
        placeholder={t('regions.search')}
        onSearch={(value) => setNeedle(value.trim())}
        onChange={(event) => event.target.value === '' && setNeedle('')}
      />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Region>
        rowKey="code"
        size="middle"
        loading={isLoading}
        dataSource={rows}
        pagination={{
          defaultPageSize: 20,
          showSizeChanger: true,
          showTotal: (count) => t('common.total', { count }),
        }}
        columns={[
          {
            title: t('col.code'),
            dataIndex: 'code',
            sorter: (a, b) => a.code.localeCompare(b.code),
            render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
          },
          // One name, in the page's language (issue 15 §4).
          { title: t('col.name'), key: 'name', render: (_, row) => pick(row.nameZh, row.nameEn) },
          { title: t('col.short'), dataIndex: 'short' },
          {
            title: t('col.altShort'),
            dataIndex: 'altShort',
            render: (names: string[] = []) => names.map((name) => <Tag key={name}>{name}</Tag>),
          },
        ]}
      />
    </Space>
  );
}
