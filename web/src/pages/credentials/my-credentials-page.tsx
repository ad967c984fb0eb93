import { Alert, Empty, Spin, Table, Typography } from 'antd';
import { useCallback } from 'react';
import { useAuth } from '../../auth';
import { Bilingual } from '../../components/bilingual';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { registryApi } from '../../registry-api';
import type { Certificate } from '../../registry-types';
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
        <Table<Certificate>
          rowKey="id"
          data-testid="my-credentials"
          pagination={false}
          scroll={{ x: 'max-content' }}
          dataSource={data.certificates}
          locale={{ emptyText: <Empty description={t('mine.none')} /> }}
          columns={[
            {
              key: 'type',
              title: t('col.type'),
              render: (_, c) => {
                const type = catalog.typeById.get(c.type);
                return type ? <Bilingual zh={type.nameZh} en={type.nameEn} /> : c.type;
              },
            },
            { key: 'number', title: t('col.number'), dataIndex: 'number' },
            {
              key: 'department',
              title: t('col.department'),
              render: (_, c) => catalog.departmentName(c.department),
            },
            {
              key: 'validity',
              title: t('detail.term'),
              render: (_, c) => `${c.validFrom} — ${c.validUntil ?? t('cert.noExpiry')}`,
            },
            {
              key: 'status',
              title: t('col.status'),
              render: (_, c) => (
                <span>
                  <CertificateStatusTag status={c.effectiveStatus} />
                  <ReviewTag review={c.review} />
                </span>
              ),
            },
            {
              key: 'actions',
              title: t('common.actions'),
              render: (_, c) => <CredentialActions certificate={c} />,
            },
          ]}
        />
      ) : null}
    </div>
  );
}
