import { PaperClipOutlined } from '@ant-design/icons';
import { Descriptions, Drawer, Spin, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { ErrorAlert } from '../../components/error-alert';
import { drawerSize } from '../../components/screen';
import { TechDetails } from '../../components/tech-details';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { TicketActions } from './ticket-actions';
import { TicketThread } from './ticket-thread';
import { attachmentUrl, type OfficeTicket, ticketsApi } from './tickets-api';

function Detail({ ticket, onChanged }: { ticket: OfficeTicket; onChanged: (t: OfficeTicket) => void }) {
  const { t, pick, lang } = useI18n();
  return (
    <>
      <Descriptions column={1} size="small" bordered data-testid="ticket-detail">
        <Descriptions.Item label={t('tk.status')}>
          <Tag data-testid="inbox-detail-status" data-status={ticket.status}>
            {pick(ticket.statusLabel.zh, ticket.statusLabel.en)}
          </Tag>
          {ticket.escalated ? <Tag color="red">{t('inbox.escalated')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.dueOn')}>
          <Typography.Text
            type={ticket.overdue ? 'danger' : undefined}
            strong={ticket.overdue}
            data-testid="inbox-due"
          >
            {formatDate(ticket.dueOn, lang)}
            {ticket.overdue ? ` · ${t('inbox.overdue')}` : ''}
          </Typography.Text>
          {ticket.dueProvisional ? (
            <Typography.Text type="warning" style={{ marginInlineStart: 8 }}>
              {t('tk.dueProvisional')}
            </Typography.Text>
          ) : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.kind')}>
          {pick(ticket.kindLabel.zh, ticket.kindLabel.en)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.topic')}>
          {pick(ticket.topic.kindLabel.zh, ticket.topic.kindLabel.en)}：
          {pick(ticket.topic.label.zh, ticket.topic.label.en)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.region')}>
          {pick(ticket.region.zh, ticket.region.en)}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.office')}>
          {pick(ticket.office.zh, ticket.office.en)}
        </Descriptions.Item>
        <Descriptions.Item label={t('inbox.assignee')}>
          <span data-verbatim="">{ticket.assignee?.name ?? t('inbox.nobody')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('inbox.contact')}>
          {ticket.contact ? (
            <span data-verbatim="" data-testid="inbox-contact">
              {ticket.contact.masked}
            </span>
          ) : (
            t('inbox.noContact')
          )}
          {ticket.signedIn ? <Tag style={{ marginInlineStart: 8 }}>{t('inbox.signedIn')}</Tag> : null}
        </Descriptions.Item>
        <Descriptions.Item label={t('tk.createdAt')}>
          {formatDateTime(ticket.createdAt, lang)}
        </Descriptions.Item>
        {ticket.attachments.length > 0 ? (
          <Descriptions.Item label={t('tk.files')}>
            {ticket.attachments.map((a) => (
              <div key={a.id}>
                <a href={attachmentUrl(ticket.id, a.id)} download={a.filename} data-verbatim="">
                  <PaperClipOutlined /> {a.filename}
                </a>{' '}
                <Typography.Text type="secondary">{Math.ceil(a.size / 1024)} KB</Typography.Text>
              </div>
            ))}
          </Descriptions.Item>
        ) : null}
        {ticket.rating ? (
          <Descriptions.Item label={t('inbox.rating')}>
            {'★'.repeat(ticket.rating.score)}
            {ticket.rating.comment ? <span data-verbatim=""> {ticket.rating.comment}</span> : null}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('tk.progress')}
      </Typography.Title>
      <TicketThread messages={ticket.events} />
      <TicketActions ticket={ticket} onChanged={onChanged} />
      <TechDetails>
        <code>
          {ticket.id} · {ticket.topic.ref} · {ticket.technical.routingRow}@{ticket.technical.routingVersion}
          {ticket.technical.rule ? ` · ${ticket.technical.rule}` : ''}
        </code>
      </TechDetails>
    </>
  );
}

/** One ticket in a drawer: its deadline, the masked contact, attachments, the thread and the office's actions. */
export function TicketDrawer({
  id,
  onClose,
  onChanged,
}: {
  id: string | null;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const load = useCallback(() => (id ? ticketsApi.ticket(id) : Promise.resolve(null)), [id]);
  const { data, error, isLoading, reload } = useApiData(load);
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={drawerSize(720)}
      title={data ? <span data-verbatim="">{data.number}</span> : t('inbox.ticket')}
      data-testid="ticket-drawer"
      destroyOnHidden
    >
      <ErrorAlert error={error} onRetry={reload} />
      {isLoading && !data ? <Spin style={{ display: 'block', margin: 24 }} /> : null}
      {data ? (
        <Detail
          ticket={data}
          onChanged={() => {
            reload();
            onChanged();
          }}
        />
      ) : null}
    </Drawer>
  );
}
