import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal, Role } from '../accounts/accounts.model.ts';
import type { ItemStatus } from './bank.model.ts';
import { type BankAction, decideEdit, decideTransition } from './bank.rules.ts';

const who = (username: string, role: Role, province: string | null = null): Principal => ({
  via: 'token',
  userId: null,
  username,
  role,
  department: null,
  province,
  institution: null,
  holderId: null,
});
const author = who('sh-author', 'province-admin', '310000');
const reviewer = who('sh-reviewer', 'province-admin', '310000');
const other = who('gd-admin', 'province-admin', '440000');
const sys = who('sys', 'system-admin');

describe('decideTransition (issue 7 §1: draft → reviewed → active → retired, 四眼原则)', () => {
  const table: Array<[string, Principal, ItemStatus, string | null, BankAction, string]> = [
    ['review by another province admin', reviewer, 'draft', '310000', 'review', 'reviewed'],
    ['review by the author', author, 'draft', '310000', 'review', 'four-eyes'],
    ['activate by the author', author, 'reviewed', '310000', 'activate', 'four-eyes'],
    ['activate by a system admin', sys, 'reviewed', '310000', 'activate', 'active'],
    ['review by another province', other, 'draft', '310000', 'review', 'outside-scope'],
    ['a national item by a province admin', reviewer, 'draft', null, 'review', 'outside-scope'],
    ['a national item by a system admin', sys, 'draft', null, 'review', 'reviewed'],
    ['activate a draft', reviewer, 'draft', '310000', 'activate', 'invalid-transition'],
    ['return a reviewed item', author, 'reviewed', '310000', 'return', 'draft'],
    ['return a draft', reviewer, 'draft', '310000', 'return', 'invalid-transition'],
    ['retire an active item, the author may', author, 'active', '310000', 'retire', 'retired'],
    ['retire a retired item', sys, 'retired', '310000', 'retire', 'invalid-transition'],
  ];
  for (const [name, principal, status, province, action, expected] of table) {
    it(name, () => {
      const d = decideTransition(principal, { status, province, lastEditor: 'sh-author' }, action);
      assert.equal(d.ok ? d.value : d.reason, expected);
    });
  }
});

describe('decideEdit: a new version goes back to draft; retired is final', () => {
  const table: Array<[Principal, ItemStatus, string | null, string]> = [
    [author, 'active', '310000', 'draft'],
    [author, 'reviewed', '310000', 'draft'],
    [author, 'retired', '310000', 'retired'],
    [other, 'draft', '310000', 'outside-scope'],
    [sys, 'draft', null, 'draft'],
  ];
  for (const [principal, status, province, expected] of table) {
    it(`${principal.username} edits a ${status} item of ${province ?? 'national'}`, () => {
      const d = decideEdit(principal, { status, province });
      assert.equal(d.ok ? d.value : d.reason, expected);
    });
  }
});
