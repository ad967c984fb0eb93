import { Alert, App, Form, Modal, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { DateField } from '../../components/date-field';
import { describeError } from '../../components/error-alert';
import { type Translate, useI18n } from '../../i18n';
import type { Cosignature } from '../../policy-types';
import { policyApi } from './policy-api';
import { cosignDepartmentName, todayInChina } from './policy-utils';

const cosignStatuses: readonly string[] = ['needed', 'pending', 'signed', 'rejected'];

/**
 * 409 `cosign_required` in words: which departments have not co-signed yet, and which rows (details
 * `{ path: 'cosignatures.mem', message: 'pending: row-a, row-b' }`).
 */
function describeCosignRequired(error: ApiError, t: Translate): { title: string; lines: string[] } {
  const missing = error.details
    .filter((d) => d.path.startsWith('cosignatures.'))
    .map((d) => {
      const department = d.path.slice('cosignatures.'.length);
      const [status = '', rows = ''] = d.message.split(/:\s*/, 2);
      return { department, status, rows };
    });
  const name = (department: string) => cosignDepartmentName(department, t);
  return {
    title: t('edit.cosignRequired', { departments: missing.map((m) => name(m.department)).join('、') }),
    lines: missing.map((m) =>
      t('edit.cosignRequiredRow', {
        department: name(m.department),
        status: cosignStatuses.includes(m.status)
          ? t(`cosign.status.${m.status as Cosignature['status']}`)
          : m.status,
        rows: m.rows,
      }),
    ),
  };
}

/** Publishing is final: asks for the date the version comes into force and says so before it happens. */
export function PublishModal(props: {
  id: string;
  version: string | null;
  onClose: () => void;
  onPublished: (version: string) => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ effectiveFrom: string }>();
  const [problem, setProblem] = useState<{ title: string; lines: string[] } | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const { version } = props;

  const submit = async () => {
    if (!version) return;
    const { effectiveFrom } = await form.validateFields();
    setIsBusy(true);
    setProblem(null);
    try {
      const result = await policyApi.publish(props.id, version, effectiveFrom);
      message.success(t('edit.publishedOk', { version: result.version }));
      props.onPublished(result.version);
    } catch (error) {
      // "a policy cannot take effect in the past" names body.effectiveFrom: show it on the field.
      const onField =
        error instanceof ApiError ? error.details.filter((d) => d.path.endsWith('effectiveFrom')) : [];
      if (onField.length > 0)
        form.setFields([{ name: 'effectiveFrom', errors: onField.map((d) => d.message) }]);
      setProblem(
        error instanceof ApiError && error.code === 'cosign_required'
          ? describeCosignRequired(error, t)
          : { title: describeError(error, t), lines: [] },
      );
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
      {problem ? (
        <Alert
          type="error"
          showIcon
          title={problem.title}
          description={
            problem.lines.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problem.lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
          data-testid="publish-problem"
        />
      ) : null}
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
          <DateField id="publish-effective-from" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
