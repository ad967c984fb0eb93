import { useMemo } from 'react';
import { type Translate, useI18n } from '../../i18n';
import { type Breakdown, type CertificateFigures, effectiveStatuses } from '../../statistics-api';
import { type ChartOption, EChart, provinceNameMap } from './echart';

const statusColors = {
  valid: '#52c41a',
  expired: '#bfbfbf',
  'not-yet-valid': '#1677ff',
  suspended: '#faad14',
  revoked: '#ff4d4f',
} as const;

/** 各省证书分布: the provinces coloured by the number of certificates they issued. */
export function ProvinceMap({ figures }: { figures: CertificateFigures }) {
  const { t, pick } = useI18n();
  const option = useMemo<ChartOption>(() => {
    const byCode = new Map(figures.byProvince.map((b) => [b.key.code, b]));
    const max = Math.max(1, ...figures.byProvince.map((b) => b.total));
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const { name } = params as { name: string };
          const found = byCode.get(name);
          return found ? `${pick(found.key.zh, found.key.en)}: ${found.total}` : `${name}: 0`;
        },
      },
      visualMap: {
        min: 0,
        max,
        left: 8,
        bottom: 8,
        calculable: true,
        inRange: { color: ['#e6f4ff', '#1677ff', '#002c8c'] },
        text: [String(max), '0'],
      },
      series: [
        {
          type: 'map',
          map: 'china',
          nameMap: provinceNameMap,
          roam: false,
          label: { show: false },
          emphasis: { label: { show: false } },
          data: figures.byProvince.map((b) => ({ name: b.key.code, value: b.total })),
        },
      ],
    };
  }, [figures, pick]);
  return <EChart option={option} testId="chart-map" label={t('stat.map')} height={420} />;
}

function stackedBars(
  rows: Breakdown[],
  horizontal: boolean,
  label: (b: Breakdown) => string,
  t: Translate,
): ChartOption {
  const categories = rows.map(label);
  const category = {
    type: 'category' as const,
    data: categories,
    inverse: horizontal,
    // Below bars every department's name is shown (wrapped), not every other one; beside bars long names truncate.
    axisLabel: horizontal
      ? { width: 160, overflow: 'truncate' as const }
      : { interval: 0, width: 72, overflow: 'break' as const },
  };
  const value = { type: 'value' as const, minInterval: 1 };
  return {
    animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, data: effectiveStatuses.map((s) => t(`stat.status.${s}`)) },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? category : value,
    series: effectiveStatuses.map((status) => ({
      name: t(`stat.status.${status}`),
      type: 'bar',
      stack: 'status',
      itemStyle: { color: statusColors[status] },
      data: rows.map((b) => b.statuses[status]),
    })),
  };
}

/** 按发证部门: certificates of each department, stacked by their status as of today. */
export function DepartmentBars({ figures }: { figures: CertificateFigures }) {
  const { t, pick } = useI18n();
  const option = useMemo(
    () => stackedBars(figures.byDepartment, false, (b) => pick(b.key.zh, b.key.en), t),
    [figures, pick, t],
  );
  return <EChart option={option} testId="chart-departments" label={t('stat.byDepartment')} height={260} />;
}

/** 按证书类型: the fifteen types with most certificates. */
export function TypeBars({ figures }: { figures: CertificateFigures }) {
  const { t, pick } = useI18n();
  const rows = useMemo(() => figures.byType.slice(0, 15), [figures]);
  const option = useMemo(() => stackedBars(rows, true, (b) => pick(b.key.zh, b.key.en), t), [rows, pick, t]);
  return (
    <EChart
      option={option}
      testId="chart-types"
      label={t('stat.byType')}
      height={Math.max(200, 48 + rows.length * 28)}
    />
  );
}
