import { Button, Card, Descriptions, type DescriptionsProps, Space, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { registryApi } from '../../registry-api';
import type { Certificate, CertificateDetail } from '../../registry-types';
import { useApiData } from '../../use-api-data';
import { CertificateHistory } from './certificate-history';
import { type Action, LifecycleDialog } from './lifecycle-dialog';
import { RevealIdNumber } from './reveal-id-number';
import { ReviewDialog } from './review-dialog';
import { ReviewAdvice, ReviewTag } from './review-tag';
import { CertificateStatusTag } from './status-tag';
import { type RegistryCatalog, useRegistryCatalog } from './use-registry-catalog';

/** The transitions the certificate's state allows (issue 3 §3); the server checks them again. */
export function allowedActions(c: Certificate): Action[] {
  const actions: Action[] = [];
  if (c.status === 'valid') actions.push('suspend');
  if (c.status === 'suspended') actions.push('reinstate');
  if (c.status === 'valid' && c.validUntil !== null && c.effectiveStatus !== 'expired') actions.push('renew');
  if (c.status === 'valid' || c.status === 'suspended') actions.push('revoke');
  return actions;
}

function useDetailItems(
  c: CertificateDetail,
  catalog: RegistryCatalog,
  canReveal: boolean,
): DescriptionsProps['items'] {
  const { t, lang } = useI18n();
  return [
    {
      key: 'number',
      label: t('col.number'),
      children: <Typography.Text copyable>{c.number}</Typography.Text>,
    },
    { key: 'type', label: t('col.type'), children: `${catalog.typeName(c.type)} (${c.type})` },
    { key: 'department', label: t('col.department'), children: catalog.departmentName(c.department) },
    {
      key: 'status',
      label: t('col.status'),
      children: (
        <Space size="small" wrap>
          <CertificateStatusTag status={c.effectiveStatus} />
          <ReviewTag review={c.review} />
        </Space>
      ),
    },
    {
      key: 'holder',
      label: t('col.holder'),
      children: <Link to={`/holders/${encodeURIComponent(c.holder.id)}`}>{c.holder.name}</Link>,
    },
    {
      key: 'idNumber',
      label: t('col.idNumber'),
      children: (
        <Space size="small">
          <RevealIdNumber holderId={c.holder.id} masked={c.holder.idNumber} canReveal={canReveal} />
          <Typography.Text type="secondary">{t(`idType.${c.holder.idType}`)}</Typography.Text>
        </Space>
      ),
    },
    { key: 'validFrom', label: t('col.validFrom'), children: c.validFrom },
    { key: 'validUntil', label: t('col.validUntil'), children: c.validUntil ?? t('cert.noExpiry') },
    {
      key: 'review',
      label: t('review.label'),
      children:
        c.review.status === 'not-required' ? (
          t('review.status.not-required')
        ) : (
          <Space size="small" wrap>
            {c.review.reviewedOn ? `${t('review.reviewedOn')} ${c.review.reviewedOn}` : null}
            <ReviewTag review={c.review} />
          </Space>
        ),
    },
    { key: 'region', label: t('col.issuerRegion'), children: catalog.regionName(c.issuer.region) },
    { key: 'org', label: t('col.issuerOrg'), children: c.issuer.organization },
    { key: 'orgCode', label: t('col.issuerOrgCode'), children: c.issuer.organizationCode ?? '—' },
    { key: 'occupation', label: t('col.occupation'), children: c.occupation ?? '—' },
    { key: 'level', label: t('col.level'), children: c.level ?? '—' },
    { key: 'createdAt', label: t('col.createdAt'), children: formatDateTime(c.createdAt, lang) },
    { key: 'updatedAt', label: t('col.updatedAt'), children: formatDateTime(c.updatedAt, lang) },
    { key: 'version', label: t('col.version'), children: c.version },
  ];
}

function Detail({ certificate, onChanged }: { certificate: CertificateDetail; onChanged: () => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const catalog = useRegistryCatalog();
  // Only the issuing department's admins (and system admins) change a certificate or reveal its holder's number.
  const canManage =
    user?.role === 'system-admin' ||
    (user?.role === 'department-admin' && user.department === certificate.department);
  const items = useDetailItems(certificate, catalog, canManage);
  const [action, setAction] = useState<Action | null>(null);
  const actions = canManage ? allowedActions(certificate) : [];
  // 登记复审 (issue 13 item 5): only a type with a review rule, only a certificate still in force.
  const canReview =
    canManage && certificate.status === 'valid' && certificate.review.status !== 'not-required';
  const [isReviewing, setIsReviewing] = useState(false);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap>
        {actions.map((item) => (
          <Button
            key={item}
            danger={item === 'revoke'}
            onClick={() => setAction(item)}
            data-testid={`lifecycle-${item}`}
          >
            {t(`action.${item}`)}
          </Button>
        ))}
        {canReview ? (
          <Button onClick={() => setIsReviewing(true)} data-testid="lifecycle-review">
            {t('review.action')}
          </Button>
        ) : null}
        <Link to={`/holders/${encodeURIComponent(certificate.holder.id)}`} data-testid="holder-link">
          {t('cert.holderLink')}
        </Link>
      </Space>
      <ReviewAdvice review={certificate.review} audience={user?.role === 'holder' ? 'holder' : 'public'} />
      <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={items} />
      <Card title={t('cert.history')} size="small">
        <CertificateHistory history={certificate.history} />
      </Card>
      <LifecycleDialog
        certificate={certificate}
        action={action}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          onChanged();
        }}
      />
      <ReviewDialog
        certificate={certificate}
        open={isReviewing}
        onClose={() => setIsReviewing(false)}
        onDone={() => {
          setIsReviewing(false);
          onChanged();
        }}
      />
    </Space>
  );
}

/** 证书详情: the fields, the lifecycle actions the state allows, and the history as a timeline. */
export function CertificateDetailPage() {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const load = useCallback(() => registryApi.certificate(id), [id]);
  const { data, error, isLoading, reload } = useApiData(load);

  return (
    <div>
      <Link to="/certificates">← {t('cert.back')}</Link>
      <Typography.Title level={2} style={{ marginTop: 8 }}>
        {t('cert.detailTitle')}
        {data ? ` ${data.number}` : ''}
      </Typography.Title>
      <ErrorAlert error={error} onRetry={reload} />
      {data && data.id === id ? (
        <Detail certificate={data} onChanged={reload} />
      ) : isLoading ? (
        <Spin style={{ display: 'block', margin: 48 }} />
      ) : null}
    </div>
  );
}
