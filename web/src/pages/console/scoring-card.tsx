import { Alert, Button, Card, Input, InputNumber, Select, Space, Table, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError } from '../../api';
import { formatDateTime } from '../../format';
import { useI18n } from '../../i18n';
import { planConsoleApi } from '../../plan-console-api';
import type { ConsolePlan } from '../../plan-console-types';
import { staffingApi } from '../../staffing-api';
import { useApiData } from '../../use-api-data';
import { ProblemAlert } from './problem-alert';
import { resultsApi } from './results-api';

type Criterion = { criterion: string; points: number };
type Practical = 'skills' | 'review';
const emptyCriterion = (): Criterion => ({ criterion: '', points: 0 });

/**
 * 考评员评分 (issue 7 §4): one examiner's sheet for one registration, criterion by criterion. The sheets already
 * entered are read first: choosing an examiner who has one fills the form with it and asks for the reason of the
 * change up front (a change is refused without one, and audited).
 */
export function ScoringCard({ plan, onSaved }: { plan: ConsolePlan; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const subjects = plan.subjects.map((s) => s.kind).filter((k): k is Practical => k !== 'theory');
  const loadRegs = useCallback(
    () => planConsoleApi.registrations(plan.id, { status: 'registered', limit: 200 }),
    [plan.id],
  );
  const { data: regs } = useApiData(loadRegs);
  const [registrationId, setRegistrationId] = useState<string | undefined>(undefined);
  const [subject, setSubject] = useState<Practical | undefined>(subjects[0]);
  const [staffId, setStaffId] = useState<string | undefined>(undefined);
  const [criteria, setCriteria] = useState<Criterion[]>([emptyCriterion()]);
  const [reason, setReason] = useState<string | null>(null);
  const [isReasonShort, setIsReasonShort] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [isSaving, setIsSaving] = useState(false);

  const sittingId = regs?.items.find((r) => r.id === registrationId)?.sittingId;
  const loadStaff = useCallback(
    async () => (sittingId ? (await staffingApi.get(sittingId)).staff : []),
    [sittingId],
  );
  const { data: staff = [], error: staffError } = useApiData(loadStaff);
  const loadSheets = useCallback(
    async () => (registrationId ? resultsApi.sheets(registrationId) : undefined),
    [registrationId],
  );
  const { data: entered, error: sheetsError, reload: reloadSheets } = useApiData(loadSheets);
  const sheets = entered?.registrationId === registrationId ? (entered?.sheets ?? []) : [];
  const existing = sheets.find((s) => s.staffId === staffId && s.subject === subject);

  if (subjects.length === 0) return null;
  const role = subject === 'review' ? 'reviewer' : 'examiner';
  const examiners = staff.filter((s) => s.role === role);
  const total = criteria.reduce((a, c) => a + c.points, 0);
  const setRow = (i: number, patch: Partial<Criterion>) =>
    setCriteria((all) => all.map((c, k) => (k === i ? { ...c, ...patch } : c)));
  /** Starts the form from the examiner's sheet when there is one (a change then needs its reason), else empty. */
  const startFrom = (nextStaff: string | undefined, nextSubject: Practical | undefined) => {
    const sheet = sheets.find((s) => s.staffId === nextStaff && s.subject === nextSubject);
    setCriteria(sheet ? sheet.criteria.map((c) => ({ ...c })) : [emptyCriterion()]);
    setReason(sheet ? '' : null);
    setIsReasonShort(false);
    setSaved(null);
    setError(undefined);
  };

  const save = async () => {
    if (!registrationId || !staffId || !subject) return;
    if (reason !== null && reason.trim().length < 2) {
      setIsReasonShort(true);
      return;
    }
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
      // The sheet now exists: a further change needs its own reason.
      setReason('');
      setIsReasonShort(false);
      reloadSheets();
      onSaved();
    } catch (e) {
      // Someone else entered this sheet meanwhile: the API asks for the reason.
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
            startFrom(undefined, subject);
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
            startFrom(undefined, v);
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
            startFrom(v, subject);
          }}
          options={examiners.map((s) => ({ value: s.id, label: `${s.name}（${s.employer}）` }))}
        />
      </Space>
      {sheets.length > 0 ? (
        <Typography.Paragraph type="secondary" data-testid="entered-sheets">
          {t('score.entered')}{' '}
          {sheets
            .filter((s) => s.subject === subject)
            .map((s) => t('score.enteredOne', { name: s.staffName, total: s.total }))
            .join('；')}
        </Typography.Paragraph>
      ) : null}
      {entered?.closed ? (
        <Alert type="info" showIcon title={t('score.closed')} style={{ marginBottom: 12 }} />
      ) : null}
      {registrationId && sittingId && staff.length > 0 && examiners.length === 0 ? (
        <Alert type="warning" showIcon title={t('score.noExaminers')} style={{ marginBottom: 12 }} />
      ) : null}
      <Table
        locale={{ emptyText: t('empty.criteria') }}
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
          <Alert
            type="warning"
            showIcon
            data-testid="reason-needed"
            title={
              existing
                ? t('score.reasonNeededAt', {
                    total: existing.total,
                    at: formatDateTime(existing.scoredAt, lang),
                  })
                : t('score.reasonNeeded')
            }
          />
          <Input.TextArea
            id="score-reason"
            placeholder={t('score.reason')}
            status={isReasonShort ? 'error' : undefined}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setIsReasonShort(false);
            }}
          />
          {isReasonShort ? (
            <Typography.Text type="danger" data-testid="reason-short">
              {t('score.reasonShort')}
            </Typography.Text>
          ) : null}
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
          disabled={!registrationId || !staffId || entered?.closed === true}
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
      <ProblemAlert error={error ?? staffError ?? sheetsError} />
    </Card>
  );
}
