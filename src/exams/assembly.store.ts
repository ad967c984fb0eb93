/**
 * Paper assembly's queries (issue 7 §2). The bank's tables are read directly (its service is a separate use case);
 * `numeric` columns come back as strings and are converted here.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Candidate, ItemType, PaperItemView, PaperStatus, PlacedItem } from './assembly.model.ts';

type Db = Kysely<Database> | Transaction<Database>;

export interface PaperRow {
  id: string;
  planId: string;
  form: string;
  subject: 'theory' | 'skills';
  blueprint: unknown;
  totalScore: number;
  status: PaperStatus;
  createdBy: string;
  createdAt: Date;
}

/**
 * Active items of the occupation and level at their current version, with how many papers outside `excludePapers`
 * already use that version (exposure, exams.md §3.3) and the enemy sets each belongs to.
 */
export async function findCandidates(
  db: Db,
  occupation: string,
  level: string,
  excludePapers: readonly string[],
): Promise<Candidate[]> {
  const rows = await db
    .selectFrom('bank_items as i')
    .innerJoin('bank_item_versions as v', (j) =>
      j.onRef('v.item_id', '=', 'i.id').onRef('v.version', '=', 'i.current_version'),
    )
    .select(['i.id', 'i.current_version', 'i.knowledge_point', 'i.type', 'v.score', 'v.difficulty'])
    .select((eb) =>
      eb
        .selectFrom('paper_items as p')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('p.item_id', '=', 'i.id')
        .whereRef('p.version', '=', 'i.current_version')
        .$if(excludePapers.length > 0, (q) => q.where('p.paper_id', 'not in', excludePapers))
        .as('uses'),
    )
    .where('i.occupation', '=', occupation)
    .where('i.level', '=', level)
    .where('i.status', '=', 'active')
    .orderBy('i.id')
    .execute();
  const enemies = await enemySetsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    itemId: r.id,
    version: r.current_version,
    knowledgePoint: r.knowledge_point,
    type: r.type as ItemType,
    score: Number(r.score),
    difficulty: Number(r.difficulty),
    uses: Number(r.uses ?? 0),
    enemySets: enemies.get(r.id) ?? [],
  }));
}

async function enemySetsOf(db: Db, itemIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (itemIds.length === 0) return out;
  const rows = await db
    .selectFrom('bank_enemy_members')
    .select(['set_id', 'item_id'])
    .where('item_id', 'in', itemIds)
    .orderBy('set_id')
    .execute();
  for (const r of rows) out.set(r.item_id, [...(out.get(r.item_id) ?? []), r.set_id]);
  return out;
}

function toPaper(r: {
  id: string;
  plan_id: string;
  form: string;
  subject: string;
  blueprint: unknown;
  total_score: string;
  status: string;
  created_by: string;
  created_at: Date;
}): PaperRow {
  return {
    id: r.id,
    planId: r.plan_id,
    form: r.form,
    subject: r.subject as PaperRow['subject'],
    blueprint: r.blueprint,
    totalScore: Number(r.total_score),
    status: r.status as PaperStatus,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export async function listPapers(db: Db, planId: string, subject?: string): Promise<PaperRow[]> {
  const rows = await db
    .selectFrom('papers')
    .selectAll()
    .where('plan_id', '=', planId)
    .$if(subject !== undefined, (q) => q.where('subject', '=', subject as string))
    .orderBy('subject')
    .orderBy('form')
    .execute();
  return rows.map(toPaper);
}

export async function getPaper(db: Db, id: string, forUpdate = false): Promise<PaperRow | undefined> {
  let q = db.selectFrom('papers').selectAll().where('id', '=', id);
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row && toPaper(row);
}

export async function insertPaper(trx: Transaction<Database>, paper: PaperRow, items: PlacedItem[]) {
  await trx
    .insertInto('papers')
    .values({
      id: paper.id,
      plan_id: paper.planId,
      form: paper.form,
      subject: paper.subject,
      blueprint: JSON.stringify(paper.blueprint),
      total_score: paper.totalScore,
      status: paper.status,
      created_by: paper.createdBy,
      created_at: paper.createdAt,
    })
    .execute();
  if (items.length > 0)
    await trx
      .insertInto('paper_items')
      .values(
        items.map((p, i) => ({
          paper_id: paper.id,
          position: i + 1,
          item_id: p.itemId,
          version: p.version,
          score: p.score,
        })),
      )
      .execute();
}

/** Removes papers that are being re-assembled (only ones never locked, checked by the service). */
export async function deletePapers(trx: Transaction<Database>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await trx.deleteFrom('paper_items').where('paper_id', 'in', ids).execute();
  await trx.deleteFrom('papers').where('id', 'in', ids).execute();
}

export async function setPaperStatus(trx: Transaction<Database>, id: string, status: PaperStatus) {
  await trx.updateTable('papers').set({ status }).where('id', '=', id).execute();
}

/** A paper's items in position order, with the pinned version's tags for coverage. */
export async function getPaperItems(db: Db, paperId: string): Promise<PaperItemView[]> {
  const rows = await db
    .selectFrom('paper_items as p')
    .innerJoin('bank_items as i', 'i.id', 'p.item_id')
    .innerJoin('bank_item_versions as v', (j) =>
      j.onRef('v.item_id', '=', 'p.item_id').onRef('v.version', '=', 'p.version'),
    )
    .select([
      'p.position',
      'p.item_id',
      'p.version',
      'p.score',
      'i.knowledge_point',
      'i.type',
      'v.difficulty',
    ])
    .where('p.paper_id', '=', paperId)
    .orderBy('p.position')
    .execute();
  return rows.map((r) => ({
    position: r.position,
    itemId: r.item_id,
    version: r.version,
    score: Number(r.score),
    knowledgePoint: r.knowledge_point,
    type: r.type as ItemType,
    difficulty: Number(r.difficulty),
  }));
}
