import { Alert, App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { call, client } from '../../api/client';
import { DateField } from '../../components/date-field';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import type { Certificate } from '../../registry-types';
import { applyNestedFieldErrors } from './field-errors';

interface Values {
  reviewedOn: string;
  reviewedUntil: string;
  reason?: string;
}

/** `POST /certificates/{id}/review` (issue 13 item 5): the certificate's department records a passed 复审. */
function recordReview(id: string, values: Values): Promise<Certificate> {
  const reason = values.reason?.trim();
  // Narrowed holder.idType: see Holder (registry-types.ts).
  return call(
    client.POST('/api/v1/certificates/{id}/review', {
      params: { path: { id } },
      body: {
        reviewedOn: values.reviewedOn,
        reviewedUntil: values.reviewedUntil,
        ...(reason && { reason }),
      },
    }),
  ) as Promise<Certificate>;
}

/** 登记复审: when the review took place and until when it holds; the server checks both against the type's rule. */
export function ReviewDialog(props: {
  certificate: Certificate;
  open: boolean;
  onClose: () => void;
  onDone: (certificate: Certificate) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { certificate } = props;

  const submit = async () => {
    const values = await form.validateFields();
    setIsSaving(true);
    setProblem(null);
    try {
      const saved = await recordReview(certificate.id, values);
      message.success(t('review.done'));
      props.onDone(saved);
    } catch (error) {
      // 422 rule_violation names the field and the rule (no-review-rule, beyond-validity, beyond-rule …).
      const leftover = applyNestedFieldErrors(
        form,
        error,
        [['reviewedOn'], ['reviewedUntil'], ['reason']],
        lang,
      );
      setProblem([describeError(error, t), ...leftover].join('；'));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('review.dialogTitle', { number: certificate.number })}
      okText={t('review.action')}
      okButtonProps={{ id: 'review-ok' }}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setProblem(null)}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} data-testid="review-problem" /> : null}
      <Form<Values> form={form} name="review" layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item
          name="reviewedOn"
          label={t('review.reviewedOn')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <DateField min={certificate.validFrom} />
        </Form.Item>
        <Form.Item
          name="reviewedUntil"
          label={t('review.reviewedUntil')}
          rules={[{ required: true, message: t('common.required') }]}
          extra={
            certificate.validUntil
              ? t('review.reviewedUntilHelp', { date: certificate.validUntil })
              : undefined
          }
        >
          <DateField max={certificate.validUntil ?? undefined} />
        </Form.Item>
        <Form.Item name="reason" label={t('review.reasonOptional')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
