import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Form,
  Input,
  Radio,
  Space,
  Spin,
  Tag,
  Typography,
  theme,
} from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth';
import { ErrorAlert } from '../../components/error-alert';
import { TechDetails } from '../../components/tech-details';
import { formatDate } from '../../format';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useRegistryCatalog } from '../registry/use-registry-catalog';
import { decisionApi, exemptText, type Intake, type IntakeOutcome, outcomeText } from './decision-api';
import { useLevelWords } from './level-words';

function IntakeForm({
  decisionId,
  targets,
  onSaved,
}: {
  decisionId: string;
  targets: string[];
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const { user } = useAuth();
  const catalog = useRegistryCatalog();
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
    <Card size="small" title={t('dec.intakeForm')} data-testid="intake-form">
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ outcome: 'accepted' }}>
        {needsDepartment ? (
          <Form.Item
            name="department"
            label={t('dec.department')}
            rules={[{ required: true, message: t('common.required') }]}
          >
            <Radio.Group options={targets.map((d) => ({ value: d, label: catalog.departmentName(d) }))} />
          </Form.Item>
        ) : null}
        <Form.Item name="outcome" label={t('dec.outcome')}>
          <Radio.Group data-testid="intake-outcome">
            <Radio value="accepted" data-testid="intake-accepted">
              {t('dec.outcome.accepted')}
            </Radio>
            <Radio value="refused" data-testid="intake-refused">
              {t('dec.outcome.refused')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('dec.reason')}
          rules={[{ required: outcome === 'refused', message: t('dec.reasonRequired') }]}
        >
          <Input.TextArea id="intake-reason" data-testid="intake-reason" rows={2} maxLength={500} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={isBusy} data-testid="intake-submit">
          {t('common.save')}
        </Button>
      </Form>
      <div style={{ marginTop: 8 }}>
        <ErrorAlert error={error} />
      </div>
    </Card>
  );
}

/** The departments' intake outcomes, one line each: who, where, the outcome, why and when (China time). */
export function IntakeTable({ intakes }: { intakes: Intake[] }) {
  const { t, lang } = useI18n();
  const { token } = theme.useToken();
  const catalog = useRegistryCatalog();
  if (intakes.length === 0)
    return (
      <Empty
        data-testid="intake-table"
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('dec.noIntake')}
      />
    );
  return (
    <div data-testid="intake-table">
      {intakes.map((i) => (
        <div
          key={i.department}
          data-testid={`intake-${i.department}`}
          data-outcome={i.outcome}
          style={{ padding: '8px 0', borderBottom: `1px solid ${token.colorBorderSecondary}` }}
        >
          <Space size={8} wrap>
            <Typography.Text strong>{catalog.departmentName(i.department)}</Typography.Text>
            {i.region ? <Typography.Text>{catalog.regionName(i.region)}</Typography.Text> : null}
            <Tag color={outcomeText[i.outcome].color}>{t(`dec.outcome.${i.outcome}`)}</Tag>
            <Typography.Text type="secondary">{formatDate(i.recordedAt, lang)}</Typography.Text>
          </Space>
          {i.reason ? (
            <Typography.Paragraph style={{ margin: '4px 0 0' }}>
              {t('dec.reason')}：{i.reason}
            </Typography.Paragraph>
          ) : null}
        </div>
      ))}
    </div>
  );
}

/** 互认决定 (issue 13 item 7): the decision, its intake outcomes, and for a target department the form to record one. */
export function DecisionPage() {
  const { t, pick } = useI18n();
  const { decisionId = '' } = useParams();
  const load = useCallback(() => decisionApi.get(decisionId), [decisionId]);
  const { data, error, isLoading, reload } = useApiData(load);
  const catalog = useRegistryCatalog();
  const levelWords = useLevelWords();
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
        {t('dec.title')}
      </Typography.Title>
      <Descriptions
        size="small"
        bordered
        column={1}
        layout="vertical"
        items={[
          {
            key: 'holder',
            label: t('dec.holder'),
            children: data.holder ? `${data.holder.name} ${data.holder.idNumberMasked}` : '—',
          },
          {
            key: 'asOf',
            label: t('dec.asOf'),
            children: `${data.asOf} · ${data.region ? catalog.regionName(data.region) : '—'}`,
          },
          {
            key: 'exemptions',
            label: t('dec.exemptions'),
            children: (
              <div>
                {data.result.exemptions
                  .filter((e) => e.exempt.length > 0)
                  .map((e) => (
                    <div key={`${e.basis}:${e.target}:${e.rule}`}>
                      {catalog.typeName(e.target)}：
                      {e.exempt.map((x) => pick(exemptText[x]?.zh ?? x, exemptText[x]?.en)).join('、')}
                      {t('dec.exemptionBasis', { basis: e.basis })}
                    </div>
                  ))}
              </div>
            ),
          },
          {
            key: 'levels',
            label: t('dec.levels'),
            children: (
              <div>
                {data.result.levels.map((l) => (
                  <div key={`${l.occupation}:${l.rule}`}>{levelWords(l)}</div>
                ))}
              </div>
            ),
          },
        ]}
      />
      <TechDetails>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'policy',
              label: t('dec.policy'),
              children: `${data.policy.national}${data.policy.province ? ` · ${data.policy.province}` : ''}`,
            },
            {
              key: 'rules',
              label: t('rec.traceRule'),
              children: [...data.result.exemptions, ...data.result.levels].map((r) => r.rule).join(', '),
            },
          ]}
        />
      </TechDetails>
      <Card size="small" title={t('dec.intakes')}>
        <IntakeTable intakes={data.intakes} />
      </Card>
      {data.canRecordIntake ? (
        <IntakeForm decisionId={data.id} targets={data.targets.map((d) => d.department)} onSaved={reload} />
      ) : null}
      {data.targets.length === 0 ? <Alert type="info" showIcon title={t('dec.noTargets')} /> : null}
      <Link to={`/decisions/${data.id}/print`} data-testid="decision-print-link">
        <Button type="primary">{t('dec.print')}</Button>
      </Link>
    </Space>
  );
}
