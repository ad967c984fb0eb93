import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { demoQuestions, optionsOf } from './demo.bank.ts';

describe('the demo bank questions', () => {
  for (const [kp, questions] of Object.entries(demoQuestions)) {
    it(`${kp}: thirty real-looking questions, each with one right answer among four distinct options`, () => {
      assert.equal(questions.length, 30);
      assert.equal(new Set(questions.map((q) => q.stem)).size, 30, 'no stem repeated');
      for (const q of questions) {
        assert.match(q.stem, /^[^-\s]/, `a stem starts with its question: ${q.stem}`);
        assert.match(q.stem, /（　）|？/, `a stem asks something: ${q.stem}`);
        const texts = [q.correct, ...q.distractors];
        assert.equal(new Set(texts).size, 4, `distinct options: ${q.stem}`);
        for (const text of texts)
          assert.doesNotMatch(text, /干扰项|正确的做法/, 'no option gives the answer away');
      }
    });
  }

  it('puts the right answer under the key and the wrong ones in order elsewhere', () => {
    const q = demoQuestions['电工-4-电工基础']?.[0];
    assert.ok(q);
    assert.deepEqual(optionsOf(q, 'C'), [
      { id: 'A', text: q.distractors[0] },
      { id: 'B', text: q.distractors[1] },
      { id: 'C', text: q.correct },
      { id: 'D', text: q.distractors[2] },
    ]);
  });
});
