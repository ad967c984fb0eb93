/**
 * Who may see and change an exam plan (issue 6 §2, §7). Pure: the principal and the plan's scope are passed in.
 */
import type { Principal } from '../accounts/accounts.model.ts';
import type { Plan, PlanAction } from './plans.model.ts';

type PlanScope = Pick<Plan, 'kind' | 'leadProvince' | 'institutions' | 'approvedAt'>;

/** Once approved a plan is public for good (a cancelled or closed one too, for its candidates); drafts are not. */
export function isPublished(plan: Pick<Plan, 'approvedAt'>): boolean {
  return plan.approvedAt !== null;
}

/**
 * Staff scope (issue 6 §7): an institution operator the plans its institution takes part in; a province admin or
 * provincial supervisor those with an institution in its province or that it leads; system admins and national
 * supervisors all.
 */
export function isInScope(principal: Principal | null, plan: PlanScope): boolean {
  if (!principal) return false;
  switch (principal.role) {
    case 'system-admin':
      return true;
    case 'supervisor':
      return principal.province === null || touchesProvince(plan, principal.province);
    case 'province-admin':
      return principal.province !== null && touchesProvince(plan, principal.province);
    case 'institution-operator':
      return plan.institutions.some((i) => i.institutionId === principal.institution);
    default:
      return false;
  }
}

function touchesProvince(plan: PlanScope, province: string): boolean {
  return plan.leadProvince === province || plan.institutions.some((i) => i.province === province);
}

export function canSeePlan(principal: Principal | null, plan: PlanScope): boolean {
  return isPublished(plan) || isInScope(principal, plan);
}

/** Edits a draft (and cancels it): its institution's operator (single), the lead province's admin, a system admin. */
export function canManagePlan(principal: Principal, plan: PlanScope): boolean {
  if (principal.role === 'system-admin') return true;
  if (principal.role === 'province-admin') return principal.province === plan.leadProvince;
  return (
    principal.role === 'institution-operator' &&
    plan.kind === 'single' &&
    plan.institutions.some((i) => i.institutionId === principal.institution)
  );
}

/**
 * Approval is the lead province's act (issue 6 §2): for a single plan the province of its institution, for a joint
 * plan the lead province — by a province admin of it, nobody else.
 */
export function canApprovePlan(principal: Principal, plan: PlanScope): boolean {
  return principal.role === 'province-admin' && principal.province === plan.leadProvince;
}

/** Cancelling or closing an approved plan: the approving province, or a system admin. */
export function canDecideApproved(principal: Principal, plan: PlanScope): boolean {
  return principal.role === 'system-admin' || canApprovePlan(principal, plan);
}

/**
 * Acts on a plan as a whole — purging its sealed archive (issue 7 §6), running every warning rule over it (issue 8
 * §2) — are the lead province's (issue 17 §4). The archive is one hash chain per plan and the roster and papers are
 * plan-wide records, so they cannot be split per province; a joint plan's other provinces see and verify them but
 * do not act on them. A national supervisor or a system admin acts on any plan.
 */
export function canActOnWholePlan(principal: Principal, plan: Pick<Plan, 'leadProvince'>): boolean {
  switch (principal.role) {
    case 'system-admin':
      return true;
    case 'supervisor':
      return principal.province === null || principal.province === plan.leadProvince;
    case 'province-admin':
      return principal.province === plan.leadProvince;
    default:
      return false;
  }
}

/**
 * Schedules sittings at an institution's sites: that institution's operator, the plan's lead province admin or the
 * admin of the institution's province, a system admin.
 */
export function canManageSittingsAt(
  principal: Principal,
  plan: PlanScope,
  institution: { id: string; province: string },
): boolean {
  switch (principal.role) {
    case 'system-admin':
      return true;
    case 'province-admin':
      return principal.province === plan.leadProvince || principal.province === institution.province;
    case 'institution-operator':
      return principal.institution === institution.id;
    default:
      return false;
  }
}

/** The buttons the console shows for this caller and plan. */
export function planActionsFor(
  principal: Principal | null,
  plan: PlanScope & Pick<Plan, 'status'>,
): PlanAction[] {
  if (!principal || !isInScope(principal, plan)) return [];
  const actions: PlanAction[] = [];
  const isDraft = plan.status === 'draft';
  if (isDraft && canManagePlan(principal, plan)) actions.push('update');
  if (isDraft && canApprovePlan(principal, plan)) actions.push('approve');
  if (
    (isDraft && canManagePlan(principal, plan)) ||
    (plan.status === 'approved' && canDecideApproved(principal, plan))
  )
    actions.push('cancel');
  if (plan.status === 'approved' && canDecideApproved(principal, plan)) actions.push('close');
  const open = isDraft || plan.status === 'approved';
  if (
    open &&
    plan.institutions.some((i) =>
      canManageSittingsAt(principal, plan, { id: i.institutionId, province: i.province }),
    )
  )
    actions.push('manage-sittings');
  return actions;
}
