import type {
  BarSeriesOption,
  LineSeriesOption,
  MapSeriesOption,
  SankeySeriesOption,
  ScatterSeriesOption,
} from 'echarts/charts';
import { BarChart, LineChart, MapChart, SankeyChart, ScatterChart } from 'echarts/charts';
import type {
  GridComponentOption,
  LegendComponentOption,
  TooltipComponentOption,
  VisualMapComponentOption,
} from 'echarts/components';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { type ComposeOption, type EChartsType, init, registerMap, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import china from './china-provinces.json';

// Only the charts and components this page draws (echarts/core keeps the rest of ECharts out of the bundle).
use([
  BarChart,
  LineChart,
  MapChart,
  SankeyChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/**
 * The bundled province map (README.md beside it), registered as `china` so that ECharts adds the 南海诸岛 inset and
 * 钓鱼岛 itself. Its features keep their original names; `provinceNameMap` turns them into GB/T 2260 codes.
 */
interface ProvinceFeature {
  properties: { adcode: string; name: string };
}
registerMap('china', china as unknown as Parameters<typeof registerMap>[1]);
export const provinceNameMap: Record<string, string> = Object.fromEntries(
  (china.features as ProvinceFeature[]).map((f) => [f.properties.name, f.properties.adcode]),
);

export type ChartOption = ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | MapSeriesOption
  | SankeySeriesOption
  | ScatterSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
  | VisualMapComponentOption
>;

/**
 * One chart on a canvas, resized with its box; the option replaces the previous one whole. `onClick` receives the
 * name of the item clicked (a province's code on the map).
 */
export function EChart(props: {
  option: ChartOption;
  testId: string;
  label: string;
  height: number;
  onClick?: (name: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const onClick = useRef(props.onClick);
  onClick.current = props.onClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.name === 'string') onClick.current?.(params.name);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(props.option, { notMerge: true });
  }, [props.option]);

  return (
    <div
      ref={ref}
      data-testid={props.testId}
      role="img"
      aria-label={props.label}
      style={{ width: '100%', height: props.height }}
    />
  );
}

/** 0.8765 → "87.7%". */
export function percent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}
