import { Button, Form, InputNumber, Modal, Popconfirm, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { DateField } from '../../components/date-field';
import { TimeField } from '../../components/time-field';
import { useI18n } from '../../i18n';
import { planConsoleApi } from '../../plan-console-api';
import type { ConsolePlan, ConsoleSitting } from '../../plan-console-types';
import { chinaInstant, chinaParts, chinaWhen } from './console-format';
import { ProblemAlert } from './problem-alert';

interface Values {
  institutionId: string;
  siteId: string;
  date: string;
  startTime: string;
  endTime: string;
  capacity: number;
}

/** The institutions whose sittings the caller schedules (the server decides; this only narrows the choice). */
function schedulable(plan: ConsolePlan, user: ReturnType<typeof useAuth>['user']) {
  if (user?.role === 'institution-operator')
    return plan.institutions.filter((i) => i.id === user.institution);
  if (user?.role === 'province-admin' && user.province !== plan.leadProvince)
    return plan.institutions.filter((i) => i.province === user.province);
  return plan.institutions;
}

function SittingModal(props: {
  plan: ConsolePlan;
  sitting: ConsoleSitting | null;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const { plan, sitting } = props;
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setIsSaving] = useState(false);
  const choices = schedulable(plan, user);
  const institutionId = Form.useWatch('institutionId', form);
  const sites = plan.institutions.find((i) => i.id === institutionId)?.sites ?? [];
  const isBooked = (sitting?.booked ?? 0) > 0;
  const start = sitting ? chinaParts(sitting.startsAt) : undefined;
  const required = [{ required: true, message: t('common.required') }];

  const submit = async () => {
    const v = await form.validateFields();
    setIsSaving(true);
    setError(undefined);
    const startsAt = chinaInstant(v.date, v.startTime);
    const endsAt = chinaInstant(v.date, v.endTime);
    try {
      if (sitting) {
        await planConsoleApi.updateSitting(plan.id, sitting.id, {
          capacity: v.capacity,
          ...(!isBooked && { startsAt, endsAt }),
        });
      } else {
        await planConsoleApi.addSitting(plan.id, {
          institutionId: v.institutionId,
          siteId: v.siteId,
          startsAt,
          endsAt,
          capacity: v.capacity,
        });
      }
      props.onSaved();
    } catch (cause) {
      setError(cause);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={sitting ? t('pc.editSitting') : t('pc.addSitting')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ 'data-testid': 'save-sitting' }}
      confirmLoading={isSaving}
      onOk={submit}
      onCancel={props.onClose}
      afterClose={() => setError(undefined)}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="sittingForm"
        layout="vertical"
        preserve={false}
        initialValues={{
          institutionId: sitting?.institutionId ?? (choices.length === 1 ? choices[0]?.id : undefined),
          siteId:
            sitting?.site.id ??
            (choices.length === 1 && choices[0]?.sites.length === 1 ? choices[0].sites[0]?.id : undefined),
          date: start?.date,
          startTime: start?.time ?? '09:00',
          endTime: sitting ? chinaParts(sitting.endsAt).time : '12:00',
          capacity: sitting?.capacity ?? 30,
        }}
      >
        <Form.Item name="institutionId" label={t('pc.institution')} rules={required}>
          <Select
            data-testid="sitting-institution"
            disabled={Boolean(sitting)}
            onChange={() => form.setFieldValue('siteId', undefined)}
            options={choices.map((i) => ({ value: i.id, label: i.name }))}
          />
        </Form.Item>
        <Form.Item name="siteId" label={t('pc.site')} rules={required}>
          <Select
            data-testid="sitting-site"
            disabled={Boolean(sitting)}
            options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.address}）` }))}
          />
        </Form.Item>
        <Space wrap>
          <Form.Item
            name="date"
            label={t('pc.date')}
            rules={required}
            extra={isBooked ? t('pc.bookedNoMove') : undefined}
          >
            <DateField id="sitting-date" disabled={isBooked} />
          </Form.Item>
          <Form.Item name="startTime" label={t('pc.startTime')} rules={required}>
            <TimeField id="sitting-start" disabled={isBooked} />
          </Form.Item>
          <Form.Item name="endTime" label={t('pc.endTime')} rules={required}>
            <TimeField id="sitting-end" disabled={isBooked} />
          </Form.Item>
        </Space>
        <Form.Item
          name="capacity"
          label={t('pc.capacity')}
          rules={required}
          extra={sitting ? t('pc.capacityHint', { booked: sitting.booked }) : t('pc.timezoneHint')}
        >
          <InputNumber id="sitting-capacity" min={Math.max(1, sitting?.booked ?? 1)} max={10000} />
        </Form.Item>
      </Form>
      <ProblemAlert error={error} />
    </Modal>
  );
}

/** One schedule for the plan: every sitting at the participating institutions' sites (issue 6 §2). */
export function SittingsTab({ plan, onChanged }: { plan: ConsolePlan; onChanged: () => void }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<ConsoleSitting | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(undefined);
  const canManage = plan.actions.includes('manage-sittings');
  const nameOf = (id: string) => plan.institutions.find((i) => i.id === id)?.name ?? id;

  const remove = async (s: ConsoleSitting) => {
    setError(undefined);
    try {
      await planConsoleApi.removeSitting(plan.id, s.id);
      onChanged();
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <div>
      {canManage ? (
        <Button
          type="primary"
          style={{ marginBottom: 16 }}
          onClick={() => setEditing(null)}
          data-testid="add-sitting"
        >
          {t('pc.addSitting')}
        </Button>
      ) : null}
      <ProblemAlert error={error} />
      <Table<ConsoleSitting>
        rowKey="id"
        data-testid="sittings"
        pagination={false}
        dataSource={plan.sittings}
        scroll={{ x: 900 }}
        locale={{ emptyText: t(canManage ? 'empty.sittingsAdd' : 'empty.sittings') }}
        columns={[
          { title: t('pc.when'), key: 'when', render: (_: unknown, s) => chinaWhen(s.startsAt, s.endsAt) },
          { title: t('pc.institution'), dataIndex: 'institutionId', render: nameOf },
          {
            title: t('pc.site'),
            key: 'site',
            render: (_: unknown, s) => (
              <>
                {s.site.name}
                <Typography.Text type="secondary" style={{ display: 'block' }}>
                  {s.site.address}
                </Typography.Text>
              </>
            ),
          },
          { title: t('pc.capacity'), dataIndex: 'capacity' },
          { title: t('pc.booked'), dataIndex: 'booked' },
          { title: t('pc.remaining'), dataIndex: 'remaining' },
          {
            title: t('pc.staffing'),
            key: 'staffing',
            render: (_: unknown, s) =>
              t(s.staffing.reviewPanel === null ? 'pc.staffingText' : 'pc.staffingReview', {
                invigilators: s.staffing.invigilators,
                examiners: s.staffing.examiners,
                panel: s.staffing.reviewPanel ?? 0,
              }),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, s: ConsoleSitting) => (
                    <Space>
                      <Button size="small" onClick={() => setEditing(s)}>
                        {t('pc.edit')}
                      </Button>
                      <Popconfirm
                        title={t('pc.removeSittingConfirm')}
                        okText={t('pc.remove')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => remove(s)}
                        disabled={s.booked > 0}
                      >
                        <Button size="small" danger disabled={s.booked > 0}>
                          {t('pc.remove')}
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <SittingModal
        plan={plan}
        sitting={editing ?? null}
        open={editing !== undefined}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          onChanged();
        }}
      />
    </div>
  );
}
