import { Alert, Button, Card, Progress, Space, Steps, Typography } from 'antd';
import { formatNumber } from '../../format';
import { useI18n } from '../../i18n';
import type { SimulationRun } from '../../policy-types';

/** Where the run stands among 排队 → 汇总登记库 → 评估组合 → 完成. */
function stepOf(run: SimulationRun): number {
  if (run.status === 'queued') return 0;
  return { queued: 0, grouping: 1, evaluating: 2, done: 3 }[run.phase];
}

/**
 * A simulation job that has not (or not successfully) finished: its phase live with a cancel button while queued or
 * running, 「已取消」 once cancelled, the error once failed. Nothing for a finished run: its result speaks.
 */
export function SimulationProgress({
  run,
  isCancelling,
  onCancel,
  onRunAgain,
}: {
  run: SimulationRun;
  isCancelling: boolean;
  onCancel: () => void;
  onRunAgain: () => void;
}) {
  const { t } = useI18n();
  if (run.status === 'done') return null;
  if (run.status === 'cancelled') {
    return (
      <Alert
        type="info"
        showIcon
        data-testid="simulation-progress"
        data-status={run.status}
        title={t('sim.cancelled')}
      />
    );
  }
  if (run.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        data-testid="simulation-progress"
        data-status={run.status}
        title={t('sim.failed')}
        // The worker's message is the server's own, in English: technical text, marked as such.
        description={
          run.error ? (
            <Typography.Text type="secondary" data-tech="">
              {t('tech.title')}: {run.error}
            </Typography.Text>
          ) : undefined
        }
        action={<Button onClick={onRunAgain}>{t('common.retry')}</Button>}
      />
    );
  }
  const status =
    run.status === 'queued'
      ? // Queued again after a failed attempt: the worker retries it.
        t(run.error ? 'sim.progress.retrying' : 'sim.progress.queued')
      : run.phase === 'grouping'
        ? t('sim.progress.grouping')
        : run.phase === 'evaluating'
          ? t('sim.progress.evaluating', { total: formatNumber(run.total) })
          : t('sim.progress.starting');
  return (
    <Card size="small">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
          <Typography.Text
            strong
            role="status"
            data-testid="simulation-progress"
            data-status={run.status}
            data-phase={run.phase}
          >
            {status}
          </Typography.Text>
          <Button loading={isCancelling} onClick={onCancel} data-testid="cancel-simulation">
            {t('sim.cancel')}
          </Button>
        </Space>
        <Steps
          size="small"
          current={stepOf(run)}
          items={[
            { title: t('sim.step.queued') },
            { title: t('sim.step.grouping') },
            { title: t('sim.step.evaluating') },
            { title: t('sim.step.done') },
          ]}
        />
        {/* Counted work within the phase, when the worker reports it. */}
        {run.total > 0 && run.done > 0 ? (
          <Progress percent={Math.min(100, Math.floor((run.done / run.total) * 100))} size="small" />
        ) : null}
      </Space>
    </Card>
  );
}
