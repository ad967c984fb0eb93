import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { describeError } from '../components/error-alert';
import { LanguageSwitch } from '../components/language-switch';
import { useI18n } from '../i18n';

type I18n = ReturnType<typeof useI18n>;

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths, so a crafted `?next=` link cannot send the user elsewhere after logging in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/catalog';
}

/** A wait as people say it: 「45 秒」, 「2 分 30 秒」, 「15 分钟」. */
function formatWait(seconds: number, pick: I18n['pick']): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return pick(`${rest} 秒`, `${rest} s`);
  if (rest === 0) return pick(`${minutes} 分钟`, `${minutes} min`);
  return pick(`${minutes} 分 ${rest} 秒`, `${minutes} min ${rest} s`);
}

function loginErrorText(
  error: unknown,
  secondsLeft: number | null,
  { t, pick }: Pick<I18n, 't' | 'pick'>,
): { title: string; detail?: string } {
  // Only the page's own words: the server's English message would repeat the title in another language.
  if (error instanceof ApiError && error.code === 'invalid_credentials') return { title: t('login.invalid') };
  if (error instanceof ApiError && error.status === 429) {
    // The server delays logins from this address only (issue 15 §7); say so, so nobody fears a locked account.
    const detail = pick(
      '为保护账号安全，本网络地址的登录暂时受限；在其他设备或网络上登录不受影响。',
      'To protect the account, logins from this network address are paused for a while; other devices and networks are not affected.',
    );
    if (secondsLeft === null) return { title: t('login.tooManyLater'), detail };
    return {
      title: pick(
        `登录尝试次数过多，请 ${formatWait(secondsLeft, pick)}后再试`,
        `Too many attempts. Try again in ${formatWait(secondsLeft, pick)}`,
      ),
      detail,
    };
  }
  return { title: describeError(error, t) };
}

export function LoginPage() {
  const { t, pick } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(undefined);
  const [isSubmitting, setIsSubmitting] = useState(false);
  // When the server asks to wait (429 + Retry-After): the moment the wait ends, counted down on the page.
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (retryAt === null) return;
    const timer = setInterval(() => {
      const at = Date.now();
      setNow(at);
      if (at >= retryAt) setRetryAt(null);
    }, 1000);
    return () => clearInterval(timer);
  }, [retryAt]);

  const onFinish = async ({ username, password }: Credentials) => {
    setIsSubmitting(true);
    setError(undefined);
    try {
      await login(username, password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (cause) {
      setError(cause);
      const wait = cause instanceof ApiError && cause.status === 429 ? cause.retryAfter : undefined;
      const at = Date.now();
      setNow(at);
      setRetryAt(wait === undefined ? null : at + wait * 1000);
      setIsSubmitting(false);
    }
  };

  const secondsLeft = retryAt === null ? null : Math.max(1, Math.ceil((retryAt - now) / 1000));
  const isWaiting = retryAt !== null;
  const isWaitOver =
    error instanceof ApiError && error.status === 429 && error.retryAfter !== undefined && !isWaiting;
  const message =
    error === undefined
      ? null
      : isWaitOver
        ? { title: pick('现在可以再次登录', 'You can log in again now') }
        : loginErrorText(error, secondsLeft, { t, pick });

  return (
    <div
      style={{ minHeight: '100%', display: 'grid', placeItems: 'center', padding: 16, background: '#f5f5f5' }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <div style={{ display: 'flex', alignItems: 'center' }}>
            <Typography.Text strong style={{ fontSize: 18 }}>
              {t('app.name')}
            </Typography.Text>
            <span style={{ marginInlineStart: 'auto' }}>
              <LanguageSwitch />
            </span>
          </div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('login.title')}
          </Typography.Title>
          {message ? (
            <Alert
              type={isWaitOver ? 'info' : 'error'}
              showIcon
              data-testid="login-error"
              title={message.title}
              description={message.detail}
            />
          ) : null}
          <Form<Credentials>
            layout="vertical"
            onFinish={onFinish}
            requiredMark={false}
            disabled={isSubmitting}
          >
            <Form.Item
              name="username"
              label={t('login.username')}
              rules={[{ required: true, message: t('login.usernameRequired') }]}
            >
              <Input id="username" autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item
              name="password"
              label={t('login.password')}
              rules={[{ required: true, message: t('login.passwordRequired') }]}
            >
              <Input.Password id="password" autoComplete="current-password" />
            </Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              block
              loading={isSubmitting}
              disabled={isWaiting}
              data-testid="login-submit"
            >
              {t('login.submit')}
            </Button>
          </Form>
          <Link to="/catalog">{t('login.publicCatalog')}</Link>
        </Space>
      </Card>
    </div>
  );
}
