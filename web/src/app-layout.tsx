import { Button, Layout, Menu, type MenuProps, Space, Spin, Tag, Typography, theme } from 'antd';
import { Suspense } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from './auth';
import { LanguageSwitch } from './components/language-switch';
import { useI18n } from './i18n';
import {
  bankEditors,
  institutionManagers,
  liveWatchers,
  planConsoleRoles,
  registryReaders,
  registryWriters,
  statisticsReaders,
  warningReviewers,
} from './roles';
import type { User } from './types';

const { Header, Sider, Content } = Layout;

function UserArea() {
  const { session, logout } = useAuth();
  const { t } = useI18n();
  const navigate = useNavigate();

  if (session.status === 'loading') return null;
  if (session.status === 'anonymous') {
    return (
      <Link to="/login" data-testid="header-login">
        {t('header.login')}
      </Link>
    );
  }
  const { user } = session;
  return (
    <Space size="small">
      <Typography.Text data-testid="current-user" style={{ color: 'inherit' }}>
        {user.displayName || user.username}
      </Typography.Text>
      <Tag>{t(`role.${user.role}`)}</Tag>
      <Button
        size="small"
        data-testid="logout"
        onClick={() => {
          // Leave the page first: clearing the session while on an admin page would make its guard
          // redirect to /login?next=… and send the next person to log in back to that page.
          navigate('/login', { replace: true });
          logout().catch(() => undefined);
        }}
      >
        {t('header.logout')}
      </Button>
    </Space>
  );
}

function useMenuItems(): MenuProps['items'] {
  const { t } = useI18n();
  const { hasRole, user } = useAuth();
  const items: NonNullable<MenuProps['items']> = [{ key: '/catalog', label: t('nav.catalog') }];
  const open = [
    { key: '/query', label: t('nav.query') },
    { key: '/verify', label: t('nav.verify') },
    { key: '/institutions', label: t('nav.institutions') },
    { key: '/exams', label: t('nav.exams') },
  ];
  if (hasRole('holder'))
    open.push(
      { key: '/my/credentials', label: t('nav.myCredentials') },
      { key: '/my/registrations', label: t('nav.myRegistrations') },
    );
  items.push({ key: 'public', type: 'group', label: t('nav.publicGroup'), children: open });
  const recognition = [
    { key: '/recognition', label: t('nav.recognition') },
    { key: '/policies', label: t('nav.policies') },
  ];
  const editKey = policyEditKey(user);
  if (editKey) recognition.push({ key: editKey, label: t('nav.policyEdit') });
  // 省级认定 is 住建's to keep (issue 13 §4).
  if (hasRole('system-admin') || (user?.role === 'department-admin' && user.department === 'mohurd'))
    recognition.push({ key: '/designations', label: t('nav.designations') });
  items.push({ key: 'recognition', type: 'group', label: t('nav.recognitionGroup'), children: recognition });
  if (hasRole(...registryReaders)) {
    const registry = [{ key: '/certificates', label: t('nav.certificates') }];
    if (hasRole(...registryWriters))
      registry.push(
        { key: '/imports', label: t('nav.imports') },
        { key: '/console/issuance-requests', label: t('nav.issuanceRequests') },
      );
    items.push({ key: 'registry', type: 'group', label: t('nav.registry'), children: registry });
  }
  if (hasRole(...planConsoleRoles)) {
    const children = [{ key: '/console/plans', label: t('nav.consolePlans') }];
    if (hasRole(...bankEditors)) children.push({ key: '/bank', label: t('nav.bank') });
    if (hasRole('institution-operator'))
      children.push({ key: '/console/warnings', label: t('nav.warningsInbox') });
    items.push({ key: 'console', type: 'group', label: t('nav.consoleGroup'), children });
  }
  if (hasRole(...statisticsReaders)) {
    const children = [{ key: '/statistics', label: t('nav.statistics') }];
    items.push({ key: 'analysis', type: 'group', label: t('nav.analysisGroup'), children });
  }
  if (hasRole(...warningReviewers)) {
    const children = [{ key: '/supervision/warnings', label: t('nav.warnings') }];
    if (hasRole(...liveWatchers)) children.unshift({ key: '/supervision/live', label: t('nav.live') });
    items.push({ key: 'supervision', type: 'group', label: t('nav.supervisionGroup'), children });
  }
  const admin = hasRole(...institutionManagers)
    ? [{ key: '/admin/institutions', label: t('nav.institutionAdmin') }]
    : [];
  if (hasRole('system-admin')) {
    admin.push(
      { key: '/admin/users', label: t('nav.users') },
      { key: '/admin/audit', label: t('nav.audit') },
    );
  }
  if (admin.length > 0) items.push({ key: 'admin', type: 'group', label: t('nav.admin'), children: admin });
  return items;
}

/** A province admin edits their own province's policy from the menu; others reach editors from 政策目录. */
function policyEditKey(user: User | null): string | undefined {
  return user?.role === 'province-admin' && user.province ? `/policies/${user.province}/edit` : undefined;
}

const menuKeys = [
  '/catalog',
  '/query',
  '/verify',
  '/institutions',
  '/exams',
  '/my/credentials',
  '/my/registrations',
  '/recognition',
  '/policies',
  '/designations',
  '/certificates',
  '/imports',
  '/console/issuance-requests',
  '/admin/users',
  '/admin/audit',
  '/admin/institutions',
  '/console/plans',
  '/bank',
  '/console/warnings',
  '/supervision/warnings',
  '/statistics',
  '/supervision/live',
];

export function AppLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const { user } = useAuth();
  const items = useMenuItems();
  // A holder is reached from a certificate, so its page keeps 证书查询 selected.
  // A QR link (/v/…) is the verify page.
  const section = pathname.startsWith('/holders')
    ? '/certificates'
    : pathname.startsWith('/v/')
      ? '/verify'
      : pathname;
  const editKey = policyEditKey(user);
  // The most specific key wins: the own province's editor rather than 政策目录.
  const selected = [...menuKeys, ...(editKey ? [editKey] : [])]
    .filter((key) => section.startsWith(key))
    .sort((a, b) => b.length - a.length)
    .slice(0, 1);

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Header
        className="hutong-chrome"
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 16,
          paddingInline: 24,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        <Link to="/catalog" style={{ color: token.colorText }}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t('app.name')}
          </Typography.Text>
        </Link>
        <Typography.Text type="secondary" className="hutong-tagline">
          {t('app.tagline')}
        </Typography.Text>
        <Space style={{ marginInlineStart: 'auto' }} size="middle">
          <LanguageSwitch />
          <UserArea />
        </Space>
      </Header>
      <Layout>
        <Sider className="hutong-chrome" breakpoint="lg" collapsedWidth={0} width={208} theme="light">
          <Menu
            mode="inline"
            items={items}
            selectedKeys={selected}
            onClick={({ key }) => navigate(key)}
            style={{ height: '100%', borderInlineEnd: 0 }}
          />
        </Sider>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
