import { Alert, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { call, client, type ResponseOf } from '../../api/client';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';

type Revealed = ResponseOf<'/api/v1/holders/{id}/reveal', 'post'>;

/** POST /holders/{id}/reveal (issue 15 §3): one holder's full ID number, audited with the reason. */
function revealHolderId(holderId: string, reason: string): Promise<Revealed> {
  return call(
    client.POST('/api/v1/holders/{id}/reveal', { params: { path: { id: holderId } }, body: { reason } }),
  );
}

/**
 * An ID number as every role sees it — masked — with 「查看完整证件号」 for those who may reveal it: the reason is
 * asked for, the reveal is audited and counted, and the full number lives only in this component's state.
 */
export function RevealIdNumber({
  holderId,
  masked,
  canReveal,
}: {
  holderId: string;
  masked: string;
  canReveal: boolean;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ reason: string }>();
  const [isOpen, setIsOpen] = useState(false);
  const [isSending, setIsSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [full, setFull] = useState<string | null>(null);

  const submit = async () => {
    // A missing reason is shown on the field; the rejected validation is not an error of the page.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { reason } = values;
    setIsSending(true);
    setProblem(null);
    try {
      setFull((await revealHolderId(holderId, reason.trim())).idNumber);
      setIsOpen(false);
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 429
          ? error.retryAfter !== undefined
            ? t('reveal.tooMany', { minutes: Math.max(1, Math.ceil(error.retryAfter / 60)) })
            : t('reveal.tooManyLater')
          : describeError(error, t),
      );
    } finally {
      setIsSending(false);
    }
  };

  return (
    <Space size="small" wrap>
      <span data-testid="holder-id-number">
        <Typography.Text code>{full ?? masked}</Typography.Text>
      </span>
      {canReveal && full === null ? (
        <Button size="small" onClick={() => setIsOpen(true)} data-testid="reveal-id">
          {t('reveal.action')}
        </Button>
      ) : null}
      {full !== null ? (
        <Button size="small" onClick={() => setFull(null)} data-testid="reveal-hide">
          {t('reveal.hide')}
        </Button>
      ) : null}
      <Modal
        open={isOpen}
        title={t('reveal.title')}
        okText={t('reveal.ok')}
        okButtonProps={{ id: 'reveal-ok' }}
        cancelText={t('common.cancel')}
        confirmLoading={isSending}
        onOk={submit}
        onCancel={() => setIsOpen(false)}
        afterClose={() => setProblem(null)}
        destroyOnHidden
      >
        {problem ? <Alert type="error" showIcon title={problem} data-testid="reveal-problem" /> : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('reveal.notice')}
        </Typography.Paragraph>
        <Form form={form} name="reveal" layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('reveal.reason')}
            rules={[
              { required: true, whitespace: true, message: t('reveal.reasonRule') },
              { min: 2, max: 500, message: t('reveal.reasonRule') },
            ]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
