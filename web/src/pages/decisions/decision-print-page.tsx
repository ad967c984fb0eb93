import { Button, Space, Spin } from 'antd';
import { useCallback } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { verifyPath } from '../../credential-api';
import { decodePayload } from '../../credentials/credential-fields';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { decisionApi } from './decision-api';
import { decisionFields } from './decision-fields';
import { DecisionSheet } from './decision-sheet';

/** 打印互认决定书: the decision's credential (issued on first visit) on A4 with its QR code and intake outcomes. */
export function DecisionPrintPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { decisionId = '' } = useParams();
  const load = useCallback(
    () => Promise.all([decisionApi.credential(decisionId), decisionApi.get(decisionId)]),
    [decisionId],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  const catalog = useRegistryCatalog();
  const [issued, view] = data ?? [];
  const payload = issued ? decodePayload(issued.credential) : null;
  return (
    <div>
      <Space className="hutong-no-print" style={{ marginBottom: 16 }} wrap>
        <Button onClick={() => navigate(-1)}>← {t('print.back')}</Button>
        <Button type="primary" data-testid="print-button" disabled={!issued} onClick={() => window.print()}>
          {t('print.print')}
        </Button>
        {issued ? (
          <Button data-testid="print-verify" onClick={() => navigate(verifyPath(issued))}>
            {t('mine.verify')}
          </Button>
        ) : null}
      </Space>
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      <ErrorAlert error={error} onRetry={reload} />
      {issued && view && payload ? (
        <DecisionSheet
          issued={issued}
          fields={decisionFields(payload)}
          intakes={view.intakes}
          catalog={catalog}
        />
      ) : null}
    </div>
  );
}
