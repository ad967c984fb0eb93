import { App, Button, Empty, Popconfirm, Spin, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { examApi } from '../../exam-api';
import type { Registration } from '../../exam-types';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { issuanceApi, type MyIssuanceRequest } from '../issuance/issuance-api';
import { useRecognitionCatalog } from '../recognition/use-recognition-catalog';
import { hasStarted, levelLabel, occupationLabel, sittingWhen, withProvince } from './exam-format';
import { describeRegistrationError } from './registration-errors';

/** The eligibility answer stored with the registration, in the current language with the other beside it. */
function Summary({ r }: { r: Registration }) {
  const { lang } = useI18n();
  const [main, other] =
    lang === 'en'
      ? [r.eligibility.summaryEn, r.eligibility.summaryZh]
      : [r.eligibility.summaryZh, r.eligibility.summaryEn];
  return (
    <div style={{ width: 320, whiteSpace: 'normal' }} data-testid="registration-summary">
      <span lang={lang === 'en' ? 'en' : 'zh-CN'}>{main}</span>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
        {other}
      </Typography.Text>
    </div>
  );
}

/** 一试多证 (issue 13 item 8): 待住建核发 / 住建已核发 + number / 已持有有效证书，可申请延续 — per department. */
function QualificationRequests({ requests }: { requests: MyIssuanceRequest[] }) {
  const { t } = useI18n();
  const catalog = useRecognitionCatalog();
  if (requests.length === 0) return null;
  return (
    <div data-testid="issuance-requests">
      {requests.map((q) => {
        const vars = {
          dept: q.departmentShortZh,
          deptEn: q.departmentNameEn,
          number: q.number ?? '',
          reason: q.refusalReason ?? '',
        };
        const color =
          q.status === 'issued'
            ? 'green'
            : q.status === 'pending'
              ? 'gold'
              : q.status === 'refused'
                ? 'red'
                : 'blue';
        return (
          <div key={q.id}>
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineEnd: 4 }}>
              {catalog.typeName(q.type)}
            </Typography.Text>
            <Tag color={color} data-status={q.status}>
              {t(`mine.iss.${q.status}`, vars)}
            </Tag>
          </div>
        );
      })}
    </div>
  );
}

/** 我的报名: a holder's registrations; cancel (with confirmation) before the sitting starts. */
export function MyRegistrationsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const catalog = useRecognitionCatalog();
  const { data, error, isLoading, reload } = useApiData(examApi.myRegistrations);
  const requests = useApiData(issuanceApi.mine);
  const requestsOf = (registrationId: string) =>
    requests.data?.items.filter((q) => q.registration === registrationId) ?? [];
  const [cancelling, setCancelling] = useState<string | null>(null);

  const cancel = async (r: Registration) => {
    setCancelling(r.id);
    try {
      await examApi.cancelRegistration(r.id);
      message.success(t('reg.cancelled'));
      reload();
    } catch (e) {
      message.error(describeRegistrationError(e, t));
    } finally {
      setCancelling(null);
    }
  };

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('mine.reg.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mine.reg.subtitle')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      {data ? (
        <Table<Registration>
          rowKey="id"
          data-testid="my-registrations"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={data.items}
          locale={{
            emptyText: (
              <Empty description={t('mine.reg.none')}>
                <Link to="/exams">{t('mine.reg.find')}</Link>
              </Empty>
            ),
          }}
          columns={[
            {
              key: 'plan',
              title: t('col.plan'),
              render: (_, r) => (
                <div>
                  <Link to={`/exams/${r.planId}`}>{r.planName}</Link>
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {occupationLabel(r.occupation, catalog.occupationByCode, lang)}{' '}
                    {levelLabel(r.level, catalog.levelById, lang)} · {r.planCode}
                  </Typography.Text>
                </div>
              ),
            },
            {
              key: 'institution',
              title: t('col.institution'),
              render: (_, r) => withProvince(r.institutionName, catalog.regionName(r.province), lang),
            },
            {
              key: 'sitting',
              title: t('col.sitting'),
              render: (_, r) => sittingWhen(r.startsAt, r.endsAt, lang),
            },
            {
              key: 'status',
              title: t('col.status'),
              render: (_, r) => (
                <Tag color={r.status === 'registered' ? 'green' : 'default'} data-status={r.status}>
                  {t(`reg.status.${r.status}`)}
                </Tag>
              ),
            },
            { key: 'channel', title: t('col.channel'), render: (_, r) => t(`reg.channel.${r.channel}`) },
            { key: 'eligibility', title: t('col.eligibility'), render: (_, r) => <Summary r={r} /> },
            {
              key: 'qualification',
              title: t('mine.iss.col'),
              render: (_, r) => <QualificationRequests requests={requestsOf(r.id)} />,
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, r) =>
                // During the sitting: the theory exam (issue 7 §3).
                r.status === 'registered' && hasStarted(r.startsAt) && !hasStarted(r.endsAt) ? (
                  <Link to={`/exam/${r.id}`} data-testid="take-exam">
                    {t('cbt.take')}
                  </Link>
                ) : r.status === 'registered' && !hasStarted(r.startsAt) ? (
                  <Popconfirm
                    title={t('reg.cancelConfirm', { when: sittingWhen(r.startsAt, r.endsAt, lang) })}
                    okText={t('reg.cancelYes')}
                    cancelText={t('reg.cancelNo')}
                    okButtonProps={{ danger: true }}
                    onConfirm={() => cancel(r)}
                  >
                    <Button
                      size="small"
                      danger
                      loading={cancelling === r.id}
                      data-testid="cancel-registration"
                    >
                      {t('reg.cancel')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      ) : null}
    </div>
  );
}
