import { App, Button, Input, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { type HTMLAttributes, useCallback, useState } from 'react';
import { ApiError } from '../../api';
import { type BankAction, type BankFilter, type BankItem, bankApi, type ItemStatus } from '../../bank-api';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { ItemFormModal } from './item-form-modal';

const statusColors: Record<ItemStatus, string> = {
  draft: 'default',
  reviewed: 'blue',
  active: 'green',
  retired: 'red',
};
// The buttons each status offers (issue 7 §1: draft → reviewed → active → retired; reviewed → draft).
const actionsFor: Record<ItemStatus, BankAction[]> = {
  draft: ['review'],
  reviewed: ['activate', 'return'],
  active: ['retire'],
  retired: [],
};

/** 统一题库 (issue 7 §7): the editor's list with filters, and the review queue of drafts and reviewed items. */
export function BankPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [filter, setFilter] = useState<BankFilter>({});
  const [tab, setTab] = useState<'items' | 'queue'>('items');
  const [editing, setEditing] = useState<BankItem | 'new' | undefined>();
  const [acting, setActing] = useState<{ item: BankItem; action: BankAction } | undefined>();
  const [comment, setComment] = useState('');
  const load = useCallback(async () => {
    if (tab === 'items') return (await bankApi.list({ ...filter, limit: 200 })).items;
    const [drafts, reviewed] = await Promise.all([
      bankApi.list({ status: 'draft', limit: 200 }),
      bankApi.list({ status: 'reviewed', limit: 200 }),
    ]);
    return [...drafts.items, ...reviewed.items];
  }, [filter, tab]);
  const { data, error, isLoading, reload } = useApiData(load);

  const act = async () => {
    if (!acting) return;
    try {
      await bankApi.step(acting.item.id, acting.action, comment);
      message.success(t('bank.done', { action: t(`bank.action.${acting.action}`) }));
      setActing(undefined);
      setComment('');
      reload();
    } catch (cause) {
      // The bank's refusal names its rule (src/bank/bank.rules.ts): the four-eyes rule in words, not a code.
      const fourEyes =
        cause instanceof ApiError &&
        cause.details.some((d) => d.path === 'status' && d.message === 'four-eyes');
      message.error(fourEyes ? t('bank.fourEyes') : describeError(cause, t));
    }
  };

  const columns = [
    {
      title: t('bank.col.stem'),
      key: 'stem',
      render: (_: unknown, i: BankItem) => i.current.stem,
      ellipsis: true,
    },
    {
      title: t('bank.col.type'),
      key: 'type',
      width: 90,
      render: (_: unknown, i: BankItem) => t(`bank.type.${i.type}`),
    },
    { title: t('bank.col.occupation'), dataIndex: 'occupation', width: 110 },
    { title: t('bank.col.level'), dataIndex: 'level', width: 60 },
    { title: t('bank.col.knowledgePoint'), dataIndex: 'knowledgePoint', width: 180 },
    {
      title: t('bank.col.status'),
      key: 'status',
      width: 90,
      render: (_: unknown, i: BankItem) => (
        <Tag color={statusColors[i.status]} data-testid="item-status" data-status={i.status}>
          {t(`bank.status.${i.status}`)}
        </Tag>
      ),
    },
    { title: t('bank.col.version'), dataIndex: 'currentVersion', width: 60 },
    {
      title: t('bank.col.editor'),
      key: 'editor',
      width: 140,
      render: (_: unknown, i: BankItem) => i.current.createdBy,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 220,
      render: (_: unknown, item: BankItem) => (
        <Space size={0} wrap>
          {item.status !== 'retired' && (
            <Button type="link" onClick={() => setEditing(item)}>
              {t('bank.edit')}
            </Button>
          )}
          {actionsFor[item.status].map((action) => (
            <Button
              key={action}
              type="link"
              data-testid={`bank-${action}`}
              onClick={() => setActing({ item, action })}
            >
              {t(`bank.action.${action}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Typography.Title level={3}>{t('bank.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('bank.subtitle')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as 'items' | 'queue')}
        items={[
          { key: 'items', label: t('bank.tab.items') },
          { key: 'queue', label: t('bank.tab.queue') },
        ]}
      />
      {tab === 'items' ? (
        <Space wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('bank.col.knowledgePoint')}
            onSearch={(v) => setFilter((f) => ({ ...f, knowledgePoint: v || undefined }))}
            style={{ width: 220 }}
          />
          <Input.Search
            allowClear
            placeholder={t('bank.col.occupation')}
            onSearch={(v) => setFilter((f) => ({ ...f, occupation: v || undefined }))}
            style={{ width: 160 }}
          />
          <Select
            allowClear
            placeholder={t('bank.col.level')}
            style={{ width: 90 }}
            options={['5', '4', '3', '2', '1'].map((v) => ({ value: v }))}
            onChange={(level?: string) => setFilter((f) => ({ ...f, level }))}
          />
          <Select
            allowClear
            placeholder={t('bank.col.type')}
            style={{ width: 120 }}
            options={(['single', 'multiple', 'true-false', 'practical'] as const).map((v) => ({
              value: v,
              label: t(`bank.type.${v}`),
            }))}
            onChange={(type?: BankFilter['type']) => setFilter((f) => ({ ...f, type }))}
          />
          <Select
            allowClear
            placeholder={t('bank.col.status')}
            style={{ width: 110 }}
            options={(['draft', 'reviewed', 'active', 'retired'] as const).map((v) => ({
              value: v,
              label: t(`bank.status.${v}`),
            }))}
            onChange={(status?: ItemStatus) => setFilter((f) => ({ ...f, status }))}
          />
          <Button type="primary" data-testid="bank-new" onClick={() => setEditing('new')}>
            {t('bank.new')}
          </Button>
        </Space>
      ) : (
        <Typography.Paragraph>{t('bank.fourEyes')}</Typography.Paragraph>
      )}
      {error ? <ErrorAlert error={error} onRetry={reload} /> : null}
      <Table<BankItem>
        rowKey="id"
        size="small"
        loading={isLoading}
        dataSource={data ?? []}
        columns={columns}
        locale={{ emptyText: t('bank.none') }}
        onRow={(item) => ({ 'data-testid': 'bank-row', 'data-item': item.id }) as HTMLAttributes<HTMLElement>}
        pagination={{ pageSize: 20 }}
      />
      {editing && (
        <ItemFormModal
          {...(editing !== 'new' && { item: editing })}
          onClose={() => setEditing(undefined)}
          onSaved={() => {
            setEditing(undefined);
            reload();
          }}
        />
      )}
      <Modal
        open={acting !== undefined}
        title={acting ? t(`bank.action.${acting.action}`) : ''}
        okText={acting ? t(`bank.action.${acting.action}`) : ''}
        cancelText={t('common.cancel')}
        okButtonProps={{ disabled: comment.trim() === '', id: 'confirm-bank-action' }}
        onOk={act}
        onCancel={() => setActing(undefined)}
      >
        <Typography.Paragraph>{acting?.item.current.stem}</Typography.Paragraph>
        <Input.TextArea
          id="bank-comment"
          rows={3}
          placeholder={t('bank.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </Modal>
    </>
  );
}
