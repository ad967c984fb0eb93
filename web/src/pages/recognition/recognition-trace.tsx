import { Collapse, Space, Table, Tag, Typography } from 'antd';
import { type Translate, useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import type { CertificateTrace, TraceStep } from '../../recognition-types';
import { CertificateStatusTag } from '../registry/status-tag';
import { ProvisionalTag } from './result-parts';
import type { RecognitionCatalog } from './use-recognition-catalog';
import type { RuleInfoMap } from './use-rule-info';

const outcomeColors: Record<TraceStep['outcome'], string> = {
  matched: 'green',
  'not-matched': 'default',
  overridden: 'orange',
};

const overriddenPrefix = 'overridden-by:';

const reasonKeys: Record<string, MessageKey> = {
  applies: 'rec.reason.applies',
  highest: 'rec.reason.highest',
  superseded: 'rec.reason.superseded',
  'region-unknown': 'rec.reason.region-unknown',
  expired: 'rec.reason.expired',
  'not-yet-valid': 'rec.reason.not-yet-valid',
  suspended: 'rec.reason.suspended',
  revoked: 'rec.reason.revoked',
  'same-department': 'rec.reason.same-department',
  'target-not-issued-in-region': 'rec.reason.target-not-issued-in-region',
  'not-effective-yet': 'rec.reason.not-effective-yet',
  'no-longer-effective': 'rec.reason.no-longer-effective',
  'level-not-standard': 'rec.reason.level-not-standard',
  'no-rule': 'rec.reason.no-rule',
};

/** The reason in words; a code the page does not know yet is shown as it is. */
function reasonText(reason: string, t: Translate): string {
  if (reason.startsWith(overriddenPrefix)) {
    return t('rec.reason.overridden-by', { id: reason.slice(overriddenPrefix.length) });
  }
  const key = reasonKeys[reason];
  return key ? t(key) : reason;
}

function Steps({ steps, rules }: { steps: readonly TraceStep[]; rules: RuleInfoMap }) {
  const { t } = useI18n();
  return (
    <Table<TraceStep>
      size="small"
      pagination={false}
      rowKey={(step) => `${step.rule ?? '-'}:${step.reason}`}
      dataSource={[...steps]}
      columns={[
        {
          key: 'rule',
          title: t('rec.traceRule'),
          render: (_, step) => (
            <span>
              <Typography.Text code>{step.rule ?? '—'}</Typography.Text>
              <ProvisionalTag rule={step.rule} rules={rules} />
            </span>
          ),
        },
        {
          key: 'outcome',
          title: t('rec.traceOutcome'),
          render: (_, step) => (
            <Tag color={outcomeColors[step.outcome]} data-outcome={step.outcome}>
              {t(`rec.outcome.${step.outcome}`)}
            </Tag>
          ),
        },
        { key: 'reason', title: t('rec.traceReason'), render: (_, step) => reasonText(step.reason, t) },
      ]}
    />
  );
}

/** 判定过程: for each certificate, every rule that names its type and why it did or did not apply. */
export function RecognitionTrace(props: {
  trace: readonly CertificateTrace[];
  catalog: RecognitionCatalog;
  rules: RuleInfoMap;
}) {
  const { t } = useI18n();
  const children = props.trace.map((entry) => (
    <div key={`${entry.type}:${entry.number}`} style={{ marginBottom: 16 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{entry.number}</Typography.Text>
        <span>{props.catalog.typeName(entry.type)}</span>
        <Typography.Text type="secondary">{entry.type}</Typography.Text>
        {entry.validity === 'review-overdue' ? (
          <Tag color="orange">{t('rec.s.ignored.review-overdue')}</Tag>
        ) : (
          <CertificateStatusTag status={entry.validity} />
        )}
      </Space>
      <Steps steps={entry.steps} rules={props.rules} />
    </div>
  ));
  return (
    <Collapse
      data-testid="recognition-trace"
      data-tech=""
      items={[{ key: 'trace', label: t('rec.trace'), children }]}
      style={{ marginTop: 16 }}
    />
  );
}
