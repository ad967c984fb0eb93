import { Alert, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import type { PassRateFigures, PassRateInstitution } from '../../statistics-api';
import { type ChartOption, EChart, percent } from './echart';

const colors = { institution: '#1677ff', outlier: '#ff4d4f', notPlaced: '#bfbfbf', target: '#595959' };

/**
 * 漏斗图 (exams.md §4.4): each institution's pass rate against its number of candidates, with the control limits of
 * the supervision rule around the overall rate; institutions outside the rule's own limits in red.
 */
export function FunnelPlot({ figures }: { figures: PassRateFigures }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const point = (i: PassRateInstitution) => ({ value: [i.n, i.rate], name: i.name });
    const placed = figures.institutions.filter((i) => i.inFunnel && i.outlier === null);
    const outliers = figures.institutions.filter((i) => i.outlier !== null);
    const notPlaced = figures.institutions.filter((i) => !i.inFunnel);
    const sizes = figures.curves[0]?.points.map((p) => p.n) ?? [];
    const lines = figures.curves.flatMap((curve) => {
      const isRule = curve.z === figures.rule.z;
      const style = {
        color: isRule ? '#cf1322' : '#fa8c16',
        type: isRule ? ('solid' as const) : ('dashed' as const),
        width: 1,
      };
      return (['lower', 'upper'] as const).map((side) => ({
        name: t(side === 'lower' ? 'stat.funnel.lower' : 'stat.funnel.upper', { z: curve.z }),
        type: 'line' as const,
        showSymbol: false,
        silent: true,
        lineStyle: style,
        itemStyle: { color: style.color },
        data: curve.points.map((p) => [p.n, p[side]]),
      }));
    });
    const target = figures.funnel
      ? [
          {
            name: t('stat.funnel.target'),
            type: 'line' as const,
            showSymbol: false,
            silent: true,
            lineStyle: { color: colors.target, type: 'dotted' as const, width: 1 },
            itemStyle: { color: colors.target },
            data: [sizes[0] ?? 1, sizes.at(-1) ?? 1].map((n) => [n, figures.funnel?.target ?? 0]),
          },
        ]
      : [];
    const scatter = (name: string, items: PassRateInstitution[], color: string, size: number) => ({
      name,
      type: 'scatter' as const,
      symbolSize: size,
      itemStyle: { color },
      data: items.map(point),
      tooltip: {
        formatter: (p: unknown) => {
          const { name: institution, value } = p as { name: string; value: [number, number] };
          return `${institution}<br/>${t('stat.funnel.n')} ${value[0]} · ${t('stat.funnel.rate')} ${percent(value[1])}`;
        },
      },
    });
    return {
      animation: false,
      tooltip: { trigger: 'item' },
      legend: { type: 'scroll', top: 0 },
      grid: { left: 8, right: 24, top: 40, bottom: 32, containLabel: true },
      xAxis: { type: 'value', name: t('stat.funnel.n'), nameLocation: 'middle', nameGap: 24, min: 0 },
      yAxis: {
        type: 'value',
        name: t('stat.funnel.rate'),
        min: 0,
        max: 1,
        axisLabel: { formatter: (v: number) => percent(v) },
      },
      series: [
        ...lines,
        ...target,
        scatter(t('stat.funnel.institutions'), placed, colors.institution, 9),
        scatter(t('stat.funnel.outliers'), outliers, colors.outlier, 13),
        scatter(t('stat.funnel.notPlaced'), notPlaced, colors.notPlaced, 7),
      ],
    };
  }, [figures, t]);
  return <EChart option={option} testId="chart-funnel" label={t('stat.passRates')} height={380} />;
}

/** The caption under the plot, or why there is no funnel. */
export function FunnelCaption({ figures, subject }: { figures: PassRateFigures; subject: string }) {
  const { t } = useI18n();
  if (!figures.funnel)
    return (
      <Alert
        type="info"
        showIcon
        data-testid="funnel-none"
        title={t('stat.passRates.none', {
          minPeers: figures.rule.minPeers,
          minCandidates: figures.rule.minCandidates,
        })}
      />
    );
  return (
    <Typography.Text type="secondary" data-testid="funnel-caption">
      {t('stat.passRates.caption', {
        year: figures.year,
        subject,
        target: percent(figures.funnel.target),
        zs: figures.rule.zs.join(' / '),
        z: figures.rule.z,
      })}
    </Typography.Text>
  );
}

/** Every institution, outliers first, with its numbers and the rule's limits. */
export function PassRateTable({ figures }: { figures: PassRateFigures }) {
  const { t, pick } = useI18n();
  const rows = useMemo(
    () => [...figures.institutions].sort((a, b) => Number(b.outlier !== null) - Number(a.outlier !== null)),
    [figures],
  );
  return (
    <Table<PassRateInstitution>
      size="small"
      rowKey="id"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      dataSource={rows}
      locale={{ emptyText: t('stat.empty') }}
      data-testid="pass-rate-table"
      columns={[
        { key: 'name', title: t('stat.funnel.institution'), render: (_, i) => `${i.name} (${i.code})` },
        {
          key: 'province',
          title: t('stat.col.province'),
          render: (_, i) => pick(i.province.zh, i.province.en),
        },
        { key: 'n', title: t('stat.funnel.n'), dataIndex: 'n', align: 'right' },
        { key: 'passed', title: t('stat.funnel.passed'), dataIndex: 'passed', align: 'right' },
        { key: 'rate', title: t('stat.funnel.rate'), align: 'right', render: (_, i) => percent(i.rate) },
        {
          key: 'flag',
          title: t('stat.funnel.flag'),
          render: (_, i) =>
            i.outlier ? (
              <Tag color="red" data-testid="funnel-outlier">
                {t(i.outlier === 'above' ? 'stat.funnel.above' : 'stat.funnel.below')}
              </Tag>
            ) : i.inFunnel ? null : (
              <Tag>{t('stat.funnel.notPlaced')}</Tag>
            ),
        },
      ]}
    />
  );
}
