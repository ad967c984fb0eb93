import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../auth';
import { describeError } from '../../components/error-alert';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { Cosignature, PolicyStatus } from '../../policy-types';
import { policyApi } from './policy-api';
import { cosignDepartmentName, isDepartmentAdminFor } from './policy-utils';

const statusColors: Record<Cosignature['status'], string> = {
  needed: 'default',
  pending: 'gold',
  signed: 'green',
  rejected: 'red',
};

export function CosignStatusTag({ status }: { status: Cosignature['status'] }) {
  const { t } = useI18n();
  return (
    <Tag color={statusColors[status]} data-cosign-status={status}>
      {t(`cosign.status.${status}`)}
    </Tag>
  );
}

/**
 * 会签 (会同, 通知 三): which departments still have to co-sign which rows of a provincial draft, and why one
 * rejected it. The province asks for the signatures; each department's admin signs or rejects its own rows.
 */
export function CosignPanel(props: {
  id: string;
  region: string;
  version: string;
  status: PolicyStatus;
  cosignatures: Cosignature[];
  /** The province's admin (or a system admin) who may ask for the signatures. */
  canRequest: boolean;
  /** Unsaved edits: the request would be about other rows than the ones on screen. */
  isDirty: boolean;
  onChanged: () => void;
}) {
  const { t, lang } = useI18n();
  const { message } = App.useApp();
  const { user } = useAuth();
  const [isBusy, setIsBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  const { cosignatures } = props;

  const mayDecide = (department: string) =>
    user?.role === 'system-admin' || isDepartmentAdminFor(user, department, props.region);

  const act = async (action: () => Promise<unknown>, done: string) => {
    setIsBusy(true);
    setProblem(null);
    try {
      await action();
      message.success(done);
      props.onChanged();
      return true;
    } catch (error) {
      setProblem(describeError(error, t));
      return false;
    } finally {
      setIsBusy(false);
    }
  };

  const decide = (department: string, outcome: 'signed' | 'rejected', reason?: string) =>
    act(
      () =>
        policyApi.cosign(props.id, props.version, {
          department,
          outcome,
          ...(reason !== undefined && { reason }),
        }),
      t(outcome === 'signed' ? 'cosign.signed' : 'cosign.rejected'),
    );

  const canRequest =
    props.canRequest && props.status === 'draft' && cosignatures.some((c) => c.status === 'needed');

  return (
    <Card
      size="small"
      title={t('cosign.title')}
      style={{ marginBottom: 16 }}
      data-testid="cosign-panel"
      extra={
        canRequest ? (
          <Button
            type="primary"
            loading={isBusy}
            disabled={props.isDirty}
            title={props.isDirty ? t('edit.saveFirst') : undefined}
            onClick={() => act(() => policyApi.requestCosign(props.id, props.version), t('cosign.requested'))}
            data-testid="request-cosign"
          >
            {t('cosign.request')}
          </Button>
        ) : undefined
      }
    >
      {cosignatures.length === 0 ? (
        <Typography.Text type="secondary">{t('cosign.none')}</Typography.Text>
      ) : (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">{t('cosign.hint')}</Typography.Text>
          {problem ? <Alert type="error" showIcon title={problem} data-testid="cosign-problem" /> : null}
          <Table<Cosignature>
            locale={{ emptyText: t('empty.cosignatures') }}
            rowKey="department"
            size="small"
            pagination={false}
            dataSource={cosignatures}
            columns={[
              {
                key: 'department',
                title: t('cosign.department'),
                render: (_, c) => cosignDepartmentName(c.department, t),
              },
              {
                key: 'rows',
                title: t('cosign.rows'),
                render: (_, c) => (
                  <Space size={4} wrap>
                    {c.rows.map((row) => (
                      <Typography.Text key={row} code>
                        {row}
                      </Typography.Text>
                    ))}
                  </Space>
                ),
              },
              {
                key: 'status',
                title: t('cosign.status'),
                render: (_, c) => <CosignStatusTag status={c.status} />,
              },
              {
                key: 'reason',
                title: t('cosign.reason'),
                render: (_, c) =>
                  c.reason ? (
                    <Typography.Text type="danger" data-testid={`cosign-reason-${c.department}`}>
                      {c.reason}
                    </Typography.Text>
                  ) : (
                    '—'
                  ),
              },
              {
                key: 'decided',
                title: t('cosign.decided'),
                render: (_, c) =>
                  c.decidedBy ? `${c.decidedBy} · ${formatDateTime(c.decidedAt, lang)}` : '—',
              },
              {
                key: 'actions',
                title: t('common.actions'),
                render: (_, c) =>
                  c.status === 'pending' && props.status === 'awaiting-cosign' && mayDecide(c.department) ? (
                    <Space size={4}>
                      <Button
                        size="small"
                        type="primary"
                        loading={isBusy}
                        onClick={() => decide(c.department, 'signed')}
                        data-testid={`cosign-sign-${c.department}`}
                      >
                        {t('cosign.sign')}
                      </Button>
                      <Button
                        size="small"
                        danger
                        disabled={isBusy}
                        onClick={() => setRejecting(c.department)}
                        data-testid={`cosign-reject-${c.department}`}
                      >
                        {t('cosign.reject')}
                      </Button>
                    </Space>
                  ) : null,
              },
            ]}
          />
        </Space>
      )}
      <Modal
        open={rejecting !== null}
        title={t('cosign.rejectTitle', { version: props.version })}
        okText={t('cosign.reject')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        confirmLoading={isBusy}
        onCancel={() => setRejecting(null)}
        onOk={async () => {
          const { reason } = await form.validateFields();
          if (rejecting && (await decide(rejecting, 'rejected', reason.trim()))) setRejecting(null);
        }}
        destroyOnHidden
      >
        <Form form={form} name="cosignReject" layout="vertical" preserve={false}>
          <Form.Item
            name="reason"
            label={t('cosign.reason')}
            rules={[{ required: true, whitespace: true, message: t('cosign.reasonRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
