import { Button, Card, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { LinkedResult } from '../../query-types';

/** Types served by a department's own query site: Hutong hands over the deep link, not data (issue 5 §2). */
export function LinkedCard({ item }: { item: LinkedResult }) {
  const { t, lang, pick } = useI18n();
  const source = pick(item.source.nameZh, item.source.nameEn);
  return (
    <Card data-testid="linked-result" style={{ marginBottom: 16 }}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Text strong>{t('query.linkedTitle', { source })}</Typography.Text>
        <div>
          <Typography.Text type="secondary">{t('query.linkedTypes')}：</Typography.Text>
          {item.types.map((type) => (
            <Tag key={type.id}>{pick(type.nameZh, type.nameEn)}</Tag>
          ))}
        </div>
        {item.source.updatedAt ? (
          <Typography.Text type="secondary">
            {t('query.updatedAt', { time: formatDateTime(item.source.updatedAt, lang) })}
          </Typography.Text>
        ) : null}
        <Button
          type="primary"
          href={item.deepLink}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="linked-go"
        >
          {t('query.linkedGo')} ↗
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
          {item.source.url}
        </Typography.Text>
      </Space>
    </Card>
  );
}
