import { Alert, Button, Card, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { ApiError } from '../../api';
import { useI18n } from '../../i18n';
import { planConsoleApi } from '../../plan-console-api';
import type { ConsolePlan } from '../../plan-console-types';
import { resultsApi, type StaffMember } from '../../results-api';
import { useApiData } from '../../use-api-data';
import { ProblemAlert } from './problem-alert';

type Criterion = { criterion: string; points: number };
type Practical = 'skills' | 'review';
const emptyCriterion = (): Criterion => ({ criterion: '', points: 0 });

/**
 * 考评员评分 (issue 7 §4): one examiner's sheet for one registration, criterion by criterion. The API decides
 * whether a sheet already exists: a change of one is refused without a reason, so the reason is asked for then.
 */
export function ScoringCard({ plan, onSaved }: { plan: ConsolePlan; onSaved: () => void }) {
  const { t } = useI18n();
  const subjects = plan.subjects.map((s) => s.kind).filter((k): k is Practical => k !== 'theory');
  const loadRegs = useCallback(
    () => planConsoleApi.registrations(plan.id, { status: 'registered', limit: 200 }),
    [plan.id],
  );
  const { data: regs } = useApiData(loadRegs);
  const [registrationId, setRegistrationId] = useState<string | undefined>(undefined);
  const [subject, setSubject] = useState<Practical | undefined>(subjects[0]);
  const [staffId, setStaffId] = useState<string | undefined>(undefined);
  const [staff, setStaff] = useState<StaffMember[]>([]);
  const [criteria, setCriteria] = useState<Criterion[]>([emptyCriterion()]);
  const [reason, setReason] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setIsSaving] = useState(false);

  const sittingId = regs?.items.find((r) => r.id === registrationId)?.sittingId;
  useEffect(() => {
    setStaff([]);
    if (!sittingId) return;
    let isCurrent = true;
    resultsApi.staffing(sittingId).then(
      (s) => isCurrent && setStaff(s.staff),
      (e: unknown) => isCurrent && setError(e),
    );
    return () => {
      isCurrent = false;
    };
  }, [sittingId]);

  if (subjects.length === 0) return null;
  const role = subject === 'review' ? 'reviewer' : 'examiner';
  const examiners = staff.filter((s) => s.role === role);
  const total = criteria.reduce((a, c) => a + c.points, 0);
  const setRow = (i: number, patch: Partial<Criterion>) =>
    setCriteria((all) => all.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  const startOver = () => {
    setReason(null);
    setSaved(null);
    setError(undefined);
  };

  const save = async () => {
    if (!registrationId || !staffId || !subject) return;
    setIsSaving(true);
    setError(undefined);
    setSaved(null);
    try {
      const sheet = await resultsApi.enterScore(registrationId, {
        staffId,
        subject,
        criteria: criteria.filter((c) => c.criterion.trim()),
        ...(reason?.trim() ? { reason: reason.trim() } : {}),
      });
      const name = examiners.find((s) => s.id === staffId)?.name ?? staffId;
      setSaved(t('score.saved', { name, total: sheet.total }));
      setReason(null);
      onSaved();
    } catch (e) {
      const needsReason = e instanceof ApiError && e.details.some((d) => d.path === 'body.reason');
      if (needsReason && reason === null) setReason('');
      else setError(e);
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Card size="small" title={t('score.title')} data-testid="scoring">
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('score.registration')}</span>
        <Select
          data-testid="score-registration"
          style={{ minWidth: 220 }}
          value={registrationId}
          onChange={(v) => {
            setRegistrationId(v);
            setStaffId(undefined);
            startOver();
          }}
          options={(regs?.items ?? []).map((r) => ({
            value: r.id,
            label: `${r.holder.name} ${r.holder.idNumberMasked}`,
          }))}
        />
        <span>{t('score.subject')}</span>
        <Select
          value={subject}
          onChange={(v) => {
            setSubject(v);
            setStaffId(undefined);
            startOver();
          }}
          options={subjects.map((s) => ({ value: s, label: t(`res.subject.${s}`) }))}
        />
        <span>{t('score.examiner')}</span>
        <Select
          data-testid="score-examiner"
          style={{ minWidth: 160 }}
          value={staffId}
          disabled={!registrationId}
          onChange={(v) => {
            setStaffId(v);
            startOver();
          }}
          options={examiners.map((s) => ({ value: s.id, label: `${s.name}（${s.employer}）` }))}
        />
      </Space>
      {registrationId && sittingId && staff.length > 0 && examiners.length === 0 ? (
        <Alert type="warning" showIcon title={t('score.noExaminers')} style={{ marginBottom: 12 }} />
      ) : null}
      <Table
        size="small"
        pagination={false}
        rowKey={(_, i) => String(i)}
        dataSource={criteria}
        columns={[
          {
            title: t('score.criterion'),
            render: (_, c, i) => (
              <Input
                data-testid="criterion-name"
                value={c.criterion}
                onChange={(e) => setRow(i, { criterion: e.target.value })}
              />
            ),
          },
          {
            title: t('score.points'),
            render: (_, c, i) => (
              <InputNumber
                data-testid="criterion-points"
                min={0}
                max={100}
                value={c.points}
                onChange={(v) => setRow(i, { points: v ?? 0 })}
              />
            ),
          },
          {
            title: t('common.actions'),
            render: (_, __, i) => (
              <Button
                size="small"
                danger
                disabled={criteria.length === 1}
                onClick={() => setCriteria((all) => all.filter((_, k) => k !== i))}
              >
                {t('score.remove')}
              </Button>
            ),
          },
        ]}
      />
      {reason !== null ? (
        <Space direction="vertical" style={{ width: '100%', marginTop: 12 }}>
          <Alert type="warning" showIcon data-testid="reason-needed" title={t('score.reasonNeeded')} />
          <Input.TextArea
            id="score-reason"
            placeholder={t('score.reason')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </Space>
      ) : null}
      <Space style={{ marginTop: 12 }} wrap>
        <Button onClick={() => setCriteria((all) => [...all, emptyCriterion()])}>
          {t('score.addCriterion')}
        </Button>
        <Typography.Text data-testid="score-total">{t('score.total', { total })}</Typography.Text>
        <Button
          type="primary"
          data-testid="save-score"
          loading={isSaving}
          disabled={!registrationId || !staffId || (reason !== null && reason.trim().length < 2)}
          onClick={save}
        >
          {t('score.save')}
        </Button>
        {saved ? (
          <Typography.Text type="success" data-testid="score-saved">
            {saved}
          </Typography.Text>
        ) : null}
      </Space>
      <ProblemAlert error={error} />
    </Card>
  );
}
