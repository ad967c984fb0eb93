import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../accounts/accounts.model.ts';
import type { WarningAction, WarningStatus } from './warnings.model.ts';
import { canSeeWarning, checkStep, isOverdue, type WarningFacts } from './warnings.workflow.ts';

/** Who may take which step of a warning's review, from which status (issue 8 §3), table-driven. */
const INST = '00000000-0000-4000-8000-000000000001';
const who = (role: Principal['role'], scope: Partial<Principal> = {}): Principal => ({
  via: 'token',
  userId: 'u',
  username: role,
  role,
  department: null,
  province: null,
  institution: null,
  holderId: null,
  ...scope,
});
const people = {
  national: who('supervisor'),
  shSupervisor: who('supervisor', { province: '310000' }),
  zjSupervisor: who('supervisor', { province: '330000' }),
  shAdmin: who('province-admin', { province: '310000' }),
  sysadmin: who('system-admin'),
  operator: who('institution-operator', { institution: INST }),
  otherOperator: who('institution-operator', { institution: '00000000-0000-4000-8000-000000000002' }),
  holder: who('holder'),
};
type Person = keyof typeof people;
const warning = (status: WarningStatus, reviewLevel: 'province' | 'national' = 'province'): WarningFacts => ({
  status,
  reviewLevel,
  province: '310000',
  institutionId: INST,
});

// [person, action, from status, review level, expected: the next status, or the refusal code]
const table: [Person, WarningAction, WarningStatus, 'province' | 'national', string][] = [
  ['shSupervisor', 'send', 'created', 'province', 'sent'],
  ['national', 'send', 'created', 'province', 'sent'],
  ['sysadmin', 'send', 'created', 'province', 'sent'],
  ['zjSupervisor', 'send', 'created', 'province', 'forbidden'],
  ['shAdmin', 'send', 'created', 'province', 'forbidden'],
  ['operator', 'send', 'created', 'province', 'forbidden'],
  ['shSupervisor', 'send', 'sent', 'province', 'invalid_transition'],
  ['operator', 'answer', 'sent', 'province', 'answered'],
  ['operator', 'answer', 'returned', 'province', 'answered'],
  ['operator', 'answer', 'created', 'province', 'invalid_transition'],
  ['otherOperator', 'answer', 'sent', 'province', 'forbidden'],
  ['shSupervisor', 'answer', 'sent', 'province', 'forbidden'],
  ['shSupervisor', 'accept', 'answered', 'province', 'closed'],
  ['shSupervisor', 'accept', 'sent', 'province', 'invalid_transition'],
  ['shSupervisor', 'return', 'answered', 'province', 'returned'],
  ['shSupervisor', 'escalate', 'answered', 'province', 'escalated'],
  ['shSupervisor', 'escalate', 'escalated', 'national', 'forbidden'],
  ['national', 'escalate', 'escalated', 'national', 'invalid_transition'],
  ['shSupervisor', 'accept', 'escalated', 'national', 'forbidden'],
  ['national', 'accept', 'escalated', 'national', 'closed'],
  ['national', 'return', 'escalated', 'national', 'returned'],
  ['shSupervisor', 'propose-sanction', 'answered', 'province', 'sanction-proposed'],
  ['national', 'propose-sanction', 'escalated', 'national', 'sanction-proposed'],
  ['shAdmin', 'carry-out-sanction', 'sanction-proposed', 'province', 'closed'],
  ['sysadmin', 'carry-out-sanction', 'sanction-proposed', 'province', 'closed'],
  ['shSupervisor', 'carry-out-sanction', 'sanction-proposed', 'province', 'forbidden'],
  ['shAdmin', 'decline-sanction', 'sanction-proposed', 'province', 'answered'],
  ['shAdmin', 'carry-out-sanction', 'answered', 'province', 'invalid_transition'],
  ['shSupervisor', 'dismiss', 'created', 'province', 'closed'],
  ['shSupervisor', 'dismiss', 'returned', 'province', 'closed'],
  ['shSupervisor', 'dismiss', 'closed', 'province', 'invalid_transition'],
  ['holder', 'accept', 'answered', 'province', 'forbidden'],
];

describe('warning workflow (issue 8 §3)', () => {
  for (const [person, action, from, level, expected] of table) {
    it(`${person} ${action} from ${from} (${level}) → ${expected}`, () => {
      const answer = checkStep(people[person], warning(from, level), action, '理由 reason');
      assert.equal(answer.ok ? answer.to : answer.code, expected);
    });
  }

  it('asks for a reason where the step needs one, and moves the review up on escalation', () => {
    const missing = checkStep(people.shSupervisor, warning('answered'), 'return', ' ');
    assert.equal(missing.ok ? missing.to : missing.code, 'comment_required');
    assert.equal(
      checkStep(people.shSupervisor, warning('created'), 'send').ok,
      true,
      'sending needs no reason',
    );
    const up = checkStep(people.shSupervisor, warning('answered'), 'escalate', '跨省 cross-province');
    assert.equal(up.ok && up.reviewLevel, 'national');
  });

  it('keeps a warning from its institution until it is sent, and from other provinces always', () => {
    assert.equal(canSeeWarning(people.operator, warning('created')), false);
    assert.equal(canSeeWarning(people.operator, warning('sent')), true);
    assert.equal(canSeeWarning(people.otherOperator, warning('sent')), false);
    assert.equal(canSeeWarning(people.zjSupervisor, warning('sent')), false);
    assert.equal(canSeeWarning(people.shAdmin, warning('created')), true);
    assert.equal(canSeeWarning(people.holder, warning('sent')), false);
  });

  it('flags overdue only while the institution owes an answer', () => {
    const now = new Date('2026-11-29T00:00:00Z');
    const past = new Date('2026-11-28T00:00:00Z');
    assert.equal(isOverdue('sent', past, now), true);
    assert.equal(isOverdue('returned', past, now), true);
    assert.equal(isOverdue('answered', past, now), false);
    assert.equal(isOverdue('sent', new Date('2026-11-30T00:00:00Z'), now), false);
    assert.equal(isOverdue('sent', null, now), false);
  });
});
