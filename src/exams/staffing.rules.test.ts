import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkStaffing, type StaffingFacts, type StaffMember, sameEmployer } from './staffing.rules.ts';

/** Staff ratios and recusal (issue 7 §3): the defaults of exams/standards.json. */
const ratios = {
  invigilators: { minPerRoom: 2, candidatesPerStaff: 15 },
  examiners: { min: 3, odd: true, candidatesPerStaff: 5 },
  reviewPanel: { min: 3, odd: true },
};
let n = 0;
const staff = (role: StaffMember['role'], count: number, employer = '某供电公司'): StaffMember[] =>
  Array.from({ length: count }, () => ({ id: `s${++n}`, role, name: `考务${n}`, employer }));
const facts = (o: Partial<StaffingFacts>): StaffingFacts => ({
  ratios,
  subjects: ['theory', 'skills'],
  candidates: 10,
  rooms: 1,
  runningInstitution: '上海电工评价中心',
  candidateEmployers: [],
  staff: [],
  ...o,
});
const statusOf = (f: StaffingFacts) =>
  Object.fromEntries(checkStaffing(f).checks.map((c) => [c.code, `${c.status} ${c.actual}/${c.required}`]));

describe('ratios', () => {
  const cases: [string, Partial<StaffingFacts>, Record<string, string>][] = [
    [
      'two invigilators and three examiners for ten candidates',
      { staff: [...staff('invigilator', 2), ...staff('examiner', 3)] },
      { invigilators: 'met 2/2', examiners: 'met 3/3', 'examiners-odd': 'met 1/1' },
    ],
    [
      'one invigilator is never enough, however few candidates',
      { candidates: 3, staff: [...staff('invigilator', 1), ...staff('examiner', 3)] },
      { invigilators: 'unmet 1/2' },
    ],
    [
      '1:15 — 31 candidates need 3 invigilators; 1:5 needs 7 examiners',
      { candidates: 31, staff: [...staff('invigilator', 3), ...staff('examiner', 7)] },
      { invigilators: 'met 3/3', examiners: 'met 7/7' },
    ],
    [
      '20 candidates need 4 examiners, rounded up to 5 (odd)',
      { candidates: 20, staff: [...staff('invigilator', 2), ...staff('examiner', 4)] },
      { examiners: 'unmet 4/5', 'examiners-odd': 'unmet 0/1' },
    ],
    [
      'no skills subject: examiners are not checked',
      { subjects: ['theory'], staff: staff('invigilator', 2) },
      { examiners: 'skipped 0/3', 'examiners-odd': 'skipped 0/1' },
    ],
    [
      'levels 2 and 1: an odd panel of three or more',
      { subjects: ['theory', 'skills', 'review'], staff: staff('reviewer', 4) },
      { 'review-panel': 'met 4/3', 'review-panel-odd': 'unmet 0/1' },
    ],
  ];
  for (const [name, f, expected] of cases)
    it(name, () => {
      const got = statusOf(facts(f));
      for (const [code, value] of Object.entries(expected)) assert.equal(got[code], value, code);
    });

  it('ok only when every check that applies is met and nobody is recused', () => {
    assert.equal(
      checkStaffing(facts({ staff: [...staff('invigilator', 2), ...staff('examiner', 3)] })).ok,
      true,
    );
    assert.equal(checkStaffing(facts({ staff: staff('invigilator', 2) })).ok, false);
  });
});

describe('recusal', () => {
  it('flags staff of the running institution and of a candidate’s employer; they do not count', () => {
    const own = staff('invigilator', 1, ' 上海电工评价中心 ');
    const employer = staff('examiner', 1, '某建筑公司');
    const answer = checkStaffing(
      facts({
        candidateEmployers: ['某建筑公司'],
        staff: [...own, ...staff('invigilator', 1), ...employer, ...staff('examiner', 2)],
      }),
    );
    assert.deepEqual(answer.recusals, [
      { staffId: own[0]?.id, reason: 'running-institution' },
      { staffId: employer[0]?.id, reason: 'candidate-employer' },
    ]);
    assert.equal(answer.checks.find((c) => c.code === 'invigilators')?.actual, 1);
    assert.equal(answer.checks.find((c) => c.code === 'examiners')?.actual, 2);
    assert.equal(answer.ok, false);
  });

  it('compares employers by their normalised names, never empty ones', () => {
    assert.equal(sameEmployer('ＡＢＣ 公司', 'abc公司'), true);
    assert.equal(sameEmployer('', ''), false);
    assert.equal(sameEmployer('甲公司', '乙公司'), false);
  });
});
