import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { recognitionApi } from '../../recognition-api';
import { todayInChina } from './policy-utils';

/** Publishing is final: asks for the date the version comes into force and says so before it happens. */
export function PublishModal(props: {
  region: string;
  version: string | null;
  onClose: () => void;
  onPublished: (version: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ effectiveFrom: string }>();
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { version } = props;

  const submit = async () => {
    if (!version) return;
    const { effectiveFrom } = await form.validateFields();
    setIsBusy(true);
    setProblem(null);
    try {
      const result = await recognitionApi.publish(props.region, version, effectiveFrom);
      message.success(t('edit.publishedOk', { version: result.version }));
      props.onPublished(result.version);
    } catch (error) {
      // "a policy cannot take effect in the past" names body.effectiveFrom: show it on the field.
      const onField =
        error instanceof ApiError ? error.details.filter((d) => d.path.endsWith('effectiveFrom')) : [];
      if (onField.length > 0)
        form.setFields([{ name: 'effectiveFrom', errors: onField.map((d) => d.message) }]);
      setProblem(describeError(error, t));
    } finally {
      setIsBusy(false);
    }
  };

  return (
    <Modal
      open={version !== null}
      title={t('edit.publishTitle', { version: version ?? '' })}
      okText={t('edit.publish')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={isBusy}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setProblem(null)}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('edit.publishHint')}</Typography.Paragraph>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} /> : null}
      <Form
        form={form}
        name="publishPolicy"
        layout="vertical"
        preserve={false}
        initialValues={{ effectiveFrom: todayInChina() }}
      >
        <Form.Item
          name="effectiveFrom"
          label={t('pol.effectiveFrom')}
          rules={[{ required: true, message: t('common.required') }]}
        >
          <Input type="date" id="publish-effective-from" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
