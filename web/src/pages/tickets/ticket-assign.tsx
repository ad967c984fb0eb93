import { Button, Select, Space } from 'antd';
import { useCallback, useState } from 'react';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { type OfficeTicket, ticketsApi } from './tickets-api';

/**
 * Assign a ticket to a colleague of its office, picked by name from `GET /tickets/{id}/colleagues` (the officials
 * the server would accept), or to nobody.
 */
export function TicketAssign({
  ticket,
  isBusy,
  onAssign,
}: {
  ticket: OfficeTicket;
  isBusy: boolean;
  onAssign: (userId: string | null) => void;
}) {
  const { t } = useI18n();
  const load = useCallback(() => ticketsApi.colleagues(ticket.id), [ticket.id]);
  const { data, isLoading } = useApiData(load);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const options = (data?.items ?? []).map((c) => ({
    value: c.id,
    label: c.isMe ? t('inbox.colleagueMe', { name: c.name }) : c.name,
  }));
  return (
    <Space wrap>
      <Select
        aria-label={t('inbox.assignTo')}
        placeholder={t('inbox.assignTo')}
        style={{ minWidth: 200 }}
        loading={isLoading}
        showSearch={{ optionFilterProp: 'label' }}
        data-testid="inbox-assignee"
        value={picked}
        onChange={setPicked}
        options={options}
        notFoundContent={t('inbox.noColleagues')}
      />
      <Button
        loading={isBusy}
        disabled={!picked || picked === ticket.assignee?.id}
        onClick={() => picked && onAssign(picked)}
        data-testid="inbox-assign"
      >
        {t('inbox.assign')}
      </Button>
      {ticket.assignee ? (
        <Button loading={isBusy} onClick={() => onAssign(null)}>
          {t('inbox.unassign')}
        </Button>
      ) : null}
    </Space>
  );
}
