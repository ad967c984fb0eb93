import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { DateField } from '../../components/date-field';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { institutionApi } from '../../institution-api';
import type { FilingAction, Institution } from '../../institution-types';
import { applyFieldErrors } from './field-errors';

interface Values {
  reason?: string;
  validUntil?: string;
}

/** 续期 / 暂停 / 恢复 / 退出: asks for the reason (and, to renew, the new end of validity), then acts. */
export function FilingActionDialog(props: {
  institution: Institution | null;
  action: FilingAction | null;
  onClose: () => void;
  onDone: (institution: Institution) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { institution, action } = props;
  const isRenew = action === 'renew';

  const submit = async () => {
    if (!institution || !action) return;
    const values = await form.validateFields();
    const reason = values.reason?.trim() ?? '';
    setIsSaving(true);
    setProblem(null);
    try {
      const saved =
        action === 'renew'
          ? await institutionApi.renew(institution.id, values.validUntil ?? '', reason || undefined)
          : await institutionApi.change(institution.id, action, reason);
      message.success(t('inst.actionDone', { action: t(`inst.action.${action}`) }));
      props.onDone(saved);
    } catch (error) {
      // 409 invalid_transition and 422 rule_violation carry a message that says why.
      const leftover = applyFieldErrors(form, error, lang);
      setProblem([describeError(error, t), ...leftover].join('；'));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={institution !== null && action !== null}
      title={
        institution && action
          ? t('inst.actionTitle', { action: t(`inst.action.${action}`), name: institution.name })
          : ''
      }
      okText={action ? t(`inst.action.${action}`) : undefined}
      okButtonProps={{ danger: action === 'withdraw' || action === 'suspend', id: 'filing-action-ok' }}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setProblem(null)}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} data-testid="filing-action-problem" /> : null}
      {action === 'withdraw' ? <Alert type="warning" showIcon title={t('inst.withdrawFinal')} /> : null}
      <Form<Values>
        form={form}
        name="filingAction"
        layout="vertical"
        preserve={false}
        style={{ marginTop: 16 }}
      >
        {isRenew ? (
          <Form.Item
            name="validUntil"
            label={t('inst.newUntil')}
            rules={[{ required: true, message: t('common.required') }]}
            extra={
              institution ? (
                <Typography.Text type="secondary">
                  {t('inst.currentUntil', { date: institution.validUntil })}
                </Typography.Text>
              ) : undefined
            }
          >
            <DateField min={institution?.validUntil} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={isRenew ? t('inst.reasonOptional') : t('inst.reason')}
          rules={[
            { required: !isRenew, whitespace: true, message: t('inst.reasonRule') },
            { min: 2, max: 500, message: t('inst.reasonRule') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
