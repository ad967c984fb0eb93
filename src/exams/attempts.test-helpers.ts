import { findHolderId } from '../registry/registry.service.ts';
import { newId } from '../shared/ids.ts';
import type { TestApp } from '../testing/app.ts';
import { candidate, institution, plan, sitting } from './exams.test-helpers.ts';

/**
 * Fixtures for the theory exam (issue 7 §3): a paper written straight into the bank and paper tables (the bank and
 * assembly have their own tests), and a registered candidate with a holder token.
 */
export interface TestItem {
  type: 'single' | 'multiple' | 'true-false';
  stem: string;
  options: { id: string; text: string }[];
  answer: string[] | boolean;
  score: number;
}

export const sampleItems: TestItem[] = [
  {
    type: 'single',
    stem: '我国安全电压额定值的等级不包括',
    options: [
      { id: 'A', text: '42 V' },
      { id: 'B', text: '36 V' },
      { id: 'C', text: '24 V' },
      { id: 'D', text: '50 V' },
    ],
    answer: ['D'],
    score: 40,
  },
  {
    type: 'multiple',
    stem: '属于绝缘安全用具的有',
    options: [
      { id: 'A', text: '绝缘手套' },
      { id: 'B', text: '绝缘靴' },
      { id: 'C', text: '扳手' },
      { id: 'D', text: '绝缘棒' },
    ],
    answer: ['A', 'B', 'D'],
    score: 30,
  },
  { type: 'true-false', stem: '电气设备着火时可以用水直接扑救', options: [], answer: false, score: 30 },
];

/** Inserts the items and one theory paper (form `A` unless given) for the plan; returns the paper and item ids. */
export async function theoryPaper(
  t: TestApp,
  planId: string,
  items: TestItem[] = sampleItems,
  form = 'A',
): Promise<{ paperId: string; itemIds: string[] }> {
  const now = new Date();
  const paperId = newId();
  await t.db
    .insertInto('papers')
    .values({
      id: paperId,
      plan_id: planId,
      form,
      subject: 'theory',
      blueprint: JSON.stringify({}),
      total_score: items.reduce((s, i) => s + i.score, 0),
      status: 'locked',
      created_by: 'test',
      created_at: now,
    })
    .execute();
  const itemIds: string[] = [];
  for (const [position, item] of items.entries()) {
    const id = newId();
    itemIds.push(id);
    const common = { created_by: 'test', created_at: now };
    await t.db
      .insertInto('bank_items')
      .values({
        id,
        occupation: '6-31-01-03',
        level: '4',
        knowledge_point: 'safety',
        type: item.type,
        status: 'active',
        current_version: 1,
        updated_at: now,
        ...common,
      })
      .execute();
    await t.db
      .insertInto('bank_item_versions')
      .values({
        item_id: id,
        version: 1,
        stem: item.stem,
        options: JSON.stringify(item.options),
        answer: JSON.stringify(item.answer),
        score: item.score,
        difficulty: 0.5,
        ...common,
      })
      .execute();
    await t.db
      .insertInto('paper_items')
      .values({ paper_id: paperId, position, item_id: id, version: 1, score: item.score })
      .execute();
  }
  return { paperId, itemIds };
}

/** An approved 电工四级 plan with a theory subject of `durationMinutes` and one sitting [startsAt, endsAt). */
export async function theoryPlan(
  t: TestApp,
  o: { startsAt: string; endsAt: string; durationMinutes?: number },
) {
  const inst = await institution(t, { scopes: [['6-31-01-03', '4']] });
  const planId = await plan(t, { level: '4', institutions: [{ id: inst.id, province: '310000' }] });
  await t.db
    .updateTable('exam_plans')
    .set({
      subjects: JSON.stringify([
        { kind: 'theory', durationMinutes: o.durationMinutes ?? 90, passMark: 60, fullMark: 100 },
        { kind: 'skills', durationMinutes: 90, passMark: 60, fullMark: 100 },
      ]),
    })
    .where('id', '=', planId)
    .execute();
  const sittingId = await sitting(t, { planId, institution: inst, ...o, capacity: 30 });
  return { planId, sittingId, institution: inst };
}

/** A holder registered for the sitting (the row written directly: registration has its own tests). */
export async function registeredCandidate(t: TestApp, planId: string, sittingId: string, name = '孙八') {
  const c = await candidate(t, [{ type: 'mem.lv-electrician' }], name);
  const holderId = await findHolderId(t.registry, 'resident', c.idNumber);
  const s = await t.db
    .selectFrom('exam_sittings')
    .selectAll()
    .where('id', '=', sittingId)
    .executeTakeFirstOrThrow();
  const id = newId();
  await t.db
    .insertInto('exam_registrations')
    .values({
      id,
      plan_id: planId,
      sitting_id: sittingId,
      institution_id: s.institution_id,
      province: '310000',
      holder_id: holderId ?? '',
      starts_at: s.starts_at,
      ends_at: s.ends_at,
      status: 'registered',
      channel: 'self',
      batch_id: null,
      declared: JSON.stringify({}),
      commitment: JSON.stringify({}),
      eligibility: JSON.stringify({
        eligible: true,
        occupation: '6-31-01-03',
        level: '4',
        reasonCodes: ['route-met'],
        heldLevel: null,
        routes: [],
        ignored: [],
        summaryZh: '测试报名',
        summaryEn: 'test registration',
      }),
      decision_id: null,
      created_by: 'test',
      created_at: new Date(),
    })
    .execute();
  return { ...c, registrationId: id };
}
