import { Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from '../auth';
import { useI18n } from '../i18n';
import type { Role } from '../types';

/** Shows its children only to a signed-in user with one of `roles`; visitors are sent to log in. */
export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const { session, hasRole } = useAuth();
  const { t } = useI18n();
  const location = useLocation();

  if (session.status === 'loading') return <Spin style={{ display: 'block', margin: 48 }} />;
  if (session.status === 'anonymous') {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  if (!hasRole(...roles)) {
    return <Result status="403" title={t('error.forbidden')} subTitle={t('error.forbiddenDetail')} />;
  }
  return <>{children}</>;
}
