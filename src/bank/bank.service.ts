import type { Kysely, Transaction } from 'kysely';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import type { Database } from '../db/schema.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import {
  type BankItem,
  type CreateEnemySetInput,
  type CreateItemInput,
  type EnemySetView,
  type ItemDetail,
  type ItemStatus,
  type ItemVersion,
  type ItemView,
  type ListItemsFilter,
  toItemView,
  toVersionView,
  type UpdateItemInput,
  versionFields,
  withoutAnswerKey,
} from './bank.model.ts';
import {
  actorName,
  type BankAction,
  type BankRefusal,
  canManageItem,
  decideEdit,
  decideTransition,
  type ItemAccess,
  itemAccess,
  listScope,
} from './bank.rules.ts';
import {
  findEnemySets,
  findItems,
  getItem,
  getItemScopes,
  getVersions,
  insertEnemySet,
  insertItem,
  insertVersion,
  updateItemRow,
} from './bank.store.ts';

export interface BankDeps {
  db: Kysely<Database>;
  catalog: Catalog;
  clock: Clock;
}

// A refusal the caller could see coming is a 403 (scope) or 409 (state); four-eyes is a domain rule (422).
const refusalCodes = {
  'outside-scope': 'forbidden',
  'invalid-transition': 'invalid_transition',
  'four-eyes': 'rule_violation',
  retired: 'invalid_transition',
} as const satisfies Record<BankRefusal, string>;

function refuse(reason: BankRefusal, message: string): never {
  throw new AppError(refusalCodes[reason], message, [{ path: 'status', message: reason }]);
}

function checkOccupation(catalog: Catalog, occupation: string): void {
  if (!catalog.occupationsByCode.has(occupation))
    throw new AppError('validation_failed', 'the catalog has no such occupation', [
      { path: 'body.occupation', message: `unknown-occupation: ${occupation}` },
    ]);
}

/** Loads an item the caller may see (`itemAccess`); one they may not is a 404, as if absent. */
async function loadVisible(
  db: Kysely<Database> | Transaction<Database>,
  p: Principal,
  id: string,
  lock = false,
): Promise<{ item: BankItem; access: ItemAccess }> {
  const item = await getItem(db, id, lock);
  const access = item ? itemAccess(p, item) : 'none';
  if (!item || access === 'none') throw new AppError('not_found', 'no such item');
  return { item, access };
}

/** An item as the caller may see it: without its answer key unless they are its author or reviewer in scope. */
function viewFor(access: ItemAccess, item: BankItem, current: ItemVersion): ItemView {
  const view = toItemView(item, current);
  return access === 'author' ? view : { ...view, current: withoutAnswerKey(view.current) };
}

async function currentOf(db: Kysely<Database> | Transaction<Database>, item: BankItem): Promise<ItemVersion> {
  const [current] = await getVersions(db, item.id, item.currentVersion);
  if (!current) throw new AppError('internal', `item ${item.id} has no version ${item.currentVersion}`);
  return current;
}

/** 题库入库 (issue 7 §1): a province admin contributes an item for their province; system admins any or national. */
export async function createItem(
  deps: BankDeps,
  ctx: AuditContext,
  principal: Principal,
  input: CreateItemInput,
): Promise<ItemView> {
  const province = principal.role === 'province-admin' ? principal.province : (input.province ?? null);
  // A province admin contributes for their province only; naming another is refused, not silently rewritten.
  const named = input.province ?? province;
  if (!canManageItem(principal, province) || named !== province)
    throw new AppError('forbidden', 'outside your scope', [
      { path: 'body.province', message: `outside-scope: ${input.province}` },
    ]);
  checkOccupation(deps.catalog, input.occupation);
  const at = deps.clock.now();
  const author = actorName(principal);
  const item: BankItem = {
    id: newId(),
    occupation: input.occupation,
    level: input.level,
    knowledgePoint: input.knowledgePoint,
    type: input.type,
    status: 'draft',
    currentVersion: 1,
    province,
    createdBy: author,
    createdAt: at,
    updatedAt: at,
  };
  const version: ItemVersion = {
    version: 1,
    stem: input.stem,
    ...versionFields(input),
    difficulty: input.difficulty,
    createdBy: author,
    createdAt: at,
  };
  const view = toItemView(item, version);
  await deps.db.transaction().execute(async (trx) => {
    await insertItem(trx, item);
    await insertVersion(trx, item.id, version);
    await appendAudit(trx, ctx, {
      action: 'bank.create',
      targetType: 'bank_item',
      targetId: item.id,
      after: view,
    });
  });
  return view;
}

/** 修订 (issue 7 §1): a new version; the old one stays as it was for the papers that pinned it. */
export async function updateItem(
  deps: BankDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  input: UpdateItemInput,
): Promise<ItemView> {
  return deps.db.transaction().execute(async (trx) => {
    const { item } = await loadVisible(trx, principal, id, true);
    const decision = decideEdit(principal, item);
    if (!decision.ok) refuse(decision.reason, decision.message);
    if (input.type !== item.type)
      throw new AppError('validation_failed', 'an item keeps its type; create a new item instead', [
        { path: 'body.type', message: `expected ${item.type}` },
      ]);
    if (input.baseVersion !== item.currentVersion)
      throw new AppError('conflict', `the item changed: version ${item.currentVersion} is current`, [
        { path: 'body.baseVersion', message: `stale: current is ${item.currentVersion}` },
      ]);
    const before = toItemView(item, await currentOf(trx, item));
    const at = deps.clock.now();
    const version: ItemVersion = {
      version: item.currentVersion + 1,
      stem: input.stem,
      ...versionFields(input),
      difficulty: input.difficulty,
      createdBy: actorName(principal),
      createdAt: at,
    };
    const next: BankItem = {
      ...item,
      status: decision.value,
      currentVersion: version.version,
      knowledgePoint: input.knowledgePoint ?? item.knowledgePoint,
      updatedAt: at,
    };
    await insertVersion(trx, id, version);
    await updateItemRow(trx, id, next);
    const view = toItemView(next, version);
    await appendAudit(trx, ctx, {
      action: 'bank.revise',
      targetType: 'bank_item',
      targetId: id,
      before,
      after: view,
    });
    return view;
  });
}

/** 审核 / 启用 / 退役 / 退回 (issue 7 §1): one step of the review workflow, audited with the reviewer's comment. */
export async function transitionItem(
  deps: BankDeps,
  ctx: AuditContext,
  principal: Principal,
  id: string,
  action: BankAction,
  comment: string,
): Promise<ItemView> {
  return deps.db.transaction().execute(async (trx) => {
    const { item } = await loadVisible(trx, principal, id, true);
    const current = await currentOf(trx, item);
    const decision = decideTransition(
      principal,
      { status: item.status, province: item.province, lastEditor: current.createdBy },
      action,
    );
    if (!decision.ok) refuse(decision.reason, decision.message);
    const next: BankItem = { ...item, status: decision.value, updatedAt: deps.clock.now() };
    await updateItemRow(trx, id, next);
    const view = toItemView(next, current);
    await appendAudit(trx, ctx, {
      action: `bank.${action}`,
      targetType: 'bank_item',
      targetId: id,
      before: { status: item.status, version: item.currentVersion },
      after: { status: next.status, version: item.currentVersion, comment },
    });
    return view;
  });
}

export async function getItemDetail(deps: BankDeps, principal: Principal, id: string): Promise<ItemDetail> {
  const { item, access } = await loadVisible(deps.db, principal, id);
  const versions = await getVersions(deps.db, id);
  const current = versions.find((v) => v.version === item.currentVersion);
  if (!current) throw new AppError('internal', `item ${id} has no version ${item.currentVersion}`);
  const views = versions.map(toVersionView);
  return {
    ...viewFor(access, item, current),
    versions: access === 'author' ? views : views.map(withoutAnswerKey),
  };
}

/**
 * One pinned version (what a paper uses), or the current one, with its answer key: for the item's authors and
 * reviewers in scope only (a bank user who may see the item is refused, 403).
 */
export async function getItemVersion(deps: BankDeps, principal: Principal, id: string, version?: number) {
  const { item, access } = await loadVisible(deps.db, principal, id);
  if (access !== 'author')
    throw new AppError('forbidden', "the answer key is for the bank's authors and reviewers in scope", [
      { path: 'id', message: 'answer-key-withheld' },
    ]);
  const [v] = await getVersions(deps.db, id, version ?? item.currentVersion);
  if (!v) throw new AppError('not_found', `item ${id} has no version ${version}`);
  return { item, version: v };
}

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

export async function listItems(
  deps: BankDeps,
  principal: Principal,
  filter: ListItemsFilter,
): Promise<{ items: ItemView[]; next?: string }> {
  let after: [string, string] | undefined;
  if (filter.cursor) {
    const parsed = cursorSchema.safeParse(safeJson(Buffer.from(filter.cursor, 'base64url').toString()));
    if (!parsed.success)
      throw new AppError('validation_failed', 'invalid cursor', [
        { path: 'querystring.cursor', message: 'invalid' },
      ]);
    after = parsed.data;
  }
  const scope = listScope(principal);
  const statuses: readonly ItemStatus[] | undefined = filter.status ? [filter.status] : undefined;
  const rows = await findItems(deps.db, {
    scope: scope.all ? undefined : { province: scope.province },
    occupation: filter.occupation,
    level: filter.level,
    statuses,
    type: filter.type,
    knowledgePoint: filter.knowledgePoint,
    after,
    limit: filter.limit,
  });
  const items = rows.map((r) => viewFor(itemAccess(principal, r.item), r.item, r.current));
  const last = items.at(-1);
  return items.length === filter.limit && last
    ? { items, next: Buffer.from(JSON.stringify([last.createdAt, last.id])).toString('base64url') }
    : { items };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** 互斥题组 (issue 7 §1, exams.md §3.2): items that cue each other and must not appear on one paper. */
export async function createEnemySet(
  deps: BankDeps,
  ctx: AuditContext,
  principal: Principal,
  input: CreateEnemySetInput,
): Promise<EnemySetView> {
  const itemIds = [...new Set(input.itemIds)];
  if (itemIds.length < 2)
    throw new AppError('validation_failed', 'an enemy set names at least two different items', [
      { path: 'body.itemIds', message: 'fewer than two distinct items' },
    ]);
  return deps.db.transaction().execute(async (trx) => {
    // An item the caller may not see is as unknown as an absent one; one they see but do not manage (another
    // province's item in use) is refused: a set changes how papers draw that item (issue 17 §4).
    const scopes = new Map((await getItemScopes(trx, itemIds)).map((s) => [s.id, s]));
    const access = itemIds.map((id, i) => {
      const s = scopes.get(id);
      return { id, i, access: s ? itemAccess(principal, s) : ('none' as const) };
    });
    const missing = access.filter((x) => x.access === 'none');
    if (missing.length > 0)
      throw new AppError(
        'validation_failed',
        'unknown items',
        missing.map((m) => ({ path: `body.itemIds.${m.i}`, message: `unknown-item: ${m.id}` })),
      );
    const foreign = access.filter((x) => x.access !== 'author');
    if (foreign.length > 0)
      throw new AppError(
        'forbidden',
        'outside your scope',
        foreign.map((m) => ({ path: `body.itemIds.${m.i}`, message: `outside-scope: ${m.id}` })),
      );
    const set = {
      id: newId(),
      name: input.name,
      itemIds: itemIds.sort(),
      createdBy: actorName(principal),
      createdAt: deps.clock.now(),
    };
    await insertEnemySet(trx, set);
    const view = { ...set, createdAt: set.createdAt.toISOString() };
    await appendAudit(trx, ctx, {
      action: 'bank.enemy-set',
      targetType: 'bank_enemy_set',
      targetId: set.id,
      after: view,
    });
    return view;
  });
}

/** The sets whose every item the caller may see: a set must not name another province's drafts. */
export async function listEnemySets(
  deps: BankDeps,
  principal: Principal,
  itemId?: string,
): Promise<EnemySetView[]> {
  const sets = await findEnemySets(deps.db, itemId);
  const scopes = await getItemScopes(deps.db, [...new Set(sets.flatMap((s) => s.itemIds))]);
  const visible = new Set(scopes.filter((s) => itemAccess(principal, s) !== 'none').map((s) => s.id));
  return sets
    .filter((s) => s.itemIds.every((id) => visible.has(id)))
    .map((s) => ({ ...s, createdAt: s.createdAt.toISOString() }));
}
