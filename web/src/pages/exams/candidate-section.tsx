import { Alert, Card, Typography } from 'antd';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
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
import { type PlanPhase, sittingWhen } from './exam-format';
import { RegisterPanel } from './register-panel';
import { describeRegistrationError } from './registration-errors';

interface Checked {
  answer: EligibilityAnswer;
  declared: Declared;
  /** The province whose policy the answer applied (the sitting's, else the lead province's). */
  province: string;
}

/** 资格自查 and 报名 for a signed-in holder: the check, its answer, the commitment and the Register button. */
function HolderSection(props: CandidateProps) {
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
  const chosenSitting = plan.sittings.find((s) => s.id === sittingId);
  const chosen = chosenSitting
    ? `${sittingWhen(chosenSitting.startsAt, chosenSitting.endsAt, lang)} · ${chosenSitting.site.name}`
    : undefined;
  const registered = (_: Registration) => {
    registrations.reload();
    props.onRegistered();
  };

  if (props.phase !== 'open')
    return (
      <div data-testid="candidate-flow">
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
        <PhaseNote phase={props.phase} list={props.list} />
      </div>
    );

  return (
    <div data-testid="candidate-flow">
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
      <Card size="small" title={t('plan.chooseSitting')} style={{ marginBottom: 16 }}>
        {props.picker}
      </Card>
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
        chosen={chosen}
        onRegistered={registered}
      />
    </div>
  );
}

/** A plan not open for registration: its sittings to read, and why no one can register now. */
function PhaseNote({ phase, list }: { phase: PlanPhase; list: ReactNode }) {
  const { t } = useI18n();
  return (
    <>
      <Card size="small" title={t('exams.sittings')} style={{ marginBottom: 16 }}>
        {list}
      </Card>
      <Alert
        type="info"
        showIcon
        data-testid="plan-phase-note"
        title={t('plan.phaseNote', { phase: t(`exams.phase.${phase}`) })}
      />
    </>
  );
}

interface CandidateProps {
  plan: PlanDetail;
  sittingId: string | undefined;
  catalog: RecognitionCatalog;
  /** The sittings to choose from (a holder), placed first among the steps. */
  picker: ReactNode;
  /** The sittings as a plain list, for those who cannot register here. */
  list: ReactNode;
  /** Only an open plan takes registrations. */
  phase: PlanPhase;
  onRegistered: () => void;
}

/**
 * The candidate's part of a plan page, in the order it is done: choose a sitting, check eligibility, commit and
 * register. Visitors and staff see the sittings and how to get to register.
 */
export function CandidateSection(props: CandidateProps) {
  const { t } = useI18n();
  const { session, hasRole } = useAuth();
  const location = useLocation();
  if (session.status === 'loading') return null;
  if (session.status === 'signed-in' && hasRole('holder')) return <HolderSection {...props} />;
  return (
    <>
      <Card size="small" title={t('exams.sittings')} style={{ marginBottom: 16 }}>
        {props.list}
      </Card>
      {session.status === 'anonymous' ? (
        <Alert
          data-testid="login-to-register"
          type="info"
          showIcon
          title={t('elig.loginFirst')}
          action={
            <Link to={`/login?next=${encodeURIComponent(location.pathname)}`}>{t('header.login')}</Link>
          }
        />
      ) : (
        <Alert type="info" showIcon title={t('elig.holderOnly')} />
      )}
    </>
  );
}
