import {
  Alert,
  Button,
  Card,
  Descriptions,
  Form,
  Input,
  Radio,
  Space,
  Spin,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { decisionApi, exemptText, type Intake, type IntakeOutcome, outcomeText } from './decision-api';

function IntakeForm({
  decisionId,
  targets,
  onSaved,
}: {
  decisionId: string;
  targets: string[];
  onSaved: () => void;
}) {
  const { user } = useAuth();
  const [form] = Form.useForm<{ outcome: IntakeOutcome; reason?: string; department?: string }>();
  const [error, setError] = useState<unknown>(null);
  const [isBusy, setIsBusy] = useState(false);
  const outcome = Form.useWatch('outcome', form);
  const needsDepartment = user?.role === 'system-admin' && targets.length > 1;
  const submit = async (values: { outcome: IntakeOutcome; reason?: string; department?: string }) => {
    setIsBusy(true);
    setError(null);
    try {
      await decisionApi.recordIntake(decisionId, {
        outcome: values.outcome,
        ...(values.reason?.trim() && { reason: values.reason.trim() }),
        ...(values.department && { department: values.department }),
      });
      form.resetFields();
      onSaved();
    } catch (e) {
      setError(e);
    } finally {
      setIsBusy(false);
    }
  };
  return (
    <Card size="small" title="记录受理结果 Record the intake outcome" data-testid="intake-form">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ outcome: 'accepted' }}>
        {needsDepartment ? (
          <Form.Item name="department" label="部门 Department" rules={[{ required: true }]}>
            <Radio.Group options={targets.map((d) => ({ value: d, label: d }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="outcome" label="结果 Outcome">
          <Radio.Group data-testid="intake-outcome">
            <Radio value="accepted" data-testid="intake-accepted">
              {outcomeText.accepted.zh} {outcomeText.accepted.en}
            </Radio>
            <Radio value="refused" data-testid="intake-refused">
              {outcomeText.refused.zh} {outcomeText.refused.en}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由 Reason"
          rules={[
            { required: outcome === 'refused', message: '不予受理须说明理由 A refusal gives its reason' },
          ]}
        >
          <Input.TextArea id="intake-reason" data-testid="intake-reason" rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isBusy} data-testid="intake-submit">
          保存 Save
        </Button>
      </Form>
      <div style={{ marginTop: 8 }}>
        <ErrorAlert error={error} />
      </div>
    </Card>
  );
}

export function IntakeTable({ intakes }: { intakes: Intake[] }) {
  const catalog = useRegistryCatalog();
  return (
    <Table<Intake>
      data-testid="intake-table"
      rowKey="department"
      size="small"
      pagination={false}
      dataSource={intakes}
      locale={{ emptyText: '尚无受理结果 No outcome recorded yet' }}
      onRow={(i) => ({ 'data-testid': `intake-${i.department}`, 'data-outcome': i.outcome }) as object}
      columns={[
        {
          key: 'department',
          title: '部门 Department',
          render: (_, i) => catalog.departments.find((d) => d.id === i.department)?.nameZh ?? i.department,
        },
        {
          key: 'region',
          title: '地区 Region',
          render: (_, i) => (i.region ? catalog.regionName(i.region) : '—'),
        },
        {
          key: 'outcome',
          title: '结果 Outcome',
          render: (_, i) => (
            <Tag color={outcomeText[i.outcome].color}>
              {outcomeText[i.outcome].zh} {outcomeText[i.outcome].en}
            </Tag>
          ),
        },
        { key: 'reason', title: '理由 Reason', render: (_, i) => i.reason ?? '—' },
        { key: 'at', title: '时间 Recorded', render: (_, i) => i.recordedAt.slice(0, 10) },
      ]}
    />
  );
}

/** 互认决定 (issue 13 item 7): the decision, its intake outcomes, and for a target department the form to record one. */
export function DecisionPage() {
  const { pick } = useI18n();
  const { decisionId = '' } = useParams();
  const load = useCallback(() => decisionApi.get(decisionId), [decisionId]);
  const { data, error, isLoading, reload } = useApiData(load);
  const catalog = useRegistryCatalog();
  if (isLoading && !data) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!data) return <ErrorAlert error={error} onRetry={reload} />;
  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: '100%', maxWidth: 960 }}
      data-testid="decision-page"
    >
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        互认决定 Recognition decision
      </Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={1}
        items={[
          {
            key: 'holder',
            label: '持证人 Holder',
            children: data.holder ? `${data.holder.name} ${data.holder.idNumberMasked}` : '—',
          },
          {
            key: 'asOf',
            label: '决定日期 / 地区 As of / region',
            children: `${data.asOf} · ${data.region ? catalog.regionName(data.region) : '—'}`,
          },
          {
            key: 'exemptions',
            label: '免予 Exemptions',
            children: data.result.exemptions
              .filter((e) => e.exempt.length > 0)
              .map((e) => (
                <div key={`${e.basis}:${e.target}:${e.rule}`}>
                  {catalog.typeName(e.target)}：
                  {e.exempt.map((x) => pick(exemptText[x]?.zh ?? x, exemptText[x]?.en)).join('、')}（{e.basis}
                  ）
                </div>
              )),
          },
          {
            key: 'levels',
            label: '视同等级 Deemed levels',
            children: data.result.levels.map((l) => (
              <div key={`${l.occupation}:${l.rule}`}>
                {l.occupation} → {l.deemedLevel}
                {l.mayApplyFor ? ` (→ ${l.mayApplyFor})` : ''}
              </div>
            )),
          },
          {
            key: 'policy',
            label: '政策版本 Policy',
            children: `${data.policy.national}${data.policy.province ? ` · ${data.policy.province}` : ''}`,
          },
        ]}
      />
      <Card size="small" title="受理结果 Intake outcomes">
        <IntakeTable intakes={data.intakes} />
      </Card>
      {data.canRecordIntake ? (
        <IntakeForm decisionId={data.id} targets={data.targets.map((t) => t.department)} onSaved={reload} />
      ) : null}
      {data.targets.length === 0 ? (
        <Alert type="info" showIcon title="本决定不涉及其他部门受理 The decision asks no department to act" />
      ) : null}
      <Link to={`/decisions/${data.id}/print`} data-testid="decision-print-link">
        互认决定书 Printable decision
      </Link>
    </Space>
  );
}
