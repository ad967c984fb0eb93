import { Button, Select, Space, Table, type TableColumnsType, type TableProps, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import {
  type Severity,
  severities,
  type WarningFilter,
  type WarningStatusFilter,
  type WarningView,
  warningStatuses,
} from '../../warning-types';
import { warningsApi } from '../../warnings-api';
import { type WarningDetailMode, WarningDrawer } from './warning-detail';
import { DueCell, SeverityTag, WarningStatusTag } from './warning-tags';

const statusChoices: WarningStatusFilter[] = ['open', 'all', ...warningStatuses];
let rulesOnce: ReturnType<typeof warningsApi.rules> | undefined;
const loadRules = () => {
  rulesOnce ??= warningsApi.rules().catch((error: unknown) => {
    rulesOnce = undefined;
    throw error;
  });
  return rulesOnce;
};

function Filters(props: { filter: WarningFilter; onChange: (next: WarningFilter) => void }) {
  const { t } = useI18n();
  const { data: rules } = useApiData(loadRules);
  const { filter, onChange } = props;
  return (
    <Space wrap style={{ marginBottom: 16 }} data-testid="warning-filters">
      <Select<WarningStatusFilter>
        data-testid="filter-status"
        style={{ width: 160 }}
        value={filter.status}
        onChange={(status) => onChange({ ...filter, status })}
        options={statusChoices.map((s) => ({ value: s, label: t(`warn.status.${s}`) }))}
        aria-label={t('warn.filter.status')}
      />
      <Select<string>
        data-testid="filter-rule"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('warn.filter.rule')}
        style={{ width: 320 }}
        value={filter.rule}
        onChange={(rule) => onChange({ ...filter, rule })}
        options={(rules?.rules ?? []).map((r) => ({ value: r.id, label: r.title }))}
      />
      <Select<Severity>
        data-testid="filter-severity"
        allowClear
        placeholder={t('warn.filter.severity')}
        style={{ width: 140 }}
        value={filter.severity}
        onChange={(severity) => onChange({ ...filter, severity })}
        options={severities.map((s) => ({ value: s, label: t(`warn.severity.${s}`) }))}
      />
      <Select<'true' | 'false'>
        data-testid="filter-overdue"
        allowClear
        placeholder={t('warn.filter.overdue')}
        style={{ width: 140 }}
        value={filter.overdue}
        onChange={(overdue) => onChange({ ...filter, overdue })}
        options={[
          { value: 'true', label: t('warn.filter.overdueOnly') },
          { value: 'false', label: t('warn.filter.notOverdue') },
        ]}
      />
    </Space>
  );
}

const orderOf = (sort: WarningFilter['sort'], key: 'created' | 'due') =>
  sort.replace('-', '') === key ? (sort.startsWith('-') ? 'descend' : 'ascend') : null;

/**
 * The warnings in the caller's scope — the server narrows it: a province's supervisors see their province, an
 * institution its own once sent — with filters, sorting by raise time or deadline, cursor pages, and the detail.
 */
export function WarningList({
  mode,
  initialSort,
}: {
  mode: WarningDetailMode;
  initialSort: WarningFilter['sort'];
}) {
  const { t, lang } = useI18n();
  const [params, setParams] = useSearchParams();
  const openId = params.get('warning');
  const [filter, setFilter] = useState<WarningFilter>({ status: 'open', sort: initialSort });
  const pages = useCursorPages(20);
  const { cursor, limit, reset } = pages;
  const load = useCallback(() => warningsApi.list({ ...filter, limit, cursor }), [filter, limit, cursor]);
  const { data, error, isLoading, reload } = useApiData(load);

  const change = (next: WarningFilter) => {
    setFilter(next);
    reset();
  };
  const open = (id: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (id) next.set('warning', id);
        else next.delete('warning');
        return next;
      },
      { replace: id === null },
    );
  const onTable: TableProps<WarningView>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = s?.columnKey === 'due' ? 'due' : 'created';
    change({ ...filter, sort: !s?.order ? initialSort : s.order === 'descend' ? `-${key}` : key });
  };

  const columns: TableColumnsType<WarningView> = [
    {
      key: 'created',
      title: t('warn.col.created'),
      sorter: true,
      sortOrder: orderOf(filter.sort, 'created'),
      render: (_, w) => formatDateTime(w.createdAt, lang),
    },
    {
      key: 'severity',
      title: t('warn.col.severity'),
      render: (_, w) => <SeverityTag severity={w.severity} />,
    },
    {
      key: 'rule',
      title: t('warn.col.rule'),
      render: (_, w) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }}>
          {w.title}
        </Button>
      ),
    },
    { key: 'status', title: t('warn.col.status'), render: (_, w) => <WarningStatusTag status={w.status} /> },
    ...(mode === 'review'
      ? [
          {
            key: 'institution',
            title: t('warn.col.institution'),
            render: (_: unknown, w: WarningView) => w.institution?.name ?? '—',
          },
        ]
      : []),
    { key: 'plan', title: t('warn.col.plan'), render: (_, w) => w.planCode ?? '—' },
    {
      key: 'summary',
      title: t('warn.col.summary'),
      width: 360,
      render: (_, w) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: w.summary }} style={{ margin: 0 }}>
          {w.summary}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'due',
      title: t('warn.col.due'),
      sorter: true,
      sortOrder: orderOf(filter.sort, 'due'),
      render: (_, w) => <DueCell warning={w} />,
    },
  ];

  return (
    <>
      <Filters filter={filter} onChange={change} />
      <ErrorAlert error={error} onRetry={reload} />
      <Table<WarningView>
        rowKey="id"
        size="middle"
        data-testid="warnings-table"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('warn.none') }}
        onChange={onTable}
        onRow={(w) => ({
          onClick: () => open(w.id),
          style: { cursor: 'pointer' },
          'data-testid': 'warning-row',
          'data-rule': w.rule,
          'data-status': w.status,
        })}
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
      <WarningDrawer id={openId} mode={mode} onClose={() => open(null)} onChanged={reload} />
    </>
  );
}
