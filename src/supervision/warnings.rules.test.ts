import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSupervisionRules, type RuleId, ruleIds } from './supervision.rules-data.ts';
import type { PlanFacts } from './warnings.model.ts';
import { evaluatePlan } from './warnings.rules.ts';

/**
 * Every warning rule fires on a constructed scenario and stays silent on a clean plan (issue 8 §5), table-driven.
 * The clean plan is a realistic one: twelve candidates in one room whose answers follow item difficulty, staff by
 * the ratios from outside the institution, examiners who agree, complete archives, peers with similar pass rates.
 */
const rules = loadSupervisionRules();
const NOW = new Date('2026-11-29T08:00:00Z');
const INST = '00000000-0000-4000-8000-000000000001';
const SITTING = '00000000-0000-4000-8000-0000000000a1';
const ITEMS = 40;
const KEYS = ['A', 'B', 'C', 'D'];
// Item difficulty from 0.1 (easy) to 0.9 (hard); the right key cycles.
const difficulty = Array.from({ length: ITEMS }, (_, i) => 0.1 + (0.8 * i) / (ITEMS - 1));
const key = (i: number) => KEYS[i % 4] as string;
/** A deterministic "random" number in [0, 1) per (examinee, item): clean data without Math.random. */
const noise = (e: number, i: number) => (((Math.sin(e * 12.9898 + i * 78.233) * 43758.5453) % 1) + 1) % 1;

function examinee(e: number, ability: number): PlanFacts['attempts'][number] {
  const responses: (string | null)[] = [];
  const correct: boolean[] = [];
  for (let i = 0; i < ITEMS; i++) {
    const right = noise(e, i) < 1 / (1 + Math.exp(-6 * (ability - (difficulty[i] ?? 0.5))));
    const wrongs = KEYS.filter((k) => k !== key(i));
    responses.push(right ? key(i) : (wrongs[Math.floor(noise(e + 100, i) * 3)] as string));
    correct.push(right);
  }
  const score = correct.filter(Boolean).length * 2.5;
  return {
    registrationId: `00000000-0000-4000-8000-${String(e).padStart(12, '0')}`,
    sittingId: SITTING,
    paperId: 'paper-1',
    status: 'submitted',
    startedAt: new Date('2026-10-15T01:00:00Z'),
    submittedAt: new Date(Date.parse('2026-10-15T01:00:00Z') + (40 + (e % 7) * 5) * 60_000),
    allowedMinutes: 90,
    score,
    fullScore: 100,
    responses: { id: `00000000-0000-4000-8000-${String(e).padStart(12, '0')}`, responses, correct },
    difficulty,
  };
}

function cleanPlan(): PlanFacts {
  const attempts = Array.from({ length: 12 }, (_, e) => examinee(e, 0.35 + (e % 6) * 0.08));
  return {
    now: NOW,
    today: '2026-11-29',
    plan: {
      id: 'plan-1',
      code: 'P1',
      occupation: '6-31-01-03',
      level: '4',
      year: '2026',
      subjects: ['theory', 'skills'],
    },
    ratios: {
      invigilators: { minPerRoom: 2, candidatesPerStaff: 15 },
      examiners: { min: 3, odd: true, candidatesPerStaff: 5 },
      reviewPanel: { min: 3, odd: true },
    },
    institutions: [
      {
        id: INST,
        name: '上海市电工技能评价中心',
        province: '310000',
        status: 'active',
        validFrom: '2025-01-01',
        validUntil: '2029-12-31',
        scopes: [{ occupation: '6-31-01-03', level: '4' }],
      },
    ],
    sittings: [
      {
        id: SITTING,
        institutionId: INST,
        siteName: '徐汇考点',
        startsAt: new Date('2026-10-15T01:00:00Z'),
        endsAt: new Date('2026-10-15T03:30:00Z'),
        candidates: 12,
        staff: [
          ...['监考甲', '监考乙'].map((name, i) => ({
            id: `inv-${i}`,
            role: 'invigilator' as const,
            name,
            employer: '外聘单位',
          })),
          ...['甲', '乙', '丙'].map((n, i) => ({
            id: `ex-${i}`,
            role: 'examiner' as const,
            name: `考评员${n}`,
            employer: '外聘单位',
          })),
        ],
        candidateEmployers: ['上海某建设公司'],
      },
    ],
    attempts,
    sheets: attempts.map((a, e) => ({
      registrationId: a.registrationId,
      sittingId: SITTING,
      subject: 'skills',
      totals: [70 + (e % 3), 72, 68 + (e % 5)],
    })),
    issued: attempts.slice(0, 8).map((a, e) => ({
      registrationId: a.registrationId,
      institutionId: INST,
      certificateId: `cert-${e}`,
      issuedOn: '2026-11-20',
      archivedScores: [
        { kind: 'theory', score: 70 },
        { kind: 'skills', score: 71 },
      ],
    })),
    overlaps: [],
    peers: [
      { id: INST, n: 40, events: 28 },
      { id: 'peer-2', n: 60, events: 40 },
      { id: 'peer-3', n: 35, events: 26 },
      { id: 'peer-4', n: 80, events: 54 },
      { id: 'peer-5', n: 25, events: 17 },
      { id: 'peer-6', n: 50, events: 36 },
      { id: 'peer-7', n: 45, events: 30 },
      { id: 'peer-8', n: 70, events: 50 },
    ],
  };
}

const at = <T>(xs: T[], i: number): T => {
  const x = xs[i];
  if (x === undefined) throw new Error(`no element ${i}`);
  return x;
};

/** Each scenario changes the clean plan in one way; `expect` is the only rule that may fire. */
const scenarios: { rule: RuleId; name: string; change: (f: PlanFacts) => void; whole?: true }[] = [
  {
    rule: 'scope.outside-filing',
    name: 'a sitting still to come after the filing dropped the level',
    change: (f) => {
      at(f.institutions, 0).scopes = [{ occupation: '6-31-01-03', level: '5' }];
      at(f.sittings, 0).startsAt = new Date('2026-12-20T01:00:00Z');
      at(f.sittings, 0).endsAt = new Date('2026-12-20T03:30:00Z');
    },
  },
  {
    rule: 'scope.filing-lapsed',
    name: 'a sitting after the filing expired',
    change: (f) => {
      at(f.institutions, 0).validUntil = '2026-10-01';
      f.issued = [];
    },
  },
  {
    rule: 'archive.scores-incomplete',
    name: 'a certificate whose sealed record lacks the skills score',
    change: (f) => {
      at(f.issued, 0).archivedScores = [{ kind: 'theory', score: 80 }];
    },
  },
  {
    rule: 'staff.ratio',
    name: 'two examiners for twelve candidates',
    change: (f) => {
      at(f.sittings, 0).staff = at(f.sittings, 0).staff.filter((s) => s.id !== 'ex-2');
    },
  },
  {
    rule: 'staff.recusal',
    name: "an invigilator from a candidate's employer (two more serve, so the ratio holds)",
    change: (f) => {
      at(f.sittings, 0).staff.push({
        id: 'inv-2',
        role: 'invigilator',
        name: '监考丙',
        employer: '上海某建设公司',
      });
    },
  },
  {
    rule: 'scores.examiner-disagreement',
    name: 'examiners 25 points apart',
    change: (f) => {
      at(f.sheets, 3).totals = [60, 85, 72];
    },
  },
  {
    rule: 'institution.pass-rate-funnel',
    name: 'an institution passing 39 of 40 where peers pass about two in three',
    change: (f) => {
      at(f.peers, 0).events = 39;
    },
    whole: true,
  },
  {
    rule: 'integrity.answer-copying',
    name: 'one candidate with the same answers as the next, wrong ones included',
    change: (f) => {
      const source = at(f.attempts, 1);
      const copier = at(f.attempts, 7);
      copier.responses = { ...source.responses, id: copier.registrationId };
    },
    whole: true,
  },
  {
    rule: 'integrity.aberrant-pattern',
    name: 'the twenty hardest items right and the twenty easiest wrong',
    change: (f) => {
      const a = at(f.attempts, 5);
      const correct = difficulty.map((d) => d > 0.5);
      a.responses = {
        ...a.responses,
        correct,
        responses: correct.map((c, i) => (c ? key(i) : (KEYS.filter((k) => k !== key(i))[i % 3] ?? 'A'))),
      };
    },
    whole: true,
  },
  {
    rule: 'integrity.fast-completion',
    name: 'a high score in eight minutes',
    change: (f) => {
      const a = at(f.attempts, 11);
      a.submittedAt = new Date(a.startedAt.getTime() + 8 * 60_000);
      a.score = 90;
    },
  },
  {
    rule: 'identity.overlapping-sittings',
    name: 'a candidate registered for another sitting at the same time',
    change: (f) => {
      f.overlaps = [
        {
          registrationId: at(f.attempts, 0).registrationId,
          otherRegistrationId: '00000000-0000-4000-8000-00000000ffff',
          otherPlanId: 'plan-2',
          sittingId: SITTING,
        },
      ];
    },
  },
];

describe('warning rules (issue 8 §2)', () => {
  it('stay silent on a clean plan, whole-plan statistics included', () => {
    assert.deepEqual(
      evaluatePlan(cleanPlan(), rules, true).map((f) => `${f.rule} ${f.summary}`),
      [],
    );
  });

  it('cover every rule in supervision/rules.json with a scenario', () => {
    assert.deepEqual([...new Set(scenarios.map((s) => s.rule))].sort(), [...ruleIds].sort());
  });

  for (const s of scenarios) {
    it(`${s.rule} fires on ${s.name}, and only it`, () => {
      const facts = cleanPlan();
      s.change(facts);
      const findings = evaluatePlan(facts, rules, true);
      assert.ok(findings.length > 0, `${s.rule} did not fire`);
      assert.deepEqual([...new Set(findings.map((f) => f.rule))], [s.rule]);
      for (const f of findings)
        assert.match(f.summary, /[\u4e00-\u9fff].*·/, 'Chinese first, English beside it');
      // Statistical rules wait for the whole plan: an event pass does not run them.
      if (s.whole) assert.deepEqual(evaluatePlan(facts, rules, false), []);
    });
  }

  it('names the copier and the source by registration, never by person', () => {
    const facts = cleanPlan();
    const source = at(facts.attempts, 1);
    at(facts.attempts, 7).responses = { ...source.responses, id: at(facts.attempts, 7).registrationId };
    const [finding] = evaluatePlan(facts, rules, true);
    assert.ok(finding, 'the copying pair is found');
    assert.deepEqual(
      [finding.evidence.copier, finding.evidence.source].sort(),
      [source.registrationId, at(facts.attempts, 7).registrationId].sort(),
    );
    assert.doesNotMatch(JSON.stringify(finding?.evidence), /idNumber|name/);
  });

  it('does not test copying on a form too few sat to say how often honest candidates agree', () => {
    const facts = cleanPlan();
    facts.attempts = facts.attempts.slice(0, 9); // the pair and seven others: fewer than minComparison (10)
    const source = at(facts.attempts, 1);
    at(facts.attempts, 7).responses = { ...source.responses, id: at(facts.attempts, 7).registrationId };
    assert.deepEqual(
      evaluatePlan(facts, rules, true).filter((f) => f.rule === 'integrity.answer-copying'),
      [],
    );
  });

  it('does not warn about past sittings when a filing scope narrows later', () => {
    const facts = cleanPlan();
    at(facts.institutions, 0).scopes = [];
    assert.deepEqual(evaluatePlan(facts, rules, false), []);
  });

  it('counts a sitting under a suspended filing only while it is still to come', () => {
    const facts = cleanPlan();
    at(facts.institutions, 0).status = 'suspended';
    assert.deepEqual(evaluatePlan(facts, rules, false), [], 'the sitting was held before the suspension');
    at(facts.sittings, 0).startsAt = new Date('2026-12-20T01:00:00Z');
    at(facts.sittings, 0).endsAt = new Date('2026-12-20T03:30:00Z');
    assert.deepEqual(
      evaluatePlan(facts, rules, false).map((f) => f.rule),
      ['scope.filing-lapsed'],
    );
  });
});
