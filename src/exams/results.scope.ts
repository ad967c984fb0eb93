import type { Principal } from '../accounts/accounts.model.ts';
import type { PolicyDeps } from '../recognition/policy.service.ts';
import { AppError } from '../shared/errors.ts';
import type { ResultsRules } from './results.rules.ts';

export interface ResultsDeps extends PolicyDeps {
  results: ResultsRules;
}

/**
 * The plan and the caller's institutions in it (`mine`): a system admin all of them, an operator its own, a
 * province admin its province's. Results are run per institution; anyone else is told there is no such plan.
 */
export async function planFor(deps: ResultsDeps, principal: Principal, planId: string) {
  const plan = await deps.db.selectFrom('exam_plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) throw new AppError('not_found', 'no such plan');
  const members = await deps.db
    .selectFrom('exam_plan_institutions as pi')
    .innerJoin('institutions as i', 'i.id', 'pi.institution_id')
    .select(['i.id', 'i.code', 'i.name', 'pi.province'])
    .where('pi.plan_id', '=', planId)
    .execute();
  const mine =
    principal.role === 'system-admin'
      ? members
      : principal.role === 'institution-operator'
        ? members.filter((m) => m.id === principal.institution)
        : principal.role === 'province-admin'
          ? members.filter((m) => m.province === principal.province)
          : [];
  if (mine.length === 0) throw new AppError('not_found', 'no such plan');
  return { plan, members, mine };
}

/** As `planFor`, and supervisors too: a national one any plan, a provincial one a plan with an institution there. */
export async function assertPlanVisible(
  deps: ResultsDeps,
  principal: Principal,
  planId: string,
): Promise<void> {
  if (principal.role !== 'supervisor') {
    await planFor(deps, principal, planId);
    return;
  }
  const members = await deps.db
    .selectFrom('exam_plan_institutions')
    .select('province')
    .where('plan_id', '=', planId)
    .execute();
  const visible = members.some((m) => principal.province === null || m.province === principal.province);
  if (!visible) throw new AppError('not_found', 'no such plan');
}
