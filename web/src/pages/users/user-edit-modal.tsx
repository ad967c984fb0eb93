import { Alert, App, Form, Input, Modal, Switch } from 'antd';
import { useState } from 'react';
import { api, type UserChanges } from '../../api';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import type { User } from '../../types';
import { applyFieldErrors } from './form-errors';

interface EditValues {
  displayName: string;
  isActive: boolean;
  password?: string;
}

/** Sends only what changed; an empty password field leaves the password as it is. */
function changesOf(user: User, values: EditValues): UserChanges {
  const changes: UserChanges = {};
  if (values.displayName.trim() !== user.displayName) changes.displayName = values.displayName.trim();
  if (values.isActive !== user.isActive) changes.isActive = values.isActive;
  if (values.password) changes.password = values.password;
  return changes;
}

export function UserEditModal(props: {
  user: User | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const [problem, setProblem] = useState<string | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { user } = props;

  const submit = async () => {
    if (!user) return;
    const values = await form.validateFields();
    const changes = changesOf(user, values);
    if (Object.keys(changes).length === 0) {
      props.onClose();
      return;
    }
    setIsSaving(true);
    setProblem(null);
    try {
      const saved = await api.updateUser(user.id, changes);
      message.success(t('users.saved'));
      props.onSaved(saved);
    } catch (error) {
      const leftover = applyFieldErrors(form, error, ['displayName', 'isActive', 'password'], lang);
      setProblem([describeError(error, t), ...leftover].join('；'));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={user !== null}
      title={user ? t('users.editTitle', { username: user.username }) : ''}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setProblem(null)}
      destroyOnHidden
    >
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
      {user ? (
        <Form<EditValues>
          form={form}
          name="editUser"
          layout="vertical"
          preserve={false}
          style={{ marginTop: 16 }}
          initialValues={{ displayName: user.displayName, isActive: user.isActive }}
        >
          <Form.Item
            name="displayName"
            label={t('col.displayName')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item name="isActive" label={t('form.isActive')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('form.newPassword')}
            extra={t('form.newPasswordHint')}
            rules={[{ min: 10, message: t('form.passwordMin') }]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
