import { Alert, Button, Typography } from 'antd';
import { Link } from 'react-router';
import { ApiError } from '../api';
import { type Translate, useI18n } from '../i18n';
import type { MessageKey } from '../messages';

/** The API's error codes (src/shared/errors.ts) in words a person understands. */
const codeKeys: Record<string, MessageKey> = {
  validation_failed: 'error.validation',
  not_found: 'error.notFound',
  conflict: 'error.conflict',
  invalid_transition: 'error.conflict',
  cosign_required: 'error.cosign',
  rule_violation: 'error.rule',
  invalid_credentials: 'login.invalid',
  too_many_requests: 'error.tooMany',
  challenge_required: 'error.challenge',
  payload_too_large: 'error.tooLarge',
  unsupported_media_type: 'error.mediaType',
  idempotency_key_reused: 'error.conflict',
  bad_gateway: 'error.badGateway',
};

const statusKeys: Record<number, MessageKey> = {
  400: 'error.validation',
  404: 'error.notFound',
  409: 'error.conflict',
  413: 'error.tooLarge',
  415: 'error.mediaType',
  422: 'error.rule',
  429: 'error.tooMany',
  502: 'error.badGateway',
};

/**
 * One line describing a failed request, for toasts and form-level errors: never a raw code. The server writes its
 * messages in English, so Chinese mode says what happened from the code; English mode adds the server's words.
 */
export function describeError(error: unknown, t: Translate, lang: 'zh' | 'en' = currentLang()): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 403) return t('error.forbiddenDetail');
    if (error.status === 401 && error.code !== 'invalid_credentials') return t('error.unauthenticatedDetail');
    if (error.status >= 500 && error.status !== 502) return t('error.server');
    const key = codeKeys[error.code] ?? statusKeys[error.status];
    const general = key ? t(key) : t('error.generic');
    if (lang === 'en' && error.message && error.message !== general) return `${general} (${error.message})`;
    return general;
  }
  return t('error.generic');
}

/** The page's language as the I18nProvider set it on <html>, for callers outside a component. */
function currentLang(): 'zh' | 'en' {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'zh';
}

/** The error of a failed request, with a clear message for 401 and 403. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, lang } = useI18n();
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
      data-testid="error-alert"
      title={describeError(error, t, lang)}
      description={
        requestId ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('error.requestId')}: <span data-verbatim="">{requestId}</span>
          </Typography.Text>
        ) : undefined
      }
      action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
