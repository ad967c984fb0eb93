import path from 'node:path';
import type { Principal } from '../accounts/accounts.model.ts';
import type { AuditContext } from '../audit/audit.store.ts';
import { createItem, transitionItem } from '../bank/bank.service.ts';
import { projectRoot } from '../config.ts';
import { assemblePapers, lockPaper } from '../exams/assembly.service.ts';
import { saveAnswer, startAttempt, submitAttempt } from '../exams/attempts.service.ts';

type AttemptView = Awaited<ReturnType<typeof startAttempt>>['view'];

import { changePlanStatus } from '../exams/plans.lifecycle.ts';
import { createPlan } from '../exams/plans.service.ts';
import { loadExamStandards } from '../exams/plans.standards.ts';
import { createEligibilityChecker, loadOpenTarget, registerIn } from '../exams/registration.service.ts';
import { loadResultsRules } from '../exams/results.rules.ts';
import {
  computeResults,
  enterPracticalScore,
  issueCertificates,
  publishResults,
} from '../exams/results.service.ts';
import { addSitting } from '../exams/sittings.service.ts';
import { assignStaff } from '../exams/staffing.service.ts';
import { confirmRequest, listQueue } from '../issuance/issuance.service.ts';
import { decideCosignature, publishDraft, requestCosignatures } from '../recognition/policy.cosign.ts';
import { createDraft, updateDraft } from '../recognition/policy.service.ts';
import { loadPolicyPacks } from '../recognition/recognition.load.ts';
import { addDays } from '../registry/registry.rules.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { fixedClock, todayInChina } from '../shared/clock.ts';
import { gnormed } from '../supervision/integrity.ts';
import { demoQuestions, optionsOf } from './demo.bank.ts';
import { mulberry32 } from './demo.random.ts';

/**
 * An ordinary demo candidate's person-fit stays below this (the rule's threshold is 0.5, supervision/rules.json), with
 * room for the form's own proportions correct, which the rule uses instead of the bank's once 20 took a form.
 */
const PLAUSIBLE_GNORMED = 0.35;

/**
 * The previous joint 电工四级 exam carried through (issue 7 §8): items contributed and reviewed, two parallel papers
 * assembled, sittings taken on the exam page's service, examiners' sheets, results published and — after the 公示 and
 * appeal windows — certificates issued, Shanghai's under its 一试多证 arrangement (a request to MOHURD for 建筑电工,
 * some confirmed by the Shanghai MOHURD admin with its own numbers, the rest still pending). Each
 * step runs on a clock set to the day it happened, so the history reads as it would have.
 */
const ELECTRICIAN = '6-31-01-03';
const at = (date: string, time = '02:00:00Z') => fixedClock(`${date}T${time}`);

export async function seedExamHistory(
  base: RegistryDeps,
  seeder: Principal,
  institutions: { shanghai: { id: string; siteId: string }; jiangsu: { id: string; siteId: string } },
  /** The demo holder's person: left without a 四级 certificate so a newcomer can register them (issue 6). */
  exclude: string,
): Promise<void> {
  const today = todayInChina(base.clock);
  const policies = loadPolicyPacks(path.join(projectRoot, 'policies'), base.catalog);
  const standards = loadExamStandards(path.join(projectRoot, 'exams', 'standards.json'), base.catalog);
  const results = loadResultsRules();
  const on = (date: string, time?: string) => {
    const clock = at(date, time);
    const deps = { ...base, clock, policies, standards, results };
    const ctx: AuditContext = { actorId: null, actorLabel: 'demo-seed', requestId: null, at: clock.now() };
    return { deps, ctx };
  };
  const shAdmin: Principal = { ...seeder, username: 'sh-hrss', role: 'province-admin', province: '310000' };
  const start = addDays(today, -60);

  // Shanghai's 一试多证 arrangement: passing 电工四级 also asks MOHURD for the 建筑电工 certificate.
  {
    const { deps, ctx } = on(start);
    const draft = await createDraft(deps, ctx, shAdmin, '310000');
    await updateDraft(deps, ctx, shAdmin, '310000', draft.version, {
      overrides: [],
      correspondence: [],
      oneExamMultiCert: [
        {
          id: 'sh.oemc.electrician-4',
          occupation: ELECTRICIAN,
          level: '4',
          issues: ['mohrss.skill-level', 'mohurd.electrician'],
          basis: '演示：沪人社、沪住建联合安排（虚构）demo arrangement (fictional)',
          effectiveFrom: start,
        },
      ],
    } as never);
    // 会同: the arrangement issues a MOHURD certificate, so 上海住建 co-signs it before it is published.
    await requestCosignatures(deps, ctx, shAdmin, '310000', draft.version);
    const mohurdSh: Principal = {
      ...seeder,
      username: 'mohurd-sh',
      role: 'department-admin',
      department: 'mohurd',
      province: '310000',
    };
    await decideCosignature(deps, ctx, mohurdSh, '310000', draft.version, {
      department: 'mohurd',
      outcome: 'signed',
    });
    await publishDraft(deps, ctx, shAdmin, '310000', draft.version, start);
  }

  // The bank: items contributed by Shanghai, reviewed and activated by the system admin (four eyes). Thirty items
  // per knowledge point, ten in each difficulty band, so two 40-item forms can be told apart.
  const answers = new Map<string, { key: string; difficulty: number }>();
  {
    const { deps, ctx } = on(start);
    for (const kp of ['电工-4-安全用电', '电工-4-电工基础']) {
      const questions = demoQuestions[kp] ?? [];
      for (let i = 1; i <= 30; i++) {
        const correct = (['A', 'B', 'C', 'D'] as const)[i % 4] as 'A' | 'B' | 'C' | 'D';
        const question = questions[i - 1];
        if (!question) throw new Error(`the demo bank has no question ${i} for ${kp}`);
        // Easy 0.15–0.33, medium 0.45–0.63, hard 0.75–0.93 (0 easiest … 1 hardest, as the bank stores it).
        const difficulty =
          Math.round((0.15 + 0.3 * Math.floor((i - 1) / 10) + 0.02 * ((i - 1) % 10)) * 100) / 100;
        const item = await createItem(deps, ctx, shAdmin, {
          type: 'single',
          occupation: ELECTRICIAN,
          level: '4',
          knowledgePoint: kp,
          stem: question.stem,
          options: optionsOf(question, correct),
          answer: [correct],
          score: 2.5,
          difficulty,
        } as never);
        answers.set(item.id, { key: correct, difficulty });
        for (const step of ['review', 'activate'] as const)
          await transitionItem(deps, ctx, seeder, item.id, step, '演示审核通过 reviewed for the demo');
      }
    }
  }

  // The plan, its sittings, approval, registrations.
  const sitDay = addDays(today, -45);
  const { deps: d0, ctx: c0 } = on(start);
  const plan = await createPlan(d0, c0, seeder, {
    kind: 'joint',
    name: '长三角电工四级联考（第三期） Yangtze Delta joint exam, electrician level 4 (3rd)',
    occupation: ELECTRICIAN,
    level: '4',
    institutionIds: [institutions.shanghai.id, institutions.jiangsu.id],
    leadProvince: '310000',
    registrationOpens: start,
    registrationCloses: addDays(sitDay, -3),
  });
  const sittings = [];
  for (const inst of [institutions.shanghai, institutions.jiangsu])
    sittings.push(
      await addSitting(d0, c0, seeder, plan.id, {
        institutionId: inst.id,
        siteId: inst.siteId,
        startsAt: `${sitDay}T09:00:00+08:00`,
        endsAt: `${sitDay}T11:30:00+08:00`,
        capacity: 30,
      }),
    );
  await changePlanStatus(d0, { ...c0, actorLabel: 'sh-hrss' }, shAdmin, plan.id, 'approve');
  const papers = await assemblePapers(d0, c0, shAdmin, plan.id, {
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
    forms: 2,
    maxOverlap: 0.5,
  } as never);
  for (const p of papers) await lockPaper(d0, c0, shAdmin, p.id);

  const { deps: d1, ctx: c1 } = on(addDays(start, 5));
  const check = createEligibilityChecker(d1);
  const people = await base.db
    .selectFrom('certificates')
    .select('holder_id')
    .where('type', '=', 'mem.lv-electrician')
    .where('status', '=', 'valid')
    .where('valid_from', '<=', start)
    .where('valid_until', '>=', today)
    .where('holder_id', '!=', exclude)
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
    .orderBy('holder_id', 'desc')
    .limit(80)
    .execute();
  const registered: { id: string; holderId: string; sitting: number }[] = [];
  // Twenty-four candidates, twelve per province (K needs ten others on the copied form to compare with): people a
  // higher-voltage certificate already makes 四级 are told so and skipped.
  for (const p of people) {
    if (registered.length === 24) break;
    const i = registered.length;
    const sitting = sittings[i % 2];
    if (!sitting) continue;
    const target = await loadOpenTarget(d1, plan.id, sitting.id);
    // Years in the occupation (累计6年以上 needs no level held); years since 五级 are not declared.
    const declared = { yearsInOccupation: 6 + (i % 3) };
    const { eligibility, decisionId } = await check(p.holder_id, ELECTRICIAN, '4', target.province, declared);
    // The demo picks people for whom 四级 is the next step: one deemed 四级 (高压) may sit it, but is not chosen here.
    if (!eligibility.eligible || eligibility.reasonCodes.includes('deemed-level-not-held')) continue;
    const r = await d1.db.transaction().execute((trx) =>
      registerIn(trx, c1, {
        target,
        holderId: p.holder_id,
        declared,
        eligibility,
        decisionId,
        channel: 'self',
      }),
    );
    if (r.ok) registered.push({ id: r.id, holderId: p.holder_id, sitting: i % 2 });
  }

  // Staff: two invigilators and three examiners per room, from outside the running institutions.
  const staff: string[][] = [];
  for (const [k, s] of sittings.entries()) {
    const operator: Principal = {
      ...seeder,
      role: 'institution-operator',
      institution: k === 0 ? institutions.shanghai.id : institutions.jiangsu.id,
    };
    const ids: string[] = [];
    for (const [role, name] of [
      ['invigilator', '监考甲'],
      ['invigilator', '监考乙'],
      ['examiner', '考评员甲'],
      ['examiner', '考评员乙'],
      ['examiner', '考评员丙'],
    ] as const) {
      const v = await assignStaff(d1, operator, c1, s.id, {
        role,
        name: `${name}${k + 1}`,
        employer: `外聘考评单位${k + 1}`,
      });
      if (role === 'examiner') ids.push(v.id);
    }
    staff.push(ids);
  }

  // The theory exam, taken on the exam page's service. Answers follow a simple item-response model (a candidate's
  // ability against each item's difficulty, seeded), so the supervision statistics see realistic rooms — except for
  // one planted pair: a candidate who copied the answers of a neighbour on the same form, wrong ones included (issue
  // 8 "done when": the copying warning must fire on exactly them). Forms follow from the random registration ids, so
  // the pair is chosen on the form most candidates sat (K estimates its p from the others on that form), and the
  // source answers wrong exactly the fourteen hardest items of its form: it passes, and the pair stands out, on every run.
  const { deps: d2, ctx: c2 } = on(sitDay, '01:10:00Z');
  const views: { holder: Principal; r: (typeof registered)[number]; view: AttemptView }[] = [];
  for (const [i, r] of registered.entries()) {
    const holder: Principal = { ...seeder, role: 'holder', holderId: r.holderId, username: `holder-${i}` };
    views.push({ holder, r, view: (await startAttempt(d2, holder, c2, r.id)).view });
  }
  // Same form = the same items (a candidate's view does not name its paper).
  const formOf = (v: (typeof views)[number]) =>
    v.view.items
      .map((q) => q.itemId)
      .sort()
      .join();
  const byForm = new Map<string, typeof views>();
  for (const v of views) byForm.set(formOf(v), [...(byForm.get(formOf(v)) ?? []), v]);
  const busiest = [...byForm.values()].sort((a, b) => b.length - a.length)[0] ?? [];
  const pair = [0, 1]
    .map((room) => busiest.filter((v) => v.r.sitting === room))
    .find((sameRoom) => sameRoom.length >= 2)
    ?.slice(0, 2);
  const [source, copier] = pair ?? [];
  // One Jiangsu candidate outside the pair falls short in the skills task (all sit the theory paper alike: a random
  // guesser beside able candidates is exactly what makes K's comparison group misleading).
  const weak = views.find((v) => v.r.sitting === 1 && v !== source && v !== copier);
  const given = new Map<string, Map<string, string>>();
  for (const [i, { holder, r, view }] of views.entries()) {
    const items = [...view.items].sort((a, b) => a.itemId.localeCompare(b.itemId));
    const hardest = new Set(
      [...items]
        .sort((a, b) => (answers.get(b.itemId)?.difficulty ?? 0) - (answers.get(a.itemId)?.difficulty ?? 0))
        .slice(0, 14)
        .map((q) => q.itemId),
    );
    const ability = 0.8 + (i % 3) * 0.04;
    const copied = copier && r.id === copier.r.id && source ? given.get(source.r.id) : undefined;
    const planted = copied !== undefined || (source !== undefined && r.id === source.r.id);
    const draw = (seed: number) => {
      const random = mulberry32(seed);
      const mine = new Map<string, string>();
      for (const q of items) {
        const item = answers.get(q.itemId);
        if (!item) continue;
        const right =
          source && r.id === source.r.id
            ? !hardest.has(q.itemId)
            : random() < 1 / (1 + Math.exp(-6 * (ability - item.difficulty)));
        const wrongs = ['A', 'B', 'C', 'D'].filter((k) => k !== item.key);
        const own = right ? item.key : (wrongs[Math.floor(random() * 3)] as string);
        mine.set(q.itemId, copied?.get(q.itemId) ?? own);
      }
      // Able candidates pass on every run: below 26 of 40 (65 %), their easiest wrong answers are put right.
      if (!copied) {
        const wrongOnes = items
          .filter((q) => mine.get(q.itemId) !== answers.get(q.itemId)?.key)
          .sort(
            (a, b) => (answers.get(a.itemId)?.difficulty ?? 0) - (answers.get(b.itemId)?.difficulty ?? 0),
          );
        for (const q of wrongOnes.slice(0, Math.max(0, wrongOnes.length - (items.length - 26))))
          mine.set(q.itemId, answers.get(q.itemId)?.key ?? '');
      }
      return mine;
    };
    // The draws follow the random item ids, so now and then an ordinary candidate's pattern came out aberrant
    // enough for the person-fit rule (CI saw a third warning once). The demo plants exactly two cases: an ordinary
    // candidate is drawn again until their pattern is plainly plausible against the items' difficulty.
    const aberrant = (mine: Map<string, string>) => {
      const fit = gnormed(
        items.map((q) => mine.get(q.itemId) === answers.get(q.itemId)?.key),
        items.map((q) => 1 - (answers.get(q.itemId)?.difficulty ?? 0.5)),
      );
      return fit !== null && fit.gnormed >= PLAUSIBLE_GNORMED;
    };
    let mine = draw(7_000 + i);
    for (let k = 1; !planted && k < 100 && aberrant(mine); k++) mine = draw(7_000 + i + 1_000 * k);
    given.set(r.id, mine);
    for (const [itemId, response] of mine)
      await saveAnswer(d2, holder, c2, view.id, itemId, response as never);
    await submitAttempt(d2, holder, { ...c2, at: new Date(c2.at.getTime() + 40 * 60_000) }, view.id);
    // Each examiner's sheet for the skills task.
    const operator: Principal = {
      ...seeder,
      role: 'institution-operator',
      institution: r.sitting === 0 ? institutions.shanghai.id : institutions.jiangsu.id,
    };
    for (const [k, staffId] of (staff[r.sitting] ?? []).entries())
      await enterPracticalScore(d2, operator, c2, r.id, {
        staffId,
        subject: 'skills',
        criteria: [
          { criterion: '线路安装 wiring', points: (r.id === weak?.r.id ? 25 : 40) + ((i + k) % 5) },
          { criterion: '安全操作 safe practice', points: (r.id === weak?.r.id ? 20 : 30) + (k % 3) },
        ],
      });
  }

  // Results: computed and published a month ago; the windows have closed, so today they are issued.
  const { deps: d3, ctx: c3 } = on(addDays(sitDay, 10));
  for (const inst of [institutions.shanghai, institutions.jiangsu]) {
    const operator: Principal = { ...seeder, role: 'institution-operator', institution: inst.id };
    await computeResults(d3, operator, c3, plan.id);
    await publishResults(d3, operator, c3, plan.id, { publicityDays: 5, appealDays: 10 });
  }
  const d4 = { ...base, policies, standards, results };
  const c4: AuditContext = { actorId: null, actorLabel: 'demo-seed', requestId: null, at: base.clock.now() };
  for (const inst of [institutions.shanghai, institutions.jiangsu])
    await issueCertificates(
      d4,
      { ...seeder, role: 'institution-operator', institution: inst.id },
      c4,
      plan.id,
    );

  // 一试多证 (issue 13 item 8): Shanghai's passers got a request to MOHURD for 建筑电工 (or `already-held`). The
  // Shanghai MOHURD admin has confirmed up to three with its own numbers; at least one stays 待住建核发 in its queue.
  const mohurdSh: Principal = {
    ...seeder,
    username: 'mohurd-sh',
    role: 'department-admin',
    department: 'mohurd',
    province: '310000',
  };
  const pending = await listQueue(d4, mohurdSh, { status: 'pending', limit: 200 });
  const toConfirm =
    pending.items.length < 2 ? [] : pending.items.slice(0, Math.min(3, pending.items.length - 1));
  for (const [i, r] of toConfirm.entries())
    await confirmRequest(d4, { ...c4, actorLabel: 'mohurd-sh' }, mohurdSh, r.id, {
      number: `沪A01${today.slice(0, 4)}9${String(i + 1).padStart(5, '0')}`,
      validFrom: today,
      issuer: { organization: '上海市住房和城乡建设管理委员会' },
    });
}
