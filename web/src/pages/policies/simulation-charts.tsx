import { Card, Col, Row } from 'antd';
import type { BarSeriesOption } from 'echarts/charts';
import { BarChart } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type ComposeOption, init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useI18n } from '../../i18n';

// Only what the bar charts need: echarts/core keeps the rest of ECharts out of the bundle.
use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

export interface BarData {
  title: string;
  testId: string;
  categories: string[];
  gained: number[];
  lost: number[];
}

function Bars({ data }: { data: BarData }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const gainedLabel = t('sim.gained');
  const lostLabel = t('sim.lost');

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const chart = init(element, undefined, { renderer: 'canvas' });
    const option: Option = {
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { data: [gainedLabel, lostLabel], top: 0 },
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: data.categories,
        inverse: true,
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: [
        { name: gainedLabel, type: 'bar', data: data.gained, itemStyle: { color: '#52c41a' } },
        { name: lostLabel, type: 'bar', data: data.lost, itemStyle: { color: '#ff4d4f' } },
      ],
    };
    chart.setOption(option);
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.dispose();
    };
  }, [data, gainedLabel, lostLabel]);

  const height = Math.max(160, 48 + data.categories.length * 36);
  return (
    <div
      ref={ref}
      data-testid={data.testId}
      data-categories={data.categories.length}
      role="img"
      aria-label={data.title}
      style={{ width: '100%', height }}
    />
  );
}

/** The simulation's bar charts: gained (green) and lost (red) per category. Loaded on first use (ECharts chunk). */
export function SimulationCharts({ charts }: { charts: BarData[] }) {
  return (
    <Row gutter={[16, 16]}>
      {charts.map((chart) => (
        <Col key={chart.testId} xs={24} xl={chart.testId === 'chart-by-key' ? 24 : 12}>
          <Card size="small" title={chart.title}>
            <Bars data={chart} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
