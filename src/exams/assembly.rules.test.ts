import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkForms } from './assembly.check.ts';
import { type Blueprint, bandOf, blueprintSchema, type Candidate } from './assembly.model.ts';
import { assembleForms } from './assembly.rules.ts';

let serial = 0;
function items(n: number, o: Partial<Candidate> = {}): Candidate[] {
  return Array.from({ length: n }, () => {
    serial += 1;
    return {
      itemId: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
      version: 1,
      knowledgePoint: '安全用电',
      type: 'single',
      difficulty: 0.5,
      score: 2,
      uses: 0,
      enemySets: [],
      ...o,
    };
  });
}

const blueprint = (o: Record<string, unknown> = {}): Blueprint =>
  blueprintSchema.parse({
    occupation: '6-31-01-03',
    level: '4',
    subject: 'theory',
    totalScore: 20,
    rows: [
      { knowledgePoint: '安全用电', type: 'single', difficulty: 'medium', count: 5, scoreEach: 2 },
      { knowledgePoint: '电工基础', type: 'true-false', difficulty: 'easy', count: 5, scoreEach: 2 },
    ],
    ...o,
  });

const bank = () => [
  ...items(8),
  ...items(6, { knowledgePoint: '电工基础', type: 'true-false', difficulty: 0.2 }),
];

describe('difficulty bands (issue 7 §2)', () => {
  for (const [d, band] of [
    [0, 'easy'],
    [0.39, 'easy'],
    [0.4, 'medium'],
    [0.7, 'medium'],
    [0.71, 'hard'],
    [1, 'hard'],
  ] as const)
    it(`${d} is ${band}`, () => assert.equal(bandOf(d), band));
});

describe('the assembly heuristic and its check (issue 7 §2)', () => {
  it('meets every cell and the total, and the check agrees', () => {
    const b = blueprint();
    const c = bank();
    const out = assembleForms(b, c);
    assert.ok(out.ok);
    assert.equal(out.forms[0]?.length, 10);
    assert.deepEqual(checkForms(b, c, out.forms), []);
  });

  it('reaches the total with the versions’ own scores by swapping within a cell', () => {
    const b = blueprint({
      totalScore: 12,
      rows: [{ knowledgePoint: '安全用电', type: 'single', difficulty: 'medium', count: 4 }],
    });
    const c = [...items(4, { score: 2 }), ...items(2, { score: 4 })];
    const out = assembleForms(b, c);
    assert.ok(out.ok);
    assert.equal(
      out.forms[0]?.reduce((s, p) => s + p.score, 0),
      12,
    );
    assert.deepEqual(checkForms(b, c, out.forms), []);
  });

  it('names the cell and the shortage after the exposure cap, with no paper', () => {
    const b = blueprint({ usageCap: 2 });
    const c = [
      ...items(3),
      ...items(2, { uses: 2 }),
      ...items(6, { knowledgePoint: '电工基础', type: 'true-false', difficulty: 0.2 }),
    ];
    const out = assembleForms(b, c);
    assert.deepEqual(out, {
      ok: false,
      problems: [
        {
          path: 'body.rows.0',
          message:
            'shortage: cell 6-31-01-03-4-安全用电 × single × medium needs 5, available 3 active after exposure cap 2 (5 before)',
        },
      ],
    });
  });

  it('takes one item per enemy set, and names the cell when that leaves too few', () => {
    const c = bank();
    const set = c.slice(0, 4).map((i) => i.itemId);
    for (const i of c.slice(0, 4)) i.enemySets = ['set-1'];
    const out = assembleForms(blueprint(), c);
    assert.ok(out.ok);
    assert.equal(out.forms[0]?.filter((p) => set.includes(p.itemId)).length, 1);
    for (const i of c.slice(0, 5)) i.enemySets = ['set-1'];
    const short = assembleForms(blueprint(), c);
    assert.ok(!short.ok);
    assert.match(
      short.problems[0]?.message ?? '',
      /^shortage: cell .*安全用电 × single × medium form 1 needs 5, only 4/,
    );
  });

  it('leaves an item in two enemy sets for last, so it does not block both', () => {
    const b = blueprint({ totalScore: 4, rows: [{ ...blueprint().rows[0], count: 2 }] });
    const [bridge, ...rest] = items(5);
    const c = [bridge, ...rest] as Candidate[];
    (bridge as Candidate).enemySets = ['s1', 's2'];
    for (const [k, i] of rest.entries()) i.enemySets = [k < 2 ? 's1' : 's2'];
    const out = assembleForms(b, c);
    assert.ok(out.ok);
    assert.deepEqual(checkForms(b, c, out.forms), []);
  });

  it('builds parallel forms within the overlap limit, or names the cell', () => {
    // 8 + 8 items for 5 + 5 per form: form B must reuse 2 + 2 of form A's, within ⌊0.4 × 10⌋ = 4.
    const b = blueprint({ forms: 2, maxOverlap: 0.4 });
    const c = [...bank(), ...items(2, { knowledgePoint: '电工基础', type: 'true-false', difficulty: 0.2 })];
    const out = assembleForms(b, c);
    assert.ok(out.ok);
    const [a, second] = out.forms;
    const shared = second?.filter((p) => a?.some((q) => q.itemId === p.itemId)).length;
    assert.equal(shared, 4);
    assert.deepEqual(checkForms(b, c, out.forms), []);
    const none = assembleForms(blueprint({ forms: 2, maxOverlap: 0.3 }), c);
    assert.ok(!none.ok);
    assert.match(none.problems[0]?.message ?? '', /form 2 needs 5, only \d .* more than 3 items shared/);
  });

  it('the check catches what a faulty solver could propose', () => {
    const b = blueprint({ usageCap: 1 });
    const c = bank();
    const out = assembleForms(b, c);
    assert.ok(out.ok);
    const form = out.forms[0] ?? [];
    const [first, second] = form as [(typeof form)[number], (typeof form)[number]];
    const bad = [...form, second, { ...first, version: 9 }];
    const overused = c.find((i) => i.itemId === form[2]?.itemId) as Candidate;
    overused.uses = 1;
    overused.enemySets = ['x'];
    (c.find((i) => i.itemId === form[3]?.itemId) as Candidate).enemySets = ['x'];
    const codes = checkForms(b, c, [bad]).map((p) => p.message.split(':')[0]);
    for (const code of ['ineligible', 'duplicate', 'exposure', 'enemy-set', 'count', 'total-score'])
      assert.ok(codes.includes(code), `${code} in ${codes}`);
  });
});
