import { Button, Space } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth } from '../../auth';

/**
 * 生成互认决定书 (issue 13 item 7): for a holder's own stored decision (`使用我的证书`), the printable signed
 * decision and the page showing the departments' intake outcomes. Nothing for an anonymous calculation.
 */
export function DecisionActions({ response }: { response: object }) {
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
        生成互认决定书 Make the signed decision
      </Button>
      <Button data-testid="decision-view" onClick={() => navigate(`/decisions/${decisionId}`)}>
        受理结果 Intake outcomes
      </Button>
    </Space>
  );
}
