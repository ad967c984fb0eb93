import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type PlanPhase, planPhaseAt } from './live-plan-phase.ts';

/** A plan's phase from its first sitting's start and last sitting's end (issue 15 item 6). */
const plan = {
  firstSittingStartsAt: '2026-12-07T01:00:00.000Z',
  lastSittingEndsAt: '2026-12-09T04:00:00.000Z',
};
const cases: Array<
  [string, typeof plan | { firstSittingStartsAt: null; lastSittingEndsAt: null }, string, PlanPhase]
> = [
  [
    'no sitting yet',
    { firstSittingStartsAt: null, lastSittingEndsAt: null },
    '2026-12-08T00:00:00Z',
    'upcoming',
  ],
  ['before the first sitting', plan, '2026-12-07T00:59:59Z', 'upcoming'],
  ['as the first sitting starts', plan, '2026-12-07T01:00:00Z', 'in-progress'],
  ['between sittings', plan, '2026-12-08T12:00:00Z', 'in-progress'],
  ['a second before the last ends', plan, '2026-12-09T03:59:59Z', 'in-progress'],
  ['as the last sitting ends', plan, '2026-12-09T04:00:00Z', 'ended'],
  ['a year later', plan, '2027-12-09T04:00:00Z', 'ended'],
  // 09:00 China time on 7 December is 01:00 UTC: the same instant whatever the offset it is written with.
  [
    'an offset written instant',
    { ...plan, firstSittingStartsAt: '2026-12-07T09:00:00+08:00' },
    '2026-12-07T00:30:00Z',
    'upcoming',
  ],
];

describe('planPhaseAt', () => {
  for (const [name, p, now, expected] of cases)
    it(name, () => assert.equal(planPhaseAt(p, new Date(now)), expected));
});
