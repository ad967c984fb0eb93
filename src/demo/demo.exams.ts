import path from 'node:path';
import type { Principal } from '../accounts/accounts.model.ts';
import { createUser } from '../accounts/accounts.service.ts';
import { secretHashingOf } from '../accounts/secrets.ts';
import type { AuditContext } from '../audit/audit.store.ts';
import { projectRoot } from '../config.ts';
import { changePlanStatus } from '../exams/plans.lifecycle.ts';
import { createPlan } from '../exams/plans.service.ts';
import { type ExamStandards, loadExamStandards } from '../exams/plans.standards.ts';
import { createEligibilityChecker, loadOpenTarget, registerIn } from '../exams/registration.service.ts';
import { addSitting } from '../exams/sittings.service.ts';
import type { InstitutionView } from '../institutions/institution.model.ts';
import { fileInstitution } from '../institutions/institution.service.ts';
import { updateInstitution } from '../institutions/institution.update.ts';
import { loadPolicyPacks } from '../recognition/recognition.load.ts';
import { addDays } from '../registry/registry.rules.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { creditCodeCheckChar } from '../shared/identifiers.ts';
import { loadSupervisionRules } from '../supervision/supervision.rules-data.ts';
import { createWarningRunner } from '../supervision/warnings.runner.ts';
import { seedExamHistory } from './demo.exams-history.ts';
import { seedExamToday } from './demo.exams-today.ts';
import type { DemoAccount } from './demo.seed.ts';

/**
 * The demo's evaluation (issue 6 §6): institutions in four provinces (two filed for 电工 and 焊工 levels 5–3, an
 * employer filed for 电工 五级 only, and one whose filing lapsed), a joint 电工四级 plan of Shanghai and Jiangsu with
 * one schedule, and candidates registered through the same eligibility check as everyone — except `holder-demo`,
 * left for a newcomer to register. Dates are relative to today, so the plan is always open.
 */
const ELECTRICIAN = '6-31-01-03';
const WELDER = '6-18-02-04';

function creditCode(body17: string): string {
  return body17 + creditCodeCheckChar(body17);
}

type Level = '1' | '2' | '3' | '4' | '5';
const scopes = (pairs: [string, Level[]][]) =>
  pairs.flatMap(([occupation, levels]) => levels.map((level) => ({ occupation, level })));

export async function seedDemoExams(
  deps: RegistryDeps,
  ctx: AuditContext,
  seeder: Principal,
  password: () => string,
): Promise<DemoAccount[]> {
  const today = todayInChina(deps.clock);
  const standards = loadExamStandards(path.join(projectRoot, 'exams', 'standards.json'), deps.catalog);
  const planDeps = { ...deps, standards };
  const file = (input: Parameters<typeof fileInstitution>[3]) => fileInstitution(deps, ctx, seeder, input);
  const common = {
    filingLevel: 'provincial' as const,
    validFrom: '2025-01-01',
    validUntil: addDays(today, 3 * 365),
  };
  const shanghai = await file({
    ...common,
    creditCode: creditCode('52310000MJ0000101'),
    name: '上海市电工职业技能评价中心',
    kind: 'S',
    province: '310000',
    siteCode: '000101',
    sites: [{ name: '徐汇考点', address: '上海市徐汇区漕宝路 88 号', region: '310104' }],
    scopes: scopes([
      [ELECTRICIAN, ['5', '4', '3']],
      [WELDER, ['5', '4', '3']],
    ]),
  });
  const jiangsu = await file({
    ...common,
    creditCode: creditCode('52320000MJ0000201'),
    name: '江苏省电气行业技能评价站',
    kind: 'S',
    province: '320000',
    siteCode: '000201',
    sites: [{ name: '南京考点', address: '南京市鼓楼区中山北路 101 号', region: '320106' }],
    scopes: scopes([
      [ELECTRICIAN, ['5', '4', '3']],
      [WELDER, ['5', '4', '3']],
    ]),
  });
  await file({
    ...common,
    creditCode: creditCode('91440100MA0000301'),
    name: '广州供电服务有限公司（用人单位自主评价）',
    kind: 'Y',
    province: '440000',
    siteCode: '000301',
    sites: [{ name: '天河实训基地', address: '广州市天河区黄埔大道 300 号', region: '440106' }],
    scopes: scopes([[ELECTRICIAN, ['5']]]),
  });
  await file({
    ...common,
    validUntil: addDays(today, -60), // lapsed: the supervision issue warns on activity after it
    creditCode: creditCode('52330000MJ0000401'),
    name: '浙江某焊接职业培训学校',
    kind: 'S',
    province: '330000',
    siteCode: '000401',
    sites: [{ name: '杭州考点', address: '杭州市拱墅区莫干山路 400 号', region: '330105' }],
    scopes: scopes([[WELDER, ['5', '4']]]),
  });

  const plan = await createPlan(planDeps, ctx, seeder, {
    kind: 'joint',
    name: '长三角电工四级联考（第四期） Yangtze Delta joint exam, electrician level 4',
    occupation: ELECTRICIAN,
    level: '4',
    institutionIds: [shanghai.id, jiangsu.id],
    leadProvince: '310000',
    registrationOpens: addDays(today, -7),
    registrationCloses: addDays(today, 21),
  });
  // One schedule for both provinces: the same morning at each institution's site.
  const day = addDays(today, 28);
  const sittings = [];
  for (const inst of [shanghai, jiangsu]) {
    const site = inst.sites[0];
    if (!site) throw new Error('demo institution without a site');
    sittings.push(
      await addSitting(planDeps, ctx, seeder, plan.id, {
        institutionId: inst.id,
        siteId: site.id,
        startsAt: `${day}T09:00:00+08:00`,
        endsAt: `${day}T11:30:00+08:00`,
        capacity: inst === shanghai ? 60 : 40,
      }),
    );
  }
  // Approved by the lead province's HRSS (issue 6 §2), as the demo's sh-hrss account.
  const leadAdmin: Principal = { ...seeder, username: 'sh-hrss', role: 'province-admin', province: '310000' };
  await changePlanStatus(planDeps, { ...ctx, actorLabel: 'sh-hrss' }, leadAdmin, plan.id, 'approve');

  // Candidates: people whose 低压电工作业 certificate is in force, the demo holder's person excepted.
  const holderDemo = await deps.db
    .selectFrom('users')
    .select('holder_id')
    .where('username', '=', 'holder-demo')
    .executeTakeFirst();
  const people = await deps.db
    .selectFrom('certificates')
    .select('holder_id')
    .where('type', '=', 'mem.lv-electrician')
    .where('status', '=', 'valid')
    .where('valid_from', '<=', today)
    .where('valid_until', '>=', today)
    .where('holder_id', '!=', holderDemo?.holder_id ?? '00000000-0000-0000-0000-000000000000')
    // Not holding a 电工 skill-level certificate already: 四级 is their next step (else "level-already-held").
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('certificates as s')
            .select('s.id')
            .whereRef('s.holder_id', '=', 'certificates.holder_id')
            .where('s.type', '=', 'mohrss.skill-level')
            .where('s.occupation', '=', ELECTRICIAN),
        ),
      ),
    )
    .orderBy('holder_id')
    .limit(12)
    .execute();
  const examDeps = { ...deps, policies: loadPolicyPacks(path.join(projectRoot, 'policies'), deps.catalog) };
  const check = createEligibilityChecker(examDeps);
  for (const [i, p] of people.entries()) {
    const sitting = sittings[i % 2];
    if (!sitting) continue;
    const target = await loadOpenTarget(examDeps, plan.id, sitting.id);
    const declared = { yearsInOccupation: 6 + (i % 5) };
    const { eligibility, decisionId } = await check(p.holder_id, ELECTRICIAN, '4', target.province, declared);
    // People for whom 四级 is the next step (one deemed 四级 may sit it too, but the demo does not pick them).
    if (!eligibility.eligible || eligibility.reasonCodes.includes('deemed-level-not-held')) continue;
    await deps.db.transaction().execute((trx) =>
      registerIn(trx, ctx, {
        target,
        holderId: p.holder_id,
        declared,
        eligibility,
        decisionId,
        channel: 'self',
      }),
    );
  }

  const site = (inst: typeof shanghai) => ({ id: inst.id, siteId: inst.sites[0]?.id ?? '' });
  await seedExamHistory(
    deps,
    seeder,
    { shanghai: site(shanghai), jiangsu: site(jiangsu) },
    holderDemo?.holder_id ?? '00000000-0000-0000-0000-000000000000',
  );
  await seedExamToday(deps, seeder, site(shanghai), holderDemo?.holder_id ?? null);
  await plantSupervisionCases(planDeps, ctx, jiangsu);

  const accounts: DemoAccount[] = [];
  const users = [
    {
      username: 'inst-sh',
      displayName: '上海电工评价中心 操作员',
      role: 'institution-operator' as const,
      institution: shanghai.id,
      scope: shanghai.name,
    },
    {
      username: 'inst-js',
      displayName: '江苏电气评价站 操作员',
      role: 'institution-operator' as const,
      institution: jiangsu.id,
      scope: jiangsu.name,
    },
    {
      username: 'js-hrss',
      displayName: '江苏省人社厅 Jiangsu HRSS',
      role: 'province-admin' as const,
      province: '320000',
      scope: '320000',
    },
  ];
  for (const { scope, ...user } of users) {
    const secret = password();
    await createUser(deps.db, ctx, { ...user, password: secret }, secretHashingOf(deps.keyring.protector()));
    accounts.push({ username: user.username, password: secret, role: user.role, scope });
  }
  return accounts;
}

/**
 * The supervision demo (issue 8 "done when"): Jiangsu's HRSS narrows its station's filing to 电工 levels 5 and 3
 * after the 第四期 sitting was scheduled there, so that sitting now lies outside the filed scope; with the copying
 * pair planted in the 第三期 history, the rules raise exactly those warnings — run here so they are there at start.
 */
async function plantSupervisionCases(
  deps: RegistryDeps & { standards: ExamStandards },
  ctx: AuditContext,
  jiangsu: InstitutionView,
): Promise<void> {
  const jsAdmin: Principal = {
    via: 'token',
    userId: null,
    username: 'js-hrss',
    role: 'province-admin',
    department: null,
    province: '320000',
    institution: null,
    holderId: null,
  };
  const current = await deps.db
    .selectFrom('institutions')
    .select('version')
    .where('id', '=', jiangsu.id)
    .executeTakeFirstOrThrow();
  await updateInstitution(
    deps,
    { ...ctx, actorLabel: 'js-hrss', at: deps.clock.now() },
    jsAdmin,
    jiangsu.id,
    {
      version: current.version,
      scopes: scopes([
        [ELECTRICIAN, ['5', '3']],
        [WELDER, ['5', '4', '3']],
      ]),
    },
  );
  const runner = createWarningRunner({ ...deps, supervision: loadSupervisionRules() });
  while ((await runner.runOnce()).events > 0) {
    // Until every exam event so far has been read.
  }
}
