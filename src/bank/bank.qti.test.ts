import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import type { ItemVersion } from './bank.model.ts';
import { exportQtiItem, importQtiItem, MATCH_CORRECT, QTI_NAMESPACE } from './bank.qti.ts';

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');

function version(overrides: Partial<ItemVersion>): ItemVersion {
  return {
    version: 3,
    stem: '低压电工作业中，下列哪项属于<安全用电>的“基本要求”？ A & B',
    options: [
      { id: 'A', text: '停电、验电、装设接地线' },
      { id: 'B', text: '带电作业无需监护 <b>' },
      { id: 'C', text: "使用合格的绝缘工具 'x'" },
    ],
    answer: ['A'],
    rubric: null,
    score: 2,
    difficulty: 0.4,
    createdBy: 'author',
    createdAt: new Date('2026-12-01T00:00:00Z'),
    ...overrides,
  };
}
const item = (type: string) => ({
  id: '0b6e6f1e-1111-4222-8333-444455556666',
  type,
  knowledgePoint: '电工-4-安全用电-01',
});

describe('QTI 3.0 export (issue 7 §1, exams.md §2.1)', () => {
  it('writes a qti-assessment-item with RESPONSE, SCORE, a choice interaction and match_correct', () => {
    const xml = exportQtiItem(item('single'), version({})) ?? '';
    assert.match(
      xml,
      new RegExp(`<qti-assessment-item xmlns="${QTI_NAMESPACE}" identifier="hutong-0b6e6f1e`),
    );
    assert.match(
      xml,
      /<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier">/,
    );
    assert.match(xml, /<qti-correct-response>\s*<qti-value>A<\/qti-value>\s*<\/qti-correct-response>/);
    assert.match(xml, /<qti-outcome-declaration identifier="SCORE"/);
    assert.match(
      xml,
      /<qti-choice-interaction response-identifier="RESPONSE" shuffle="false" max-choices="1">/,
    );
    assert.match(xml, /<qti-simple-choice identifier="B">带电作业无需监护 &lt;b&gt;<\/qti-simple-choice>/);
    assert.ok(xml.includes(`<qti-response-processing template="${MATCH_CORRECT}"/>`));
  });

  it('has no QTI form for practical tasks', () => {
    assert.equal(exportQtiItem(item('practical'), version({ answer: null })), undefined);
  });
});

describe('QTI 3.0 round trip: export → import gives the same stem, options, answer and cardinality', () => {
  const cases = [
    { type: 'single', v: version({}) },
    { type: 'multiple', v: version({ answer: ['A', 'C'], score: 3 }) },
    { type: 'true-false', v: version({ options: [], answer: false, score: 1 }) },
  ] as const;
  for (const { type, v } of cases) {
    it(type, () => {
      const xml = exportQtiItem(item(type), v) ?? '';
      assert.match(xml, new RegExp(`cardinality="${type === 'multiple' ? 'multiple' : 'single'}"`));
      const parsed = importQtiItem(xml);
      assert.ok(parsed.ok, JSON.stringify(parsed));
      assert.equal(parsed.content.type, type);
      assert.equal(parsed.content.stem, v.stem);
      assert.deepEqual(parsed.content.answer, v.answer);
      assert.equal(parsed.content.score, v.score);
      if (parsed.content.type !== 'true-false') assert.deepEqual(parsed.content.options, v.options);
    });
  }
});

/**
 * Items written by another tool: 1EdTech's own QTI 3.0 examples, copied unchanged from
 * https://github.com/1EdTech/qti-examples — `QTI3_BPIG_Examples/items/QTI3multiplechoice2.xml` (commit 141c0359,
 * the Best Practices and Implementation Guide's multiple-cardinality choice) and `QTI3_BPIG_Examples/items/BG007.xml`
 * (commit 98114732, the Beginner's Guide true/false example, whose stem is a <p> before the interaction).
 */
describe('QTI 3.0 samples published by 1EdTech import with the right answer', () => {
  it('the multiple-cardinality choice: H and O form water', () => {
    const parsed = importQtiItem(fixture('qti3-multiple-choice-1edtech.xml'));
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.equal(parsed.identifier, 'QTI3multiplechoice2');
    assert.deepEqual(parsed.content, {
      type: 'multiple',
      stem: 'Which of the following elements are used to form water?',
      options: [
        { id: 'H', text: 'Hydrogen' },
        { id: 'He', text: 'Helium' },
        { id: 'C', text: 'Carbon' },
        { id: 'O', text: 'Oxygen' },
        { id: 'N', text: 'Nitrogen' },
        { id: 'Cl', text: 'Chlorine' },
      ],
      answer: ['H', 'O'],
    });
  });

  it('the true/false example: answer true, stem from the body paragraph', () => {
    const parsed = importQtiItem(fixture('qti3-true-false-1edtech.xml'));
    assert.ok(parsed.ok, JSON.stringify(parsed));
    assert.deepEqual(parsed.content, {
      type: 'true-false',
      stem: 'This is a True/False question?',
      answer: true,
    });
  });
});

describe('QTI import refusals are values with a reason', () => {
  const table = [
    ['not-xml', '<qti-assessment-item'],
    ['not-qti3-item', '<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1"/>'],
    [
      'unsupported-interaction',
      `<qti-assessment-item xmlns="${QTI_NAMESPACE}"><qti-item-body><p>x</p></qti-item-body></qti-assessment-item>`,
    ],
    [
      'no-correct-response',
      `<qti-assessment-item xmlns="${QTI_NAMESPACE}"><qti-item-body><qti-choice-interaction><qti-prompt>x</qti-prompt><qti-simple-choice identifier="A">a</qti-simple-choice></qti-choice-interaction></qti-item-body></qti-assessment-item>`,
    ],
  ] as const;
  for (const [reason, xml] of table) {
    it(reason, () => {
      const parsed = importQtiItem(xml);
      assert.equal(parsed.ok ? 'ok' : parsed.reason, reason);
    });
  }
});
