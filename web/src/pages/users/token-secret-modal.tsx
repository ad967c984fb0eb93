import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useI18n } from '../../i18n';
import type { CreatedToken } from '../../types';

/** Shows a new token's secret once; the server keeps only its hash, so it cannot be shown again. */
export function TokenSecretModal({ token, onClose }: { token: CreatedToken | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal
      open={token !== null}
      title={t('tokens.createdTitle')}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="token-secret-done">
          {t('tokens.done')}
        </Button>
      }
    >
      {token ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Alert type="warning" showIcon title={t('tokens.onceWarning')} />
          <Typography.Text type="secondary">{token.label}</Typography.Text>
          <Typography.Paragraph
            code
            data-testid="token-secret"
            style={{ wordBreak: 'break-all', marginBottom: 0 }}
            copyable={{ text: token.token, tooltips: [t('tokens.copy'), t('tokens.copied')] }}
          >
            {token.token}
          </Typography.Paragraph>
        </Space>
      ) : null}
    </Modal>
  );
}
