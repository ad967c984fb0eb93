import { Table, Typography } from 'antd';
import { useCallback } from 'react';
import { api } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import type { Level } from '../../types';
import { useApiData } from '../../use-api-data';

export function LevelsTab() {
  const { t, pick } = useI18n();
  const load = useCallback(() => api.levels(), []);
  const { data, error, isLoading, reload } = useApiData(load);
  return (
    <>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Level>
        rowKey="id"
        size="middle"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('col.id'),
            dataIndex: 'id',
            render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
          },
          // One name, in the page's language (issue 15 §4).
          { title: t('col.name'), key: 'name', render: (_, row) => pick(row.nameZh, row.nameEn) },
          {
            title: t('col.rank'),
            dataIndex: 'rank',
            sorter: (a, b) => a.rank - b.rank,
            defaultSortOrder: 'ascend',
          },
        ]}
      />
    </>
  );
}
