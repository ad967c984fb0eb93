import { Alert, Col, Row, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAuth } from '../../auth';
import { chinaClock } from '../../format';
import { useI18n } from '../../i18n';
import { useConsoleCatalog } from '../console/use-console-catalog';
import type { LiveFilter } from './live-api';
import { LiveEvents } from './live-events';
import { LiveFilters } from './live-filters';
import { LiveStatusIndicator } from './live-status';
import { useLiveStream } from './live-stream';
import { LiveSummary } from './live-summary';
import { LivePlans, LiveSittings } from './live-tables';

/** The time now, renewed every half minute: a plan moves from 未开始 to 进行中 to 已结束 while the page is open. */
function useNow(everyMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/**
 * 实时监控 (issue 8 §1): evaluation activity in the supervisor's scope — plans in progress, today's sittings, the
 * exam events as they happen (server-sent events, no reload) and the open warnings.
 */
export function LivePage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const catalog = useConsoleCatalog();
  const ownProvince = user?.role === 'supervisor' ? user.province : null;
  const [filter, setFilter] = useState<LiveFilter>({});
  const live = useLiveStream({ ...filter, ...(ownProvince && { province: ownProvince }) });
  const loading = live.activity === undefined && live.status !== 'closed';
  const now = useNow();

  return (
    <div>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('live.title')}
        </Typography.Title>
        <Space>
          {live.activity ? (
            <Typography.Text type="secondary">
              {t('live.asOf', { time: chinaClock(live.activity.asOf) })}
            </Typography.Text>
          ) : null}
          <LiveStatusIndicator status={live.status} onReconnect={live.reconnect} />
        </Space>
      </Space>
      <Typography.Paragraph type="secondary">{t('live.subtitle')}</Typography.Paragraph>
      <LiveFilters filter={filter} onChange={setFilter} ownProvince={ownProvince} catalog={catalog} />
      {live.lastWarning ? (
        <Alert
          type={live.lastWarning.isOpen ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="live-warning-change"
          title={t('live.warningChanged', { summary: live.lastWarning.summary })}
        />
      ) : null}
      <LiveSummary activity={live.activity} now={now} />
      <Row gutter={16}>
        <Col xs={24} xxl={14}>
          <LivePlans plans={live.activity?.plans ?? []} catalog={catalog} loading={loading} now={now} />
          <LiveSittings sittings={live.activity?.sittings ?? []} catalog={catalog} loading={loading} />
        </Col>
        <Col xs={24} xxl={10}>
          <LiveEvents events={live.events} fresh={live.fresh} />
        </Col>
      </Row>
    </div>
  );
}
