/** Where a plan stands now, from its sittings (issue 15 item 6: a finished plan is not counted as 进行中). */
export type PlanPhase = 'upcoming' | 'in-progress' | 'ended';

/**
 * 未开始 before the first sitting starts (or while it has no sitting at all), 已结束 once the last sitting has
 * ended, 进行中 in between. Instants compare as instants, so the browser's time zone plays no part; the page shows
 * times in China time (format.ts). A pause between two sittings still counts as 进行中: the plan is under way.
 */
export function planPhaseAt(
  plan: { firstSittingStartsAt: string | null; lastSittingEndsAt: string | null },
  now: Date,
): PlanPhase {
  const first = plan.firstSittingStartsAt === null ? Number.NaN : Date.parse(plan.firstSittingStartsAt);
  const last = plan.lastSittingEndsAt === null ? Number.NaN : Date.parse(plan.lastSittingEndsAt);
  if (Number.isNaN(first) || Number.isNaN(last) || now.getTime() < first) return 'upcoming';
  return now.getTime() < last ? 'in-progress' : 'ended';
}
