import { App, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { CursorPager, useCursorPages } from '../../components/cursor-pager';
import { DateField } from '../../components/date-field';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { chinaDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import {
  type ConfirmBody,
  type IssuanceQueueItem,
  type IssuanceRequestStatus,
  issuanceApi,
} from './issuance-api';

const statuses: IssuanceRequestStatus[] = ['pending', 'issued', 'refused', 'already-held'];
const statusColor: Record<IssuanceRequestStatus, string> = {
  pending: 'gold',
  issued: 'green',
  refused: 'red',
  'already-held': 'blue',
};

const today = () => chinaDate();

interface ConfirmForm {
  number: string;
  validFrom: string;
  validUntil?: string;
  organization: string;
}

/**
 * 一试多证发证请求 (issue 13 item 8): a department admin's queue of qualification certificates to issue after a
 * 一试多证 exam. Confirming with the department's own number writes the certificate into the registry.
 */
export function IssuanceRequestsPage() {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const catalog = useRegistryCatalog();
  const pages = useCursorPages(20);
  const [status, setStatus] = useState<IssuanceRequestStatus | undefined>('pending');
  const [type, setType] = useState<string | undefined>(undefined);
  const [province, setProvince] = useState<string | undefined>(undefined);
  const load = useCallback(
    () => issuanceApi.queue({ status, type, province, cursor: pages.cursor, limit: pages.limit }),
    [status, type, province, pages.cursor, pages.limit],
  );
  const { data, error, isLoading, reload } = useApiData(load);
  const [confirming, setConfirming] = useState<IssuanceQueueItem | null>(null);
  const [refusing, setRefusing] = useState<IssuanceQueueItem | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmForm] = Form.useForm<ConfirmForm>();
  const [refuseForm] = Form.useForm<{ reason: string }>();

  const submitConfirm = async (values: ConfirmForm) => {
    if (!confirming) return;
    setBusy(true);
    try {
      const body: ConfirmBody = {
        number: values.number.trim(),
        validFrom: values.validFrom,
        issuer: { organization: values.organization.trim() },
        ...(values.validUntil ? { validUntil: values.validUntil } : {}),
      };
      await issuanceApi.confirm(confirming.id, body);
      message.success(t('iss.confirmed', { number: body.number }));
      setConfirming(null);
      reload();
    } catch (e) {
      message.error(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const submitRefuse = async (values: { reason: string }) => {
    if (!refusing) return;
    setBusy(true);
    try {
      await issuanceApi.refuse(refusing.id, values.reason.trim());
      message.success(t('iss.refused'));
      setRefusing(null);
      reload();
    } catch (e) {
      message.error(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };

  const qualificationTypes = catalog.types.filter((c) => c.department !== 'mohrss');

  return (
    <div>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('iss.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('iss.subtitle')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          data-testid="issuance-status-filter"
          style={{ width: 180 }}
          allowClear
          placeholder={t('iss.filter.status')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            pages.reset();
          }}
          options={statuses.map((s) => ({ value: s, label: t(`iss.status.${s}`) }))}
        />
        <Select
          style={{ width: 240 }}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('iss.filter.type')}
          value={type}
          onChange={(v) => {
            setType(v);
            pages.reset();
          }}
          options={qualificationTypes.map((c) => ({ value: c.id, label: catalog.typeName(c.id) }))}
        />
        <Select
          style={{ width: 180 }}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('iss.filter.province')}
          value={province}
          onChange={(v) => {
            setProvince(v);
            pages.reset();
          }}
          options={catalog.provinces.map((r) => ({ value: r.code, label: catalog.regionName(r.code) }))}
        />
      </Space>
      <ErrorAlert error={error} onRetry={reload} />
      <Table<IssuanceQueueItem>
        rowKey="id"
        data-testid="issuance-queue"
        loading={isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('iss.empty') }}
        columns={[
          {
            key: 'candidate',
            title: t('iss.col.candidate'),
            render: (_, r) => (
              <div data-testid="issuance-candidate">
                {r.holder.name}
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                  {r.holder.idMasked}
                </Typography.Text>
              </div>
            ),
          },
          { key: 'type', title: t('iss.col.type'), render: (_, r) => catalog.typeName(r.type) },
          { key: 'plan', title: t('iss.col.plan'), render: (_, r) => r.planName },
          { key: 'province', title: t('iss.col.province'), render: (_, r) => catalog.regionName(r.province) },
          {
            key: 'status',
            title: t('iss.col.status'),
            render: (_, r) => (
              <Space size={4} wrap>
                <Tag color={statusColor[r.status]} data-status={r.status}>
                  {t(`iss.status.${r.status}`)}
                </Tag>
                {r.outboxRequest ? <Tag>{t('iss.pushed')}</Tag> : null}
              </Space>
            ),
          },
          {
            key: 'requestedAt',
            title: t('iss.col.requestedAt'),
            render: (_, r) => formatDateTime(r.createdAt, lang),
          },
          {
            key: 'outcome',
            title: t('iss.col.outcome'),
            render: (_, r) =>
              r.status === 'already-held'
                ? t('iss.renewal')
                : r.status === 'refused'
                  ? r.refusalReason
                  : r.status === 'issued'
                    ? r.decidedBy
                    : null,
          },
          {
            key: 'actions',
            title: t('common.actions'),
            render: (_, r) =>
              r.status === 'pending' ? (
                <Space>
                  <Button
                    size="small"
                    type="primary"
                    data-testid="issuance-confirm"
                    onClick={() => {
                      confirmForm.resetFields();
                      confirmForm.setFieldsValue({ validFrom: today() });
                      setConfirming(r);
                    }}
                  >
                    {t('iss.confirm')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    data-testid="issuance-refuse"
                    onClick={() => {
                      refuseForm.resetFields();
                      setRefusing(r);
                    }}
                  >
                    {t('iss.refuse')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <CursorPager
        page={pages.page}
        limit={pages.limit}
        next={data?.next}
        isLoading={isLoading}
        onPrev={pages.goPrev}
        onNext={pages.goNext}
        onLimit={pages.setLimit}
      />
      <Modal
        open={confirming !== null}
        title={t('iss.confirm.title')}
        okText={t('iss.confirm.ok')}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => confirmForm.submit()}
        onCancel={() => setConfirming(null)}
        destroyOnHidden
      >
        {confirming ? (
          <Typography.Paragraph>
            {confirming.holder.name} · {confirming.holder.idMasked} · {catalog.typeName(confirming.type)}
          </Typography.Paragraph>
        ) : null}
        <Form form={confirmForm} layout="vertical" onFinish={submitConfirm} preserve={false}>
          <Form.Item
            name="number"
            label={t('iss.confirm.number')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input data-testid="confirm-number" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="validFrom"
            label={t('iss.confirm.validFrom')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <DateField data-testid="confirm-valid-from" />
          </Form.Item>
          <Form.Item name="validUntil" label={t('iss.confirm.validUntil')}>
            <DateField data-testid="confirm-valid-until" />
          </Form.Item>
          <Form.Item
            name="organization"
            label={t('iss.confirm.organization')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Input data-testid="confirm-organization" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={refusing !== null}
        title={t('iss.refuse.title')}
        okText={t('iss.refuse.ok')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={busy}
        onOk={() => refuseForm.submit()}
        onCancel={() => setRefusing(null)}
        destroyOnHidden
      >
        <Form form={refuseForm} layout="vertical" onFinish={submitRefuse} preserve={false}>
          <Form.Item
            name="reason"
            label={t('iss.refuse.reason')}
            rules={[{ required: true, min: 2, message: t('common.required') }]}
          >
            <Input.TextArea rows={3} data-testid="refuse-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
