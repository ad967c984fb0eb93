import { Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import type { FlowFigures, RecognitionFigures } from '../../statistics-api';
import { type ChartOption, EChart } from './echart';

/** 互认趋势: decisions per month, one line per rule that granted anything in the period. */
export function RecognitionLines({ figures }: { figures: RecognitionFigures }) {
  const { t, pick } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const cell = new Map(figures.byMonth.map((m) => [`${m.month} ${m.rule}`, m.decisions]));
    return {
      animation: false,
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: figures.months, boundaryGap: false },
      yAxis: { type: 'value', minInterval: 1 },
      series: figures.byRule.map((r) => ({
        name: pick(r.rule.zh, r.rule.en),
        type: 'line',
        showSymbol: true,
        data: figures.months.map((month) => cell.get(`${month} ${r.rule.code}`) ?? 0),
      })),
    };
  }, [figures, pick]);
  return <EChart option={option} testId="chart-recognitions" label={t('stat.recognitions')} height={300} />;
}

/** The rules with their decisions and holders, as a table beside the lines. */
export function RecognitionRuleTable({ figures }: { figures: RecognitionFigures }) {
  const { t, pick } = useI18n();
  return (
    <Table
      size="small"
      rowKey={(r) => r.rule.code}
      pagination={false}
      dataSource={figures.byRule}
      locale={{ emptyText: t('stat.empty') }}
      data-testid="recognition-rules"
      columns={[
        {
          key: 'rule',
          title: t('stat.col.rule'),
          render: (_, r) => <span title={r.rule.code}>{pick(r.rule.zh, r.rule.en)}</span>,
        },
        {
          key: 'kind',
          title: t('stat.col.kind'),
          render: (_, r) => <Tag>{t(`stat.kind.${r.kind}`)}</Tag>,
        },
        { key: 'decisions', title: t('stat.col.decisions'), dataIndex: 'decisions', align: 'right' },
        { key: 'holders', title: t('stat.col.holders'), dataIndex: 'holders', align: 'right' },
      ]}
    />
  );
}

/**
 * 跨地区流动 as a sankey: the provinces holders applied in on the left, the provinces that issued the certificates
 * they used on the right (two nodes per province, so a province's own holders are a flow too, never a cycle).
 */
export function FlowSankey({ figures }: { figures: FlowFigures }) {
  const { t, pick } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const applied = (code: string, zh: string, en: string) =>
      `${t('stat.flows.applied')} · ${pick(zh, en)} ${code}`;
    const issued = (code: string, zh: string, en: string) =>
      `${t('stat.flows.issued')} · ${pick(zh, en)} ${code}`;
    const nodes = new Set<string>();
    const links = figures.flows.map((f) => {
      const source = applied(f.applied.code, f.applied.zh, f.applied.en);
      const target = issued(f.issued.code, f.issued.zh, f.issued.en);
      nodes.add(source);
      nodes.add(target);
      return { source, target, value: f.holders };
    });
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      series: [
        {
          type: 'sankey',
          left: 8,
          right: 160,
          top: 8,
          bottom: 8,
          nodeAlign: 'justify',
          emphasis: { focus: 'adjacency' },
          lineStyle: { color: 'gradient', curveness: 0.5 },
          label: { formatter: (p: unknown) => String((p as { name: string }).name).replace(/ \d{6}$/, '') },
          data: [...nodes].map((name) => ({ name })),
          links,
        },
      ],
    };
  }, [figures, pick, t]);
  return (
    <EChart
      option={option}
      testId="chart-flows"
      label={t('stat.flows')}
      height={Math.max(240, Math.min(600, 40 * figures.flows.length))}
    />
  );
}

export function FlowTable({ figures }: { figures: FlowFigures }) {
  const { t, pick } = useI18n();
  return (
    <Table
      size="small"
      rowKey={(f) => `${f.applied.code}>${f.issued.code}`}
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={figures.flows}
      locale={{ emptyText: t('stat.empty') }}
      data-testid="flow-table"
      columns={[
        {
          key: 'applied',
          title: t('stat.flows.applied'),
          render: (_, f) => pick(f.applied.zh, f.applied.en),
        },
        { key: 'issued', title: t('stat.flows.issued'), render: (_, f) => pick(f.issued.zh, f.issued.en) },
        { key: 'decisions', title: t('stat.col.decisions'), dataIndex: 'decisions', align: 'right' },
        { key: 'holders', title: t('stat.col.holders'), dataIndex: 'holders', align: 'right' },
      ]}
    />
  );
}
