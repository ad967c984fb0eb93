import type { BarSeriesOption } from 'echarts/charts';
import { BarChart } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n';
import type { Coverage } from '../../paper-api';

// Only the bar chart's parts; this module is imported lazily by the papers tab, so ECharts loads on that page only.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

/** The blueprint's coverage (issue 7 §7): required vs assembled items per cell. */
export function CoverageChart({ coverage, testId }: { coverage: Coverage[]; testId: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const required = t('pap.required');
  const assembled = t('pap.assembled');

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: 'canvas' });
    const option: Option = {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: [required, assembled], top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: coverage.map((c) => c.cell),
        inverse: true,
        axisLabel: { width: 220, overflow: 'truncate' },
      },
      series: [
        {
          name: required,
          type: 'bar',
          data: coverage.map((c) => c.required),
          itemStyle: { color: '#bfbfbf' },
        },
        {
          name: assembled,
          type: 'bar',
          data: coverage.map((c) => c.assembled),
          itemStyle: { color: '#1677ff' },
        },
      ],
    };
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [coverage, required, assembled]);

  return (
    <div
      ref={ref}
      data-testid={testId}
      role="img"
      aria-label={t('pap.coverage')}
      style={{ width: '100%', height: Math.max(160, 48 + coverage.length * 40) }}
    />
  );
}
