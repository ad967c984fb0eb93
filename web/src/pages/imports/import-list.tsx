import { Button, Empty, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback, useEffect } from 'react';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { registryApi } from '../../registry-api';
import type { ImportStatus, ImportView } from '../../registry-types';
import { useApiData } from '../../use-api-data';
import { ImportStatusTag } from '../registry/status-tag';

/** Past imports, newest first; `refreshKey` changes when an import finishes, to show it. */
export function ImportList({ refreshKey, onView }: { refreshKey: number; onView: (id: string) => void }) {
  const { t, lang } = useI18n();
  const pages = useCursorPages(20);
  const { cursor, limit, reset } = pages;
  const load = useCallback(() => registryApi.listImports({ limit, cursor }), [limit, cursor]);
  const { data, error, isLoading, reload } = useApiData(load);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is the trigger, not an input.
  useEffect(() => {
    if (refreshKey === 0) return;
    if (cursor === undefined) reload();
    else reset();
  }, [refreshKey]);

  const columns: TableColumnsType<ImportView> = [
    { title: t('col.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
    { title: t('col.filename'), dataIndex: 'filename' },
    {
      title: t('col.mode'),
      dataIndex: 'acceptValid',
      render: (acceptValid: boolean) => t(acceptValid ? 'import.mode.acceptValid' : 'import.mode.all'),
    },
    {
      title: t('col.status'),
      dataIndex: 'status',
      render: (status: ImportStatus) => <ImportStatusTag status={status} />,
    },
    { title: t('import.total'), dataIndex: 'total' },
    { title: t('import.created'), dataIndex: 'created' },
    { title: t('import.updated'), dataIndex: 'updated' },
    { title: t('import.unchanged'), dataIndex: 'unchanged' },
    { title: t('import.invalid'), dataIndex: 'invalid' },
    {
      title: t('col.finishedAt'),
      dataIndex: 'finishedAt',
      render: (v: string | null) => (v ? formatDateTime(v, lang) : '—'),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, view) => (
        <Button size="small" onClick={() => onView(view.id)}>
          {t('import.view')}
        </Button>
      ),
    },
  ];

  return (
    <div data-testid="import-history">
      <Typography.Title level={4}>{t('import.history')}</Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<ImportView>
        rowKey="id"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('empty.imports')} /> }}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <CursorPager
        page={pages.page}
        limit={limit}
        next={data?.next}
        isLoading={isLoading}
        onPrev={pages.goPrev}
        onNext={pages.goNext}
        onLimit={pages.setLimit}
      />
    </div>
  );
}
