import { Empty, Spin, Typography } from 'antd';
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import { examApi } from '../../exam-api';
import type { PlanFilter } from '../../exam-types';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useRecognitionCatalog } from '../recognition/use-recognition-catalog';
import { PlanCard } from './plan-card';
import { PlanFilters } from './plan-filters';

const filterKeys = ['occupation', 'level', 'province'] as const;

/** 考试报名: approved plans a candidate can find by occupation, level and province; open to everyone. */
export function ExamsPage() {
  const { t } = useI18n();
  const catalog = useRecognitionCatalog();
  // The filters live in the address, so a search can be bookmarked or shared.
  const [params, setParams] = useSearchParams();
  const filter = useMemo<PlanFilter>(
    () => Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? undefined])),
    [params],
  );
  const pages = useCursorPages(20);
  const { cursor, limit, reset } = pages;
  const load = useCallback(() => examApi.plans({ ...filter, cursor, limit }), [filter, cursor, limit]);
  const { data, error, isLoading, reload } = useApiData(load);

  const applyFilter = (next: PlanFilter) => {
    reset();
    const search = new URLSearchParams();
    for (const k of filterKeys) {
      const v = next[k];
      if (v) search.set(k, v);
    }
    setParams(search, { replace: true });
  };

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('exams.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('exams.subtitle')}</Typography.Paragraph>
      <PlanFilters value={filter} onChange={applyFilter} catalog={catalog} />
      <ErrorAlert error={error} onRetry={reload} />
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      <div data-testid="plan-list" aria-busy={isLoading}>
        {data?.items.map((plan) => (
          <PlanCard key={plan.id} plan={plan} catalog={catalog} />
        ))}
      </div>
      {data && data.items.length === 0 ? <Empty description={t('exams.none')} /> : null}
      {data && (data.next || pages.page > 1) ? (
        <CursorPager
          page={pages.page}
          limit={limit}
          next={data.next}
          isLoading={isLoading}
          onPrev={pages.goPrev}
          onNext={pages.goNext}
          onLimit={pages.setLimit}
        />
      ) : null}
    </div>
  );
}
