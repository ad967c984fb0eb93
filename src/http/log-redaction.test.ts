import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { redactIdNumbers, unmaskedIdNumber } from './log-redaction.ts';

describe('redactIdNumbers', () => {
  const cases: Array<[input: string, expected: string]> = [
    ['440524188001010014', '440524**********14'],
    ['11010519491231002X', '110105**********2X'],
    ['11010519491231002x', '110105**********2x'],
    ['GET /api/v1/certificates/440524188001010014?x=1', 'GET /api/v1/certificates/440524**********14?x=1'],
    ['search?idNumber=440524188001010014&page=2', 'search?idNumber=440524**********14&page=2'],
    ['T440524188001010014', 'T440524**********14'],
    ['value is "440524188001010014"', 'value is "440524**********14"'],
    ['a440524188001010014b', 'a440524**********14b'],
    // Percent-encoded digits and check character are still an ID number.
    ['%34%34%30524188001010014', '%34%34%30524**********14'],
    ['11010519491231002%58', '110105**********2%58'],
    // First-generation 15-digit numbers with a date of birth in place.
    ['110105491231002', '110105*******02'],
    // A digit too many or the check character missing: still masked.
    ['4405241880010100141', '440524***********41'],
    ['44052418800101001', '440524*********01'],
    // Not ID numbers: shorter digit runs, UUIDs, timestamps, a 15-digit run without a date.
    ['4405241880010100', '4405241880010100'],
    ['1719830400000', '1719830400000'],
    ['123456789012345', '123456789012345'],
    ['0b7e4c1e-5f1f-4c8e-9d6b-3f1d2c8a9e10', '0b7e4c1e-5f1f-4c8e-9d6b-3f1d2c8a9e10'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => {
      assert.equal(redactIdNumbers(input), expected);
    });
  }

  it('leaves nothing the check finds, whatever surrounds the number', () => {
    const id = '440524188001010014';
    for (const around of ['', ' ', '/', '=', '"', 'T', 'X', '\n', '中'])
      assert.doesNotMatch(redactIdNumbers(`${around}${id}${around}${id}`), unmaskedIdNumber);
  });
});
