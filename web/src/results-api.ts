import { request } from './api';
import type { SubjectKind } from './exam-types';

const enc = encodeURIComponent;

export type ResultStatus = 'computed' | 'published' | 'appealed' | 'final' | 'issued';

export interface SubjectScore {
  kind: SubjectKind;
  score: number | null;
  passMark: number;
  passed: boolean;
  /** Examiners' totals behind a combined score (skills, review). */
  examiners?: number[];
}

export type ResultFlag =
  | { code: 'examiner-disagreement'; subject: SubjectKind; spread: number; threshold: number }
  | { code: 'missing-score'; subject: SubjectKind }
  | { code: 'too-few-examiners'; subject: SubjectKind; count: number };

export interface PlanResult {
  registrationId: string;
  holder: { name: string; idNumberMasked: string };
  province: string;
  scores: SubjectScore[];
  passed: boolean;
  flags: ResultFlag[];
  status: ResultStatus;
  publicityUntil: string | null;
  appealUntil: string | null;
  certificateNumber: string | null;
  /** The candidate's latest appeal, and how it was resolved (issue 7 §5). */
  appeal: Appeal | null;
}

export type AppealOutcome = 'upheld' | 'rejected';
export interface Appeal {
  reason: string;
  at: string;
  outcome: AppealOutcome | null;
  resolution: string | null;
}

/** GET /registrations/{id}/practical-scores: the examiners' sheets as entered. */
export interface PracticalSheets {
  registrationId: string;
  /** The certificate is issued: the sheets are closed to change. */
  closed: boolean;
  sheets: Array<{
    staffId: string;
    staffName: string;
    subject: 'skills' | 'review';
    criteria: Array<{ criterion: string; points: number }>;
    total: number;
    scoredAt: string;
  }>;
}

export interface IssueOutcome {
  issued: Array<{
    registrationId: string;
    number: string;
    /** 一试多证: the other departments asked to issue (issue 13 item 8); they number their own certificates. */
    requested: Array<{ type: string; status: 'pending' | 'already-held' }>;
  }>;
  /** Registrations whose publicity or appeal window is still open. */
  waiting: string[];
}

export interface ArchiveCheck {
  ok: boolean;
  records: number;
  purged: number;
  problems: Array<{ position: number; reason: string }>;
}

export interface ScoreSheet {
  staffId: string;
  subject: 'skills' | 'review';
  criteria: Array<{ criterion: string; points: number }>;
  reason?: string;
}

/** Grading, results, 公示, issuance and the sealed archive (issue 7 §4–6). */
export const resultsApi = {
  list: (planId: string) => request<{ items: PlanResult[] }>('GET', `/plans/${enc(planId)}/results`),
  compute: (planId: string) =>
    request<{ items: PlanResult[] }>('POST', `/plans/${enc(planId)}/results/compute`),
  publish: (planId: string, windows: { publicityDays: number; appealDays: number }) =>
    request<{ items: PlanResult[] }>('POST', `/plans/${enc(planId)}/results/publish`, windows),
  issue: (planId: string) => request<IssueOutcome>('POST', `/plans/${enc(planId)}/results/issue`),
  verifyArchive: (planId: string) => request<ArchiveCheck>('GET', `/plans/${enc(planId)}/archive/verify`),
  sheets: (registrationId: string) =>
    request<PracticalSheets>('GET', `/registrations/${enc(registrationId)}/practical-scores`),
  resolveAppeal: (registrationId: string, body: { outcome: AppealOutcome; resolution: string }) =>
    request<{ registrationId: string; status: 'final'; outcome: AppealOutcome; passed: boolean }>(
      'POST',
      `/registrations/${enc(registrationId)}/appeal/resolve`,
      body,
    ),
  purgeArchive: (planId: string) =>
    request<{ purged: number; kept: number }>('POST', `/plans/${enc(planId)}/archive/purge`),
  enterScore: (registrationId: string, sheet: ScoreSheet) =>
    request<{ registrationId: string; staffId: string; subject: string; total: number }>(
      'POST',
      `/registrations/${enc(registrationId)}/practical-scores`,
      sheet,
    ),
};
