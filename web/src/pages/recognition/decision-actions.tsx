import { Button, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';

/**
 * 生成互认决定书 (issue 13 item 7): for a holder's own stored decision (`使用我的证书`), the printable signed
 * decision and the page showing the departments' intake outcomes. Nothing for an anonymous calculation.
 */
export function DecisionActions({ response }: { response: object }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user } = useAuth();
  const decisionId = (response as { decisionId?: unknown }).decisionId;
  if (typeof decisionId !== 'string' || user?.role !== 'holder') return null;
  return (
    <Space style={{ marginTop: 16 }} data-testid="decision-actions">
      <Button
        type="primary"
        data-testid="make-decision"
        onClick={() => navigate(`/decisions/${decisionId}/print`)}
      >
        {t('dec.make')}
      </Button>
      <Button data-testid="decision-view" onClick={() => navigate(`/decisions/${decisionId}`)}>
        {t('dec.intakes')}
      </Button>
    </Space>
  );
}
