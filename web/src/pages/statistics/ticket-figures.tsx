import { App, Button, Card, Col, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { requestFile, withQuery } from '../../api';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { saveFile } from '../../registry-api';
import type { StatisticsFilter } from '../../statistics-api';
import { useApiData } from '../../use-api-data';
import { type TicketStats, ticketsApi } from '../tickets/tickets-api';
import { type ChartOption, EChart } from './echart';

/**
 * 咨询投诉 inside 跟踪分析 (issue 14 §5): what people ask and complain about, by topic, rule, province and
 * department, month by month; time to reply, overdue share, satisfaction; the rules drawing the most tickets —
 * where the policy is misunderstood. `GET /tickets/statistics` narrowed by the page's period and province.
 */
type Bucket = TicketStats['byTopic'][number];
type Dimension = 'kind' | 'topic' | 'rule' | 'province' | 'department';
const dimensions: Dimension[] = ['kind', 'topic', 'rule', 'province', 'department'];
/** More lines than this make the chart unreadable: the rest are summed as 「其他」. */
const maxLines = 8;

function BucketTable({ title, rows, testId }: { title: MessageKey; rows: Bucket[]; testId: string }) {
  const { t, pick } = useI18n();
  return (
    <>
      <Typography.Text strong>{t(title)}</Typography.Text>
      <Table<Bucket>
        size="small"
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        rowKey={(b) => b.key.code}
        dataSource={rows}
        data-testid={testId}
        locale={{ emptyText: t('tkstat.none') }}
        columns={[
          {
            key: 'item',
            title: t('tkstat.item'),
            render: (_, b) => <span title={b.key.code}>{pick(b.key.zh, b.key.en)}</span>,
          },
          { key: 'tickets', title: t('tkstat.tickets'), dataIndex: 'tickets', align: 'right', width: 96 },
        ]}
      />
    </>
  );
}

/** Tickets per month, one line per value of the chosen breakdown (China-time months). */
function TicketLines({ stats, dimension }: { stats: TicketStats; dimension: Dimension }) {
  const { t, pick } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const lists: Record<Exclude<Dimension, 'kind'>, Bucket[]> = {
      topic: stats.byTopic,
      rule: stats.byRule,
      province: stats.byProvince,
      department: stats.byDepartment,
    };
    const keys: Bucket[] = dimension === 'kind' ? stats.byKind : lists[dimension];
    const rows =
      dimension === 'kind'
        ? stats.byMonth.map((m) => ({ month: m.month, code: m.kind, tickets: m.tickets }))
        : stats.byMonthOf[dimension];
    const months = [...new Set([...stats.byMonth.map((m) => m.month), ...rows.map((r) => r.month)])].sort();
    const shown = keys.slice(0, maxLines);
    const cell = new Map(rows.map((r) => [`${r.month} ${r.code}`, r.tickets]));
    const series: ChartOption['series'] = shown.map((b) => ({
      name: pick(b.key.zh, b.key.en),
      type: 'line',
      showSymbol: true,
      data: months.map((month) => cell.get(`${month} ${b.key.code}`) ?? 0),
    }));
    const rest = keys.slice(maxLines).map((b) => b.key.code);
    if (rest.length > 0 && Array.isArray(series))
      series.push({
        name: t('tkstat.others'),
        type: 'line',
        showSymbol: true,
        data: months.map((month) => rest.reduce((n, code) => n + (cell.get(`${month} ${code}`) ?? 0), 0)),
      });
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: months, boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series,
    };
  }, [stats, dimension, pick, t]);
  return <EChart option={option} testId="chart-tickets" label={t('tkstat.overTime')} height={300} />;
}

export function TicketFiguresCard({ filter }: { filter: StatisticsFilter }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [dimension, setDimension] = useState<Dimension>('kind');
  const [busy, setBusy] = useState(false);
  const load = useCallback(
    () =>
      ticketsApi.stats({
        ...(filter.from && { from: filter.from }),
        ...(filter.to && { to: filter.to }),
        ...(filter.province && { province: filter.province }),
      }),
    [filter],
  );
  const { data, error, reload } = useApiData(load);
  const percent = (share: number | null) => (share === null ? '—' : `${formatNumber(share * 100)}%`);
  const download = async () => {
    setBusy(true);
    try {
      const { year: _year, occupation: _o, level: _l, ...rest } = filter;
      const file = await requestFile(
        'GET',
        withQuery('/statistics/export.xlsx', { ...rest, figures: 'tickets' }),
      );
      saveFile(file.blob, file.filename ?? 'statistics.xlsx');
    } catch (cause) {
      message.error(t('stat.exportFailed', { message: describeError(cause, t) }));
    } finally {
      setBusy(false);
    }
  };
  const kpis: [string, string, string, string | undefined][] = data
    ? [
        ['tkstat-total', t('tkstat.total'), String(data.total), undefined],
        [
          'tkstat-median',
          t('tkstat.medianHours'),
          data.replies.medianHoursToReply === null ? '—' : formatNumber(data.replies.medianHoursToReply),
          undefined,
        ],
        ['tkstat-overdue', t('tkstat.overdueShare'), percent(data.deadlines.overdueShare), undefined],
        [
          'tkstat-satisfaction',
          t('tkstat.satisfaction', { rated: data.satisfaction.rated }),
          data.satisfaction.mean === null ? '—' : formatNumber(data.satisfaction.mean),
          data.satisfaction.mean === null ? undefined : '/ 5',
        ],
      ]
    : [];
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      id="tickets"
      data-testid="stat-tickets"
      title={t('tkstat.section')}
      extra={
        <Button size="small" loading={busy} onClick={download} data-testid="tkstat-export">
          {t('tkstat.export')}
        </Button>
      }
    >
      <ErrorAlert error={error} onRetry={reload} />
      {data ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('tkstat.why')}
          </Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {kpis.map(([testId, title, value, suffix]) => (
              <Col key={testId} xs={12} md={6}>
                <Statistic title={title} value={value} suffix={suffix} data-testid={testId} />
              </Col>
            ))}
          </Row>
          <Segmented<Dimension>
            value={dimension}
            onChange={setDimension}
            data-testid="tkstat-dimension"
            options={dimensions.map((d) => ({ value: d, label: t(`tkstat.dim.${d}`) }))}
          />
          <TicketLines stats={data} dimension={dimension} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <BucketTable title="tkstat.topRules" rows={data.topRules} testId="tkstat-rule" />
            </Col>
            <Col xs={24} xl={12}>
              <BucketTable title="tkstat.byTopic" rows={data.byTopic} testId="tkstat-topic" />
            </Col>
            <Col xs={24} xl={12}>
              <BucketTable title="tkstat.byProvince" rows={data.byProvince} testId="tkstat-province" />
            </Col>
            <Col xs={24} xl={12}>
              <BucketTable title="tkstat.byDepartment" rows={data.byDepartment} testId="tkstat-department" />
            </Col>
          </Row>
          <Typography.Text type="secondary">
            {t('tkstat.distribution')}:{' '}
            {data.satisfaction.distribution.map((d) => `${'★'.repeat(d.score)} ${d.tickets}`).join(' · ')}
            {' · '}
            {t('tkstat.escalated', { count: data.deadlines.escalated, overdue: data.deadlines.overdue })}
          </Typography.Text>
        </Space>
      ) : null}
    </Card>
  );
}
