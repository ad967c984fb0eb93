import { Alert, Button, Empty, Space, Table, type TableColumnsType, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { AuditEntry, AuditVerification } from '../../types';
import { useApiData } from '../../use-api-data';

function VerificationResult({ result }: { result: AuditVerification }) {
  const { t } = useI18n();
  if (result.ok) {
    return <Alert type="success" showIcon title={t('audit.verifyOk', { checked: result.checked })} />;
  }
  const { problem } = result;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="audit-verify-problem"
      title={t('audit.verifyFailed', {
        position: problem?.position ?? '?',
        kind: problem ? t(`audit.kind.${problem.kind}`) : '',
        checked: result.checked,
      })}
      description={problem ? `${problem.message} (${problem.id})` : undefined}
    />
  );
}

export function AuditPage() {
  const { t, lang } = useI18n();
  const pages = useCursorPages(50);
  const { cursor, limit } = pages;
  const load = useCallback(() => api.listAudit({ limit, cursor }), [limit, cursor]);
  const { data, error, isLoading, reload } = useApiData(load);
  const [verification, setVerification] = useState<AuditVerification | null>(null);
  const [verifyError, setVerifyError] = useState<string | null>(null);
  const [isVerifying, setIsVerifying] = useState(false);

  const verify = async () => {
    setIsVerifying(true);
    setVerification(null);
    setVerifyError(null);
    try {
      setVerification(await api.verifyAudit());
    } catch (cause) {
      setVerifyError(describeError(cause, t));
    } finally {
      setIsVerifying(false);
    }
  };

  const columns: TableColumnsType<AuditEntry> = [
    { title: t('col.position'), dataIndex: 'position', width: 90 },
    { title: t('col.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, lang) },
    { title: t('col.actor'), dataIndex: 'actorLabel' },
    {
      title: t('col.action'),
      dataIndex: 'action',
      render: (action: string) => <Typography.Text code>{action}</Typography.Text>,
    },
    {
      title: t('col.target'),
      key: 'target',
      render: (_, entry) => (entry.targetId ? `${entry.targetType} ${entry.targetId}` : entry.targetType),
    },
    {
      title: t('col.requestId'),
      dataIndex: 'requestId',
      render: (id: string | null) => (id ? <Typography.Text type="secondary">{id}</Typography.Text> : '—'),
    },
  ];

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('audit.subtitle')}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: '100%', marginBottom: 16 }}>
        <Button onClick={verify} loading={isVerifying} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
        {verification ? <VerificationResult result={verification} /> : null}
        {verifyError ? <Alert type="error" showIcon title={verifyError} /> : null}
        <ErrorAlert error={error} onRetry={reload} />
      </Space>
      <Table<AuditEntry>
        rowKey="id"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('empty.audit')} /> }}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <CursorPager
        page={pages.page}
        limit={limit}
        next={data?.next}
        isLoading={isLoading}
        onPrev={pages.goPrev}
        onNext={pages.goNext}
        onLimit={pages.setLimit}
      />
    </div>
  );
}
