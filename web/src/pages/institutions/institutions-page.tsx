import { Empty, Spin, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import { useIsNarrow } from '../../components/screen';
import { useI18n } from '../../i18n';
import { institutionApi } from '../../institution-api';
import type { Institution, InstitutionFilter } from '../../institution-types';
import { useApiData } from '../../use-api-data';
import { InstitutionDrawer } from './institution-drawer';
import { InstitutionCards, InstitutionFilters, useInstitutionColumns } from './institution-parts';
import { useInstitutionCatalog } from './use-institution-catalog';

/** 机构查询 (issue 6 §1): the public directory of institutions whose filing is active today. */
export function InstitutionsPage() {
  const { t } = useI18n();
  const catalog = useInstitutionCatalog();
  const isNarrow = useIsNarrow();
  const [filter, setFilter] = useState<InstitutionFilter>({});
  const [open, setOpen] = useState<Institution | null>(null);
  const pages = useCursorPages(20);
  const { cursor, limit, reset } = pages;
  const load = useCallback(
    () => institutionApi.list({ ...filter, limit, ...(cursor && { cursor }) }),
    [filter, limit, cursor],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  const columns = useInstitutionColumns(catalog, { onOpen: setOpen });

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('inst.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('inst.subtitle')}</Typography.Paragraph>
      <InstitutionFilters
        catalog={catalog}
        onSearch={(next) => {
          setFilter(next);
          reset();
        }}
      />
      <ErrorAlert error={error} onRetry={reload} />
      {isNarrow ? (
        <Spin spinning={isLoading}>
          {data ? <InstitutionCards items={data.items} catalog={catalog} onOpen={setOpen} /> : null}
        </Spin>
      ) : (
        <Table<Institution>
          rowKey="id"
          size="middle"
          loading={isLoading}
          columns={columns}
          dataSource={data?.items ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: <Empty description={t('inst.none')} /> }}
          data-testid="institution-table"
          onRow={(row) => ({ onClick: () => setOpen(row), style: { cursor: 'pointer' } })}
        />
      )}
      <CursorPager
        page={pages.page}
        limit={limit}
        next={data?.next}
        isLoading={isLoading}
        onPrev={pages.goPrev}
        onNext={pages.goNext}
        onLimit={pages.setLimit}
      />
      <InstitutionDrawer institution={open} catalog={catalog} onClose={() => setOpen(null)} />
    </div>
  );
}
