import { Result, Spin, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { examApi } from '../../exam-api';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { useRecognitionCatalog } from '../recognition/use-recognition-catalog';
import { CandidateSection } from './candidate-section';
import { planPhase } from './exam-format';
import { PlanFacts } from './plan-facts';
import { PlanTags } from './plan-tags';
import { isOpenSitting, SittingPicker, SittingTable } from './sitting-table';

/** One plan for candidates: its sittings to choose from, 资格自查, the 双承诺 and 报名. */
export function PlanDetailPage() {
  const { t } = useI18n();
  const { planId = '' } = useParams();
  const catalog = useRecognitionCatalog();
  const load = useCallback(() => examApi.plan(planId), [planId]);
  const { data: plan, error, isLoading, reload } = useApiData(load);
  const [picked, setPicked] = useState<string | undefined>(undefined);

  if (error instanceof ApiError && error.status === 404) {
    return (
      <Result
        status="404"
        title={t('plan.notFound')}
        extra={<Link to="/exams">{t('plan.back')}</Link>}
        data-testid="plan-not-found"
      />
    );
  }
  // With one sitting open, it is the choice; otherwise the candidate picks.
  const open = plan?.sittings.filter(isOpenSitting) ?? [];
  const sittingId = picked ?? (open.length === 1 ? open[0]?.id : undefined);

  return (
    <div data-testid="plan-detail" style={{ maxWidth: 880 }}>
      <div style={{ marginBottom: 8 }}>
        <Link to="/exams">{t('plan.back')}</Link>
      </div>
      <ErrorAlert error={error} onRetry={reload} />
      {isLoading && !plan ? <Spin style={{ display: 'block', margin: 48 }} /> : null}
      {plan ? (
        <>
          <Typography.Title level={2} style={{ margin: '0 0 8px' }} data-verbatim="">
            {plan.name}
          </Typography.Title>
          <PlanTags plan={plan} catalog={catalog} />
          <div style={{ marginTop: 16 }}>
            <PlanFacts plan={plan} catalog={catalog} />
            <CandidateSection
              plan={plan}
              sittingId={sittingId}
              catalog={catalog}
              onRegistered={reload}
              phase={planPhase(plan, plan.sittings)}
              picker={
                <SittingPicker
                  sittings={plan.sittings}
                  institutions={plan.institutions}
                  regionName={catalog.regionName}
                  selectedId={sittingId}
                  onSelect={setPicked}
                />
              }
              list={
                <SittingTable
                  sittings={plan.sittings}
                  institutions={plan.institutions}
                  regionName={catalog.regionName}
                />
              }
            />
          </div>
        </>
      ) : null}
    </div>
  );
}
