import { Alert, Button, Card, Input, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation, useParams } from 'react-router';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useVerification, type VerifyState } from './use-verification';
import { VerificationView } from './verification-view';

function KeysNote({ keys }: { keys: VerifyState['keys'] }) {
  const { t, lang } = useI18n();
  if (!keys) return null;
  const time = formatDateTime(keys.fetchedAt, lang);
  return keys.source === 'cache' ? (
    <span data-testid="keys-cached">{t('verify.cachedKeys', { time })}</span>
  ) : (
    <span data-testid="keys-fresh">{t('verify.freshKeys', { time })}</span>
  );
}

function Problem({ state }: { state: VerifyState }) {
  const { t } = useI18n();
  if (state.problem)
    return (
      <Alert
        type="warning"
        showIcon
        data-testid="verify-problem"
        title={t(state.problem === 'no-qr' ? 'verify.noQr' : 'verify.unrecognised')}
        style={{ marginTop: 16 }}
      />
    );
  if (state.error instanceof ApiError && state.error.status === 404)
    return <Alert type="error" showIcon title={t('verify.notFound')} style={{ marginTop: 16 }} />;
  return state.error ? (
    <div style={{ marginTop: 16 }}>
      <ErrorAlert error={state.error} />
    </div>
  ) : null;
}

/**
 * 验证凭证 (issue 5 §6): a pasted credential, an uploaded QR image, or a QR link (`/v/<id>#<digest>`) — verified
 * in this browser; "服务器核验" asks the server too. Open to everyone.
 */
export function VerifyPage() {
  const { t } = useI18n();
  const { credentialId } = useParams();
  const { hash } = useLocation();
  const { state, verifyText, verifyStored, verifyImage, verifyOnServer } = useVerification();
  const [text, setText] = useState('');

  useEffect(() => {
    if (credentialId) void verifyStored(credentialId, decodeURIComponent(hash.replace(/^#/, '')));
  }, [credentialId, hash, verifyStored]);

  const notes = [
    ...(state.mode === 'server-fallback' ? [t('verify.foreignIssuer')] : []),
    ...(state.keys ? [<KeysNote key="keys" keys={state.keys} />] : []),
  ];

  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('verify.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('verify.subtitle')}</Typography.Paragraph>
      <Card size="small">
        <Tabs
          items={[
            {
              key: 'paste',
              label: t('verify.tab.paste'),
              children: (
                <Space orientation="vertical" style={{ width: '100%' }}>
                  <Input.TextArea
                    id="credential-text"
                    data-testid="credential-text"
                    rows={5}
                    value={text}
                    onChange={(e) => setText(e.target.value)}
                    placeholder={t('verify.pastePlaceholder')}
                    style={{ fontFamily: 'monospace' }}
                  />
                  <Button
                    type="primary"
                    data-testid="verify-submit"
                    disabled={text.trim() === ''}
                    onClick={() => void verifyText(text)}
                  >
                    {t('verify.submit')}
                  </Button>
                </Space>
              ),
            },
            {
              key: 'upload',
              label: t('verify.tab.upload'),
              children: (
                <Space orientation="vertical">
                  <input
                    id="qr-image"
                    data-testid="qr-image"
                    type="file"
                    accept="image/*"
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      if (file) void verifyImage(file);
                      e.target.value = '';
                    }}
                  />
                  <Typography.Text type="secondary">{t('verify.uploadHint')}</Typography.Text>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {state.phase === 'working' ? (
        <Space style={{ margin: 24 }} data-testid="verify-working">
          <Spin />
          <Typography.Text>{t('verify.working')}</Typography.Text>
        </Space>
      ) : null}
      <Problem state={state} />
      {state.result ? (
        <VerificationView
          testId="verification"
          result={state.result}
          title={t(state.mode === 'server-fallback' ? 'verify.serverResult' : 'verify.inBrowser')}
          notes={notes}
        />
      ) : null}
      {state.result && state.mode === 'browser' ? (
        <Button data-testid="verify-server" style={{ marginTop: 16 }} onClick={() => void verifyOnServer()}>
          {t('verify.onServer')}
        </Button>
      ) : null}
      {state.server ? (
        <VerificationView
          testId="server-verification"
          result={state.server}
          title={t('verify.serverResult')}
        />
      ) : null}
    </div>
  );
}
