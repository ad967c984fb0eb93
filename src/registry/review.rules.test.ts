import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalog } from '../catalog/catalog.load.ts';
import type { RawCertificate } from './registry.model.ts';
import { validateCertificate } from './registry.rules.ts';
import { checkReview, reviewRuleOf, reviewState } from './review.rules.ts';

const catalog = loadCatalog(path.resolve(import.meta.dirname, '../../catalog'));
const mem = { type: 'mem.lv-electrician', issuerRegion: '310000', validFrom: '2024-03-01' };

describe('reviewState: asOf ≤ reviewedUntil is current (design.md, inclusive)', () => {
  const rule = reviewRuleOf(catalog, mem);
  const cases: Array<[string, string | null, string, string]> = [
    ['the day before', '2027-02-28', '2027-02-27', 'current'],
    ['reviewedUntil == asOf', '2027-02-28', '2027-02-28', 'current'],
    ['the day after', '2027-02-28', '2027-03-01', 'overdue'],
    ['no date known', null, '2029-01-01', 'unknown'],
  ];
  for (const [label, until, asOf, expected] of cases) {
    it(`${label} → ${expected}`, () => assert.equal(reviewState(rule, until, asOf).status, expected));
  }
  it('a type without a review rule is unaffected, whatever the date', () => {
    const none = reviewRuleOf(catalog, {
      type: 'mohrss.skill-level',
      issuerRegion: '310000',
      validFrom: '2020-01-01',
    });
    assert.equal(none, null);
    assert.deepEqual(reviewState(none, '2020-01-01', '2029-01-01'), {
      status: 'not-required',
      reviewedUntil: null,
    });
  });
});

describe('checkReview', () => {
  const cert: Parameters<typeof checkReview>[1] = { ...mem, status: 'valid', validUntil: '2030-02-28' };
  const today = '2027-03-01';
  const cases: Array<[string, Partial<typeof cert>, { reviewedOn: string; reviewedUntil: string }, string]> =
    [
      ['a review within the rule', {}, { reviewedOn: '2027-02-20', reviewedUntil: '2030-02-19' }, 'ok'],
      [
        'the extended interval (令30 第二十一条: 6 years)',
        {},
        { reviewedOn: '2024-03-01', reviewedUntil: '2030-02-28' },
        'ok',
      ],
      [
        'revoked',
        { status: 'revoked' },
        { reviewedOn: '2027-02-20', reviewedUntil: '2030-02-19' },
        'revoked-is-final',
      ],
      [
        'suspended',
        { status: 'suspended' },
        { reviewedOn: '2027-02-20', reviewedUntil: '2030-02-19' },
        'invalid-transition',
      ],
      [
        'no rule',
        { type: 'mohrss.skill-level', validUntil: null },
        { reviewedOn: '2027-02-20', reviewedUntil: '2028-01-01' },
        'no-review-rule',
      ],
      ['a future review', {}, { reviewedOn: '2027-03-02', reviewedUntil: '2030-02-19' }, 'future-date'],
      [
        'after expiry',
        { validUntil: '2026-12-31' },
        { reviewedOn: '2027-01-05', reviewedUntil: '2026-12-31' },
        'outside-validity',
      ],
      ['until before on', {}, { reviewedOn: '2027-02-20', reviewedUntil: '2027-02-19' }, 'date-order'],
      [
        'beyond the validity',
        {},
        { reviewedOn: '2027-02-20', reviewedUntil: '2030-03-01' },
        'beyond-validity',
      ],
      ['not a date', {}, { reviewedOn: '2027-02-30', reviewedUntil: '2030-02-19' }, 'date-invalid'],
    ];
  for (const [label, change, input, expected] of cases) {
    it(`${label} → ${expected}`, () => {
      const result = checkReview(catalog, { ...cert, ...change }, input, today);
      assert.equal(result.ok ? 'ok' : result.code, expected);
    });
  }
  it('longer than the extended interval after the review → beyond-rule', () => {
    const long = { ...cert, validFrom: '2018-01-01', validUntil: '2030-02-28' };
    const result = checkReview(
      catalog,
      long,
      { reviewedOn: '2019-01-01', reviewedUntil: '2025-01-02' },
      today,
    );
    assert.equal(result.ok ? 'ok' : result.code, 'beyond-rule');
  });
  it('MOHURD: the interval is the province’s, so only the validity bounds the date', () => {
    const mohurd = {
      type: 'mohurd.electrician',
      issuerRegion: '310000',
      status: 'valid' as const,
      validFrom: '2025-06-01',
      validUntil: '2027-05-31',
    };
    assert.equal(reviewRuleOf(catalog, mohurd)?.variesByProvince, true);
    assert.ok(
      checkReview(catalog, mohurd, { reviewedOn: '2026-06-01', reviewedUntil: '2027-05-31' }, today).ok,
    );
  });
});

describe('validateCertificate: reviewed_until with the facts (import, push, API)', () => {
  const row: RawCertificate = {
    type: 'mem.lv-electrician',
    number: 'T11010519491231002X',
    holderName: '张三',
    idType: 'resident',
    idNumber: '11010519491231002X',
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    reviewedUntil: '',
    status: 'valid',
    issuerRegion: '110000',
    issuerOrg: '北京市应急管理局',
    issuerOrgCode: '',
    occupation: '',
    level: '',
  };
  const codeOf = (raw: RawCertificate) => {
    const checked = validateCertificate(catalog, raw);
    return checked.ok
      ? `ok ${checked.facts.reviewedUntil}`
      : checked.problems.map((p) => `${p.field} ${p.code}`).join();
  };
  const cases: Array<[string, Partial<RawCertificate>, string]> = [
    ['empty: not given', {}, 'ok null'],
    ['within the validity', { reviewedUntil: '2027-02-28' }, 'ok 2027-02-28'],
    ['on the last day of validity', { reviewedUntil: '2030-02-28' }, 'ok 2030-02-28'],
    ['after the validity', { reviewedUntil: '2030-03-01' }, 'reviewedUntil beyond-validity'],
    ['before the start', { reviewedUntil: '2024-02-29' }, 'reviewedUntil date-order'],
    ['not a date', { reviewedUntil: '2027-13-01' }, 'reviewedUntil date-invalid'],
    [
      'a type without a review rule',
      {
        type: 'mohrss.skill-level',
        number: 'S000011000123243000042',
        validUntil: '',
        occupation: '6-31-01-03',
        level: '3',
        reviewedUntil: '2027-01-01',
      },
      'reviewedUntil no-review-rule',
    ],
  ];
  for (const [label, change, expected] of cases) {
    it(`${label} → ${expected}`, () => assert.equal(codeOf({ ...row, ...change }), expected));
  }
});
