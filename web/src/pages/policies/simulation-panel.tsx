import { Alert, Button, Card, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { type Translate, useI18n } from '../../i18n';
import type { Simulation } from '../../policy-types';
import { type ExemptionCode, exemptionCodes } from '../../recognition-types';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import type { BarData } from './simulation-charts';
import { SimulationProgress } from './simulation-progress';
import { isLive, useSimulationRun } from './use-simulation-run';

// ECharts is large: it comes in its own chunk the first time a simulation is drawn.
const SimulationCharts = lazy(() =>
  import('./simulation-charts').then((m) => ({ default: m.SimulationCharts })),
);

type Describe = (key: string) => string;

/** `level:6-31-01-03:5` → 电工 五级 初级工; `exemption:mohurd.electrician:safety-training` → 建筑电工 · 免…培训. */
function useDescribeKey(catalog: RecognitionCatalog): Describe {
  const { t, pick } = useI18n();
  return (key) => {
    const [kind, subject = '', detail = ''] = key.split(':');
    if (kind === 'level') {
      const occupation = catalog.occupationByCode.get(subject);
      const level = catalog.levelById.get(detail);
      const levelText = level
        ? [level.gradeZh, pick(level.nameZh, level.nameEn)].filter(Boolean).join(' ')
        : detail;
      return `${occupation ? pick(occupation.nameZh, occupation.nameEn) : subject} ${levelText}`;
    }
    if (kind === 'exemption') {
      const code = (exemptionCodes as readonly string[]).includes(detail)
        ? (detail as ExemptionCode)
        : undefined;
      return `${catalog.typeName(subject)} · ${code ? t(`exempt.${code}`) : detail}`;
    }
    return key;
  };
}

function byKey(simulation: Simulation, describe: Describe): Omit<BarData, 'title' | 'testId'> {
  const keys = [...new Set([...simulation.gained, ...simulation.lost].map((c) => c.key))];
  const count = (list: Simulation['gained'], key: string) =>
    list.filter((c) => c.key === key).reduce((sum, c) => sum + c.count, 0);
  return {
    categories: keys.map(describe),
    gained: keys.map((k) => count(simulation.gained, k)),
    lost: keys.map((k) => count(simulation.lost, k)),
  };
}

function toCharts(
  simulation: Simulation,
  catalog: RecognitionCatalog,
  t: Translate,
  describe: Describe,
): BarData[] {
  return [
    { title: t('sim.byKey'), testId: 'chart-by-key', ...byKey(simulation, describe) },
    {
      title: t('sim.byProvince'),
      testId: 'chart-by-province',
      categories: simulation.byProvince.map((p) => catalog.regionName(p.region)),
      gained: simulation.byProvince.map((p) => p.gained),
      lost: simulation.byProvince.map((p) => p.lost),
    },
    {
      title: t('sim.byType'),
      testId: 'chart-by-type',
      categories: simulation.byType.map((p) => catalog.typeName(p.type)),
      gained: simulation.byType.map((p) => p.gained),
      lost: simulation.byType.map((p) => p.lost),
    },
  ];
}

function Keys({ keys, color, describe }: { keys: string[]; color: string; describe: Describe }) {
  const { t } = useI18n();
  if (keys.length === 0) return <Typography.Text type="secondary">{t('sim.none')}</Typography.Text>;
  return (
    <Space size={4} wrap>
      {keys.map((key) => (
        <Tag key={key} color={color} title={key}>
          {describe(key)}
        </Tag>
      ))}
    </Space>
  );
}

/**
 * 影响模拟: the registry's holders evaluated with the saved draft instead of the published version. It runs as a job
 * (issue 16 §2): the panel follows its phase, offers to cancel it, and draws its result once done.
 */
export function SimulationPanel(props: {
  region: string;
  version: string;
  isDirty: boolean;
  catalog: RecognitionCatalog;
}) {
  const { t } = useI18n();
  const describe = useDescribeKey(props.catalog);
  const job = useSimulationRun(props.region);
  const { run } = job;
  const simulation = run?.status === 'done' ? run.result : null;
  const start = () => job.start(props.version);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('sim.hint')}
      </Typography.Paragraph>
      {props.isDirty ? <Alert type="warning" showIcon title={t('edit.saveFirst')} /> : null}
      <Button
        type="primary"
        onClick={start}
        // One run at a time: a new one once this one has ended.
        loading={job.isStarting || (run !== null && isLive(run))}
        disabled={props.isDirty}
        data-testid="run-simulation"
      >
        {t('sim.run')}
      </Button>
      {run ? (
        <SimulationProgress
          run={run}
          isCancelling={job.isCancelling}
          onCancel={job.cancel}
          onRunAgain={start}
        />
      ) : null}
      <ErrorAlert error={job.error} onRetry={run && isLive(run) ? job.resume : start} />
      {simulation ? (
        <div data-testid="simulation-result">
          <Space size="large" style={{ marginBottom: 16 }}>
            <Statistic title={t('sim.holders')} value={simulation.holders} />
            <Statistic title={t('sim.changed')} value={simulation.changed} />
          </Space>
          <Suspense fallback={<Spin style={{ display: 'block', margin: 24 }} />}>
            <SimulationCharts charts={toCharts(simulation, props.catalog, t, describe)} />
          </Suspense>
          <Card size="small" title={t('sim.sample')} style={{ marginTop: 16 }}>
            <Table
              locale={{ emptyText: t('empty.simulationSample') }}
              rowKey="holderId"
              size="small"
              pagination={false}
              dataSource={simulation.sample}
              columns={[
                {
                  key: 'name',
                  title: t('col.holder'),
                  render: (_, s) => <Link to={`/holders/${encodeURIComponent(s.holderId)}`}>{s.name}</Link>,
                },
                {
                  key: 'gained',
                  title: t('sim.gained'),
                  render: (_, s) => <Keys keys={s.gained} color="green" describe={describe} />,
                },
                {
                  key: 'lost',
                  title: t('sim.lost'),
                  render: (_, s) => <Keys keys={s.lost} color="red" describe={describe} />,
                },
              ]}
            />
          </Card>
        </div>
      ) : null}
    </Space>
  );
}
