import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { Principal } from '../accounts/accounts.model.ts';
import { projectRoot } from '../config.ts';
import { AppError } from '../shared/errors.ts';
import { testCatalog } from '../testing/app.ts';
import { canApprovePlan, isInScope } from './plans.access.ts';
import type { InstitutionFacts, Plan } from './plans.model.ts';
import {
  approvalProblems,
  filingProblems,
  nextPlanStatus,
  planCode,
  resolveSubjects,
  staffingFor,
} from './plans.rules.ts';
import { type ExamStandards, loadExamStandards, standardFor } from './plans.standards.ts';

const standards = loadExamStandards(path.join(projectRoot, 'exams', 'standards.json'), testCatalog());

describe('exam standards as data (exams/standards.json)', () => {
  it('gives levels 5–3 theory and skills, levels 2–1 also 综合评审, 60/100 and 90/90/30 minutes', () => {
    for (const level of ['5', '4', '3', '2', '1'] as const) {
      const s = standardFor(standards, '6-31-01-03', level);
      const expected = ['5', '4', '3'].includes(level)
        ? ['theory:90:60/100', 'skills:90:60/100']
        : ['theory:90:60/100', 'skills:90:60/100', 'review:30:60/100'];
      assert.deepEqual(
        s.subjects.map((x) => `${x.kind}:${x.durationMinutes}:${x.passMark}/${x.fullMark}`),
        expected,
        level,
      );
    }
    const staff = standardFor(standards, '6-18-02-04', '3').staff;
    assert.deepEqual(staff.invigilators, { minPerRoom: 2, candidatesPerStaff: 15 });
    assert.deepEqual(staff.examiners, { min: 3, odd: true, candidatesPerStaff: 5 });
    assert.equal(standardFor(standards, '6-18-02-04', '3').standard?.includes('焊工'), true);
  });

  it('lays an occupation × level override over the defaults, field by field', () => {
    const data: ExamStandards = structuredClone(standards);
    data.overrides = [
      {
        occupation: '6-31-01-03',
        levels: ['4'],
        standard: 'test',
        subjects: { skills: { durationMinutes: 150 } },
        staff: { reviewPanel: { min: 5, odd: true } },
        evidence: 'NOT VERIFIED',
        sources: ['test'],
      },
    ];
    const four = standardFor(data, '6-31-01-03', '4');
    assert.deepEqual(four.subjects[1], { kind: 'skills', durationMinutes: 150, passMark: 60, fullMark: 100 });
    assert.equal(four.staff.reviewPanel.min, 5);
    assert.equal(four.staff.examiners.min, 3, 'fields left out keep the default');
    assert.equal(
      standardFor(data, '6-31-01-03', '5').subjects[1]?.durationMinutes,
      90,
      'other levels untouched',
    );
  });

  it('refuses a file whose override names an occupation the catalog does not have, or a level twice', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-standards-'));
    try {
      const file = path.join(dir, 'standards.json');
      const bad = structuredClone(standards);
      bad.overrides.push({ ...structuredClone(standards.overrides[0]), occupation: '9-99-99-99' } as never);
      bad.overrides.push(structuredClone(standards.overrides[1]) as never);
      fs.writeFileSync(file, JSON.stringify(bad));
      assert.throws(
        () => loadExamStandards(file, testCatalog()),
        (e) =>
          e instanceof AppError &&
          e.code === 'catalog_invalid' &&
          e.details?.some((d) => d.message === 'unknown occupation 9-99-99-99') === true &&
          e.details?.some((d) => d.message === '6-18-02-04/5 is overridden twice') === true,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('plan subjects within the standard’s bounds', () => {
  const four = standardFor(standards, '6-31-01-03', '4');
  const cases: Array<[string, Parameters<typeof resolveSubjects>[1], string[]]> = [
    ['defaults', undefined, []],
    ['longer and stricter', [{ kind: 'theory', durationMinutes: 120, passMark: 70 }], []],
    ['shorter than the standard', [{ kind: 'skills', durationMinutes: 60 }], ['duration-below-standard']],
    ['beyond the bound', [{ kind: 'skills', durationMinutes: 600 }], ['duration-above-bound']],
    ['a lower pass mark', [{ kind: 'theory', passMark: 50 }], ['pass-mark-below-standard']],
    ['a pass mark above the bound', [{ kind: 'theory', passMark: 95 }], ['pass-mark-above-bound']],
    ['综合评审 at level 4', [{ kind: 'review' }], ['subject-not-in-standard']],
    ['a subject twice', [{ kind: 'theory' }, { kind: 'theory' }], ['duplicate-subject']],
  ];
  for (const [name, input, codes] of cases) {
    it(name, () => {
      const { subjects, problems } = resolveSubjects(four, input);
      assert.deepEqual(
        problems.map((p) => p.message.split(':')[0]),
        codes,
      );
      assert.deepEqual(
        subjects.map((s) => s.kind),
        ['theory', 'skills'],
      );
    });
  }
});

const inst = (o: Partial<InstitutionFacts> = {}): InstitutionFacts => ({
  id: 'i1',
  name: '甲机构',
  code: 'S000031000001',
  province: '310000',
  status: 'active',
  validFrom: '2025-01-01',
  validUntil: '2029-12-31',
  scopes: [{ occupation: '6-31-01-03', level: '4' }],
  sites: [],
  ...o,
});
const plan = (o: Partial<Plan> = {}): Plan => ({
  id: 'p1',
  code: 'RD-310000-2027-0001',
  name: '计划',
  occupation: '6-31-01-03',
  level: '4',
  kind: 'single',
  leadProvince: '310000',
  status: 'draft',
  subjects: [],
  registrationOpens: '2027-03-01',
  registrationCloses: '2027-03-31',
  createdBy: 't',
  createdAt: new Date(),
  approvedBy: null,
  approvedAt: null,
  updatedAt: new Date(),
  version: 1,
  institutions: [{ institutionId: 'i1', province: '310000' }],
  ...o,
});
const sitting = (day: string, institutionId = 'i1') => ({
  id: `s-${day}`,
  institutionId,
  startsAt: new Date(`${day}T09:00:00+08:00`),
  endsAt: new Date(`${day}T12:00:00+08:00`),
});

describe('filing checks of every participating institution', () => {
  const cases: Array<[string, InstitutionFacts, ReturnType<typeof sitting>[], string[]]> = [
    ['filed and active', inst(), [sitting('2027-04-10')], []],
    [
      'outside the filed scope',
      inst({ scopes: [{ occupation: '6-31-01-03', level: '5' }] }),
      [],
      ['outside-filed-scope'],
    ],
    ['suspended', inst({ status: 'suspended' }), [], ['institution-suspended']],
    ['revoked', inst({ status: 'revoked' }), [], ['institution-revoked']],
    ['lapsing before registration closes', inst({ validUntil: '2027-03-15' }), [], ['filing-expired']],
    [
      'lapsing before a sitting',
      inst({ validUntil: '2027-04-01' }),
      [sitting('2027-04-10')],
      ['filing-expired'],
    ],
    [
      'not yet valid when registration opens',
      inst({ validFrom: '2027-03-10' }),
      [],
      ['filing-not-yet-valid'],
    ],
  ];
  for (const [name, facts, sittings, codes] of cases) {
    it(name, () => {
      assert.deepEqual(
        filingProblems(plan(), [facts], sittings).map((p) => p.problem.code),
        codes,
      );
    });
  }

  it('approval also wants a sitting at each institution, after registration, before the window has passed', () => {
    const two = [inst(), inst({ id: 'i2', name: '乙机构', province: '440000' })];
    const problems = approvalProblems(plan(), two, [sitting('2027-03-20')], '2027-04-01');
    assert.deepEqual(
      problems.map((p) => `${p.path} ${p.message.split(':')[0]}`),
      [
        'sittings.s-2027-03-20 sitting-before-registration-closes',
        'institutions.i2 no-sittings',
        'registrationCloses registration-closed',
      ],
    );
  });
});

describe('plan lifecycle, codes, approval and staffing', () => {
  it('moves draft → approved → closed, and cancels drafts and approved plans only', () => {
    assert.equal(nextPlanStatus('draft', 'approve'), 'approved');
    assert.equal(nextPlanStatus('approved', 'close'), 'closed');
    assert.equal(nextPlanStatus('approved', 'cancel'), 'cancelled');
    assert.equal(nextPlanStatus('approved', 'update'), null);
    assert.equal(nextPlanStatus('closed', 'cancel'), null);
    assert.equal(nextPlanStatus('cancelled', 'approve'), null);
    assert.equal(planCode('310000', '2027', 12), 'RD-310000-2027-0012');
  });

  const who = (role: Principal['role'], scope: Partial<Principal> = {}): Principal => ({
    via: 'token',
    userId: 'u',
    username: 'u',
    role,
    department: null,
    province: null,
    institution: null,
    holderId: null,
    ...scope,
  });
  it('lets only the lead province’s admin approve', () => {
    const joint = plan({
      kind: 'joint',
      institutions: [
        { institutionId: 'i1', province: '310000' },
        { institutionId: 'i2', province: '440000' },
      ],
    });
    assert.equal(canApprovePlan(who('province-admin', { province: '310000' }), joint), true);
    assert.equal(canApprovePlan(who('province-admin', { province: '440000' }), joint), false);
    assert.equal(canApprovePlan(who('system-admin'), joint), false);
    assert.equal(
      isInScope(who('province-admin', { province: '440000' }), joint),
      true,
      'sees its institution’s',
    );
    assert.equal(isInScope(who('institution-operator', { institution: 'i3' }), joint), false);
    assert.equal(isInScope(who('supervisor'), joint), true);
    assert.equal(isInScope(who('supervisor', { province: '330000' }), joint), false);
  });

  it('asks for invigilators 1:15 (≥2) and an odd number of examiners 1:5 (≥3)', () => {
    const staff = standardFor(standards, '6-31-01-03', '2').staff;
    assert.deepEqual(staffingFor(staff, 10, false), { invigilators: 2, examiners: 3, reviewPanel: null });
    assert.deepEqual(staffingFor(staff, 31, true), { invigilators: 3, examiners: 7, reviewPanel: 3 });
    assert.deepEqual(staffingFor(staff, 40, true), { invigilators: 3, examiners: 9, reviewPanel: 3 });
  });
});
