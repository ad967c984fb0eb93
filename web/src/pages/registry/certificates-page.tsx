import { App, Button, Empty, Space, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { registryApi, saveFile } from '../../registry-api';
import type { Certificate, CertificateFilter } from '../../registry-types';
import { useApiData } from '../../use-api-data';
import { isSortKey, type SortState, useCertificateColumns } from './certificate-columns';
import { CertificateCreateModal } from './certificate-create-modal';
import { CertificateFilters } from './certificate-filters';
import { useRegistryCatalog } from './use-registry-catalog';

type Filter = Omit<CertificateFilter, 'sort' | 'order'>;

function ExportButtons({ filter }: { filter: CertificateFilter }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);

  const download = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    try {
      const file = await registryApi.exportCertificates(filter, format);
      saveFile(file.blob, file.filename ?? `certificates.${format}`);
    } catch (cause) {
      message.error(describeError(cause, t));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <Button onClick={() => download('csv')} loading={busy === 'csv'} data-testid="export-csv">
        {t('cert.exportCsv')}
      </Button>
      <Button onClick={() => download('xlsx')} loading={busy === 'xlsx'} data-testid="export-xlsx">
        {t('cert.exportXlsx')}
      </Button>
    </>
  );
}

/** 证书查询: filter, sort and page through the certificates in the caller's scope; export; create. */
export function CertificatesPage() {
  const { t } = useI18n();
  const { hasRole } = useAuth();
  const catalog = useRegistryCatalog();
  const [filter, setFilter] = useState<Filter>({});
  const [sorting, setSorting] = useState<SortState>({ sort: undefined, order: undefined });
  const [isCreating, setIsCreating] = useState(false);
  const pages = useCursorPages(50);
  const { cursor, limit, reset } = pages;

  const fullFilter: CertificateFilter = {
    ...filter,
    ...(sorting.sort && { sort: sorting.sort, order: sorting.order ?? 'asc' }),
  };
  const load = useCallback(
    () =>
      registryApi.searchCertificates({
        ...filter,
        ...(sorting.sort && { sort: sorting.sort, order: sorting.order ?? 'asc' }),
        limit,
        ...(cursor && { cursor }),
      }),
    [filter, sorting, limit, cursor],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  const columns = useCertificateColumns(catalog, { sorting });
  const canCreate = hasRole('department-admin', 'system-admin');

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('cert.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('cert.subtitle')}</Typography.Paragraph>
      <CertificateFilters
        catalog={catalog}
        onSearch={(next) => {
          setFilter(next);
          reset();
        }}
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <ExportButtons filter={fullFilter} />
        {canCreate ? (
          <Button type="primary" onClick={() => setIsCreating(true)} data-testid="create-certificate">
            {t('cert.create')}
          </Button>
        ) : null}
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Certificate>
        rowKey="id"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('empty.certificates')} /> }}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onChange={(_pagination, _filters, sorter) => {
          const one = Array.isArray(sorter) ? sorter[0] : sorter;
          const key = one?.columnKey;
          setSorting(
            one?.order && isSortKey(key)
              ? { sort: key, order: one.order === 'ascend' ? 'asc' : 'desc' }
              : { sort: undefined, order: undefined },
          );
          reset();
        }}
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
      {canCreate ? (
        <CertificateCreateModal
          open={isCreating}
          catalog={catalog}
          onClose={() => setIsCreating(false)}
          onCreated={() => {
            setIsCreating(false);
            reload();
          }}
        />
      ) : null}
    </div>
  );
}
