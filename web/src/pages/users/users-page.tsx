import {
  Button,
  Descriptions,
  Empty,
  Input,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { api } from '../../api';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { type Role, roles, type User, type UserListItem } from '../../types';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { UserCreateModal } from './user-create-modal';
import { UserEditModal } from './user-edit-modal';
import { UserTokensDrawer } from './user-tokens-drawer';

/**
 * A user's scope in names: the department, the province, the operator's institution (issue 15 §4). An
 * institution id that names no filed institution says so rather than showing the id.
 */
function Scope({ user }: { user: UserListItem }) {
  const { t } = useI18n();
  const catalog = useRegistryCatalog();
  const parts = [
    ...(user.department ? [{ key: user.department, text: catalog.departmentName(user.department) }] : []),
    ...(user.province ? [{ key: user.province, text: catalog.regionName(user.province) }] : []),
    ...(user.institution
      ? [{ key: user.institution, text: user.institutionName ?? t('users.institutionUnknown') }]
      : []),
  ];
  return parts.length ? (
    <Space size={4} wrap data-testid="user-scope">
      {parts.map((part) => (
        <Tag key={part.key}>{part.text}</Tag>
      ))}
    </Space>
  ) : (
    <>—</>
  );
}

/** The identifiers behind the names, for administrators who need them: only under 技术详情. */
function UserIds({ user }: { user: UserListItem }) {
  const { t } = useI18n();
  const ids: [string, string | null][] = [
    ['id', user.id],
    ['department', user.department],
    ['province', user.province],
    ['institution', user.institution],
    ['holderId', user.holderId],
  ];
  return (
    <div data-tech="" data-testid="user-ids">
      <Typography.Text type="secondary">{t('tech.title')}</Typography.Text>
      <Descriptions
        size="small"
        column={1}
        items={ids
          .filter(([, value]) => value)
          .map(([key, value]) => ({
            key,
            label: key,
            children: (
              <Typography.Text code copyable>
                {value}
              </Typography.Text>
            ),
          }))}
      />
    </div>
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

  const columns: TableColumnsType<UserListItem> = [
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
      <Table<UserListItem>
        rowKey="id"
        size="middle"
        loading={isLoading}
        columns={columns}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('users.none')} /> }}
        expandable={{ expandedRowRender: (user) => <UserIds user={user} /> }}
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
