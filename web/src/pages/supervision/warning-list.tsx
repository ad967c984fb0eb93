import {
  Button,
  Empty,
  Select,
  Space,
  Table,
  type TableColumnsType,
  type TableProps,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useConsoleCatalog } from '../console/use-console-catalog';
import { type WarningDetailMode, WarningDrawer } from './warning-detail';
import { DueCell, SeverityTag, WarningStatusTag } from './warning-tags';
import { ruleTitle, warningSummary } from './warning-text';
import { severities, warningStatuses } from './warning-workflow';
import {
  type Severity,
  type WarningFilter,
  type WarningStatusFilter,
  type WarningView,
  warningsApi,
} from './warnings-api';

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
  const { t, lang } = useI18n();
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
      <Select<NonNullable<WarningFilter['rule']>>
        data-testid="filter-rule"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('warn.filter.rule')}
        style={{ width: 320 }}
        value={filter.rule}
        onChange={(rule) => onChange({ ...filter, rule })}
        options={(rules?.rules ?? []).map((r) => ({ value: r.id, label: ruleTitle(r.id, r.title, t, lang) }))}
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
  const catalog = useConsoleCatalog();
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

  // Few columns, the rule and its severity together, and the one action — open it — fixed at the right edge, so
  // a 1366 px screen shows it without scrolling sideways (issue 15 §1).
  const columns: TableColumnsType<WarningView> = [
    {
      key: 'created',
      title: t('warn.col.created'),
      sorter: true,
      sortOrder: orderOf(filter.sort, 'created'),
      width: 150,
      render: (_, w) => formatDateTime(w.createdAt, lang),
    },
    {
      key: 'rule',
      title: t('warn.col.rule'),
      width: 220,
      render: (_, w) => (
        <Space orientation="vertical" size={2}>
          <SeverityTag severity={w.severity} />
          <Typography.Text strong>{ruleTitle(w.rule, w.title, t, lang)}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'status',
      title: t('warn.col.status'),
      width: 110,
      render: (_, w) => <WarningStatusTag status={w.status} />,
    },
    ...(mode === 'review'
      ? [
          {
            key: 'institution',
            title: t('warn.col.institution'),
            width: 180,
            render: (_: unknown, w: WarningView) => w.institution?.name ?? '—',
          },
        ]
      : []),
    {
      key: 'summary',
      title: t('warn.col.summary'),
      render: (_, w) => {
        const text = warningSummary(w.summary, lang, catalog, w.evidence);
        return (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0, minWidth: 200 }}>
            {text}
          </Typography.Paragraph>
        );
      },
    },
    {
      key: 'due',
      title: t('warn.col.due'),
      sorter: true,
      sortOrder: orderOf(filter.sort, 'due'),
      width: 150,
      render: (_, w) => <DueCell warning={w} />,
    },
    {
      key: 'open',
      title: t('common.actions'),
      fixed: 'right',
      width: 100,
      render: (_, w) => (
        <Button type="primary" size="small" data-testid="warning-open" onClick={() => open(w.id)}>
          {t('warn.open')}
        </Button>
      ),
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
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('warn.none')} /> }}
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
