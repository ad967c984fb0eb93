import { Button, Card, Space, Spin, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError } from '../../components/error-alert';
import { examApi } from '../../exam-api';
import type { PlanSummary } from '../../exam-types';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { planPhase, withProvince } from './exam-format';
import { JointProvinces, PlanTags } from './plan-tags';
import { SittingTable } from './sitting-table';

/** One approved plan in the list: what, who, when to register, and its sittings with the seats left. */
export function PlanCard({ plan, catalog }: { plan: PlanSummary; catalog: RecognitionCatalog }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  // The list gives totals only; the sittings come with the plan itself.
  const load = useCallback(() => examApi.plan(plan.id), [plan.id]);
  const { data, error, isLoading } = useApiData(load);
  const phase = planPhase(plan, data?.sittings);
  const institutions = plan.institutions
    .map((i) => withProvince(i.name, catalog.regionName(i.province), lang))
    .join(lang === 'zh' ? '、' : '; ');

  return (
    <Card
      data-testid={`plan-${plan.code}`}
      data-plan={plan.id}
      size="small"
      style={{ marginBottom: 16 }}
      data-phase={phase}
      title={
        <Link to={`/exams/${plan.id}`} data-verbatim="" style={{ whiteSpace: 'normal' }}>
          {plan.name}
        </Link>
      }
    >
      <Space orientation="vertical" size={4} style={{ marginBottom: 8, width: '100%' }}>
        <Space size={4} wrap>
          <PlanTags plan={plan} catalog={catalog} />
          {phase === 'open' ? null : (
            <Tag color={phase === 'finished' ? 'default' : 'orange'} data-testid="plan-phase">
              {t(`exams.phase.${phase}`)}
            </Tag>
          )}
        </Space>
        <JointProvinces plan={plan} catalog={catalog} />
        <Typography.Text>{t('exams.institutionsList', { names: institutions })}</Typography.Text>
        <Typography.Text type="secondary">
          {t('exams.window', { opens: plan.registrationOpens, closes: plan.registrationCloses })}
          {' · '}
          {t('plan.code')} {plan.code}
        </Typography.Text>
      </Space>
      {isLoading && !data ? <Spin size="small" style={{ display: 'block' }} /> : null}
      {error ? <Typography.Text type="danger">{describeError(error, t)}</Typography.Text> : null}
      {data ? (
        <SittingTable
          sittings={data.sittings}
          institutions={data.institutions}
          regionName={catalog.regionName}
        />
      ) : null}
      {/* Only an open plan is offered for registration; the others can still be read. */}
      <Button
        type={phase === 'open' ? 'primary' : 'default'}
        block
        style={{ marginTop: 8 }}
        data-testid="open-plan"
        onClick={() => navigate(`/exams/${plan.id}`)}
      >
        {phase === 'open' ? t('exams.open') : t('exams.view')}
      </Button>
    </Card>
  );
}
