import type { Kysely, Selectable, Transaction } from 'kysely';
import type { BankItemsTable, BankItemVersionsTable, Database } from '../db/schema.ts';
import type {
  BankItem,
  ChoiceOption,
  ItemStatus,
  ItemType,
  ItemVersion,
  RubricCriterion,
} from './bank.model.ts';

type Db = Kysely<Database> | Transaction<Database>;

function toItem(row: Selectable<BankItemsTable>): BankItem {
  return {
    id: row.id,
    occupation: row.occupation,
    level: row.level,
    knowledgePoint: row.knowledge_point,
    type: row.type as ItemType,
    status: row.status as ItemStatus,
    currentVersion: row.current_version,
    province: row.province,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toVersion(row: Selectable<BankItemVersionsTable>): ItemVersion {
  return {
    version: row.version,
    stem: row.stem,
    options: row.options as ChoiceOption[],
    answer: row.answer as ItemVersion['answer'],
    rubric: row.rubric as RubricCriterion[] | null,
    // numeric comes back as a string on both drivers (schema.ts).
    score: Number(row.score),
    difficulty: Number(row.difficulty),
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export async function insertItem(trx: Transaction<Database>, item: BankItem): Promise<void> {
  await trx
    .insertInto('bank_items')
    .values({
      id: item.id,
      occupation: item.occupation,
      level: item.level,
      knowledge_point: item.knowledgePoint,
      type: item.type,
      status: item.status,
      current_version: item.currentVersion,
      province: item.province,
      created_by: item.createdBy,
      created_at: item.createdAt,
      updated_at: item.updatedAt,
    })
    .execute();
}

/** Versions are only ever inserted: a paper pins (item_id, version), so an old version never changes. */
export async function insertVersion(
  trx: Transaction<Database>,
  itemId: string,
  v: ItemVersion,
): Promise<void> {
  await trx
    .insertInto('bank_item_versions')
    .values({
      item_id: itemId,
      version: v.version,
      stem: v.stem,
      options: JSON.stringify(v.options),
      answer: JSON.stringify(v.answer),
      rubric: v.rubric === null ? null : JSON.stringify(v.rubric),
      score: v.score,
      difficulty: v.difficulty,
      created_by: v.createdBy,
      created_at: v.createdAt,
    })
    .execute();
}

export async function updateItemRow(
  trx: Transaction<Database>,
  id: string,
  change: { status: ItemStatus; currentVersion: number; knowledgePoint: string; updatedAt: Date },
): Promise<void> {
  await trx
    .updateTable('bank_items')
    .set({
      status: change.status,
      current_version: change.currentVersion,
      knowledge_point: change.knowledgePoint,
      updated_at: change.updatedAt,
    })
    .where('id', '=', id)
    .execute();
}

export async function getItem(db: Db, id: string, forUpdate = false): Promise<BankItem | undefined> {
  let query = db.selectFrom('bank_items').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row && toItem(row);
}

/** One version, or every version newest first. */
export async function getVersions(db: Db, itemId: string, version?: number): Promise<ItemVersion[]> {
  let query = db.selectFrom('bank_item_versions').selectAll().where('item_id', '=', itemId);
  if (version !== undefined) query = query.where('version', '=', version);
  const rows = await query.orderBy('version', 'desc').execute();
  return rows.map(toVersion);
}

export interface ItemQuery {
  occupation?: string | undefined;
  level?: string | undefined;
  statuses?: readonly ItemStatus[] | undefined;
  type?: ItemType | undefined;
  knowledgePoint?: string | undefined;
  after?: [string, string] | undefined;
  /** Narrows to active items plus, when given, the province's own items of any status (`listScope`). */
  scope?: { province: string | null } | undefined;
  limit: number;
}

/** Items with their current version, keyset-paged on (created_at, id). */
export async function findItems(
  db: Db,
  q: ItemQuery,
): Promise<Array<{ item: BankItem; current: ItemVersion }>> {
  let query = db
    .selectFrom('bank_items as i')
    .innerJoin('bank_item_versions as v', (j) =>
      j.onRef('v.item_id', '=', 'i.id').onRef('v.version', '=', 'i.current_version'),
    )
    .selectAll('i')
    .select([
      'v.item_id',
      'v.version',
      'v.stem',
      'v.options',
      'v.answer',
      'v.rubric',
      'v.score',
      'v.difficulty',
      'v.created_by as v_created_by',
      'v.created_at as v_created_at',
    ]);
  if (q.occupation) query = query.where('i.occupation', '=', q.occupation);
  if (q.level) query = query.where('i.level', '=', q.level);
  if (q.statuses) query = query.where('i.status', 'in', q.statuses);
  if (q.type) query = query.where('i.type', '=', q.type);
  const scope = q.scope;
  if (scope)
    query = query.where((eb) =>
      scope.province === null
        ? eb('i.status', '=', 'active')
        : eb.or([eb('i.status', '=', 'active'), eb('i.province', '=', scope.province)]),
    );
  // A prefix match: 鉴定要素 codes are hierarchical (电工-4-安全用电-01 under 电工-4-安全用电).
  if (q.knowledgePoint) query = query.where('i.knowledge_point', 'like', `${escapeLike(q.knowledgePoint)}%`);
  const after = q.after;
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('i.created_at', '>', new Date(after[0])),
        eb.and([eb('i.created_at', '=', new Date(after[0])), eb('i.id', '>', after[1])]),
      ]),
    );
  const rows = await query.orderBy('i.created_at').orderBy('i.id').limit(q.limit).execute();
  return rows.map((r) => ({
    item: toItem(r),
    current: toVersion({ ...r, created_by: r.v_created_by, created_at: r.v_created_at }),
  }));
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export async function insertEnemySet(
  trx: Transaction<Database>,
  set: { id: string; name: string; itemIds: string[]; createdBy: string; createdAt: Date },
): Promise<void> {
  await trx
    .insertInto('bank_enemy_sets')
    .values({ id: set.id, name: set.name, created_by: set.createdBy, created_at: set.createdAt })
    .execute();
  await trx
    .insertInto('bank_enemy_members')
    .values(set.itemIds.map((itemId) => ({ set_id: set.id, item_id: itemId })))
    .execute();
}

export async function findEnemySets(db: Db, itemId?: string) {
  let query = db.selectFrom('bank_enemy_sets').selectAll();
  if (itemId)
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('bank_enemy_members').select('set_id').where('item_id', '=', itemId),
    );
  const sets = await query.orderBy('created_at').orderBy('id').execute();
  if (sets.length === 0) return [];
  const members = await db
    .selectFrom('bank_enemy_members')
    .select(['set_id', 'item_id'])
    .where(
      'set_id',
      'in',
      sets.map((s) => s.id),
    )
    .orderBy('item_id')
    .execute();
  return sets.map((s) => ({
    id: s.id,
    name: s.name,
    itemIds: members.filter((m) => m.set_id === s.id).map((m) => m.item_id),
    createdBy: s.created_by,
    createdAt: s.created_at,
  }));
}

/** The items among `ids` that exist, with what decides who may see and manage them. */
export async function getItemScopes(
  db: Db,
  ids: readonly string[],
): Promise<Array<{ id: string; province: string | null; status: ItemStatus }>> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('bank_items')
    .select(['id', 'province', 'status'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({ id: r.id, province: r.province, status: r.status as ItemStatus }));
}
