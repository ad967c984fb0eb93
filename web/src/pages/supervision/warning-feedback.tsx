import { Alert, App, Button, Form, Input, Typography, Upload, type UploadFile } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { WarningProblem } from './warning-problem';
import { type WarningDetail, warningsApi } from './warnings-api';

/** What the server accepts (src/supervision/warnings.routes.ts): at most 5 files of 5 MB, these types. */
const MAX_FILES = 5;
const MAX_BYTES = 5 * 1024 * 1024;
const accept = [
  '.pdf',
  '.png',
  '.jpg',
  '.jpeg',
  '.txt',
  '.xlsx',
  '.docx',
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/plain',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
].join(',');

/**
 * 反馈 (issue 8 §3): the institution's explanation and its documents, sent as one multipart request. The files stay
 * in the browser until sent; the server checks type and size again.
 */
export function WarningFeedback(props: { warning: WarningDetail; onDone: (detail: WarningDetail) => void }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment: string }>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [error, setError] = useState<unknown>(undefined);
  const [isSending, setIsSending] = useState(false);
  const { warning } = props;

  const submit = async () => {
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { comment } = values;
    setIsSending(true);
    setError(undefined);
    try {
      const picked = files.flatMap((f) => (f.originFileObj ? [f.originFileObj] : []));
      const detail = await warningsApi.answer(warning.id, comment.trim(), picked);
      message.success(t('warn.feedbackSent'));
      form.resetFields();
      setFiles([]);
      props.onDone(detail);
    } catch (cause) {
      if (cause instanceof ApiError && cause.details.some((d) => d.path === 'body.comment'))
        form.setFields([{ name: 'comment', errors: [t('warn.commentRule')] }]);
      setError(cause);
    } finally {
      setIsSending(false);
    }
  };

  return (
    <div data-testid="warning-feedback">
      <Typography.Title level={5}>{t('warn.feedback')}</Typography.Title>
      {warning.dueAt ? (
        <Alert
          type={warning.overdue ? 'error' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t('warn.feedbackDue', { due: formatDateTime(warning.dueAt, lang) })}
          description={warning.overdue ? t('warn.overdue') : undefined}
        />
      ) : null}
      <WarningProblem error={error} />
      <Form form={form} name="warningFeedback" layout="vertical" style={{ marginTop: 12 }}>
        <Form.Item
          name="comment"
          label={t('warn.feedbackComment')}
          rules={[
            { required: true, whitespace: true, message: t('warn.commentRule') },
            { min: 2, max: 2000, message: t('warn.commentRule') },
          ]}
        >
          <Input.TextArea id="feedback-comment" rows={5} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item label={t('warn.feedbackFiles')} extra={t('warn.feedbackFilesHint')}>
          <Upload
            id="feedback-files"
            multiple
            accept={accept}
            fileList={files}
            beforeUpload={(file) => {
              if (file.size > MAX_BYTES) {
                message.error(t('warn.feedbackTooLarge', { name: file.name }));
                return Upload.LIST_IGNORE;
              }
              // Keep the file here: it goes with the comment when the answer is sent.
              return false;
            }}
            onChange={({ fileList }) => {
              if (fileList.length > MAX_FILES) message.error(t('warn.feedbackTooMany'));
              setFiles(fileList.slice(0, MAX_FILES));
            }}
          >
            <Button>{t('warn.feedbackPick')}</Button>
          </Upload>
        </Form.Item>
        <Button type="primary" loading={isSending} onClick={submit} data-testid="feedback-submit">
          {t('warn.feedbackSubmit')}
        </Button>
      </Form>
    </div>
  );
}
