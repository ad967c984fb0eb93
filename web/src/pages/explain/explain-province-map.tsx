import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { useI18n } from '../../i18n';
import { type ChartOption, EChart, provinceNameMap } from '../statistics/echart';
import type { TypeExplained } from './explain-api';
import { asOfSuffix } from './explain-parts';

/**
 * Where provinces differ for this certificate, on the China map of 跟踪分析 (issue 14 §1): the provinces with their
 * own arrangements coloured by how many differences they add, the rest blank. A click opens that province's page.
 * Loaded lazily, so the map stays out of the explainer's first download on a phone.
 */
export default function ExplainProvinceMap({
  data,
  asOf,
}: {
  data: TypeExplained;
  asOf: string | undefined;
}) {
  const { t, pick } = useI18n();
  const navigate = useNavigate();
  const option = useMemo<ChartOption>(() => {
    const byCode = new Map(data.provinces.map((p) => [p.region.code, p]));
    const max = Math.max(1, ...data.provinces.map((p) => p.differences.length));
    return {
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (params: unknown) => {
          const found = byCode.get((params as { name: string }).name);
          return found
            ? `${pick(found.region.zh, found.region.en)}: ${t('ex.mapDifferences', { count: found.differences.length })}`
            : t('ex.mapNational');
        },
      },
      visualMap: {
        min: 0,
        max,
        left: 8,
        bottom: 8,
        inRange: { color: ['#f5f5f5', '#ffc069', '#d46b08'] },
        text: [t('ex.mapMore'), t('ex.mapNone')],
      },
      series: [
        {
          type: 'map',
          map: 'china',
          nameMap: provinceNameMap,
          roam: false,
          label: { show: false },
          emphasis: { label: { show: false } },
          data: data.provinces.map((p) => ({ name: p.region.code, value: p.differences.length })),
        },
      ],
    };
  }, [data, pick, t]);
  return (
    <EChart
      option={option}
      testId="ex-province-map"
      label={t('ex.provinces')}
      height={320}
      onClick={(code) => {
        if (/^\d{6}$/.test(code)) navigate(`/explain/regions/${code}${asOfSuffix(asOf)}`);
      }}
    />
  );
}
