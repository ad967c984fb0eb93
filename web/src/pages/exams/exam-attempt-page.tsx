import { Alert, App, Button, Card, Popconfirm, Result, Space, Spin, Statistic, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api';
import { type Attempt, attemptApi, type ExamResponse } from '../../attempt-api';
import { describeError, ErrorAlert } from '../../components/error-alert';
import { useI18n } from '../../i18n';
import { ExamQuestion, type SaveState } from './exam-question';

const clockText = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [h, m, s].map((x) => String(x).padStart(2, '0')).join(':');
};

/**
 * 理论知识考试 (issue 7 §3): the candidate's paper in their order, a countdown from the server's remaining time,
 * every change saved at once, resumable after a reload (the attempt id stays in the URL), submit with confirmation.
 */
export function ExamAttemptPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const { registrationId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const attemptId = search.get('attempt');
  const [attempt, setAttempt] = useState<Attempt | null>(null);
  const [responses, setResponses] = useState<Record<string, ExamResponse>>({});
  const [saveStates, setSaveStates] = useState<Record<string, SaveState>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [remaining, setRemaining] = useState(0);
  // The deadline on this machine's clock, from the server's remaining seconds (client clocks may be wrong).
  const deadline = useRef(0);
  // Saves go out one after another, so the server logs them in the order they were given.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const show = useCallback((a: Attempt) => {
    setAttempt(a);
    setResponses(a.responses);
    deadline.current = Date.now() + a.remainingSeconds * 1000;
    setRemaining(a.remainingSeconds);
  }, []);

  const load = useCallback(
    async (call: () => Promise<Attempt>) => {
      setBusy(true);
      setError(null);
      try {
        const a = await call();
        show(a);
        if (search.get('attempt') !== a.id) setSearch({ attempt: a.id }, { replace: true });
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [show, search, setSearch],
  );

  // biome-ignore lint/correctness/useExhaustiveDependencies: resume once, on arrival with an attempt id.
  useEffect(() => {
    if (attemptId) void load(() => attemptApi.get(attemptId));
  }, []);

  const inProgress = attempt?.status === 'in-progress';
  useEffect(() => {
    if (!inProgress || !attempt) return;
    const timer = setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline.current - Date.now()) / 1000));
      setRemaining(left);
      // Time is up: the server submits the attempt on this read.
      if (left === 0) void load(() => attemptApi.get(attempt.id));
    }, 1000);
    return () => clearInterval(timer);
  }, [inProgress, attempt, load]);

  const change = (itemId: string, response: ExamResponse) => {
    if (!attempt) return;
    setResponses((r) => ({ ...r, [itemId]: response }));
    setSaveStates((s) => ({ ...s, [itemId]: 'saving' }));
    queue.current = queue.current.then(async () => {
      try {
        await attemptApi.save(attempt.id, itemId, response);
        setSaveStates((s) => ({ ...s, [itemId]: 'saved' }));
      } catch (e) {
        setSaveStates((s) => ({ ...s, [itemId]: 'failed' }));
        if (e instanceof ApiError && e.status === 409) await load(() => attemptApi.get(attempt.id));
        else message.error(describeError(e, t));
      }
    });
  };

  const submit = async () => {
    if (!attempt) return;
    await queue.current;
    try {
      show(await attemptApi.submit(attempt.id));
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) await load(() => attemptApi.get(attempt.id));
      else message.error(describeError(e, t));
    }
  };

  const total = attempt?.items.length ?? 0;
  const done = Object.keys(responses).length;
  const states = Object.values(saveStates);
  const overall: SaveState | null = states.includes('failed')
    ? 'failed'
    : states.includes('saving')
      ? 'saving'
      : states.length > 0
        ? 'saved'
        : null;

  return (
    <div style={{ maxWidth: 880 }}>
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('cbt.title')}
      </Typography.Title>
      <ErrorAlert error={error} />
      {!attempt ? (
        <Card>
          <Typography.Paragraph>{t('cbt.intro')}</Typography.Paragraph>
          {busy ? <Spin /> : null}
          <Button
            type="primary"
            data-testid="start-exam"
            loading={busy}
            onClick={() => load(() => attemptApi.start(registrationId))}
          >
            {attemptId ? t('cbt.resume') : t('cbt.start')}
          </Button>
        </Card>
      ) : null}
      {attempt && !inProgress ? (
        <Result
          status="success"
          title={t('cbt.submitted')}
          subTitle={
            <span data-testid="exam-score">
              {t('cbt.score', { score: attempt.score ?? 0, max: attempt.maxScore })}
            </span>
          }
          extra={[
            <Typography.Paragraph key="note" type="secondary">
              {t('cbt.scoreNote')}
            </Typography.Paragraph>,
            <Link key="back" to="/my/registrations">
              {t('nav.myRegistrations')}
            </Link>,
          ]}
        />
      ) : null}
      {attempt && inProgress ? (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Card size="small" style={{ position: 'sticky', top: 0, zIndex: 2 }}>
            <Space size="large" wrap align="center">
              <div data-testid="timer" data-remaining={remaining}>
                <Statistic title={t('cbt.remaining')} value={clockText(remaining)} />
              </div>
              <span data-testid="answered">{t('cbt.answered', { done, total })}</span>
              {overall ? (
                <Typography.Text
                  data-testid="save-status"
                  data-state={overall}
                  type={overall === 'failed' ? 'danger' : 'secondary'}
                >
                  {t(`cbt.${overall}`)}
                </Typography.Text>
              ) : null}
              <Popconfirm
                title={t('cbt.submitConfirm', { done, total })}
                okText={t('cbt.submitYes')}
                cancelText={t('cbt.submitNo')}
                onConfirm={submit}
              >
                <Button type="primary" data-testid="submit-exam">
                  {t('cbt.submit')}
                </Button>
              </Popconfirm>
            </Space>
          </Card>
          {overall === 'failed' ? <Alert type="error" showIcon message={t('cbt.failed')} /> : null}
          {attempt.items.map((item, i) => (
            <ExamQuestion
              key={item.itemId}
              item={item}
              n={i + 1}
              value={responses[item.itemId]}
              saveState={saveStates[item.itemId]}
              disabled={remaining === 0}
              onChange={(r) => change(item.itemId, r)}
            />
          ))}
        </Space>
      ) : null}
    </div>
  );
}
