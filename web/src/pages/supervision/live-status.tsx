import { Badge, Button, Space } from 'antd';
import { useI18n } from '../../i18n';
import type { LiveStatus } from './live-stream';

const badges = { connecting: 'processing', open: 'success', closed: 'error' } as const;

/** 连接中 / 已连接 / 已断开; a closed stream (the browser gave up, e.g. after a 403) can be reopened by hand. */
export function LiveStatusIndicator({
  status,
  onReconnect,
}: {
  status: LiveStatus;
  onReconnect: () => void;
}) {
  const { t } = useI18n();
  return (
    <Space>
      <Badge
        status={badges[status]}
        text={
          <span data-testid="live-status" data-status={status}>
            {t(`live.status.${status}`)}
          </span>
        }
      />
      {status === 'closed' ? (
        <Button size="small" onClick={onReconnect} data-testid="live-reconnect">
          {t('live.reconnect')}
        </Button>
      ) : null}
    </Space>
  );
}
