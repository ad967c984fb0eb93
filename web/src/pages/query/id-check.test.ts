import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { residentIdProblem } from './id-check.ts';

describe('resident ID number check before a query', () => {
  it('accepts good numbers and names the first problem of a bad one', () => {
    const table: Array<[string, ReturnType<typeof residentIdProblem>]> = [
      ['11010519491231002X', null],
      ['11010519491231002x', null],
      [' 440524188001010014 ', null],
      ['110105491231002', null], // legacy 15 digits
      ['110105194912310021', 'check-digit'],
      ['1101051949123100', 'length'],
      ['11010519491231002Y', 'charset'],
      ['11010549123100A', 'charset'],
    ];
    for (const [id, problem] of table) assert.equal(residentIdProblem(id), problem, id);
  });
});
