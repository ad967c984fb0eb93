import { MenuOutlined } from '@ant-design/icons';
import {
  Button,
  Drawer,
  Grid,
  Layout,
  Menu,
  type MenuProps,
  Space,
  Spin,
  Tag,
  Typography,
  theme,
} from 'antd';
import { Suspense, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from './auth';
import { LanguageSwitch } from './components/language-switch';
import { useI18n } from './i18n';
import { ticketAnalysts, ticketOffices } from './pages/tickets/ticket-roles';
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

function UserArea({ isNarrow }: { isNarrow: boolean }) {
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
      {/* A name as the account was given it: not translated. */}
      <Typography.Text
        data-testid="current-user"
        data-verbatim=""
        ellipsis
        style={{ color: 'inherit', maxWidth: isNarrow ? 88 : 240, display: 'block', lineHeight: '32px' }}
        title={user.displayName || user.username}
      >
        {user.displayName || user.username}
      </Typography.Text>
      {isNarrow ? null : <Tag>{t(`role.${user.role}`)}</Tag>}
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
    { key: '/explain', label: t('nav.explain') },
    { key: '/faq', label: t('nav.faq') },
    { key: '/tickets/new', label: t('nav.ticketNew') },
    { key: '/tickets/lookup', label: t('nav.ticketLookup') },
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
  // 回应关切 (issue 14 §3, §5): the offices answer tickets; analysts read their statistics.
  if (hasRole(...ticketAnalysts)) {
    const children = hasRole(...ticketOffices)
      ? [{ key: '/tickets/inbox', label: t('nav.ticketsInbox') }]
      : [];
    children.push({ key: '/tickets/statistics', label: t('nav.ticketStats') });
    items.push({ key: 'tickets', type: 'group', label: t('nav.ticketsGroup'), children });
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
      { key: '/admin/jobs', label: t('nav.jobs') },
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
  '/admin/jobs',
  '/admin/institutions',
  '/console/plans',
  '/bank',
  '/console/warnings',
  '/supervision/warnings',
  '/statistics',
  '/supervision/live',
  '/explain',
  '/faq',
  '/tickets/new',
  '/tickets/lookup',
  '/tickets/inbox',
  '/tickets/statistics',
];

export function AppLayout() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const { token } = theme.useToken();
  const { user } = useAuth();
  const items = useMenuItems();
  // Below antd's lg breakpoint (992 px: phones, small tablets) the menu moves into a drawer behind a button, so
  // the page keeps the whole width (issue 15 §1).
  const screens = Grid.useBreakpoint();
  const isNarrow = !screens.lg;
  const [isMenuOpen, setIsMenuOpen] = useState(false);
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
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected}
      onClick={({ key }) => {
        setIsMenuOpen(false);
        navigate(key);
      }}
      style={{ height: '100%', borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100%' }}>
      <Header
        className="hutong-chrome"
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: isNarrow ? 8 : 16,
          paddingInline: isNarrow ? 12 : 24,
          background: token.colorBgContainer,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
        }}
      >
        {isNarrow ? (
          <Button
            type="text"
            icon={<MenuOutlined />}
            aria-label={t('nav.menu')}
            data-testid="menu-toggle"
            onClick={() => setIsMenuOpen(true)}
          />
        ) : null}
        <Link to="/catalog" style={{ color: token.colorText, whiteSpace: 'nowrap' }}>
          <Typography.Text strong style={{ fontSize: 18 }}>
            {t('app.name')}
          </Typography.Text>
        </Link>
        {isNarrow ? null : (
          <Typography.Text type="secondary" className="hutong-tagline">
            {t('app.tagline')}
          </Typography.Text>
        )}
        <Space style={{ marginInlineStart: 'auto' }} size={isNarrow ? 'small' : 'middle'}>
          <LanguageSwitch />
          <UserArea isNarrow={isNarrow} />
        </Space>
      </Header>
      <Layout>
        {isNarrow ? (
          <Drawer
            placement="left"
            open={isMenuOpen}
            onClose={() => setIsMenuOpen(false)}
            size={264}
            title={t('app.name')}
            styles={{ body: { padding: 0 } }}
            data-testid="menu-drawer"
          >
            {menu}
          </Drawer>
        ) : (
          <Sider className="hutong-chrome" width={208} theme="light">
            {menu}
          </Sider>
        )}
        <Content style={{ padding: isNarrow ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<Spin style={{ display: 'block', margin: 48 }} />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
