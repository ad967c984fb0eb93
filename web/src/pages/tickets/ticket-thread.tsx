import { Tag, Timeline, Typography } from 'antd';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';

export interface ThreadMessage {
  at: string;
  kind: string;
  label: { zh: string; en: string };
  from: 'submitter' | 'office' | 'system';
  text: string | null;
  actor?: string;
}

const colors: Record<string, string> = {
  submit: 'gray',
  reply: 'green',
  'request-info': 'orange',
  info: 'blue',
  close: 'gray',
  escalate: 'red',
  transfer: 'purple',
};

/** A ticket's messages, oldest first: who said what, when (China time). */
export function TicketThread({ messages }: { messages: ThreadMessage[] }) {
  const { pick, lang } = useI18n();
  return (
    <Timeline
      data-testid="ticket-thread"
      items={messages.map((m) => ({
        key: `${m.at}:${m.kind}`,
        color: colors[m.kind] ?? 'blue',
        content: (
          <div data-kind={m.kind}>
            <Tag>{pick(m.label.zh, m.label.en)}</Tag>
            <Typography.Text type="secondary">{formatDateTime(m.at, lang)}</Typography.Text>
            {m.actor ? (
              <Typography.Text type="secondary" data-verbatim="">
                {' '}
                · {m.actor}
              </Typography.Text>
            ) : null}
            {m.text ? (
              <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0 0' }} data-verbatim="">
                {m.text}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
