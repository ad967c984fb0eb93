import type { Kysely } from 'kysely';
import type { Principal } from '../accounts/accounts.model.ts';
import type { Database } from '../db/schema.ts';
import { AppError } from '../shared/errors.ts';
import { canActOnWholePlan, isInScope } from './plans.access.ts';
import type { Plan } from './plans.model.ts';
import { getPlanInstitutions } from './plans.store.ts';

/**
 * Loads a plan for an act on it as a whole (archive purge, a supervision run): outside the caller's scope it does
 * not exist (404, as every staff route answers); inside it but not the lead province's, 403 — the caller already
 * sees the plan, only the act is the lead province's (issue 17 §4).
 */
export async function loadPlanForWholeAct(
  db: Kysely<Database>,
  principal: Principal,
  planId: string,
): Promise<Pick<Plan, 'kind' | 'leadProvince' | 'approvedAt' | 'institutions'>> {
  // Only the scope columns: the act needs no more of the plan than who it belongs to.
  const row = await db
    .selectFrom('exam_plans')
    .select(['kind', 'lead_province', 'approved_at'])
    .where('id', '=', planId)
    .executeTakeFirst();
  const plan = row && {
    kind: row.kind as Plan['kind'],
    leadProvince: row.lead_province,
    approvedAt: row.approved_at,
    institutions: await getPlanInstitutions(db, planId),
  };
  if (!plan || !isInScope(principal, plan)) throw new AppError('not_found', 'no such plan');
  if (!canActOnWholePlan(principal, plan))
    throw new AppError(
      'forbidden',
      `only the lead province (${plan.leadProvince}) acts on the plan as a whole`,
      [{ path: 'planId', message: 'not-lead-province' }],
    );
  return plan;
}
