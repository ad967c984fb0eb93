import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ItemType, Response } from './attempts.model.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** A registration with what starting its attempt needs: the sitting's window and the plan's subjects. */
export function findRegistrationForAttempt(db: Db, registrationId: string) {
  return db
    .selectFrom('exam_registrations as r')
    .innerJoin('exam_sittings as s', 's.id', 'r.sitting_id')
    .innerJoin('exam_plans as p', 'p.id', 'r.plan_id')
    .select([
      'r.id',
      'r.holder_id',
      'r.status',
      'r.plan_id',
      'r.province',
      'r.institution_id',
      's.starts_at',
      's.ends_at',
      'p.subjects',
    ])
    .where('r.id', '=', registrationId)
    .executeTakeFirst();
}

/** The plan's theory papers: locked ones when there are any (ready for delivery), else the assembled ones. */
export async function findTheoryPapers(db: Db, planId: string) {
  // Only a locked paper is delivered: once candidates see it, it must not be re-assembled under them (issue 7 §2).
  return db
    .selectFrom('papers')
    .select(['id', 'form', 'status'])
    .where('plan_id', '=', planId)
    .where('subject', '=', 'theory')
    .where('status', '=', 'locked')
    .execute();
}

/** An attempt with its registration's owner and facts, locked for update inside a transaction. */
export function selectAttempt(db: Db) {
  return db
    .selectFrom('exam_attempts as a')
    .innerJoin('exam_registrations as r', 'r.id', 'a.registration_id')
    .selectAll('a')
    .select(['r.holder_id', 'r.plan_id', 'r.province', 'r.institution_id']);
}
export type AttemptRow = Awaited<ReturnType<ReturnType<typeof selectAttempt>['executeTakeFirstOrThrow']>>;

export function lockAttempt(trx: Transaction<Database>, id: string) {
  return selectAttempt(trx).where('a.id', '=', id).forUpdate('a').executeTakeFirst();
}

export interface PaperItemRow {
  itemId: string;
  type: ItemType;
  stem: string;
  options: { id: string; text: string }[];
  answer: unknown;
  score: number;
}

/** The paper's pinned item versions with their scores (the key included: callers never pass it to a client). */
export async function findPaperItems(db: Db, paperId: string): Promise<PaperItemRow[]> {
  const rows = await db
    .selectFrom('paper_items as pi')
    .innerJoin('bank_item_versions as v', (j) =>
      j.onRef('v.item_id', '=', 'pi.item_id').onRef('v.version', '=', 'pi.version'),
    )
    .innerJoin('bank_items as b', 'b.id', 'pi.item_id')
    .select(['pi.item_id', 'b.type', 'v.stem', 'v.options', 'v.answer', 'pi.score'])
    .where('pi.paper_id', '=', paperId)
    .orderBy('pi.position')
    .execute();
  return rows.map((r) => ({
    itemId: r.item_id,
    type: r.type as ItemType,
    stem: r.stem,
    options: (r.options as { id: string; text: string }[] | null) ?? [],
    answer: r.answer,
    score: Number(r.score),
  }));
}

/** The latest response per item: the log is append-only, the newest row of an item is what counts. */
export async function latestResponses(db: Db, attemptId: string): Promise<Map<string, Response>> {
  const rows = await db
    .selectFrom('exam_answers')
    .select(['item_id', 'response'])
    .distinctOn('item_id')
    .where('attempt_id', '=', attemptId)
    .orderBy('item_id')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((r) => [r.item_id, r.response as Response]));
}

export async function appendAnswer(
  db: Db,
  a: { attemptId: string; itemId: string; response: Response; at: Date },
): Promise<void> {
  await db
    .insertInto('exam_answers')
    .values({
      attempt_id: a.attemptId,
      item_id: a.itemId,
      response: JSON.stringify(a.response),
      answered_at: a.at,
    })
    .execute();
}
