import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  candidateOrder,
  chooseForm,
  deadlineFor,
  gradeAttempt,
  gradeItem,
  seededShuffle,
  startProblem,
} from './attempts.rules.ts';

/** The theory exam's pure rules (issue 7 §2–3): stable shuffling, forms, the window, the deadline and grading. */
describe('grading each item type', () => {
  const cases = [
    ['single exact', 'single', ['B'], 'B', 'correct'],
    ['single other', 'single', ['B'], 'C', 'wrong'],
    ['single as an array', 'single', ['B'], ['B'], 'wrong'],
    ['multiple exact set, any order', 'multiple', ['A', 'C'], ['C', 'A'], 'correct'],
    ['multiple subset: no partial credit', 'multiple', ['A', 'C'], ['A'], 'wrong'],
    ['multiple superset', 'multiple', ['A', 'C'], ['A', 'B', 'C'], 'wrong'],
    ['multiple duplicates do not fill the set', 'multiple', ['A', 'C'], ['A', 'A'], 'wrong'],
    ['true-false right', 'true-false', false, false, 'correct'],
    ['true-false wrong', 'true-false', false, true, 'wrong'],
    ['true-false as a string', 'true-false', true, 'true', 'wrong'],
    ['unanswered', 'single', ['A'], undefined, 'unanswered'],
    ['practical is for examiners', 'practical', null, 'x', 'not-auto-graded'],
  ] as const;
  for (const [name, type, answer, response, verdict] of cases)
    it(name, () => assert.equal(gradeItem(type, answer, response as never), verdict));

  it('sums the pinned scores of correct items', () => {
    const grade = gradeAttempt(
      [
        { itemId: 'a', type: 'single', answer: ['A'], score: 40 },
        { itemId: 'b', type: 'multiple', answer: ['A', 'B'], score: 30 },
        { itemId: 'c', type: 'true-false', answer: true, score: 30 },
      ],
      new Map<string, string | string[] | boolean>([
        ['a', 'A'],
        ['b', ['A']],
        ['c', true],
      ]),
    );
    assert.equal(grade.score, 70);
    assert.equal(grade.maxScore, 100);
    assert.deepEqual(
      grade.items.map((i) => i.verdict),
      ['correct', 'wrong', 'correct'],
    );
  });
});

describe('shuffling', () => {
  const items = Array.from({ length: 20 }, (_, i) => ({
    itemId: `item-${i}`,
    options: ['A', 'B', 'C', 'D'].map((id) => ({ id, text: id })),
  }));

  it('is stable for a seed and a permutation of the items', () => {
    const one = candidateOrder('seed-1', items);
    assert.deepEqual(candidateOrder('seed-1', items), one);
    assert.deepEqual(one.map((i) => i.itemId).sort(), items.map((i) => i.itemId).sort());
    for (const item of one) assert.deepEqual(item.options.map((o) => o.id).sort(), ['A', 'B', 'C', 'D']);
  });

  it('differs between seeds, and shuffles options per item', () => {
    const a = candidateOrder('seed-1', items).map((i) => i.itemId);
    const b = candidateOrder('seed-2', items).map((i) => i.itemId);
    assert.notDeepEqual(a, b);
    const orders = new Set(candidateOrder('seed-1', items).map((i) => i.options.map((o) => o.id).join('')));
    assert.ok(orders.size > 1, 'not every item has its options in the same order');
  });

  it('leaves the input alone', () => {
    const input = [1, 2, 3, 4, 5];
    seededShuffle('x', input);
    assert.deepEqual(input, [1, 2, 3, 4, 5]);
  });
});

describe('forms, window and deadline', () => {
  it('chooses a form from the registration id, whatever order the papers come in', () => {
    const papers = [{ form: 'B' }, { form: 'A' }, { form: 'C' }];
    const seen = new Set<string>();
    for (let i = 0; i < 30; i++) {
      const form = chooseForm(`reg-${i}`, papers)?.form;
      assert.equal(chooseForm(`reg-${i}`, [...papers].reverse())?.form, form);
      seen.add(String(form));
    }
    assert.equal(seen.size, 3, 'every form is used');
    assert.equal(chooseForm('reg', []), undefined);
  });

  it('starts only during the sitting', () => {
    const s = { startsAt: new Date('2026-12-20T01:00:00Z'), endsAt: new Date('2026-12-20T03:30:00Z') };
    assert.equal(startProblem(new Date('2026-12-20T00:59:59Z'), s, 'registered'), 'before-sitting');
    assert.equal(startProblem(new Date('2026-12-20T01:00:00Z'), s, 'registered'), null);
    assert.equal(startProblem(new Date('2026-12-20T03:30:00Z'), s, 'registered'), 'after-sitting');
    assert.equal(startProblem(new Date('2026-12-20T02:00:00Z'), s, 'cancelled'), 'registration-cancelled');
  });

  it('the deadline is the duration, capped by the end of the sitting', () => {
    const end = new Date('2026-12-20T03:30:00Z');
    assert.equal(
      deadlineFor(new Date('2026-12-20T01:00:00Z'), 90, end).toISOString(),
      '2026-12-20T02:30:00.000Z',
    );
    assert.equal(deadlineFor(new Date('2026-12-20T02:30:00Z'), 90, end).toISOString(), end.toISOString());
  });
});
