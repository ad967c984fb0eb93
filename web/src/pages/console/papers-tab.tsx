import { Button, Card, Input, InputNumber, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { lazy, Suspense, useCallback, useState } from 'react';
import { useI18n } from '../../i18n';
import { type Blueprint, type BlueprintRow, type PaperSummary, paperApi } from '../../paper-api';
import type { ConsolePlan } from '../../plan-console-types';
import { useApiData } from '../../use-api-data';
import { ProblemAlert } from './problem-alert';

// ECharts is a large chunk: loaded when a paper's coverage is first drawn.
const CoverageChart = lazy(() => import('./coverage-chart').then((m) => ({ default: m.CoverageChart })));

const types = ['single', 'multiple', 'true-false', 'practical'] as const;
const bands = ['easy', 'medium', 'hard'] as const;
const emptyRow = (): BlueprintRow => ({ knowledgePoint: '', type: 'single', difficulty: 'medium', count: 1 });

/** Paper assembly (组卷, issue 7 §2, §7): a blueprint editor, Assemble, and each paper's coverage as a chart. */
export function PapersTab({ plan }: { plan: ConsolePlan }) {
  const { t } = useI18n();
  const load = useCallback(() => paperApi.list(plan.id), [plan.id]);
  const { data, error: loadError, isLoading, reload } = useApiData(load);
  const [rows, setRows] = useState<BlueprintRow[]>([emptyRow()]);
  const [settings, setSettings] = useState({
    subject: 'theory' as Blueprint['subject'],
    totalScore: 100,
    usageCap: undefined as number | undefined,
    forms: plan.kind === 'joint' ? 2 : 1,
    maxOverlap: 0.2,
  });
  const [error, setError] = useState<unknown>(undefined);
  const [isBusy, setIsBusy] = useState(false);

  const setRow = (i: number, patch: Partial<BlueprintRow>) =>
    setRows((all) => all.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const act = async (run: () => Promise<unknown>) => {
    setIsBusy(true);
    setError(undefined);
    try {
      await run();
      reload();
    } catch (e) {
      setError(e);
    } finally {
      setIsBusy(false);
    }
  };
  const assemble = () =>
    act(() =>
      paperApi.assemble(plan.id, {
        occupation: plan.occupation,
        level: plan.level,
        ...settings,
        rows: rows.map(({ scoreEach, ...r }) => ({ ...r, ...(scoreEach ? { scoreEach } : {}) })),
      }),
    );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card title={t('pap.blueprint')} size="small">
        <Space wrap style={{ marginBottom: 12 }}>
          <span>{t('pap.subject')}</span>
          <Select
            value={settings.subject}
            onChange={(subject) => setSettings({ ...settings, subject })}
            options={(['theory', 'skills'] as const).map((s) => ({ value: s, label: t(`pap.subject.${s}`) }))}
          />
          <span>{t('pap.totalScore')}</span>
          <InputNumber
            id="bp-total"
            min={1}
            value={settings.totalScore}
            onChange={(v) => setSettings({ ...settings, totalScore: v ?? 100 })}
          />
          <span>{t('pap.usageCap')}</span>
          <InputNumber
            min={1}
            value={settings.usageCap}
            onChange={(v) => setSettings({ ...settings, usageCap: v ?? undefined })}
          />
          <span>{t('pap.forms')}</span>
          <InputNumber
            min={1}
            max={6}
            value={settings.forms}
            onChange={(v) => setSettings({ ...settings, forms: v ?? 1 })}
          />
          <span>{t('pap.maxOverlap')}</span>
          <InputNumber
            min={0}
            max={1}
            step={0.05}
            value={settings.maxOverlap}
            onChange={(v) => setSettings({ ...settings, maxOverlap: v ?? 0 })}
          />
        </Space>
        <Typography.Paragraph type="secondary">{t('pap.bands')}</Typography.Paragraph>
        <Table
          locale={{ emptyText: t('empty.blueprint') }}
          size="small"
          pagination={false}
          rowKey={(_, i) => String(i)}
          dataSource={rows}
          columns={[
            {
              title: t('pap.knowledgePoint'),
              render: (_, r, i) => (
                <Input
                  data-testid="bp-kp"
                  value={r.knowledgePoint}
                  onChange={(e) => setRow(i, { knowledgePoint: e.target.value })}
                />
              ),
            },
            {
              title: t('pap.type'),
              render: (_, r, i) => (
                <Select
                  data-testid="bp-type"
                  value={r.type}
                  style={{ width: 130 }}
                  onChange={(type) => setRow(i, { type })}
                  options={types.map((v) => ({ value: v, label: t(`cbt.type.${v}`) }))}
                />
              ),
            },
            {
              title: t('pap.difficulty'),
              render: (_, r, i) => (
                <Select
                  data-testid="bp-band"
                  value={r.difficulty}
                  style={{ width: 90 }}
                  onChange={(difficulty) => setRow(i, { difficulty })}
                  options={bands.map((v) => ({ value: v, label: t(`pap.band.${v}`) }))}
                />
              ),
            },
            {
              title: t('pap.count'),
              render: (_, r, i) => (
                <InputNumber
                  data-testid="bp-count"
                  min={1}
                  value={r.count}
                  onChange={(v) => setRow(i, { count: v ?? 1 })}
                />
              ),
            },
            {
              title: t('pap.scoreEach'),
              render: (_, r, i) => (
                <InputNumber
                  data-testid="bp-score"
                  min={0}
                  value={r.scoreEach}
                  onChange={(v) => setRow(i, { scoreEach: v ?? undefined })}
                />
              ),
            },
            {
              title: t('common.actions'),
              render: (_, __, i) => (
                <Button size="small" danger onClick={() => setRows((all) => all.filter((_, k) => k !== i))}>
                  {t('pap.remove')}
                </Button>
              ),
            },
          ]}
        />
        <Space style={{ marginTop: 12 }}>
          <Button onClick={() => setRows((all) => [...all, emptyRow()])}>{t('pap.addRow')}</Button>
          <Button type="primary" data-testid="assemble" loading={isBusy} onClick={assemble}>
            {t('pap.assemble')}
          </Button>
        </Space>
      </Card>
      <ProblemAlert error={error ?? loadError} />
      {isLoading && !data ? <Spin /> : null}
      {data && data.papers.length === 0 ? (
        <Typography.Text type="secondary">{t('pap.none')}</Typography.Text>
      ) : null}
      {data?.papers.map((paper) => (
        <PaperCard
          key={paper.id}
          paper={paper}
          isBusy={isBusy}
          onLock={() => act(() => paperApi.lock(paper.id))}
        />
      ))}
    </Space>
  );
}

function PaperCard({ paper, isBusy, onLock }: { paper: PaperSummary; isBusy: boolean; onLock: () => void }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      data-testid="paper"
      title={
        <Space>
          {t('pap.form', { form: paper.form })}
          <Tag color={paper.status === 'locked' ? 'green' : 'blue'}>{t(`pap.status.${paper.status}`)}</Tag>
          <Typography.Text type="secondary">
            {t(`pap.subject.${paper.subject}`)} · {paper.totalScore} ·{' '}
            {t('pap.items', { count: paper.itemCount })}
          </Typography.Text>
        </Space>
      }
      extra={
        paper.status === 'assembled' ? (
          <Button size="small" loading={isBusy} onClick={onLock}>
            {t('pap.lock')}
          </Button>
        ) : null
      }
    >
      <Suspense fallback={<Spin />}>
        <CoverageChart coverage={paper.coverage} testId={`coverage-${paper.form}`} />
      </Suspense>
    </Card>
  );
}
