import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { ApiError, api, type NewUser } from '../../api';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { type Role, roles, type User } from '../../types';
import { applyFieldErrors } from './form-errors';
import { ScopeFields, scopeNeeds } from './scope-fields';

const fieldNames = ['username', 'displayName', 'password', 'role', 'department', 'province', 'institution'];

/** Keeps only the scope fields the role carries, so a value left over from another role is not sent. */
function toNewUser(values: NewUser): NewUser {
  const needs = scopeNeeds[values.role];
  const user: NewUser = {
    username: values.username.trim(),
    displayName: values.displayName.trim(),
    password: values.password,
    role: values.role,
  };
  if (needs.department !== 'none' && values.department) user.department = values.department;
  if (needs.province !== 'none' && values.province) user.province = values.province;
  if (needs.institution !== 'none' && values.institution) user.institution = values.institution.trim();
  return user;
}

export function UserCreateModal(props: {
  open: boolean;
  onClose: () => void;
  onCreated: (user: User) => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUser>();
  const role = Form.useWatch('role', form) as Role | undefined;
  const [problems, setProblems] = useState<string[]>([]);
  const [isSaving, setIsSaving] = useState(false);
  const required = [{ required: true, message: t('common.required') }];

  const submit = async () => {
    const values = await form.validateFields();
    setIsSaving(true);
    setProblems([]);
    try {
      const user = await api.createUser(toNewUser(values));
      message.success(t('users.created', { username: user.username }));
      form.resetFields();
      props.onCreated(user);
    } catch (error) {
      if (error instanceof ApiError && error.status === 409) {
        form.setFields([{ name: 'username', errors: [t('users.conflict')] }]);
      } else {
        const leftover = applyFieldErrors(form, error, fieldNames, lang);
        const isOnFields = error instanceof ApiError && error.details.length > leftover.length;
        setProblems(isOnFields ? leftover : [describeError(error, t), ...leftover]);
      }
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={t('users.create')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={isSaving}
      onOk={submit}
      onCancel={props.onClose}
      destroyOnHidden
    >
      {problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={problems[0]}
          description={problems.slice(1).join('\n') || undefined}
        />
      ) : null}
      <Form form={form} name="createUser" layout="vertical" preserve={false} style={{ marginTop: 16 }}>
        <Form.Item
          name="username"
          label={t('col.username')}
          rules={[...required, { pattern: /^[a-z0-9][a-z0-9._-]{2,63}$/, message: t('form.usernameRule') }]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="displayName" label={t('col.displayName')} rules={required}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[...required, { min: 10, message: t('form.passwordMin') }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item name="role" label={t('col.role')} rules={required}>
          <Select options={roles.map((value) => ({ value, label: t(`role.${value}`) }))} />
        </Form.Item>
        <ScopeFields role={role} />
      </Form>
    </Modal>
  );
}
