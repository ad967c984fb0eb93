import { Card, Table, Tag } from 'antd';
import { useI18n } from '../../i18n';
import type { ActivePlan, LiveSitting, SittingPhase } from '../../supervision-live-api';
import { chinaWhen } from '../console/console-format';
import type { ConsoleCatalog } from '../console/use-console-catalog';

const phaseColors: Record<SittingPhase, string> = {
  upcoming: 'blue',
  'in-progress': 'green',
  ended: 'default',
};

/** Plans in progress with their counts, in the viewer's scope. */
export function LivePlans({
  plans,
  catalog,
  loading,
}: {
  plans: ActivePlan[];
  catalog: ConsoleCatalog;
  loading: boolean;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('live.plans')} style={{ marginBottom: 16 }}>
      <Table<ActivePlan>
        rowKey="id"
        size="small"
        data-testid="live-plans"
        loading={loading}
        dataSource={plans}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('live.plans.none') }}
        columns={[
          { title: t('live.col.plan'), key: 'plan', render: (_: unknown, p) => `${p.code} ${p.name}` },
          {
            title: t('live.col.occupation'),
            key: 'occupation',
            render: (_: unknown, p) =>
              `${catalog.occupationName(p.occupation)} · ${catalog.levelName(p.level)}`,
          },
          {
            title: t('live.col.registered'),
            key: 'registered',
            render: (_: unknown, p) => p.counts.registered,
          },
          { title: t('live.col.sittings'), key: 'sittings', render: (_: unknown, p) => p.counts.sittings },
          {
            title: t('live.col.attempts'),
            key: 'attempts',
            render: (_: unknown, p) => `${p.counts.attemptsStarted} / ${p.counts.attemptsSubmitted}`,
          },
          {
            title: t('live.col.results'),
            key: 'results',
            render: (_: unknown, p) => `${p.counts.resultsComputed} / ${p.counts.resultsPublished}`,
          },
          {
            title: t('live.col.issued'),
            key: 'issued',
            render: (_: unknown, p) => p.counts.certificatesIssued,
          },
        ]}
      />
    </Card>
  );
}

/** Today's sittings (China Standard Time) with who registered, started and submitted. */
export function LiveSittings({
  sittings,
  catalog,
  loading,
}: {
  sittings: LiveSitting[];
  catalog: ConsoleCatalog;
  loading: boolean;
}) {
  const { t } = useI18n();
  return (
    <Card size="small" title={t('live.sittings')} style={{ marginBottom: 16 }}>
      <Table<LiveSitting>
        rowKey="id"
        size="small"
        data-testid="live-sittings"
        loading={loading}
        dataSource={sittings}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('live.sittings.none') }}
        columns={[
          {
            title: t('live.col.time'),
            key: 'time',
            render: (_: unknown, s) => chinaWhen(s.startsAt, s.endsAt),
          },
          { title: t('live.col.plan'), dataIndex: 'planCode' },
          {
            title: t('live.col.site'),
            key: 'site',
            render: (_: unknown, s) =>
              `${s.institutionName} · ${s.siteName} · ${catalog.provinceName(s.province)}`,
          },
          {
            title: t('live.col.phase'),
            dataIndex: 'phase',
            render: (phase: SittingPhase) => <Tag color={phaseColors[phase]}>{t(`live.phase.${phase}`)}</Tag>,
          },
          {
            title: t('live.col.seats'),
            key: 'seats',
            render: (_: unknown, s) => `${s.registered} / ${s.capacity}`,
          },
          {
            title: t('live.col.attempts'),
            key: 'attempts',
            render: (_: unknown, s) => `${s.started} / ${s.submitted}`,
          },
        ]}
      />
    </Card>
  );
}
