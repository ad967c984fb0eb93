import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api';
import { useAuth } from '../../auth';
import { useI18n } from '../../i18n';
import { WarningProblem } from './warning-problem';
import { ruleTitle } from './warning-text';
import { reviewActionsFor, reviewSteps } from './warning-workflow';
import { type ReviewAction, type WarningDetail, warningsApi } from './warnings-api';

const dangerous = new Set<ReviewAction>(['propose-sanction', 'carry-out-sanction', 'dismiss']);
const primary = new Set<ReviewAction>(['send', 'accept']);

/** Asks for the comment (required where the workflow wants a reason), then takes the step. */
function ActionModal(props: {
  warning: WarningDetail;
  action: ReviewAction | null;
  onClose: () => void;
  onDone: (detail: WarningDetail) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ comment?: string }>();
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setIsSaving] = useState(false);
  const { action, warning } = props;
  const needsComment = action ? reviewSteps[action].needsComment : false;

  const submit = async () => {
    if (!action) return;
    // A failed check marks its field; nothing is sent (and no rejection is left unhandled).
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { comment } = values;
    setIsSaving(true);
    setError(undefined);
    try {
      const detail = await warningsApi.act(warning.id, action, comment?.trim() || undefined);
      message.success(t('warn.actionDone', { action: t(`warn.action.${action}`) }));
      props.onDone(detail);
    } catch (cause) {
      if (cause instanceof ApiError && cause.details.some((d) => d.path === 'body.comment'))
        form.setFields([{ name: 'comment', errors: [t('warn.commentRule')] }]);
      setError(cause);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={action !== null}
      title={
        action
          ? t('warn.actionTitle', {
              action: t(`warn.action.${action}`),
              title: ruleTitle(warning.rule, warning.title, t, lang),
            })
          : ''
      }
      okText={action ? t(`warn.action.${action}`) : undefined}
      okButtonProps={{ id: 'warning-action-ok', danger: action !== null && dangerous.has(action) }}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setError(undefined)}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <WarningProblem error={error} />
        {action === 'carry-out-sanction' ? (
          <Alert type="warning" showIcon title={t('warn.sanctionHint')} />
        ) : null}
        <Form form={form} name="warningAction" layout="vertical" preserve={false}>
          <Form.Item
            name="comment"
            label={needsComment ? t('warn.commentReason') : t('warn.commentOptional')}
            rules={[
              { required: needsComment, whitespace: true, message: t('warn.commentRule') },
              { min: 2, max: 2000, message: t('warn.commentRule') },
            ]}
          >
            <Input.TextArea id="warning-comment" rows={4} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </Space>
    </Modal>
  );
}

/** The buttons for the steps the warning's status and the user's role allow; the server still decides. */
export function WarningActions(props: { warning: WarningDetail; onDone: (detail: WarningDetail) => void }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [pending, setPending] = useState<ReviewAction | null>(null);
  const actions = reviewActionsFor(user, props.warning);
  if (actions.length === 0) return null;
  return (
    <>
      <Space wrap data-testid="warning-actions">
        {actions.map((action) => (
          <Button
            key={action}
            type={primary.has(action) ? 'primary' : 'default'}
            danger={dangerous.has(action)}
            onClick={() => setPending(action)}
            data-testid={`warning-${action}`}
          >
            {t(`warn.action.${action}`)}
          </Button>
        ))}
      </Space>
      <ActionModal
        warning={props.warning}
        action={pending}
        onClose={() => setPending(null)}
        onDone={(detail) => {
          setPending(null);
          props.onDone(detail);
        }}
      />
    </>
  );
}
