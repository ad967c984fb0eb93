/**
 * Pure rules of a sitting (issue 6 §2): where it may be held, when, and which changes its bookings allow.
 */
import { filingProblem } from '../institutions/institution.rules.ts';
import type { ErrorDetail } from '../shared/errors.ts';
import { chinaDateOf, type InstitutionFacts, type Plan } from './plans.model.ts';
import { institutionDetails, scheduleProblems } from './plans.rules.ts';

export interface SittingPlace {
  siteId: string;
  startsAt: Date;
  endsAt: Date;
}

/**
 * Why a sitting may not be held at this site and time: the site must be one of the institution's, the sitting must
 * end after it starts, its dates must fall within the institution's filing for the plan's occupation × level
 * ("after its filing lapsed, is refused"), and it takes place after registration closes.
 */
export function sittingProblems(
  plan: Pick<Plan, 'occupation' | 'level' | 'registrationCloses'>,
  institution: InstitutionFacts,
  sitting: SittingPlace & { id?: string },
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!institution.sites.some((s) => s.id === sitting.siteId))
    problems.push({
      path: 'body.siteId',
      message: `site-not-of-institution: not a site of ${institution.name}`,
    });
  if (sitting.endsAt <= sitting.startsAt)
    problems.push({ path: 'body.endsAt', message: 'ends-before-start: a sitting ends after it starts' });
  const dates = [...new Set([chinaDateOf(sitting.startsAt), chinaDateOf(sitting.endsAt)])];
  const seen = new Set<string>();
  for (const date of dates) {
    const problem = filingProblem(institution, institution.scopes, plan.occupation, plan.level, date);
    if (problem && !seen.has(problem.code)) {
      seen.add(problem.code);
      problems.push(...institutionDetails([{ institution, problem }]));
    }
  }
  const early = scheduleProblems(plan, [
    { id: sitting.id ?? 'new', institutionId: institution.id, ...sitting },
  ]);
  problems.push(...early.map((d) => ({ ...d, path: 'body.startsAt' })));
  return problems;
}

/** A change the sitting's bookings forbid (409), or null: see `updateSittingSchema`. */
export function bookingConflict(
  booked: number,
  change: { capacity?: number | undefined; movesTime: boolean },
): ErrorDetail | null {
  if (change.capacity !== undefined && change.capacity < booked)
    return { path: 'body.capacity', message: `capacity-below-booked: ${booked} places are booked` };
  if (change.movesTime && booked > 0)
    return { path: 'body.startsAt', message: `sitting-has-bookings: ${booked} places are booked` };
  return null;
}
