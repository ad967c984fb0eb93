import { Alert, Card, Empty, Space, Spin, Typography } from 'antd';
import { useCallback } from 'react';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { registryApi } from '../../registry-api';
import { useApiData } from '../../use-api-data';
import { ReviewTag } from '../registry/review-tag';
import { CertificateStatusTag } from '../registry/status-tag';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { CredentialActions } from './credential-actions';

/** 我的凭证: a holder's own certificates, each as a verifiable credential to download, show as QR, print, verify. */
export function MyCredentialsPage() {
  const { t } = useI18n();
  const { user } = useAuth();
  const catalog = useRegistryCatalog();
  const holderId = user?.holderId ?? null;
  const load = useCallback(
    () => (holderId ? registryApi.holder(holderId) : Promise.resolve(null)),
    [holderId],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  const overdue = data?.certificates.filter((c) => c.review.status === 'overdue').length ?? 0;

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('mine.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('mine.subtitle')}</Typography.Paragraph>
      <ErrorAlert error={error} onRetry={reload} />
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      {!isLoading && !holderId ? <Empty description={t('mine.notHolder')} /> : null}
      {overdue > 0 ? (
        // 复审 (issue 13 item 5): past the date the certificate is not 合法有效; say what to do, not just that.
        <Alert
          type="warning"
          showIcon
          data-testid="review-advice"
          style={{ marginBottom: 16 }}
          title={t('review.mineOverdue', { count: overdue })}
          description={t('review.advice')}
        />
      ) : null}
      {data ? (
        // One card per certificate, its actions inside it: a phone reads it without scrolling sideways.
        <div data-testid="my-credentials" style={{ maxWidth: 960 }}>
          {data.certificates.length === 0 ? <Empty description={t('mine.none')} /> : null}
          {data.certificates.map((c) => (
            <Card
              key={c.id}
              size="small"
              style={{ marginBottom: 12 }}
              data-certificate={c.id}
              title={<span style={{ whiteSpace: 'normal' }}>{catalog.typeName(c.type)}</span>}
              extra={
                <span>
                  <CertificateStatusTag status={c.effectiveStatus} />
                  <ReviewTag review={c.review} />
                </span>
              }
            >
              <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                <Typography.Text>
                  {t('col.number')}：<span data-verbatim="">{c.number}</span>
                </Typography.Text>
                <Typography.Text type="secondary">
                  {catalog.departmentName(c.department)} · {t('detail.term')} {c.validFrom} —{' '}
                  {c.validUntil ?? t('cert.noExpiry')}
                </Typography.Text>
                <CredentialActions certificate={c} />
              </Space>
            </Card>
          ))}
        </div>
      ) : null}
    </div>
  );
}
