import { App, Button, Card, Empty, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { examApi } from '../../exam-api';
import type { Registration } from '../../exam-types';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { issuanceApi, type MyIssuanceRequest } from '../issuance/issuance-api';
import { useRecognitionCatalog } from '../recognition/use-recognition-catalog';
import { hasStarted, levelLabel, occupationLabel, sittingWhen, withProvince } from './exam-format';
import { describeRegistrationError } from './registration-errors';

/** The eligibility answer stored with the registration, in the current language only. */
function Summary({ r }: { r: Registration }) {
  const { lang, pick } = useI18n();
  return (
    <Typography.Paragraph
      type="secondary"
      style={{ margin: 0 }}
      data-testid="registration-summary"
      lang={lang === 'en' ? 'en' : 'zh-CN'}
    >
      {pick(r.eligibility.summaryZh, r.eligibility.summaryEn)}
    </Typography.Paragraph>
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
  const navigate = useNavigate();
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

  /** What the candidate can do now: the theory exam during the sitting (issue 7 §3), or cancel before it. */
  const action = (r: Registration) =>
    r.status === 'registered' && hasStarted(r.startsAt) && !hasStarted(r.endsAt) ? (
      <Button type="primary" block data-testid="take-exam" onClick={() => navigate(`/exam/${r.id}`)}>
        {t('cbt.take')}
      </Button>
    ) : r.status === 'registered' && !hasStarted(r.startsAt) ? (
      <Popconfirm
        title={t('reg.cancelConfirm', { when: sittingWhen(r.startsAt, r.endsAt, lang) })}
        okText={t('reg.cancelYes')}
        cancelText={t('reg.cancelNo')}
        okButtonProps={{ danger: true }}
        onConfirm={() => cancel(r)}
      >
        <Button danger loading={cancelling === r.id} data-testid="cancel-registration">
          {t('reg.cancel')}
        </Button>
      </Popconfirm>
    ) : null;

  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('mine.reg.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mine.reg.subtitle')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      {data ? (
        // One card per registration, its action first: a phone shows it without scrolling sideways (issue 15 §1).
        <div data-testid="my-registrations">
          {data.items.length === 0 ? (
            <Empty description={t('mine.reg.none')}>
              <Link to="/exams">{t('mine.reg.find')}</Link>
            </Empty>
          ) : null}
          {data.items.map((r) => (
            <Card
              key={r.id}
              size="small"
              style={{ marginBottom: 12 }}
              data-registration={r.id}
              title={
                <Link to={`/exams/${r.planId}`} data-verbatim="" style={{ whiteSpace: 'normal' }}>
                  {r.planName}
                </Link>
              }
              extra={
                <Tag color={r.status === 'registered' ? 'green' : 'default'} data-status={r.status}>
                  {t(`reg.status.${r.status}`)}
                </Tag>
              }
            >
              <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                <Typography.Text strong data-testid="registration-when">
                  {sittingWhen(r.startsAt, r.endsAt, lang)}
                </Typography.Text>
                <Typography.Text>
                  {withProvince(r.institutionName, catalog.regionName(r.province), lang)}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {occupationLabel(r.occupation, catalog.occupationByCode, lang)}{' '}
                  {levelLabel(r.level, catalog.levelById, lang)} · {t(`reg.channel.${r.channel}`)}
                </Typography.Text>
                <Summary r={r} />
                <QualificationRequests requests={requestsOf(r.id)} />
                {action(r)}
              </Space>
            </Card>
          ))}
        </div>
      ) : null}
    </div>
  );
}
