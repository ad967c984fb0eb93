import type { Principal } from '../accounts/accounts.model.ts';
import type { ItemStatus } from './bank.model.ts';

/**
 * Who may do what with a bank item (issue 7 §1: 共建共用 — contributed by provinces, reviewed before use). Pure: the
 * service loads the facts, these decide, each refusal is a value with a reason code.
 */
export const bankActions = ['review', 'activate', 'retire', 'return'] as const;
export type BankAction = (typeof bankActions)[number];

/** The review workflow draft → reviewed → active → retired, and reviewed → draft when a reviewer sends it back. */
export const transitions: Record<BankAction, { from: ItemStatus; to: ItemStatus }> = {
  review: { from: 'draft', to: 'reviewed' },
  activate: { from: 'reviewed', to: 'active' },
  retire: { from: 'active', to: 'retired' },
  return: { from: 'reviewed', to: 'draft' },
};

/**
 * 四眼原则: review and activation are done by someone other than the author of the version under review, so no item
 * reaches a paper on one person's word alone.
 */
const fourEyes: ReadonlySet<BankAction> = new Set(['review', 'activate']);

export type Decision<T> = { ok: true; value: T } | { ok: false; reason: BankRefusal; message: string };
export type BankRefusal =
  | 'outside-scope' // a province admin acting on another province's (or a national) item
  | 'invalid-transition' // the item's status does not allow the step
  | 'four-eyes' // the reviewer is the last editor
  | 'retired'; // a retired item is final: no new versions

/** The name recorded as author / actor: stable per account (usernames do not change). */
export function actorName(principal: Principal): string {
  return principal.username;
}

/**
 * Contributing and reviewing: system admins everywhere; province admins within their province. A national item
 * (province null) belongs to system admins only.
 */
export function canManageItem(principal: Principal, province: string | null): boolean {
  if (principal.role === 'system-admin') return true;
  return principal.role === 'province-admin' && province !== null && principal.province === province;
}

/**
 * What a caller may see of an item (issue 17 §4): `author` — the bank's authors and reviewers in scope (system admins;
 * a province admin their province's items) see every status with its answer key; `user` — other province admins and
 * institution operators see items in use (共建共用) but never a draft or an answer key, so no key reaches an
 * institution before its exam; `none` — the item does not exist for them (404).
 */
export type ItemAccess = 'author' | 'user' | 'none';

export function itemAccess(
  principal: Principal,
  item: { province: string | null; status: ItemStatus },
): ItemAccess {
  if (canManageItem(principal, item.province)) return 'author';
  const isUser = principal.role === 'province-admin' || principal.role === 'institution-operator';
  return isUser && item.status === 'active' ? 'user' : 'none';
}

/**
 * The list filter matching `itemAccess`: every item (system admins), the province's items or active ones (province
 * admins), active ones only (everyone else on these routes).
 */
export function listScope(principal: Principal): { all: true } | { all: false; province: string | null } {
  if (principal.role === 'system-admin') return { all: true };
  return { all: false, province: principal.role === 'province-admin' ? principal.province : null };
}

export interface TransitionFacts {
  status: ItemStatus;
  province: string | null;
  /** Who wrote the current version (the last editor). */
  lastEditor: string;
}

export function decideTransition(
  principal: Principal,
  facts: TransitionFacts,
  action: BankAction,
): Decision<ItemStatus> {
  if (!canManageItem(principal, facts.province))
    return { ok: false, reason: 'outside-scope', message: 'this item belongs to another province' };
  const step = transitions[action];
  if (facts.status !== step.from)
    return {
      ok: false,
      reason: 'invalid-transition',
      message: `${action} needs a ${step.from} item; this one is ${facts.status}`,
    };
  if (fourEyes.has(action) && facts.lastEditor === actorName(principal))
    return {
      ok: false,
      reason: 'four-eyes',
      message: `${action} must be done by someone other than the last editor (四眼原则)`,
    };
  return { ok: true, value: step.to };
}

/**
 * An edit makes a new version that goes back to draft: the new text has not been reviewed, while papers that
 * pinned an earlier version keep it unchanged (issue 7 §1).
 */
export function decideEdit(
  principal: Principal,
  facts: { status: ItemStatus; province: string | null },
): Decision<ItemStatus> {
  if (!canManageItem(principal, facts.province))
    return { ok: false, reason: 'outside-scope', message: 'this item belongs to another province' };
  if (facts.status === 'retired')
    return { ok: false, reason: 'retired', message: 'a retired item is final; create a new item' };
  return { ok: true, value: 'draft' };
}
