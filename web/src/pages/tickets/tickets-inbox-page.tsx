import { Alert, Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { TicketDrawer } from './ticket-drawer';
import { type InboxItem, type InboxQuery, ticketsApi } from './tickets-api';

const statuses = ['open', 'overdue', 'awaiting-info', 'replied', 'closed'] as const;
const sorts = ['due', '-due', '-created', 'created', '-updated'] as const;

/** 咨询投诉待办 (issue 14 §3): an office's tickets, filtered, sorted and paged; `?ticket=` opens one. */
export function TicketsInboxPage() {
  const { t, pick, lang } = useI18n();
  const catalog = useRegistryCatalog();
  const [params, setParams] = useSearchParams();
  const [status, setStatus] = useState<InboxQuery['status']>(undefined);
  const [office, setOffice] = useState<string | undefined>(undefined);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState<NonNullable<InboxQuery['sort']>>('due');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const openId = params.get('ticket');
  const load = useCallback(
    () =>
      ticketsApi.inbox({
        sort,
        page,
        pageSize,
        ...(status && { status }),
        ...(office && { office }),
        ...(q && { q }),
      }),
    [status, office, q, sort, page, pageSize],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  const open = (id: string | null) => {
    const next = new URLSearchParams(params);
    if (id) next.set('ticket', id);
    else next.delete('ticket');
    setParams(next, { replace: true });
  };

  return (
    <div data-testid="tickets-inbox">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('inbox.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('inbox.subtitle')} <Link to="/statistics#tickets">{t('nav.ticketStats')}</Link>
      </Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          aria-label={t('inbox.search')}
          placeholder={t('inbox.search')}
          style={{ width: 220 }}
          data-testid="inbox-search"
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
        />
        <Select
          aria-label={t('tk.status')}
          placeholder={t('tk.status')}
          allowClear
          style={{ minWidth: 140 }}
          data-testid="inbox-status"
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={statuses.map((s) => ({ value: s, label: t(`inbox.status.${s}`) }))}
        />
        <Select
          aria-label={t('inbox.officeFilter')}
          placeholder={t('inbox.officeFilter')}
          allowClear
          style={{ minWidth: 160 }}
          showSearch={{ optionFilterProp: 'label' }}
          value={office}
          onChange={(v) => {
            setOffice(v);
            setPage(1);
          }}
          options={[
            { value: 'national', label: t('inbox.national') },
            ...catalog.provinces.map((r) => ({ value: r.code, label: pick(r.nameZh, r.nameEn) })),
          ]}
        />
        <Select
          aria-label={t('inbox.sort')}
          style={{ minWidth: 160 }}
          value={sort}
          onChange={setSort}
          options={sorts.map((s) => ({ value: s, label: t(`inbox.sort.${s}`) }))}
        />
        <Button onClick={reload}>{t('inbox.refresh')}</Button>
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      {data?.searchTruncated ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('inbox.searchTruncated')} />
      ) : null}
      <Table<InboxItem>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data?.items ?? []}
        scroll={{ x: 900 }}
        onRow={(item) => ({ onClick: () => open(item.id), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize,
          total: data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { count: total }),
          onChange: (p, size) => {
            setPage(p);
            setPageSize(size);
          },
        }}
        columns={[
          {
            title: t('tk.number'),
            dataIndex: 'number',
            render: (n: string, item) => (
              <Button
                type="link"
                size="small"
                onClick={() => open(item.id)}
                data-testid={`inbox-row-${n}`}
                data-verbatim=""
              >
                {n}
              </Button>
            ),
          },
          { title: t('tk.kind'), render: (_, i) => pick(i.kindLabel.zh, i.kindLabel.en) },
          {
            title: t('tk.status'),
            render: (_, i) => (
              <>
                <Tag>{pick(i.statusLabel.zh, i.statusLabel.en)}</Tag>
                {i.escalated ? <Tag color="red">{t('inbox.escalated')}</Tag> : null}
              </>
            ),
          },
          {
            title: t('tk.topic'),
            render: (_, i) =>
              `${pick(i.topic.kindLabel.zh, i.topic.kindLabel.en)}：${pick(i.topic.label.zh, i.topic.label.en)}`,
          },
          { title: t('tk.region'), render: (_, i) => pick(i.region.zh, i.region.en) },
          { title: t('tk.office'), render: (_, i) => pick(i.office.zh, i.office.en) },
          {
            title: t('tk.dueOn'),
            render: (_, i) => (
              <Typography.Text type={i.overdue ? 'danger' : undefined} strong={i.overdue}>
                {formatDate(i.dueOn, lang)}
                {i.overdue ? ` · ${t('inbox.overdue')}` : ''}
                {i.dueProvisional ? (
                  <Typography.Text
                    type="warning"
                    style={{ display: 'block', fontSize: 12 }}
                    data-testid="due-provisional"
                  >
                    {t('tk.dueProvisional')}
                  </Typography.Text>
                ) : null}
              </Typography.Text>
            ),
          },
          { title: t('tk.createdAt'), render: (_, i) => formatDateTime(i.createdAt, lang) },
        ]}
      />
      <TicketDrawer id={openId} onClose={() => open(null)} onChanged={reload} />
    </div>
  );
}
