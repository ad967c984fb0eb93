import { Alert, Button, Card, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api';
import { useAuth } from '../auth';
import { describeError } from '../components/error-alert';
import { LanguageSwitch } from '../components/language-switch';
import { type Translate, useI18n } from '../i18n';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths, so a crafted `?next=` link cannot send the user elsewhere after logging in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/catalog';
}

function loginErrorText(error: unknown, t: Translate): { title: string; detail?: string } {
  if (error instanceof ApiError && error.code === 'invalid_credentials') {
    return { title: t('login.invalid'), detail: error.message };
  }
  if (error instanceof ApiError && error.status === 429) {
    const title =
      error.retryAfter !== undefined
        ? t('login.tooMany', { seconds: error.retryAfter })
        : t('login.tooManyLater');
    return { title, detail: error.message };
  }
  return { title: describeError(error, t) };
}

export function LoginPage() {
  const { t } = useI18n();
  const { login } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(undefined);
  const [isSubmitting, setIsSubmitting] = useState(false);

  const onFinish = async ({ username, password }: Credentials) => {
    setIsSubmitting(true);
    setError(undefined);
    try {
      await login(username, password);
      navigate(safeNext(params.get('next')), { replace: true });
    } catch (cause) {
      setError(cause);
      setIsSubmitting(false);
    }
  };

  const message = error === undefined ? null : loginErrorText(error, t);

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
              type="error"
              showIcon
              data-testid="login-error"
              title={message.title}
              description={message.detail && message.detail !== message.title ? message.detail : undefined}
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
            <Button type="primary" htmlType="submit" block loading={isSubmitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
          <Link to="/catalog">{t('login.publicCatalog')}</Link>
        </Space>
      </Card>
    </div>
  );
}
