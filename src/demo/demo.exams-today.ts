import path from 'node:path';
import type { Principal } from '../accounts/accounts.model.ts';
import type { AuditContext } from '../audit/audit.store.ts';
import { projectRoot } from '../config.ts';
import { blueprintSchema } from '../exams/assembly.model.ts';
import { assemblePapers, lockPaper } from '../exams/assembly.service.ts';
import { changePlanStatus } from '../exams/plans.lifecycle.ts';
import { createPlan } from '../exams/plans.service.ts';
import { loadExamStandards } from '../exams/plans.standards.ts';
import { createEligibilityChecker, loadOpenTarget, registerIn } from '../exams/registration.service.ts';
import { loadResultsRules } from '../exams/results.rules.ts';
import { addSitting } from '../exams/sittings.service.ts';
import { assignStaff } from '../exams/staffing.service.ts';
import { loadPolicyPacks } from '../recognition/recognition.load.ts';
import { addDays } from '../registry/registry.rules.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { fixedClock, todayInChina } from '../shared/clock.ts';

/**
 * A sitting a newcomer can take today (issue 7 "done when": walk the whole flow in the UI): Shanghai's own
 * 电工四级（第五期）, registration open from 20 to 2 days ago, one sitting today from 00:00 to 23:59 China time (a
 * sitting's length has no bound in the rules; the theory attempt still ends 90 minutes after it starts, or at 23:59),
 * its theory paper assembled from the bank 第三期 filled and locked, two invigilators and three examiners from an
 * outside employer, and `holder-demo` registered — so they can sit the exam today and `inst-sh` can score, publish
 * and issue it. Each step runs on a clock set to its day, as in `demo.exams-history.ts`: plans require sittings
 * after registration closes and approval before the window passes.
 *
 * Kept clean for supervision (its staffing is checked once the sitting has begun, so it meets the ratios and
 * recusal) and out of holder-demo's way for 第四期: no overlapping sitting and no 四级 certificate until issued.
 */
const ELECTRICIAN = '6-31-01-03';

/** The blueprint of 第三期's theory paper, one form: 20 items per knowledge point, 2.5 points each. */
const theoryBlueprint = blueprintSchema.parse({
  occupation: ELECTRICIAN,
  level: '4',
  subject: 'theory',
  totalScore: 100,
  rows: ['电工-4-安全用电', '电工-4-电工基础'].flatMap((knowledgePoint) =>
    (
      [
        ['easy', 6],
        ['medium', 8],
        ['hard', 6],
      ] as const
    ).map(([difficulty, count]) => ({ knowledgePoint, type: 'single', difficulty, count, scoreEach: 2.5 })),
  ),
});

export async function seedExamToday(
  base: RegistryDeps,
  seeder: Principal,
  shanghai: { id: string; siteId: string },
  /** The demo holder's person, registered here; null when the demo has none. */
  holderDemo: string | null,
): Promise<void> {
  const today = todayInChina(base.clock);
  const policies = loadPolicyPacks(path.join(projectRoot, 'policies'), base.catalog);
  const standards = loadExamStandards(path.join(projectRoot, 'exams', 'standards.json'), base.catalog);
  const results = loadResultsRules();
  const on = (date: string) => {
    const clock = fixedClock(`${date}T02:00:00Z`);
    const deps = { ...base, clock, policies, standards, results };
    const ctx: AuditContext = { actorId: null, actorLabel: 'demo-seed', requestId: null, at: clock.now() };
    return { deps, ctx };
  };
  const shAdmin: Principal = { ...seeder, username: 'sh-hrss', role: 'province-admin', province: '310000' };
  const operator: Principal = { ...seeder, role: 'institution-operator', institution: shanghai.id };

  // The plan, drafted and approved while its registration window was open.
  const opens = addDays(today, -20);
  const { deps: d0, ctx: c0 } = on(opens);
  const plan = await createPlan(d0, c0, seeder, {
    kind: 'single',
    name: '上海电工四级（第五期） Shanghai electrician level 4 (5th)',
    occupation: ELECTRICIAN,
    level: '4',
    institutionIds: [shanghai.id],
    registrationOpens: opens,
    registrationCloses: addDays(today, -2),
  });
  const sitting = await addSitting(d0, c0, seeder, plan.id, {
    institutionId: shanghai.id,
    siteId: shanghai.siteId,
    startsAt: `${today}T00:00:00+08:00`,
    endsAt: `${today}T23:59:00+08:00`,
    capacity: 15,
  });
  await changePlanStatus(d0, { ...c0, actorLabel: 'sh-hrss' }, shAdmin, plan.id, 'approve');
  // A single plan's papers are its institution's to assemble (issue 7 §2).
  for (const paper of await assemblePapers(d0, c0, operator, plan.id, theoryBlueprint))
    await lockPaper(d0, c0, operator, paper.id);

  // Staff by the ratios: two invigilators, three examiners (odd), none from Shanghai's centre itself.
  const { deps: d1, ctx: c1 } = on(addDays(today, -10));
  for (const [role, name] of [
    ['invigilator', '监考丙'],
    ['invigilator', '监考丁'],
    ['examiner', '考评员丁'],
    ['examiner', '考评员戊'],
    ['examiner', '考评员己'],
  ] as const)
    await assignStaff(d1, operator, c1, sitting.id, { role, name, employer: '外聘考评单位（第五期）' });

  // holder-demo registered ten days ago, through the same eligibility check as everyone.
  if (!holderDemo) return;
  const target = await loadOpenTarget(d1, plan.id, sitting.id);
  const declared = { yearsInOccupation: 6 };
  const { eligibility, decisionId } = await createEligibilityChecker(d1)(
    holderDemo,
    ELECTRICIAN,
    '4',
    target.province,
    declared,
  );
  if (!eligibility.eligible) throw new Error(`holder-demo is not eligible: ${eligibility.summaryEn}`);
  const registered = await d1.db.transaction().execute((trx) =>
    registerIn(trx, c1, {
      target,
      holderId: holderDemo,
      declared,
      eligibility,
      decisionId,
      channel: 'self',
    }),
  );
  if (!registered.ok) throw new Error(`holder-demo not registered for 第五期: ${registered.reason}`);
}
