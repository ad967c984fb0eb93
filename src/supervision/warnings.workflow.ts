import type { Principal } from '../accounts/accounts.model.ts';
import { coversScope } from '../accounts/accounts.rules.ts';
import type { WarningAction, WarningStatus } from './warnings.model.ts';

/**
 * The review workflow of a warning (issue 8 §3; 预警信息发送、审核、反馈): created → sent to the institution →
 * its feedback → the supervisor accepts and closes, returns it, escalates (province → national) or proposes a
 * sanction, which the filing authority carries out through the institution register (谁备案谁负责, exams.md §1.7)
 * or declines. A supervisor may dismiss a false alarm with a reason. Pure: who may, and to which status.
 */
export interface WarningFacts {
  status: WarningStatus;
  reviewLevel: 'province' | 'national';
  province: string | null;
  institutionId: string | null;
}

type Actor = 'supervisor' | 'institution' | 'filing-authority';
interface Step {
  from: readonly WarningStatus[];
  to: WarningStatus;
  by: Actor;
  /** A reason is required: returning, escalating, proposing or declining a sanction, dismissing. */
  needsComment: boolean;
}

export const steps: Record<WarningAction, Step> = {
  send: { from: ['created'], to: 'sent', by: 'supervisor', needsComment: false },
  answer: { from: ['sent', 'returned'], to: 'answered', by: 'institution', needsComment: true },
  accept: { from: ['answered', 'escalated'], to: 'closed', by: 'supervisor', needsComment: false },
  return: { from: ['answered', 'escalated'], to: 'returned', by: 'supervisor', needsComment: true },
  escalate: {
    from: ['created', 'sent', 'answered', 'returned'],
    to: 'escalated',
    by: 'supervisor',
    needsComment: true,
  },
  'propose-sanction': {
    from: ['answered', 'escalated', 'returned'],
    to: 'sanction-proposed',
    by: 'supervisor',
    needsComment: true,
  },
  'carry-out-sanction': {
    from: ['sanction-proposed'],
    to: 'closed',
    by: 'filing-authority',
    needsComment: true,
  },
  'decline-sanction': {
    from: ['sanction-proposed'],
    to: 'answered',
    by: 'filing-authority',
    needsComment: true,
  },
  dismiss: {
    from: ['created', 'sent', 'answered', 'returned', 'escalated'],
    to: 'closed',
    by: 'supervisor',
    needsComment: true,
  },
};

/**
 * Supervisors review at the warning's level: a provincial supervisor (or a national one) while it sits with the
 * province; only national supervisors once escalated. System admins may act for either.
 */
export function isReviewer(p: Principal, w: Pick<WarningFacts, 'reviewLevel' | 'province'>): boolean {
  if (p.role === 'system-admin') return true;
  if (p.role !== 'supervisor') return false;
  if (w.reviewLevel === 'national') return p.province === null;
  return coversScope(p, { province: w.province });
}

/** Who sees a warning: its reviewers, supervisors of its province, the filing authority, and — once sent — the institution. */
export function canSeeWarning(p: Principal, w: WarningFacts): boolean {
  if (p.role === 'system-admin') return true;
  if (p.role === 'supervisor' || p.role === 'province-admin') return coversScope(p, { province: w.province });
  if (p.role === 'institution-operator')
    return w.status !== 'created' && w.institutionId !== null && p.institution === w.institutionId;
  return false;
}

export type StepCheck =
  | { ok: true; to: WarningStatus; reviewLevel: 'province' | 'national' }
  | { ok: false; code: 'forbidden' | 'invalid_transition' | 'comment_required'; message: string };

export function checkStep(p: Principal, w: WarningFacts, action: WarningAction, comment?: string): StepCheck {
  const step = steps[action];
  const allowed =
    step.by === 'supervisor'
      ? isReviewer(p, w)
      : step.by === 'institution'
        ? p.role === 'institution-operator' && w.institutionId !== null && p.institution === w.institutionId
        : p.role === 'system-admin' ||
          (p.role === 'province-admin' && coversScope(p, { province: w.province }));
  if (!allowed) return { ok: false, code: 'forbidden', message: `your role may not ${action} this warning` };
  if (!step.from.includes(w.status))
    return {
      ok: false,
      code: 'invalid_transition',
      message: `cannot ${action} a warning that is ${w.status}`,
    };
  if (action === 'escalate' && w.reviewLevel === 'national')
    return { ok: false, code: 'invalid_transition', message: 'already with the national level' };
  if (step.needsComment && (comment ?? '').trim().length < 2)
    return { ok: false, code: 'comment_required', message: `${action} needs a comment (the reason)` };
  if ((action === 'propose-sanction' || action === 'carry-out-sanction') && w.institutionId === null)
    return { ok: false, code: 'invalid_transition', message: 'no institution to sanction' };
  return { ok: true, to: step.to, reviewLevel: action === 'escalate' ? 'national' : w.reviewLevel };
}

/** The institution owes an answer by the deadline; overdue once it passes while still with them. */
export function isOverdue(status: WarningStatus, dueAt: Date | null, now: Date): boolean {
  return dueAt !== null && (status === 'sent' || status === 'returned') && dueAt.getTime() < now.getTime();
}
