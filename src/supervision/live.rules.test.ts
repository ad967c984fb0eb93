import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../accounts/accounts.model.ts';
import type { EventFacts, LiveFilter, LiveScope } from './live.model.ts';
import {
  chinaDayOf,
  isEventInScope,
  isWarningInScope,
  type ScopeDecision,
  scopeOf,
  sittingPhaseAt,
  sseFrame,
  summarizeEvent,
} from './live.rules.ts';

const principal = (role: Principal['role'], province: string | null = null): Principal => ({
  via: 'token',
  userId: null,
  username: role,
  role,
  department: null,
  province,
  institution: null,
  holderId: null,
});
const scope = (o: Partial<LiveScope> = {}): LiveScope => ({
  province: null,
  institution: null,
  occupation: null,
  ...o,
});

describe('scopeOf', () => {
  const cases: Array<[string, Principal, LiveFilter, ScopeDecision]> = [
    ['system admin, no filter', principal('system-admin'), {}, { ok: true, scope: scope() }],
    [
      'national supervisor filters a province',
      principal('supervisor'),
      { province: '330000' },
      { ok: true, scope: scope({ province: '330000' }) },
    ],
    [
      'Shanghai supervisor without a filter is narrowed',
      principal('supervisor', '310000'),
      { occupation: '6-31-01-03' },
      { ok: true, scope: scope({ province: '310000', occupation: '6-31-01-03' }) },
    ],
    [
      'Shanghai supervisor asking for Shanghai',
      principal('supervisor', '310000'),
      { province: '310000' },
      { ok: true, scope: scope({ province: '310000' }) },
    ],
    [
      'Shanghai supervisor asking for Zhejiang is refused',
      principal('supervisor', '310000'),
      { province: '330000' },
      { ok: false, code: 'outside-province' },
    ],
  ];
  for (const [name, who, filter, expected] of cases)
    it(name, () => assert.deepEqual(scopeOf(who, filter), expected));
});

const SH = 'inst-sh';
const ZJ = 'inst-zj';
const joint = {
  code: 'RD-JOINT',
  name: '联合认定',
  occupation: '6-31-01-03',
  leadProvince: '330000',
  parties: [
    { institutionId: ZJ, province: '330000' },
    { institutionId: SH, province: '310000' },
  ],
};
const facts = (o: Partial<EventFacts>): EventFacts => ({
  id: 1,
  at: new Date('2026-12-01T02:00:00Z'),
  kind: 'sitting.created',
  actorLabel: 'inst-op',
  province: '310000',
  institutionId: SH,
  institutionName: '上海评价中心',
  planId: 'plan-joint',
  plan: joint,
  subjectType: 'sitting',
  subjectId: 's1',
  payload: {},
  ...o,
});

describe('isEventInScope', () => {
  const shSitting = facts({});
  const zjSitting = facts({ province: '330000', institutionId: ZJ });
  const planApproved = facts({
    kind: 'plan.approved',
    subjectType: 'plan',
    province: '330000',
    institutionId: null,
  });
  const resultsComputed = facts({
    kind: 'results.computed',
    subjectType: 'plan',
    province: null,
    institutionId: null,
  });
  const zjFiling = facts({
    kind: 'institution.suspended',
    subjectType: 'institution',
    province: '330000',
    institutionId: ZJ,
    planId: null,
    plan: null,
  });
  const cases: Array<[string, EventFacts, Partial<LiveScope>, boolean]> = [
    ['national sees everything', zjSitting, {}, true],
    ['Shanghai sees its own sitting', shSitting, { province: '310000' }, true],
    [
      'Shanghai never sees a Zhejiang sitting, even of a joint plan it is in',
      zjSitting,
      { province: '310000' },
      false,
    ],
    ['Shanghai sees the joint plan approved (plan-wide)', planApproved, { province: '310000' }, true],
    [
      'Shanghai sees results computed of the joint plan (no province)',
      resultsComputed,
      { province: '310000' },
      true,
    ],
    ['Guangdong does not see the joint plan', planApproved, { province: '440000' }, false],
    ['Shanghai never sees a Zhejiang filing', zjFiling, { province: '310000' }, false],
    ['institution filter: its own sitting', shSitting, { institution: SH }, true],
    ['institution filter: another institution’s sitting', zjSitting, { institution: SH }, false],
    ['institution filter: its plan, plan-wide', planApproved, { institution: SH }, true],
    ['occupation filter: the plan’s occupation', shSitting, { occupation: '6-31-01-03' }, true],
    ['occupation filter: another occupation', shSitting, { occupation: '6-18-02-04' }, false],
    ['occupation filter: an event without a plan', zjFiling, { occupation: '6-31-01-03' }, false],
  ];
  for (const [name, e, s, expected] of cases)
    it(name, () => assert.equal(isEventInScope(scope(s), e), expected));
});

describe('isWarningInScope', () => {
  const w = {
    id: 'w',
    rule: 'r',
    severity: 'high',
    status: 'sent',
    province: '310000',
    institutionId: SH,
    planId: null,
    sittingId: null,
    occupation: '6-31-01-03',
    summary: 's',
    updatedAt: new Date(),
  };
  const cases: Array<[Partial<LiveScope>, typeof w, boolean]> = [
    [{}, w, true],
    [{ province: '310000' }, w, true],
    [{ province: '330000' }, w, false],
    [{ province: '310000' }, { ...w, province: null as unknown as string }, false],
    [{ institution: ZJ }, w, false],
    [{ occupation: '6-31-01-03' }, w, true],
  ];
  for (const [s, warning, expected] of cases)
    it(`${JSON.stringify(s)} / ${warning.province}`, () =>
      assert.equal(isWarningInScope(scope(s), warning), expected));
});

describe('summarizeEvent', () => {
  const cases: Array<[Partial<EventFacts>, string, string]> = [
    [
      { payload: { startsAt: '2027-04-10T01:00:00.000Z', capacity: 30, holder: 'never-shown' } },
      '新增考场 · RD-JOINT · 上海评价中心 · 2027-04-10 09:00 容量 30',
      'Sitting added · RD-JOINT · 上海评价中心 · 2027-04-10 09:00, capacity 30',
    ],
    [
      { kind: 'results.computed', institutionName: null, payload: { computed: 12 } },
      '合成成绩 · RD-JOINT · 12 人',
      'Results computed · RD-JOINT · 12 candidates',
    ],
    [
      { kind: 'score.changed', payload: { from: 70, to: 74 } },
      '修改评分 · RD-JOINT · 上海评价中心 · 70 → 74 分',
      'Score changed · RD-JOINT · 上海评价中心 · 70 → 74 points',
    ],
    [
      { kind: 'plan.cancelled', institutionName: null, payload: { reason: '场地不可用' } },
      '取消认定计划 · RD-JOINT · 原因：场地不可用',
      'Plan cancelled · RD-JOINT · reason: 场地不可用',
    ],
    [
      { kind: 'staff.assigned', payload: { staff: 'x', role: 'examiner' } },
      '配置考务人员 · RD-JOINT · 上海评价中心 · 考评员',
      'Staff assigned · RD-JOINT · 上海评价中心 · examiner',
    ],
    [
      { kind: 'institution.filed', plan: null, planId: null, payload: { code: 'S0000310001' } },
      '机构备案 · 上海评价中心',
      'Institution filed · 上海评价中心',
    ],
    [{ kind: 'something.new', plan: null, institutionName: null }, 'something.new', 'something.new'],
  ];
  for (const [o, zh, en] of cases) it(zh, () => assert.deepEqual(summarizeEvent(facts(o)), { zh, en }));
});

describe('time and framing', () => {
  it('today in China runs from 16:00 UTC the day before', () => {
    assert.deepEqual(chinaDayOf(new Date('2026-11-29T20:00:00Z')), {
      start: new Date('2026-11-29T16:00:00Z'),
      end: new Date('2026-11-30T16:00:00Z'),
    });
    assert.deepEqual(chinaDayOf(new Date('2026-11-29T15:59:59Z')).start, new Date('2026-11-28T16:00:00Z'));
  });

  it('a sitting is upcoming, in progress (start inclusive) or ended (end exclusive)', () => {
    const s = new Date('2026-12-01T01:00:00Z');
    const e = new Date('2026-12-01T03:00:00Z');
    assert.equal(sittingPhaseAt(s, e, new Date('2026-12-01T00:59:59Z')), 'upcoming');
    assert.equal(sittingPhaseAt(s, e, s), 'in-progress');
    assert.equal(sittingPhaseAt(s, e, e), 'ended');
  });

  it('frames an event with its id on one data line', () => {
    assert.equal(sseFrame('exam', { a: 'x\ny' }, '42'), 'event: exam\nid: 42\ndata: {"a":"x\\ny"}\n\n');
    assert.equal(sseFrame('warning', { b: 1 }), 'event: warning\ndata: {"b":1}\n\n');
  });
});
