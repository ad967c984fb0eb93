import { Card, Empty, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n';
import { chinaParts } from '../console/console-format';
import type { LiveEvent } from './live-api';

/** The exam events, newest first; those that arrived while the page was open are marked 新. */
export function LiveEvents({ events, fresh }: { events: LiveEvent[]; fresh: ReadonlySet<string> }) {
  const { t, pick } = useI18n();
  return (
    <Card size="small" title={t('live.events')}>
      {events.length === 0 ? (
        <Empty description={t('live.events.none')} />
      ) : (
        <ol
          data-testid="live-events"
          style={{ listStyle: 'none', margin: 0, padding: 0, maxHeight: 560, overflowY: 'auto' }}
        >
          {events.map((e) => {
            const at = chinaParts(e.at);
            return (
              <li
                key={e.id}
                data-testid="live-event"
                data-id={e.id}
                data-at={e.at}
                data-kind={e.kind}
                style={{ padding: '6px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
              >
                <Typography.Text
                  type="secondary"
                  style={{ fontVariantNumeric: 'tabular-nums', marginInlineEnd: 8 }}
                >
                  {at.date} {at.time}
                </Typography.Text>
                {fresh.has(e.id) ? <Tag color="green">{t('live.events.new')}</Tag> : null}
                <Typography.Text>{pick(e.summary.zh, e.summary.en)}</Typography.Text>
                <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                  {e.actor}
                </Typography.Text>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
