import { Button, Input, Modal, Popconfirm, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../i18n';
import { planConsoleApi } from '../../plan-console-api';
import type { ConsolePlan } from '../../plan-console-types';
import { ProblemAlert } from './problem-alert';

/**
 * The buttons the server says the caller may press on this plan (`actions`): edit a draft, approve it (the lead
 * province's admin), cancel it with a reason, close an approved plan.
 */
export function PlanActions(props: { plan: ConsolePlan; onEdit: () => void; onChanged: () => void }) {
  const { t } = useI18n();
  const { plan } = props;
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [isCancelling, setIsCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const can = (action: ConsolePlan['actions'][number]) => plan.actions.includes(action);

  const run = async (name: string, step: () => Promise<unknown>) => {
    setBusy(name);
    setError(undefined);
    try {
      await step();
      setIsCancelling(false);
      props.onChanged();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        {can('update') ? (
          <Button onClick={props.onEdit} data-testid="edit-plan">
            {t('pc.edit')}
          </Button>
        ) : null}
        {can('approve') ? (
          <Popconfirm
            title={t('pc.approveConfirm')}
            okText={t('pc.approve')}
            cancelText={t('common.cancel')}
            onConfirm={() => run('approve', () => planConsoleApi.approve(plan.id))}
          >
            <Button type="primary" loading={busy === 'approve'} data-testid="approve-plan">
              {t('pc.approve')}
            </Button>
          </Popconfirm>
        ) : null}
        {can('close') ? (
          <Popconfirm
            title={t('pc.closeConfirm')}
            okText={t('pc.close')}
            cancelText={t('common.cancel')}
            onConfirm={() => run('close', () => planConsoleApi.close(plan.id))}
          >
            <Button loading={busy === 'close'} data-testid="close-plan">
              {t('pc.close')}
            </Button>
          </Popconfirm>
        ) : null}
        {can('cancel') ? (
          <Button danger onClick={() => setIsCancelling(true)} data-testid="cancel-plan">
            {t('pc.cancelPlan')}
          </Button>
        ) : null}
      </Space>
      <ProblemAlert error={error} />
      <Modal
        open={isCancelling}
        title={t('pc.cancelPlan')}
        okText={t('pc.cancelPlan')}
        okButtonProps={{ danger: true, disabled: reason.trim().length < 2, loading: busy === 'cancel' }}
        cancelText={t('common.cancel')}
        onCancel={() => setIsCancelling(false)}
        onOk={() => run('cancel', () => planConsoleApi.cancel(plan.id, reason.trim()))}
        destroyOnHidden
      >
        <Input.TextArea
          id="cancel-reason"
          placeholder={t('pc.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
      </Modal>
    </Space>
  );
}
