import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../api';
import { type Translate, useI18n } from '../i18n';

/** One line describing a failed request, for toasts and form-level errors. */
export function describeError(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 403) return t('error.forbiddenDetail');
    if (error.status === 401) return t('error.unauthenticatedDetail');
    return error.message || t('error.generic');
  }
  return error instanceof Error ? error.message : t('error.generic');
}

/** The error of a failed request, with a clear message for 401 and 403. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  if (error === undefined || error === null) return null;

  if (error instanceof ApiError && error.status === 403) {
    return (
      <Alert type="warning" showIcon title={t('error.forbidden')} description={t('error.forbiddenDetail')} />
    );
  }
  if (error instanceof ApiError && error.status === 401) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('error.unauthenticated')}
        description={t('error.unauthenticatedDetail')}
        action={<Link to="/login">{t('header.login')}</Link>}
      />
    );
  }
  const requestId = error instanceof ApiError ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      title={describeError(error, t)}
      description={requestId ? `${t('error.requestId')}: ${requestId}` : undefined}
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
