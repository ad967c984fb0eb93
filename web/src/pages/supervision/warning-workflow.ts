import type { User } from '../../types';
import type { ReviewAction, WarningStatus, WarningView } from './warnings-api';

/** The warning statuses in workflow order (the server's `warningStatuses`), for the list's filter. */
export const warningStatuses: readonly WarningStatus[] = [
  'created',
  'sent',
  'answered',
  'returned',
  'escalated',
  'sanction-proposed',
  'closed',
];

export const severities = ['hard', 'high', 'medium', 'low'] as const;

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
