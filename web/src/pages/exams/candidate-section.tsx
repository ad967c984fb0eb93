import { Alert, Card, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useAuth } from '../../auth';
import { examApi } from '../../exam-api';
import type { Declared, EligibilityAnswer, PlanDetail, Registration } from '../../exam-types';
import { useI18n } from '../../i18n';
import { registryApi } from '../../registry-api';
import { useApiData } from '../../use-api-data';
import type { RecognitionCatalog } from '../recognition/use-recognition-catalog';
import { useNationalRules } from '../recognition/use-rule-info';
import { EligibilityAnswerView } from './eligibility-answer';
import { EligibilityForm } from './eligibility-form';
import { type EligibilityContext, ruleMap } from './eligibility-sentences';
import { sittingWhen } from './exam-format';
import { RegisterPanel } from './register-panel';
import { describeRegistrationError } from './registration-errors';

interface Checked {
  answer: EligibilityAnswer;
  declared: Declared;
  /** The province whose policy the answer applied (the sitting's, else the lead province's). */
  province: string;
}

/** 资格自查 and 报名 for a signed-in holder: the check, its answer, the commitment and the Register button. */
function HolderSection(props: {
  plan: PlanDetail;
  sittingId: string | undefined;
  catalog: RecognitionCatalog;
  onRegistered: () => void;
}) {
  const { t, lang } = useI18n();
  const { user } = useAuth();
  const { plan, sittingId, catalog } = props;
  const [checked, setChecked] = useState<Checked | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  // Kept as the error, so its words follow a change of language.
  const [problem, setProblem] = useState<unknown>(null);

  const holderId = user?.holderId ?? null;
  const loadMine = useCallback(
    () => (holderId ? registryApi.holder(holderId) : Promise.resolve(null)),
    [holderId],
  );
  const mine = useApiData(loadMine);
  const registrations = useApiData(examApi.myRegistrations);
  const nationalRules = useNationalRules();
  const ctx = useMemo<EligibilityContext>(
    () => ({ catalog, rules: ruleMap(nationalRules), certificates: mine.data?.certificates ?? [] }),
    [catalog, nationalRules, mine.data],
  );

  const provinceOf = (id: string | undefined) => {
    const sitting = plan.sittings.find((s) => s.id === id);
    return plan.institutions.find((i) => i.id === sitting?.institutionId)?.province ?? plan.leadProvince;
  };
  const province = provinceOf(sittingId);
  const isStale = checked !== null && sittingId !== undefined && checked.province !== province;
  const current = registrations.data?.items.find((r) => r.planId === plan.id && r.status === 'registered');

  const check = async (declared: Declared) => {
    setIsBusy(true);
    setProblem(null);
    try {
      const answer = await examApi.checkEligibility(plan.id, { declared, ...(sittingId && { sittingId }) });
      setChecked({ answer, declared, province });
    } catch (error) {
      setChecked(null);
      setProblem(error);
    } finally {
      setIsBusy(false);
    }
  };

  const siteName = (id: string) => plan.sittings.find((s) => s.id === id)?.site.name ?? '';
  const registered = (_: Registration) => {
    registrations.reload();
    props.onRegistered();
  };

  return (
    <>
      {current ? (
        <Alert
          data-testid="already-mine"
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('reg.alreadyMine', { when: sittingWhen(current.startsAt, current.endsAt, lang) })}
          action={<Link to="/my/registrations">{t('reg.viewMine')}</Link>}
        />
      ) : null}
      <Card size="small" title={t('elig.title')} data-testid="eligibility">
        <Typography.Paragraph type="secondary">{t('elig.intro')}</Typography.Paragraph>
        <EligibilityForm isBusy={isBusy} onCheck={check} onEdit={() => setChecked(null)} />
        {problem ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={describeRegistrationError(problem, t)}
            data-testid="eligibility-error"
          />
        ) : null}
        {isStale ? <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('elig.stale')} /> : null}
        {checked ? <EligibilityAnswerView answer={checked.answer} ctx={ctx} /> : null}
      </Card>
      <RegisterPanel
        ready={{
          planId: plan.id,
          sittingId,
          declared: checked?.declared,
          isEligible: checked?.answer.eligible === true && !isStale,
        }}
        siteName={siteName}
        onRegistered={registered}
      />
    </>
  );
}

/** The candidate's part of a plan page: for a holder the check and registration, for others how to get there. */
export function CandidateSection(props: {
  plan: PlanDetail;
  sittingId: string | undefined;
  catalog: RecognitionCatalog;
  onRegistered: () => void;
}) {
  const { t } = useI18n();
  const { session, hasRole } = useAuth();
  const location = useLocation();
  if (session.status === 'loading') return null;
  if (session.status === 'anonymous') {
    return (
      <Alert
        data-testid="login-to-register"
        type="info"
        showIcon
        title={t('elig.loginFirst')}
        action={<Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('header.login')}</Link>}
      />
    );
  }
  if (!hasRole('holder')) return <Alert type="info" showIcon title={t('elig.holderOnly')} />;
  return <HolderSection {...props} />;
}
