import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
  checkCreditCode,
  checkResidentId,
  creditCodeCheckChar,
  findProvince,
  findProvinceByShort,
  provinces,
  residentIdCheckChar,
  upgradeLegacyResidentId,
} from './identifiers.ts';

describe('checkResidentId', () => {
  // Vectors of reference.md §8.1.
  for (const id of ['11010519491231002X', '440524188001010014', '34052419800101001X', '370101190102039973']) {
    it(`accepts the reference vector ${id}`, () => {
      assert.deepEqual(checkResidentId(id), { ok: true, normalized: id });
    });
  }

  const rejected: [string, string, string][] = [
    ['17 digits', '11010519491231002', 'length'],
    ['19 characters', '11010519491231002X1', 'length'],
    ['empty', '', 'length'],
    ['a letter in the body', '1101051949123100AX', 'charset'],
    ['X in the body', '11010519491231X02X', 'charset'],
    ['a full-width digit', '11010519491231002Ｘ', 'charset'],
    ['province 99', '99010519491231002X', 'province'],
    ['province 81 (香港, outside the 31)', '81000019491231002X', 'province'],
    ['month 13', '110105194913310021', 'birth-date'],
    ['30 February', '110105194902300021', 'birth-date'],
    ['29 February of a common year', '110105190002290021', 'birth-date'],
    ['year 1799', '110105179912310021', 'birth-date'],
    ['wrong check digit', '110105194912310021', 'check-digit'],
    ['check X where 4 is due', '44052418800101001X', 'check-digit'],
  ];
  for (const [what, id, reason] of rejected) {
    it(`rejects ${what} (${reason})`, () => {
      assert.deepEqual(checkResidentId(id), { ok: false, reason });
    });
  }

  it('normalises a lower-case x', () => {
    assert.deepEqual(checkResidentId('11010519491231002x'), { ok: true, normalized: '11010519491231002X' });
  });

  it('accepts 29 February of a leap year', () => {
    const body = '11010520000229002';
    assert.equal(checkResidentId(body + residentIdCheckChar(body)).ok, true);
  });

  it('refuses a birth date after today only when today is given', () => {
    const body = '11010520300101002';
    const id = body + residentIdCheckChar(body);
    assert.equal(checkResidentId(id).ok, true);
    assert.deepEqual(checkResidentId(id, { today: '2026-11-29' }), { ok: false, reason: 'birth-date' });
  });

  const provincePrefix = fc.constantFrom(...provinces.map((p) => p.code.slice(0, 2)));
  const validBody = fc
    .record({
      province: provincePrefix,
      county: fc.integer({ min: 0, max: 9999 }),
      birth: fc.date({
        min: new Date('1900-01-01T00:00:00Z'),
        max: new Date('2025-12-31T00:00:00Z'),
        noInvalidDate: true,
      }),
      sequence: fc.integer({ min: 0, max: 999 }),
    })
    .map(
      (r) =>
        r.province +
        String(r.county).padStart(4, '0') +
        r.birth.toISOString().slice(0, 10).replaceAll('-', '') +
        String(r.sequence).padStart(3, '0'),
    );

  it('property: a valid body with its computed check digit passes; any single changed digit fails', () => {
    fc.assert(
      fc.property(validBody, fc.nat({ max: 17 }), fc.integer({ min: 1, max: 9 }), (body, position, delta) => {
        const id = body + residentIdCheckChar(body);
        assert.equal(checkResidentId(id).ok, true);
        const original = id[position] ?? '';
        const changed =
          position === 17
            ? residentCheckAlternatives(original)[delta % 10]
            : String((Number(original) + delta) % 10);
        const mutated = id.slice(0, position) + changed + id.slice(position + 1);
        assert.equal(checkResidentId(mutated).ok, false, `${mutated} (from ${id}) must fail`);
      }),
      { numRuns: 2000 },
    );
  });
});

/** The ten check characters other than `c`, so a changed check position never repeats the right one. */
function residentCheckAlternatives(c: string): string[] {
  return [...'0123456789X'].filter((x) => x !== c);
}

describe('upgradeLegacyResidentId', () => {
  it('inserts the century and appends the check digit', () => {
    // 110105491231002 is the legacy form of the reference vector 11010519491231002X.
    assert.deepEqual(upgradeLegacyResidentId('110105491231002'), {
      ok: true,
      normalized: '11010519491231002X',
    });
    assert.deepEqual(upgradeLegacyResidentId('340524800101001'), {
      ok: true,
      normalized: '34052419800101001X',
    });
  });

  const rejected: [string, string][] = [
    ['11010549123100', 'length'],
    ['11010519491231002X', 'length'],
    ['11010549123100X', 'charset'],
    ['990105491231002', 'province'],
    ['110105490231002', 'birth-date'],
  ];
  for (const [legacy, reason] of rejected) {
    it(`rejects ${legacy} (${reason})`, () => {
      assert.deepEqual(upgradeLegacyResidentId(legacy), { ok: false, reason });
    });
  }
});

describe('checkCreditCode', () => {
  // Vectors of reference.md §8.2.
  for (const code of ['9144030071526726XG', '91350100M000100Y43']) {
    it(`accepts the reference vector ${code}`, () => {
      assert.deepEqual(checkCreditCode(code), { ok: true, normalized: code });
    });
  }

  const rejected: [string, string, string][] = [
    ['17 characters', '9144030071526726X', 'length'],
    ['I (excluded from the charset)', '9144030071526726IG', 'charset'],
    ['O (excluded)', '91350100M000100O43', 'charset'],
    ['a hyphen', '91440300-71526726G', 'charset'],
    ['wrong check character', '9144030071526726XH', 'check-character'],
    ['two digits swapped', '9144030017526726XG', 'check-character'],
  ];
  for (const [what, code, reason] of rejected) {
    it(`rejects ${what} (${reason})`, () => {
      assert.deepEqual(checkCreditCode(code), { ok: false, reason });
    });
  }

  it('normalises lower case', () => {
    assert.deepEqual(checkCreditCode('9144030071526726xg'), { ok: true, normalized: '9144030071526726XG' });
  });

  it('computes check character 0 when 31 − (S mod 31) = 31', () => {
    // Search a body whose sum is divisible by 31: the rule maps C18 = 31 to 0.
    const body = findBody((b) => creditCodeCheckChar(b) === '0');
    assert.equal(checkCreditCode(`${body}0`).ok, true);
  });
});

function findBody(accept: (body: string) => boolean): string {
  for (let n = 0; n < 10_000; n++) {
    const body = `91310000${String(n).padStart(9, '0')}`;
    if (accept(body)) return body;
  }
  throw new Error('no body found');
}

describe('provinces', () => {
  it('holds the 31 mainland provinces with unique codes and 简称', () => {
    assert.equal(provinces.length, 31);
    assert.equal(new Set(provinces.map((p) => p.code)).size, 31);
    const shorts = provinces.flatMap((p) => [p.short, ...p.altShort]);
    assert.equal(new Set(shorts).size, shorts.length);
  });

  it('finds a province from any code of its area and from its 简称', () => {
    assert.equal(findProvince('310115')?.short, '沪');
    assert.equal(findProvince('990000'), undefined);
    assert.equal(findProvince('31'), undefined);
    assert.equal(findProvinceByShort('蜀')?.code, '510000');
    assert.equal(findProvinceByShort('中'), undefined);
  });
});
