import {
  App,
  Button,
  Drawer,
  Empty,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { drawerSize } from '../../components/screen';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { CreatedToken, Token, User } from '../../types';
import { useApiData } from '../../use-api-data';
import { TokenSecretModal } from './token-secret-modal';

interface NewToken {
  label: string;
  expiresInDays?: number | null;
}

function TokenStatus({ token }: { token: Token }) {
  const { t } = useI18n();
  if (token.revokedAt) return <Tag color="red">{t('tokens.revokedStatus')}</Tag>;
  if (token.expiresAt && new Date(token.expiresAt).getTime() <= Date.now()) {
    return <Tag color="default">{t('tokens.expired')}</Tag>;
  }
  return <Tag color="green">{t('tokens.active')}</Tag>;
}

function TokenList({ user }: { user: User }) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewToken>();
  const [isCreating, setIsCreating] = useState(false);
  const [secret, setSecret] = useState<CreatedToken | null>(null);
  const load = useCallback(() => api.listTokens(user.id), [user.id]);
  const { data, error, isLoading, reload } = useApiData(load);

  const create = async ({ label, expiresInDays }: NewToken) => {
    setIsCreating(true);
    try {
      const created = await api.createToken(user.id, {
        label: label.trim(),
        ...(expiresInDays ? { expiresInDays } : {}),
      });
      form.resetFields();
      setSecret(created);
      reload();
    } catch (cause) {
      message.error(describeError(cause, t));
    } finally {
      setIsCreating(false);
    }
  };

  const revoke = async (token: Token) => {
    try {
      await api.revokeToken(token.id);
      message.success(t('tokens.revoked'));
      reload();
    } catch (cause) {
      message.error(describeError(cause, t));
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Form<NewToken> form={form} name="createToken" layout="inline" onFinish={create}>
        <Form.Item name="label" rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
          <Input placeholder={t('tokens.label')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="expiresInDays">
          <InputNumber
            min={1}
            max={3650}
            precision={0}
            placeholder={t('tokens.expiresInDays')}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isCreating}>
          {t('tokens.create')}
        </Button>
      </Form>
      <Typography.Text type="secondary">{t('tokens.noExpiryHint')}</Typography.Text>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<Token>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('empty.tokens')} /> }}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('tokens.label'), dataIndex: 'label' },
          {
            title: t('col.prefix'),
            dataIndex: 'prefix',
            render: (prefix: string) => <Typography.Text code>{prefix}…</Typography.Text>,
          },
          { title: t('col.status'), key: 'status', render: (_, token) => <TokenStatus token={token} /> },
          {
            title: t('col.createdAt'),
            dataIndex: 'createdAt',
            render: (v: string) => formatDateTime(v, lang),
          },
          {
            title: t('col.expiresAt'),
            dataIndex: 'expiresAt',
            render: (v: string | null) => formatDateTime(v, lang),
          },
          {
            title: t('col.lastUsedAt'),
            dataIndex: 'lastUsedAt',
            render: (v: string | null) => (v ? formatDateTime(v, lang) : t('common.never')),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, token) =>
              token.revokedAt ? null : (
                <Popconfirm
                  title={t('tokens.revokeConfirm')}
                  okText={t('tokens.revoke')}
                  okButtonProps={{ danger: true }}
                  cancelText={t('common.cancel')}
                  onConfirm={() => revoke(token)}
                >
                  <Button size="small" danger>
                    {t('tokens.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <TokenSecretModal token={secret} onClose={() => setSecret(null)} />
    </Space>
  );
}

export function UserTokensDrawer({ user, onClose }: { user: User | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer
      open={user !== null}
      onClose={onClose}
      size={drawerSize(760)}
      destroyOnHidden
      title={user ? t('tokens.title', { name: user.displayName || user.username }) : ''}
    >
      {user ? <TokenList user={user} /> : null}
    </Drawer>
  );
}
