import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  InputNumber,
  Modal,
  Space,
  Steps,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useAuth } from '../../auth';
import { formatDate, formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import type { ConsolePlan } from '../../plan-console-types';
import { useApiData } from '../../use-api-data';
import { AppealModal } from './appeal-modal';
import { ArchiveCard } from './archive-card';
import { ProblemAlert } from './problem-alert';
import { type IssueOutcome, type PlanResult, resultsApi } from './results-api';
import { ScoringCard } from './scoring-card';
import { useConsoleCatalog } from './use-console-catalog';

const statusColor = { computed: 'blue', published: 'gold', appealed: 'red', final: 'cyan', issued: 'green' };

/** The end of a published result's publicity and appeal windows (ms), as the server reckons it. */
const windowEndOf = (r: PlanResult) =>
  Math.max(new Date(r.publicityUntil ?? 0).getTime(), new Date(r.appealUntil ?? 0).getTime());

/**
 * Where the plan's issuance stands, mirroring src/exams/results.issue.ts: a passed result is ready once final, or
 * published with both windows closed. 0 compute, 1 publish, 2 wait for the windows, 3 issue.
 */
export function issuanceSteps(items: readonly PlanResult[], now = Date.now()) {
  const ready = items.filter(
    (r) => r.passed && (r.status === 'final' || (r.status === 'published' && windowEndOf(r) <= now)),
  ).length;
  const published = items.filter((r) => r.status === 'published' || r.status === 'appealed');
  const ends = published.map(windowEndOf).filter((end) => end > now);
  const windowEnd = ends.length > 0 ? new Date(Math.max(...ends)).toISOString() : null;
  const current =
    items.length === 0
      ? 0
      : items.some((r) => r.status === 'computed')
        ? 1
        : ready > 0
          ? 3
          : items.every((r) => r.status === 'issued' || !r.passed)
            ? 4
            : 2;
  return { current, ready, windowEnd };
}

/**
 * 成绩与发证 (issue 7 §5, §7): compute results from the theory attempts and the examiners' sheets, publish them for
 * the 公示 period and appeal window, issue certificates once both have closed, and verify the sealed archive.
 */
export function ResultsTab({ plan }: { plan: ConsolePlan }) {
  const { t, lang } = useI18n();
  const { hasRole } = useAuth();
  const catalog = useConsoleCatalog();
  const load = useCallback(() => resultsApi.list(plan.id), [plan.id]);
  const { data, error: loadError, isLoading, reload } = useApiData(load);
  const [error, setError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<string | null>(null);
  const [isPublishing, setIsPublishing] = useState(false);
  const [windows, setWindows] = useState({ publicityDays: 5, appealDays: 10 });
  const [outcome, setOutcome] = useState<IssueOutcome | null>(null);
  const [appealing, setAppealing] = useState<PlanResult | null>(null);
  const canResolve = hasRole('institution-operator', 'system-admin');
  const items = data?.items ?? [];
  const { modal } = App.useApp();
  const steps = issuanceSteps(items);

  const act = async (name: string, run: () => Promise<unknown>) => {
    setBusy(name);
    setError(undefined);
    try {
      await run();
      reload();
      return true;
    } catch (e) {
      setError(e);
      return false;
    } finally {
      setBusy(null);
    }
  };
  const subjectName = (kind: string) => t(`res.subject.${kind as 'theory'}`);
  const flagText = (f: PlanResult['flags'][number]) =>
    t(`res.flag.${f.code}`, { ...f, subject: subjectName(f.subject) });
  const waitingUntil = (r: PlanResult | undefined) => {
    const ends = [r?.publicityUntil, r?.appealUntil].filter((d): d is string => Boolean(d)).sort();
    return formatDate(ends.at(-1), lang);
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {hasRole('institution-operator', 'system-admin') ? <ScoringCard plan={plan} onSaved={reload} /> : null}
      {/* 发证 in its order (issue 15 §5): compute → publish → the publicity and appeal period → issue; a step's
          button is enabled in its turn, and issuing says first how many certificates it will issue. */}
      <Card size="small" data-testid="issuance-steps" data-step={steps.current}>
        <Steps
          size="small"
          current={steps.current}
          style={{ marginBottom: 16 }}
          items={[
            { title: t('res.step.compute'), content: t('res.step.computeHint') },
            { title: t('res.step.publish'), content: t('res.step.publishHint') },
            {
              title: t('res.step.publicity'),
              content: steps.windowEnd
                ? t('res.step.publicityUntil', { date: formatDateTime(steps.windowEnd, lang) })
                : t('res.step.publicityHint'),
            },
            { title: t('res.step.issue'), content: t('res.step.issueHint', { count: steps.ready }) },
          ]}
        />
        <Space wrap>
          <Button
            type={steps.current === 0 ? 'primary' : 'default'}
            data-testid="compute-results"
            disabled={steps.current > 1}
            loading={busy === 'compute'}
            onClick={() => act('compute', () => resultsApi.compute(plan.id))}
          >
            {t('res.compute')}
          </Button>
          <Button
            type={steps.current === 1 ? 'primary' : 'default'}
            data-testid="publish-results"
            disabled={steps.current !== 1}
            onClick={() => setIsPublishing(true)}
          >
            {t('res.publish')}
          </Button>
          <Button
            type={steps.current === 3 ? 'primary' : 'default'}
            data-testid="issue-results"
            disabled={steps.ready === 0}
            loading={busy === 'issue'}
            onClick={() =>
              modal.confirm({
                title: t('res.issueConfirmTitle'),
                content: t('res.issueConfirm', { count: steps.ready }),
                okText: t('res.issue'),
                cancelText: t('common.cancel'),
                okButtonProps: { id: 'confirm-issue' },
                onOk: () => act('issue', async () => setOutcome(await resultsApi.issue(plan.id))),
              })
            }
          >
            {t('res.issue')}
          </Button>
        </Space>
      </Card>
      <ProblemAlert error={error ?? loadError} />
      {outcome ? (
        <Alert
          type={outcome.issued.length > 0 ? 'success' : 'info'}
          showIcon
          closable
          onClose={() => setOutcome(null)}
          data-testid="issue-outcome"
          title={`${t('res.issued', { count: outcome.issued.length })} · ${t('res.waiting', { count: outcome.waiting.length })}`}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {outcome.issued.map((i) => (
                <li key={i.registrationId} data-testid="issued-number">
                  {i.number}
                  {i.requested.length > 0 ? ` · ${t('res.requested', { count: i.requested.length })}` : ''}
                </li>
              ))}
              {outcome.waiting.map((id) => {
                const r = items.find((x) => x.registrationId === id);
                return (
                  <li key={id} data-testid="issue-waiting">
                    {t('res.waitingUntil', { name: r?.holder.name ?? id, until: waitingUntil(r) })}
                  </li>
                );
              })}
            </ul>
          }
        />
      ) : null}
      <Card size="small" title={t('pc.tab.results')}>
        <Table
          size="small"
          data-testid="results"
          rowKey="registrationId"
          loading={isLoading}
          pagination={false}
          dataSource={items}
          locale={{ emptyText: <Empty description={t('res.none')} /> }}
          columns={[
            {
              title: t('res.candidate'),
              render: (_, r) => (
                <span>
                  {r.holder.name}
                  <Typography.Text type="secondary"> {r.holder.idNumberMasked}</Typography.Text>
                </span>
              ),
            },
            {
              title: t('res.province'),
              dataIndex: 'province',
              render: (code: string) => catalog.provinceName(code),
            },
            ...plan.subjects.map((s) => ({
              key: s.kind,
              title: subjectName(s.kind),
              render: (_: unknown, r: PlanResult) => {
                const score = r.scores.find((x) => x.kind === s.kind);
                return (
                  <span data-testid={`score-${s.kind}`}>
                    <Typography.Text type={score?.passed ? undefined : 'danger'}>
                      {score?.score ?? '—'}
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {' '}
                      ({t('res.passMark', { mark: score?.passMark ?? s.passMark })})
                    </Typography.Text>
                  </span>
                );
              },
            })),
            {
              title: t('res.result'),
              render: (_, r) => (
                <Tag color={r.passed ? 'green' : 'red'} data-testid="result-passed">
                  {t(r.passed ? 'res.passed' : 'res.failed')}
                </Tag>
              ),
            },
            {
              title: t('res.flags'),
              render: (_, r) =>
                r.flags.map((f) => (
                  <Typography.Text key={`${f.code} ${f.subject}`} type="warning" data-testid="result-flag">
                    ⚠ {flagText(f)}
                    <br />
                  </Typography.Text>
                )),
            },
            {
              title: t('res.status'),
              render: (_, r) => (
                <Space direction="vertical" size={0}>
                  <Tag color={statusColor[r.status]} data-testid="result-status" data-status={r.status}>
                    {t(`res.status.${r.status}`)}
                  </Tag>
                  {r.publicityUntil ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('res.windows', {
                        publicity: formatDate(r.publicityUntil, lang),
                        appeal: formatDate(r.appealUntil, lang),
                      })}
                    </Typography.Text>
                  ) : null}
                </Space>
              ),
            },
            {
              title: t('res.appeal'),
              key: 'appeal',
              render: (_, r) =>
                r.appeal ? (
                  <Space direction="vertical" size={0} style={{ maxWidth: 240 }} data-testid="appeal">
                    <Typography.Text>{r.appeal.reason}</Typography.Text>
                    {r.appeal.outcome ? (
                      <Typography.Text type="secondary" data-testid="appeal-resolved">
                        {t(`appeal.outcome.${r.appeal.outcome}`)}：{r.appeal.resolution}
                      </Typography.Text>
                    ) : null}
                    {r.status === 'appealed' && canResolve ? (
                      <Button size="small" data-testid="resolve-appeal" onClick={() => setAppealing(r)}>
                        {t('appeal.resolve')}
                      </Button>
                    ) : null}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('res.certificate'),
              render: (_, r) => <span data-testid="certificate-number">{r.certificateNumber ?? '—'}</span>,
            },
          ]}
        />
      </Card>
      <ArchiveCard planId={plan.id} />
      <AppealModal result={appealing} onClose={() => setAppealing(null)} onResolved={reload} />
      <Modal
        open={isPublishing}
        title={t('res.publishTitle')}
        okText={t('res.publish')}
        okButtonProps={{ id: 'confirm-publish' }}
        confirmLoading={busy === 'publish'}
        onCancel={() => setIsPublishing(false)}
        onOk={async () => {
          if (await act('publish', () => resultsApi.publish(plan.id, windows))) setIsPublishing(false);
        }}
      >
        <Space wrap>
          <span>{t('res.publicityDays')}</span>
          <InputNumber
            id="publicity-days"
            min={0}
            max={60}
            precision={0}
            value={windows.publicityDays}
            onChange={(v) => setWindows((w) => ({ ...w, publicityDays: v ?? 0 }))}
          />
          <span>{t('res.appealDays')}</span>
          <InputNumber
            id="appeal-days"
            min={0}
            max={60}
            precision={0}
            value={windows.appealDays}
            onChange={(v) => setWindows((w) => ({ ...w, appealDays: v ?? 0 }))}
          />
        </Space>
      </Modal>
    </Space>
  );
}
