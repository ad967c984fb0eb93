import { Card, Empty, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { chinaWhen } from '../console/console-format';
import type { ConsoleCatalog } from '../console/use-console-catalog';
import type { ActivePlan, LiveSitting, SittingPhase } from './live-api';
import { type PlanPhase, planPhaseAt } from './live-plan-phase';

const phaseColors: Record<SittingPhase, string> = {
  upcoming: 'blue',
  'in-progress': 'green',
  ended: 'default',
};

const planPhaseColors: Record<PlanPhase, string> = {
  upcoming: 'blue',
  'in-progress': 'green',
  ended: 'default',
};

/**
 * The approved plans in the viewer's scope with their counts: those in progress or to come in the table with their
 * phase, the finished ones named apart (issue 15 item 6: a plan whose last sitting has ended is not 进行中).
 */
export function LivePlans({
  plans,
  catalog,
  loading,
  now,
}: {
  plans: ActivePlan[];
  catalog: ConsoleCatalog;
  loading: boolean;
  now: Date;
}) {
  const { t } = useI18n();
  const active = plans.filter((p) => planPhaseAt(p, now) !== 'ended');
  const over = plans.filter((p) => planPhaseAt(p, now) === 'ended');
  return (
    <Card size="small" title={t('live.plans')} style={{ marginBottom: 16 }}>
      <Table<ActivePlan>
        rowKey="id"
        size="small"
        data-testid="live-plans"
        loading={loading}
        dataSource={active}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('live.plans.none')} /> }}
        columns={[
          {
            title: t('live.col.plan'),
            key: 'plan',
            render: (_: unknown, p) => (
              <span data-verbatim="">
                {p.code} {p.name}
              </span>
            ),
          },
          {
            title: t('live.col.planPhase'),
            key: 'phase',
            render: (_: unknown, p) => {
              const phase = planPhaseAt(p, now);
              return (
                <Tag color={planPhaseColors[phase]} data-testid="live-plan-phase" data-phase={phase}>
                  {t(`live.planPhase.${phase}`)}
                </Tag>
              );
            },
          },
          {
            title: t('live.col.span'),
            key: 'span',
            render: (_: unknown, p) =>
              p.firstSittingStartsAt && p.lastSittingEndsAt
                ? chinaWhen(p.firstSittingStartsAt, p.lastSittingEndsAt)
                : t('live.span.none'),
          },
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
      {over.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }} data-testid="live-plans-over">
          {t('live.plans.over', { plans: over.map((p) => p.code).join('、') })}
        </Typography.Paragraph>
      ) : null}
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
