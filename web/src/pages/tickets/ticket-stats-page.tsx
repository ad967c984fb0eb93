import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Select, Space, Spin, Statistic, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { DateField } from '../../components/date-field';
import { ErrorAlert } from '../../components/error-alert';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { statsCsvUrl, type TicketStats, ticketsApi } from './tickets-api';

type Bucket = TicketStats['byTopic'][number];

function BucketTable({ title, rows, testId }: { title: MessageKey; rows: Bucket[]; testId: string }) {
  const { t, pick } = useI18n();
  return (
    <Card size="small" title={t(title)} data-testid={testId}>
      <Table<Bucket>
        size="small"
        pagination={false}
        rowKey={(b) => b.key.code}
        dataSource={rows}
        locale={{ emptyText: t('tkstat.none') }}
        columns={[
          { title: t('tkstat.item'), render: (_, b) => pick(b.key.zh, b.key.en) },
          { title: t('tkstat.tickets'), dataIndex: 'tickets', align: 'right', width: 96 },
        ]}
      />
    </Card>
  );
}

/** 咨询投诉跟踪分析 (issue 14 §5): tickets by topic, rule, province and department; reply times; satisfaction. */
export function TicketStatsPage() {
  const { t, pick } = useI18n();
  const catalog = useRegistryCatalog();
  const [from, setFrom] = useState<string | undefined>(undefined);
  const [to, setTo] = useState<string | undefined>(undefined);
  const [province, setProvince] = useState<string | undefined>(undefined);
  const query = { ...(from && { from }), ...(to && { to }), ...(province && { province }) };
  const load = useCallback(
    () => ticketsApi.stats({ ...(from && { from }), ...(to && { to }), ...(province && { province }) }),
    [from, to, province],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  const percent = (share: number | null) => (share === null ? '—' : `${formatNumber(share * 100)}%`);
  return (
    <div data-testid="ticket-stats">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('tkstat.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <span>{t('tkstat.from')}</span>
        <DateField value={from} onChange={setFrom} />
        <span>{t('tkstat.to')}</span>
        <DateField value={to} onChange={setTo} />
        <Select
          allowClear
          aria-label={t('tk.region')}
          placeholder={t('tk.region')}
          style={{ minWidth: 140 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={province}
          onChange={setProvince}
          options={catalog.provinces.map((r) => ({ value: r.code, label: pick(r.nameZh, r.nameEn) }))}
        />
        <Button icon={<DownloadOutlined />} href={statsCsvUrl(query)} data-testid="ticket-stats-csv">
          {t('tkstat.csv')}
        </Button>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      {data ? (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('tkstat.total')} value={data.total} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('tkstat.medianHours')}
                  value={
                    data.replies.medianHoursToReply === null
                      ? '—'
                      : formatNumber(data.replies.medianHoursToReply)
                  }
                />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic title={t('tkstat.overdueShare')} value={percent(data.deadlines.overdueShare)} />
              </Card>
            </Col>
            <Col xs={12} md={6}>
              <Card size="small">
                <Statistic
                  title={t('tkstat.satisfaction', { rated: data.satisfaction.rated })}
                  value={data.satisfaction.mean === null ? '—' : formatNumber(data.satisfaction.mean)}
                  suffix={data.satisfaction.mean === null ? undefined : '/ 5'}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <BucketTable title="tkstat.byTopic" rows={data.byTopic} testId="tkstat-topic" />
            </Col>
            <Col xs={24} lg={12}>
              <BucketTable title="tkstat.byRule" rows={data.byRule} testId="tkstat-rule" />
            </Col>
            <Col xs={24} lg={12}>
              <BucketTable title="tkstat.byProvince" rows={data.byProvince} testId="tkstat-province" />
            </Col>
            <Col xs={24} lg={12}>
              <BucketTable title="tkstat.byDepartment" rows={data.byDepartment} testId="tkstat-department" />
            </Col>
            <Col xs={24} lg={12}>
              <BucketTable title="tkstat.byType" rows={data.byType} testId="tkstat-type" />
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('tkstat.distribution')}>
                {data.satisfaction.distribution.map((d) => (
                  <div key={d.score}>
                    {'★'.repeat(d.score)} · {d.tickets}
                  </div>
                ))}
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('tkstat.escalated', {
                    count: data.deadlines.escalated,
                    overdue: data.deadlines.overdue,
                  })}
                </Typography.Paragraph>
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </div>
  );
}
