import { Alert, Button, Card, Checkbox, Input, Spin, Typography, theme } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { examApi } from '../../exam-api';
import type { Declared, Registration } from '../../exam-types';
import { useI18n } from '../../i18n';
import { useApiData } from '../../use-api-data';
import { SentencePair } from '../recognition/result-parts';
import { sittingWhen } from './exam-format';
import { describeRegistrationError } from './registration-errors';

/** What registering needs: an eligible answer for what was declared, and the sitting it was checked for. */
export interface ReadyToRegister {
  planId: string;
  sittingId: string | undefined;
  declared: Declared | undefined;
  isEligible: boolean;
}

/**
 * The 双承诺 with its checkbox, then a bar kept at the foot of the screen with the chosen sitting and the Register
 * button: enabled once eligible, a sitting chosen and ticked. Returns siblings, so the bar sticks along the whole
 * candidate section it is placed in.
 */
export function RegisterPanel(props: {
  ready: ReadyToRegister;
  siteName: (sittingId: string) => string;
  /** The chosen sitting in words (date, time, site), shown beside the button. */
  chosen: string | undefined;
  onRegistered: (registration: Registration) => void;
}) {
  const { t, lang } = useI18n();
  const { token } = theme.useToken();
  const commitment = useApiData(examApi.commitment);
  const [isAccepted, setIsAccepted] = useState(false);
  const [employer, setEmployer] = useState('');
  const [isBusy, setIsBusy] = useState(false);
  // Kept as the error, so its words follow a change of language.
  const [problem, setProblem] = useState<unknown>(null);
  const [done, setDone] = useState<Registration | null>(null);
  const { planId, sittingId, declared, isEligible } = props.ready;
  const version = commitment.data?.version;
  const canRegister =
    isEligible && sittingId !== undefined && declared !== undefined && isAccepted && !!version;

  const register = async () => {
    if (!canRegister || !sittingId || !declared || !version) return;
    setIsBusy(true);
    setProblem(null);
    try {
      const registration = await examApi.register(planId, {
        sittingId,
        declared,
        commitment: { accepted: true, version },
        ...(employer.trim() ? { employer: employer.trim() } : {}),
      });
      setDone(registration);
      props.onRegistered(registration);
    } catch (error) {
      setProblem(error);
    } finally {
      setIsBusy(false);
    }
  };

  // The one thing still missing, said plainly beside the disabled button.
  const missing =
    sittingId === undefined
      ? t('reg.needsSitting')
      : declared === undefined
        ? t('reg.needsCheck')
        : !isEligible
          ? t('reg.needsEligible')
          : !isAccepted
            ? t('reg.needsCommitment')
            : null;

  return (
    <>
      <Card size="small" title={t('reg.commitment')} style={{ marginTop: 16 }} data-testid="register-panel">
        <ErrorAlert error={commitment.error} onRetry={commitment.reload} />
        {commitment.isLoading && !commitment.data ? <Spin size="small" /> : null}
        {commitment.data ? (
          <div data-testid="commitment-text" data-version={commitment.data.version}>
            <SentencePair text={{ zh: commitment.data.textZh, en: commitment.data.textEn }} />
          </div>
        ) : null}
        {/* 工作单位 (issue 7 §3): staff employed there are recused from the sitting. */}
        <div style={{ margin: '12px 0' }}>
          <label htmlFor="employer" style={{ display: 'block', marginBottom: 4 }}>
            {t('reg.employer')}
          </label>
          <Input
            id="employer"
            data-testid="employer"
            maxLength={200}
            value={employer}
            disabled={done !== null}
            placeholder={t('reg.employerPlaceholder')}
            onChange={(e) => setEmployer(e.target.value)}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('reg.employerHint')}
          </Typography.Text>
        </div>
        <Checkbox
          data-testid="accept-commitment"
          checked={isAccepted}
          disabled={!commitment.data}
          onChange={(e) => setIsAccepted(e.target.checked)}
        >
          {t('reg.accept')}
        </Checkbox>
      </Card>
      {/* The chosen sitting and 报名 stay in view at the foot of the screen while the candidate scrolls the
          steps (issue 15 §1): the choice and the button it enables are never a page apart. */}
      <div
        data-testid="register-bar"
        style={{
          position: 'sticky',
          bottom: 0,
          zIndex: 5,
          marginTop: 16,
          padding: 12,
          background: token.colorBgContainer,
          borderRadius: token.borderRadiusLG,
          boxShadow: token.boxShadowSecondary,
        }}
      >
        <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8 }}>
          <div style={{ flex: '1 1 180px', minWidth: 0 }} data-testid="register-choice">
            {props.chosen ? (
              <Typography.Text strong>{props.chosen}</Typography.Text>
            ) : (
              <Typography.Text type="secondary">{t('reg.noSitting')}</Typography.Text>
            )}
            {missing && done === null ? (
              <Typography.Text
                type="secondary"
                style={{ display: 'block', fontSize: 12 }}
                data-testid="register-needs"
              >
                {missing}
              </Typography.Text>
            ) : null}
          </div>
          <Button
            type="primary"
            size="large"
            data-testid="register"
            disabled={!canRegister || done !== null}
            loading={isBusy}
            onClick={register}
          >
            {t('reg.submit')}
          </Button>
        </div>
        {problem ? (
          <Alert
            data-testid="register-error"
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={t('reg.failed')}
            description={describeRegistrationError(problem, t)}
          />
        ) : null}
        {done ? (
          <Alert
            data-testid="register-done"
            type="success"
            showIcon
            style={{ marginTop: 12 }}
            title={t('reg.done')}
            description={t('reg.doneDetail', {
              when: sittingWhen(done.startsAt, done.endsAt, lang),
              site: props.siteName(done.sittingId),
            })}
            action={
              <Link to="/my/registrations" data-testid="view-my-registrations">
                {t('reg.viewMine')}
              </Link>
            }
          />
        ) : null}
      </div>
    </>
  );
}
