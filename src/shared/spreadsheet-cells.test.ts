import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFormulaLike, neutraliseCsvCell } from './spreadsheet-cells.ts';

describe('neutraliseCsvCell (OWASP CSV injection)', () => {
  const cases: Array<[input: string, expected: string]> = [
    ['=1+1', "'=1+1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['+86 21 1234', "'+86 21 1234"],
    ['-2+3', "'-2+3"],
    ['\t=cmd', "'\t=cmd"],
    ['\r=cmd', "'\r=cmd"],
    ['＝1+1', "'＝1+1"],
    ['王五', '王五'],
    ['440524188001010014', '440524188001010014'],
    ['T440524188001010014', 'T440524188001010014'],
    ['a=1', 'a=1'],
    [' =1', ' =1'],
    ['', ''],
    ["'=already", "'=already"],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(neutraliseCsvCell(input), expected);
      assert.equal(isFormulaLike(input), input !== expected);
    });
  }
});
