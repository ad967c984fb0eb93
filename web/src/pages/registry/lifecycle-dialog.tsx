import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { DateField } from '../../components/date-field';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { registryApi } from '../../registry-api';
import type { Certificate } from '../../registry-types';
import { applyNestedFieldErrors } from './field-errors';

export type Action = 'suspend' | 'reinstate' | 'revoke' | 'renew';

interface Values {
  reason?: string;
  validUntil?: string;
}

/** Asks for the reason (and, to renew, the new end of validity), then performs the transition. */
export function LifecycleDialog(props: {
  certificate: Certificate;
  action: Action | null;
  onClose: () => void;
  onDone: (certificate: Certificate) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { certificate, action } = props;
  const isRenew = action === 'renew';
  const reasonRules = [
    { required: !isRenew, whitespace: true, message: t('lifecycle.reasonRule') },
    { min: 2, max: 500, message: t('lifecycle.reasonRule') },
  ];

  const submit = async () => {
    if (!action) return;
    const values = await form.validateFields();
    const reason = values.reason?.trim() ?? '';
    setIsSaving(true);
    setProblem(null);
    try {
      const saved =
        action === 'renew'
          ? await registryApi.renew(certificate.id, values.validUntil ?? '', reason || undefined)
          : await registryApi.changeStatus(certificate.id, action, reason);
      message.success(t('lifecycle.done', { action: t(`action.${action}`) }));
      props.onDone(saved);
    } catch (error) {
      // 409 invalid_transition and 422 rule_violation carry a message that says why.
      const leftover = applyNestedFieldErrors(form, error, [['reason'], ['validUntil']], lang);
      setProblem([describeError(error, t), ...leftover].join('；'));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={
        action ? t('lifecycle.title', { action: t(`action.${action}`), number: certificate.number }) : ''
      }
      okText={action ? t(`action.${action}`) : undefined}
      okButtonProps={{ danger: action === 'revoke' || action === 'suspend', id: 'lifecycle-ok' }}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setProblem(null)}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} data-testid="lifecycle-problem" /> : null}
      {action === 'revoke' ? <Alert type="warning" showIcon title={t('lifecycle.revokeFinal')} /> : null}
      <Form<Values> form={form} name="lifecycle" layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        {isRenew ? (
          <Form.Item
            name="validUntil"
            label={t('lifecycle.newUntil')}
            rules={[{ required: true, message: t('common.required') }]}
            extra={
              certificate.validUntil ? (
                <Typography.Text type="secondary">
                  {t('lifecycle.currentUntil', { date: certificate.validUntil })}
                </Typography.Text>
              ) : undefined
            }
          >
            <DateField min={certificate.validUntil ?? undefined} />
          </Form.Item>
        ) : null}
        <Form.Item
          name="reason"
          label={isRenew ? t('lifecycle.reasonOptional') : t('lifecycle.reason')}
          rules={reasonRules}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
