import { Alert, App, Button, Checkbox, Form, Input, Modal, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { describeError } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { TicketAssign } from './ticket-assign';
import { type FaqPreview, type OfficeTicket, ticketsApi } from './tickets-api';

const departments = ['mohrss', 'mohurd', 'mem', 'samr'] as const;

/** The steps an office takes on a ticket: reply, ask for more, transfer, assign, close, publish as FAQ. */
export function TicketActions({
  ticket,
  onChanged,
}: {
  ticket: OfficeTicket;
  onChanged: (t: OfficeTicket) => void;
}) {
  const { t, pick } = useI18n();
  const { message, modal } = App.useApp();
  const { user } = useAuth();
  const catalog = useRegistryCatalog();
  const [isBusy, setIsBusy] = useState(false);
  const [preview, setPreview] = useState<FaqPreview | null>(null);
  const [replyForm] = Form.useForm<{ text: string; faq?: boolean }>();
  const [infoForm] = Form.useForm<{ text: string }>();
  const [transferForm] = Form.useForm<{
    department: (typeof departments)[number];
    province?: string;
    reason: string;
  }>();
  const [closeForm] = Form.useForm<{ note?: string }>();
  const isClosed = ticket.status === 'closed';

  const act = async (task: () => Promise<OfficeTicket>, done: string, reset?: () => void) => {
    setIsBusy(true);
    try {
      onChanged(await task());
      message.success(done);
      reset?.();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setIsBusy(false);
    }
  };

  const openPreview = async () => {
    setIsBusy(true);
    try {
      setPreview(await ticketsApi.faqPreview(ticket.id));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setIsBusy(false);
    }
  };

  const publish = async () => {
    if (!preview) return;
    setIsBusy(true);
    try {
      await ticketsApi.faqPublish(ticket.id, {
        question: preview.question,
        answer: preview.answer,
        confirmation: preview.confirmation,
      });
      setPreview(null);
      message.success(t('inbox.faqPublished'));
      onChanged(await ticketsApi.ticket(ticket.id));
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setIsBusy(false);
    }
  };

  const masked = preview
    ? Object.values(preview.masked.question).reduce((a, b) => a + b, 0) +
      Object.values(preview.masked.answer).reduce((a, b) => a + b, 0)
    : 0;
  const hasReply = ticket.events.some((e) => e.kind === 'reply');

  const items = [
    {
      key: 'reply',
      label: t('inbox.reply'),
      children: (
        <Form
          form={replyForm}
          layout="vertical"
          onFinish={(v) =>
            act(
              () => ticketsApi.reply(ticket.id, { text: v.text, ...(v.faq && { faq: true }) }),
              t('inbox.replied'),
              () => replyForm.resetFields(),
            )
          }
        >
          <Form.Item name="text" rules={[{ required: true, min: 2, message: t('inbox.textRequired') }]}>
            <Input.TextArea
              rows={4}
              maxLength={5000}
              aria-label={t('inbox.reply')}
              data-testid="inbox-reply-text"
            />
          </Form.Item>
          <Form.Item name="faq" valuePropName="checked">
            <Checkbox>{t('inbox.offerFaq')}</Checkbox>
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            loading={isBusy}
            disabled={isClosed}
            data-testid="inbox-reply"
          >
            {t('inbox.sendReply')}
          </Button>
        </Form>
      ),
    },
    {
      key: 'info',
      label: t('inbox.requestInfo'),
      children: (
        <Form
          form={infoForm}
          layout="vertical"
          onFinish={(v) =>
            act(
              () => ticketsApi.requestInfo(ticket.id, v.text),
              t('inbox.infoRequested'),
              () => infoForm.resetFields(),
            )
          }
        >
          <Form.Item name="text" rules={[{ required: true, min: 2, message: t('inbox.textRequired') }]}>
            <Input.TextArea
              rows={3}
              maxLength={5000}
              aria-label={t('inbox.requestInfo')}
              data-testid="inbox-info-text"
            />
          </Form.Item>
          <Button htmlType="submit" loading={isBusy} disabled={isClosed} data-testid="inbox-request-info">
            {t('inbox.sendRequest')}
          </Button>
        </Form>
      ),
    },
    {
      key: 'transfer',
      label: t('inbox.transfer'),
      children: (
        <Form
          form={transferForm}
          layout="vertical"
          initialValues={{ department: ticket.office.department.code }}
          onFinish={(v) =>
            act(
              () =>
                ticketsApi.transfer(ticket.id, {
                  department: v.department,
                  province: v.province ?? null,
                  reason: v.reason,
                }),
              t('inbox.transferred'),
              () => transferForm.resetFields(),
            )
          }
        >
          <Form.Item name="department" label={t('inbox.department')} rules={[{ required: true }]}>
            <Select
              data-testid="inbox-transfer-department"
              options={departments.map((d) => ({ value: d, label: catalog.departmentName(d) }))}
            />
          </Form.Item>
          <Form.Item name="province" label={t('inbox.province')} extra={t('inbox.provinceHint')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              data-testid="inbox-transfer-province"
              options={catalog.provinces.map((r) => ({ value: r.code, label: pick(r.nameZh, r.nameEn) }))}
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label={t('inbox.reason')}
            rules={[{ required: true, min: 2, message: t('inbox.textRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={1000} data-testid="inbox-transfer-reason" />
          </Form.Item>
          <Button htmlType="submit" loading={isBusy} disabled={isClosed} data-testid="inbox-transfer">
            {t('inbox.sendTransfer')}
          </Button>
        </Form>
      ),
    },
    {
      key: 'more',
      label: t('inbox.more'),
      children: (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <TicketAssign
            ticket={ticket}
            isBusy={isBusy}
            onAssign={(userId) => act(() => ticketsApi.assign(ticket.id, userId), t('inbox.assigned'))}
          />
          <Space wrap>
            {user && ticket.assignee?.id !== user.id ? (
              <Button
                loading={isBusy}
                onClick={() => act(() => ticketsApi.assign(ticket.id, user.id), t('inbox.assigned'))}
              >
                {t('inbox.assignMe')}
              </Button>
            ) : null}
            <Button
              loading={isBusy}
              disabled={!hasReply || ticket.faqEntry !== null}
              onClick={() => void openPreview()}
              data-testid="inbox-publish-faq"
            >
              {ticket.faqEntry ? t('inbox.faqDone') : t('inbox.publishFaq')}
            </Button>
          </Space>
          <Form
            form={closeForm}
            layout="vertical"
            onFinish={(v) =>
              modal.confirm({
                title: t('inbox.closeConfirm'),
                onOk: () =>
                  act(() => ticketsApi.close(ticket.id, v.note?.trim() || undefined), t('inbox.closed')),
              })
            }
          >
            <Form.Item name="note" label={t('inbox.closeNote')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Button danger htmlType="submit" loading={isBusy} disabled={isClosed} data-testid="inbox-close">
              {t('inbox.close')}
            </Button>
          </Form>
        </Space>
      ),
    },
  ];

  return (
    <>
      <Tabs size="small" items={items} data-testid="inbox-actions" />
      <Modal
        open={preview !== null}
        title={t('inbox.faqPreview')}
        okText={t('inbox.faqConfirm')}
        cancelText={t('common.cancel')}
        confirmLoading={isBusy}
        onOk={() => void publish()}
        onCancel={() => setPreview(null)}
        width={640}
      >
        {preview ? (
          <div data-testid="faq-preview">
            <Alert
              type={masked > 0 ? 'warning' : 'info'}
              showIcon
              title={t('inbox.maskedCount', { count: masked })}
              style={{ marginBottom: 12 }}
            />
            <Typography.Text strong>{t('inbox.faqQuestion')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-verbatim="">
              {preview.question}
            </Typography.Paragraph>
            <Typography.Text strong>{t('inbox.faqAnswer')}</Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-verbatim="">
              {preview.answer}
            </Typography.Paragraph>
          </div>
        ) : null}
      </Modal>
    </>
  );
}
