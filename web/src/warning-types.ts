import type { User } from './types';

/** Shapes of the warnings API (`/api/v1/warnings`, issue 8 §2–3) and the workflow the pages offer. */

export const warningStatuses = [
  'created',
  'sent',
  'answered',
  'returned',
  'escalated',
  'sanction-proposed',
  'closed',
] as const;
export type WarningStatus = (typeof warningStatuses)[number];

/** The list's status filter: a status, every warning not closed (`open`, the default), or all. */
export type WarningStatusFilter = WarningStatus | 'open' | 'all';

export const severities = ['hard', 'high', 'medium', 'low'] as const;
export type Severity = (typeof severities)[number];

export type WarningAction =
  | 'send'
  | 'answer'
  | 'accept'
  | 'return'
  | 'escalate'
  | 'propose-sanction'
  | 'carry-out-sanction'
  | 'decline-sanction'
  | 'dismiss';

/** What a reviewer may do through `POST /warnings/{id}/actions` (the institution answers through `/feedback`). */
export type ReviewAction = Exclude<WarningAction, 'answer'>;

export interface WarningView {
  id: string;
  rule: string;
  /** The rule's title, Chinese with English beside it. */
  title: string;
  severity: Severity;
  status: WarningStatus;
  reviewLevel: 'province' | 'national';
  institution: { id: string; name: string; code: string } | null;
  planId: string | null;
  planCode: string | null;
  sittingId: string | null;
  province: string | null;
  occupation: string | null;
  summary: string;
  /** What the rule found, as it stored it: a JSON object of facts. */
  evidence: unknown;
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface WarningAttachment {
  id: string;
  filename: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface WarningHistoryEntry {
  id: string;
  at: string;
  actor: string;
  /** A workflow action, or `raise` when a rule raised it. */
  action: string;
  from: string | null;
  to: string;
  comment: string | null;
  attachments: WarningAttachment[];
}

export interface WarningDetail extends WarningView {
  /** The rule's legal or statistical basis. */
  basis: string;
  history: WarningHistoryEntry[];
}

export interface SupervisionRule {
  id: string;
  severity: Severity;
  title: string;
  basis: string;
  thresholds: Record<string, unknown>;
}

export interface SupervisionRules {
  version: string;
  /** Days the institution has to answer. */
  reviewDays: number;
  rules: SupervisionRule[];
}

export interface WarningFilter {
  status: WarningStatusFilter;
  rule?: string;
  severity?: Severity;
  overdue?: 'true' | 'false';
  sort: 'created' | '-created' | 'due' | '-due';
}

type Actor = 'supervisor' | 'filing-authority';

/**
 * The review steps as the server's workflow has them (src/supervision/warnings.workflow.ts `steps`): from which
 * statuses, by whom, and whether a reason is required. The page hides what this rules out; the server still decides.
 */
export const reviewSteps: Record<ReviewAction, { from: WarningStatus[]; by: Actor; needsComment: boolean }> =
  {
    send: { from: ['created'], by: 'supervisor', needsComment: false },
    accept: { from: ['answered', 'escalated'], by: 'supervisor', needsComment: false },
    return: { from: ['answered', 'escalated'], by: 'supervisor', needsComment: true },
    escalate: { from: ['created', 'sent', 'answered', 'returned'], by: 'supervisor', needsComment: true },
    'propose-sanction': { from: ['answered', 'escalated', 'returned'], by: 'supervisor', needsComment: true },
    'carry-out-sanction': { from: ['sanction-proposed'], by: 'filing-authority', needsComment: true },
    'decline-sanction': { from: ['sanction-proposed'], by: 'filing-authority', needsComment: true },
    dismiss: {
      from: ['created', 'sent', 'answered', 'returned', 'escalated'],
      by: 'supervisor',
      needsComment: true,
    },
  };

/** The institution answers while the warning waits for it. */
export const canAnswer = (w: Pick<WarningView, 'status'>): boolean =>
  w.status === 'sent' || w.status === 'returned';

/**
 * The actions `user` may take on `w` now: supervisors review at the warning's level (only national ones once it is
 * escalated), the filing authority (a province admin, or a system admin) decides a proposed sanction.
 */
export function reviewActionsFor(user: User | null, w: WarningView): ReviewAction[] {
  if (!user) return [];
  const isAdmin = user.role === 'system-admin';
  const isReviewer =
    isAdmin ||
    (user.role === 'supervisor' &&
      (w.reviewLevel === 'national'
        ? user.province === null
        : user.province === null || user.province === w.province));
  const isFilingAuthority =
    isAdmin || (user.role === 'province-admin' && user.province !== null && user.province === w.province);
  return (Object.keys(reviewSteps) as ReviewAction[]).filter((action) => {
    const step = reviewSteps[action];
    if (!step.from.includes(w.status)) return false;
    if (action === 'escalate' && w.reviewLevel === 'national') return false;
    if ((action === 'propose-sanction' || action === 'carry-out-sanction') && !w.institution) return false;
    return step.by === 'supervisor' ? isReviewer : isFilingAuthority;
  });
}
