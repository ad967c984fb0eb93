import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router';
import { useI18n } from '../../i18n';
import type { Activity } from './live-api';
import { planPhaseAt } from './live-plan-phase';

/** The snapshot's headline figures as cards; open warnings link to the review list. */
export function LiveSummary({ activity, now }: { activity: Activity | undefined; now: Date }) {
  const { t } = useI18n();
  // 进行中 counts the plans whose sittings are under way, not every approved plan (issue 15 item 6).
  const inProgress = activity?.plans.filter((p) => planPhaseAt(p, now) === 'in-progress').length;
  const registered = activity?.plans.reduce((sum, p) => sum + p.counts.registered, 0);
  const cards = [
    { key: 'plans', title: t('live.stat.plans'), value: inProgress },
    { key: 'registered', title: t('live.stat.registered'), value: registered },
    { key: 'sittings', title: t('live.stat.sittings'), value: activity?.sittings.length },
    {
      key: 'in-progress',
      title: t('live.stat.inProgress'),
      value: activity?.sittings.filter((s) => s.phase === 'in-progress').length,
    },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic title={c.title} value={c.value ?? '—'} data-testid={`live-stat-${c.key}`} />
          </Card>
        </Col>
      ))}
      <Col xs={12} md={8} xl={4}>
        <Card size="small">
          <Statistic
            title={<Link to="/supervision/warnings">{t('live.stat.warnings')}</Link>}
            value={activity?.openWarnings ?? '—'}
            styles={activity?.openWarnings ? { content: { color: '#cf1322' } } : undefined}
            data-testid="live-open-warnings"
          />
        </Card>
      </Col>
    </Row>
  );
}
