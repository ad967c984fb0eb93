import { Alert, Button, Space, Spin } from 'antd';
import { useCallback } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ApiError, api } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { credentialApi, verifyPath } from '../../credential-api';
import { credentialFields, decodePayload } from '../../credentials/credential-fields';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { CertificateSheet } from './certificate-sheet';

/** 打印证书: the stored credential laid out on A4, with its QR code; public (the credential id is unguessable). */
export function PrintPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { credentialId = '' } = useParams();
  const load = useCallback(() => credentialApi.stored(credentialId), [credentialId]);
  const { data, error, isLoading, reload } = useApiData(load);
  const { data: levels } = useApiData(api.levels);
  const catalog = useRegistryCatalog();
  const payload = data ? decodePayload(data.credential) : null;

  return (
    <div>
      <Space className="hutong-no-print" style={{ marginBottom: 16 }} wrap>
        <Button onClick={() => navigate(-1)}>← {t('print.back')}</Button>
        <Button type="primary" data-testid="print-button" disabled={!data} onClick={() => window.print()}>
          {t('print.print')}
        </Button>
        {data ? (
          <Button data-testid="print-verify" onClick={() => navigate(verifyPath(data))}>
            {t('mine.verify')}
          </Button>
        ) : null}
      </Space>
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      {error instanceof ApiError && error.status === 404 ? (
        <Alert type="error" showIcon title={t('print.notFound')} />
      ) : (
        <ErrorAlert error={error} onRetry={reload} />
      )}
      {data && payload ? (
        <CertificateSheet
          issued={data}
          fields={credentialFields(payload)}
          catalog={catalog}
          levels={levels?.items ?? []}
        />
      ) : null}
    </div>
  );
}
