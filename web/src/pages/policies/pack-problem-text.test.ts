import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { describePackProblem, type PackNames, packProblemReasons } from './pack-problem-text.ts';

const names: PackNames = {
  type: (id) => ({ 'mohurd.electrician': '建筑电工', 'mem.low-voltage': '低压电工作业' })[id] ?? id,
  occupation: (code) => (code === '6-31-01-03' ? '电工' : code),
  region: (code) => (code === '310000' ? '上海市' : code),
  department: (id) => (id === 'mem' ? '应急管理部门' : id),
};

describe('policy pack findings in the reader’s language (issue 15 §4)', () => {
  it('says a finding in Chinese with the names of what it refers to', () => {
    const problem = {
      message: 'mem.low-voltage not granted by nat.exempt.x',
      reason: 'not-granted',
      params: { types: 'mem.low-voltage,mohurd.electrician', rule: 'nat.exempt.x' },
    };
    assert.equal(
      describePackProblem(problem, 'zh', names),
      '全国规则 nat.exempt.x 并未免除「低压电工作业、建筑电工」，无法缩小',
    );
    assert.equal(
      describePackProblem(problem, 'en', names),
      'National rule nat.exempt.x does not waive “低压电工作业、建筑电工”: it cannot be narrowed',
    );
    assert.equal(
      describePackProblem(
        {
          message: 'x',
          reason: 'other-occupation',
          params: { type: 'mohurd.electrician', occupation: '6-31-01-03' },
        },
        'zh',
        names,
      ),
      '「建筑电工」属于职业「电工」，与本行的职业不同',
    );
  });

  it('leaves a finding without a known reason to the caller', () => {
    assert.equal(describePackProblem({ message: 'something new' }, 'zh', names), undefined);
    assert.equal(describePackProblem({ message: 'x', reason: 'added-later' }, 'zh', names), undefined);
  });

  it('words every reason the server’s pack checks give', () => {
    const root = path.resolve(import.meta.dirname, '../../../../src/recognition');
    const given = new Set<string>();
    for (const file of ['recognition.load.ts', 'policy.cosign.ts']) {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      for (const m of text.matchAll(/problem\(\s*[^,]+,\s*'([a-z-]+)'/g)) given.add(m[1] as string);
      for (const m of text.matchAll(/reason: '([a-z-]+)'/g)) given.add(m[1] as string);
      // A reason chosen by a condition: both branches are literals.
      for (const m of text.matchAll(/\? '([a-z-]+)' : '([a-z-]+)'/g))
        given.add(m[1] as string).add(m[2] as string);
    }
    assert.ok(given.size >= 20, `found ${given.size} reasons: the pattern no longer matches the checks`);
    const missing = [...given].filter((reason) => !packProblemReasons.includes(reason));
    assert.deepEqual(missing, [], 'every reason has its sentence');
    for (const reason of packProblemReasons) {
      const zh = describePackProblem({ message: '', reason, params: {} }, 'zh', names) ?? '';
      // Chinese mode: no English words outside the placeholders an official wrote (rule ids, file names).
      assert.doesNotMatch(zh.replace(/\{\w+\}/g, ''), /[A-Za-z]{3,}/, `${reason}: ${zh}`);
    }
  });
});
