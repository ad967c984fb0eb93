import { useMemo } from 'react';
import { useI18n } from '../../i18n';
import { ageBuckets, type WarningFigures } from '../../statistics-api';
import { type ChartOption, EChart } from './echart';

/** The review workflow's statuses in their order (supervision/warnings.model.ts). */
const warningStatuses = [
  'created',
  'sent',
  'answered',
  'returned',
  'escalated',
  'sanction-proposed',
  'closed',
] as const;
const statusColors: Record<(typeof warningStatuses)[number], string> = {
  created: '#91caff',
  sent: '#1677ff',
  answered: '#13c2c2',
  returned: '#faad14',
  escalated: '#fa541c',
  'sanction-proposed': '#cf1322',
  closed: '#bfbfbf',
};

/** 按规则和状态: warnings of each rule, stacked by where they are in the review workflow. */
export function WarningBars({ figures }: { figures: WarningFigures }) {
  const { t, pick } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const cell = new Map(figures.byRuleStatus.map((c) => [`${c.rule} ${c.status}`, c.count]));
    const present = warningStatuses.filter((s) => figures.byStatus.some((b) => b.status === s));
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        inverse: true,
        data: figures.byRule.map((r) => pick(r.rule.zh, r.rule.en)),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: present.map((status) => ({
        name: t(`stat.wstatus.${status}`),
        type: 'bar',
        stack: 'status',
        itemStyle: { color: statusColors[status] },
        data: figures.byRule.map((r) => cell.get(`${r.rule.code} ${status}`) ?? 0),
      })),
    };
  }, [figures, pick, t]);
  return (
    <EChart
      option={option}
      testId="chart-warnings"
      label={t('stat.warnings.byRule')}
      height={Math.max(180, 56 + figures.byRule.length * 32)}
    />
  );
}

/** 未结预警时长: open warnings under 7 days, 7–30 days, over 30 days old. */
export function AgeBars({ figures }: { figures: WarningFigures }) {
  const { t } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const open = new Map(figures.byAge.map((a) => [a.age, a.open]));
    return {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: ageBuckets.map((a) => t(`stat.age.${a}`)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          name: t('stat.kpi.openWarnings'),
          data: ageBuckets.map((a, i) => ({
            value: open.get(a) ?? 0,
            itemStyle: { color: ['#52c41a', '#faad14', '#ff4d4f'][i] },
          })),
        },
      ],
    };
  }, [figures, t]);
  return <EChart option={option} testId="chart-ages" label={t('stat.warnings.byAge')} height={220} />;
}
