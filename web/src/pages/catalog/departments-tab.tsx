import { Table, Typography } from 'antd';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import type { Department } from '../../types';
import type { ApiData } from '../../use-api-data';

export function DepartmentsTab({ departments }: { departments: ApiData<{ items: Department[] }> }) {
  const { t, pick } = useI18n();
  return (
    <>
      <ErrorAlert error={departments.error} onRetry={departments.reload} />
      <Table<Department>
        rowKey="id"
        size="middle"
        loading={departments.isLoading}
        dataSource={departments.data?.items ?? []}
        pagination={false}
        columns={[
          {
            title: t('col.id'),
            dataIndex: 'id',
            render: (id: string) => <Typography.Text code>{id}</Typography.Text>,
          },
          // One name, in the page's language (issue 15 §4).
          { title: t('col.name'), key: 'name', render: (_, row) => pick(row.nameZh, row.nameEn) },
          { title: t('col.short'), dataIndex: 'shortZh' },
        ]}
      />
    </>
  );
}
