import { Button, Empty, Input, Select, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { type Role, roles, type User } from '../../types';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { UserCreateModal } from './user-create-modal';
import { UserEditModal } from './user-edit-modal';
import { UserTokensDrawer } from './user-tokens-drawer';

/**
 * A user's scope in names: the department, the province. The users API gives an institution only by id, so an
 * operator's institution shows as 「评价机构」 with its id in the tooltip.
 */
function Scope({ user }: { user: User }) {
  const { t } = useI18n();
  const catalog = useRegistryCatalog();
  const parts = [
    ...(user.department ? [{ key: user.department, text: catalog.departmentName(user.department) }] : []),
    ...(user.province ? [{ key: user.province, text: catalog.regionName(user.province) }] : []),
    ...(user.institution
      ? [{ key: user.institution, text: t('form.institution'), title: user.institution }]
      : []),
  ];
  return parts.length ? (
    <Space size={4} wrap>
      {parts.map((part) => (
        <Tag key={part.key} title={'title' in part ? part.title : undefined}>
          {part.text}
        </Tag>
      ))}
    </Space>
  ) : (
    <>—</>
  );
}

export function UsersPage() {
  const { t, lang } = useI18n();
  const [role, setRole] = useState<Role | undefined>(undefined);
  const [q, setQ] = useState('');
  const pages = useCursorPages();
  const [isCreating, setIsCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [tokensOf, setTokensOf] = useState<User | null>(null);

  const { cursor, limit, reset } = pages;
  const load = useCallback(
    () => api.listUsers({ role, q: q || undefined, limit, cursor }),
    [role, q, limit, cursor],
  );
  const { data, error, isLoading, reload } = useApiData(load);

  const columns: TableColumnsType<User> = [
    {
      title: t('col.username'),
      dataIndex: 'username',
      render: (username: string) => <Typography.Text code>{username}</Typography.Text>,
    },
    {
      title: t('col.displayName'),
      dataIndex: 'displayName',
      render: (name: string) => <span data-verbatim="">{name}</span>,
    },
    { title: t('col.role'), dataIndex: 'role', render: (value: Role) => t(`role.${value}`) },
    { title: t('col.scope'), key: 'scope', render: (_, user) => <Scope user={user} /> },
    {
      title: t('col.status'),
      dataIndex: 'isActive',
      render: (isActive: boolean) =>
        isActive ? <Tag color="green">{t('status.active')}</Tag> : <Tag>{t('status.inactive')}</Tag>,
    },
    { title: t('col.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v, lang) },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: 170,
      render: (_, user) => (
        <Space size="small">
          <Button size="small" onClick={() => setEditing(user)} data-testid="user-edit">
            {t('users.edit')}
          </Button>
          <Button size="small" onClick={() => setTokensOf(user)}>
            {t('users.tokens')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('users.title')}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select<Role>
          allowClear
          style={{ minWidth: 200 }}
          placeholder={t('users.allRoles')}
          value={role}
          onChange={(value) => {
            setRole(value);
            reset();
          }}
          options={roles.map((value) => ({ value, label: t(`role.${value}`) }))}
        />
        <Input.Search
          allowClear
          style={{ width: 260 }}
          placeholder={t('users.search')}
          onSearch={(value) => {
            setQ(value.trim());
            reset();
          }}
        />
        <Button type="primary" onClick={() => setIsCreating(true)} data-testid="create-user">
          {t('users.create')}
        </Button>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<User>
        rowKey="id"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('users.none')} /> }}
      />
      <CursorPager
        page={pages.page}
        limit={limit}
        next={data?.next}
        isLoading={isLoading}
        onPrev={pages.goPrev}
        onNext={pages.goNext}
        onLimit={pages.setLimit}
      />
      <UserCreateModal
        open={isCreating}
        onClose={() => setIsCreating(false)}
        onCreated={() => {
          setIsCreating(false);
          reload();
        }}
      />
      <UserEditModal
        user={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          reload();
        }}
      />
      <UserTokensDrawer user={tokensOf} onClose={() => setTokensOf(null)} />
    </div>
  );
}
