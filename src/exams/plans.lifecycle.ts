/**
 * Approving, cancelling and closing an exam plan (issue 6 §2), each in one transaction with its audit row and exam
 * event. Approval is the lead province's act and re-checks every filing against the plan's dates and sittings.
 */
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { appendExamEvent } from './events.ts';
import { canApprovePlan, canDecideApproved, canManagePlan } from './plans.access.ts';
import type { Plan, PlanDetail } from './plans.model.ts';
import { approvalProblems } from './plans.rules.ts';
import { assertStep, eventOf, loadInstitutions, lockPlan, type PlanDeps, refuse } from './plans.service.ts';
import { updatePlanRow } from './plans.store.ts';
import { getPlanView } from './plans.views.ts';
import { getSittingFacts } from './sittings.store.ts';

const steps = {
  approve: { kind: 'plan.approved', action: 'plan.approve' },
  cancel: { kind: 'plan.cancelled', action: 'plan.cancel' },
  close: { kind: 'plan.closed', action: 'plan.close' },
} as const;

/**
 * Approve (the lead province's admin; every filing re-checked — issue 6 §2), cancel (a draft by its managers, an
 * approved plan by the approving province) or close (approved → closed).
 */
export async function changePlanStatus(
  deps: PlanDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  step: keyof typeof steps,
  reason?: string,
): Promise<PlanDetail> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await lockPlan(trx, principal, id);
    const status = assertStep(before, step);
    const allowed =
      step === 'approve'
        ? canApprovePlan(principal, before)
        : step === 'cancel' && before.status === 'draft'
          ? canManagePlan(principal, before)
          : canDecideApproved(principal, before);
    if (!allowed) throw new AppError('forbidden', `you may not ${step} this plan`);
    const plan: Plan = { ...before, status, updatedAt: ctx.at, version: before.version + 1 };
    if (step === 'approve') {
      const institutions = await loadInstitutions(
        trx,
        before.institutions.map((i) => i.institutionId),
      );
      const sittings = await getSittingFacts(trx, id);
      refuse(
        'the plan cannot be approved',
        approvalProblems(before, institutions, sittings, todayInChina(deps.clock)),
      );
      plan.approvedBy = ctx.actorLabel;
      plan.approvedAt = ctx.at;
    }
    await updatePlanRow(trx, plan);
    await appendAudit(trx, ctx, {
      action: steps[step].action,
      targetType: 'exam-plan',
      targetId: id,
      before: { status: before.status, version: before.version },
      after: { status: plan.status, version: plan.version, ...(reason && { reason }) },
    });
    await appendExamEvent(trx, ctx, eventOf(plan, steps[step].kind, reason ? { reason } : {}));
  });
  return getPlanView(deps, principal, id);
}
