import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalog } from '../catalog/catalog.load.ts';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import {
  type CertificateFacts,
  type LifecycleAction,
  type RawCertificate,
  type Status,
  statuses,
} from './registry.model.ts';
import { checkRenewal, effectiveStatus, nextStatus, validateCertificate } from './registry.rules.ts';

const catalog = loadCatalog(path.resolve(import.meta.dirname, '../../catalog'));

// Resident ID numbers with correct GB 11643 check characters (reference §8.1 vectors and locally computed ones).
const ID_BEIJING = '11010519491231002X'; // reference §8.1
const ID_SHANGHAI = '310115198506123411';
const ID_SHENZHEN = '440304199203045626';
const ID_CHENGDU = '51010419880101235X';

const empty: RawCertificate = {
  type: '',
  number: '',
  holderName: '',
  idType: '',
  idNumber: '',
  validFrom: '',
  validUntil: '',
  reviewedUntil: '',
  status: '',
  issuerRegion: '',
  issuerOrg: '',
  issuerOrgCode: '',
  occupation: '',
  level: '',
};

/** One good row per department (and the province-designated 建筑焊工). */
const good = {
  mem: {
    ...empty,
    type: 'mem.lv-electrician',
    number: `T${ID_BEIJING}`,
    holderName: '张三',
    idType: 'resident',
    idNumber: ID_BEIJING,
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    status: 'valid',
    issuerRegion: '110000',
    issuerOrg: '北京市应急管理局',
  },
  mohurd: {
    ...empty,
    type: 'mohurd.electrician',
    number: '沪A012025000123',
    holderName: '李四',
    idType: 'resident',
    idNumber: ID_SHANGHAI,
    validFrom: '2025-06-01',
    validUntil: '2027-05-31',
    status: 'valid',
    issuerRegion: '310000',
    issuerOrg: '上海市住房和城乡建设管理委员会',
  },
  mohurdWelder: {
    ...empty,
    type: 'mohurd.welder',
    number: '苏A122025000007',
    holderName: '王五',
    idNumber: ID_SHANGHAI,
    validFrom: '2025-03-10',
    validUntil: '2027-03-09',
    issuerRegion: '320000',
    issuerOrg: '江苏省住房和城乡建设厅',
  },
  samr: {
    ...empty,
    type: 'samr.metal-welding',
    number: ID_SHENZHEN,
    holderName: '陈静',
    idType: 'resident',
    idNumber: ID_SHENZHEN,
    validFrom: '2023-09-15',
    validUntil: '2027-09-14',
    status: 'suspended',
    issuerRegion: '440300',
    issuerOrg: '深圳市市场监督管理局',
    issuerOrgCode: '9144030071526726XG',
  },
  mohrss: {
    ...empty,
    type: 'mohrss.skill-level',
    number: 'S000051000066243000042',
    holderName: '阿依古丽·买买提',
    idType: 'resident',
    idNumber: ID_CHENGDU,
    validFrom: '2024-07-01',
    validUntil: '',
    status: 'valid',
    issuerRegion: '510100',
    issuerOrg: '四川省城市技师学院',
    occupation: '6-31-01-03',
    level: '3',
  },
} satisfies Record<string, RawCertificate>;

function expectOk(raw: RawCertificate): CertificateFacts {
  const result = validateCertificate(catalog, raw);
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result.ok ? null : result.problems)}`);
  return result.facts;
}

describe('validateCertificate: good rows', () => {
  it('accepts a MEM row and normalises it', () => {
    assert.deepEqual(expectOk(good.mem), {
      type: 'mem.lv-electrician',
      department: 'mem',
      number: 'T11010519491231002X',
      holderName: '张三',
      idType: 'resident',
      idNumber: ID_BEIJING,
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      reviewedUntil: null,
      status: 'valid',
      issuerRegion: '110000',
      issuerOrg: '北京市应急管理局',
      issuerOrgCode: null,
      occupation: null,
      level: null,
    });
  });

  it('accepts a MOHURD row, and 建筑焊工 in a designating province', () => {
    const facts = expectOk(good.mohurd);
    assert.equal(facts.department, 'mohurd');
    assert.equal(facts.number, '沪A012025000123');
    const welder = expectOk(good.mohurdWelder);
    assert.equal(welder.idType, 'resident'); // empty ID type = resident
    assert.equal(welder.status, 'valid'); // empty status = valid
  });

  it('accepts a SAMR row with a credit code and a stored status', () => {
    const facts = expectOk(good.samr);
    assert.equal(facts.department, 'samr');
    assert.equal(facts.status, 'suspended');
    assert.equal(facts.issuerOrgCode, '9144030071526726XG');
  });

  it('accepts a MOHRSS skill-level row: occupation and level, no end of validity', () => {
    const facts = expectOk(good.mohrss);
    assert.equal(facts.department, 'mohrss');
    assert.equal(facts.validUntil, null);
    assert.equal(facts.occupation, '6-31-01-03');
    assert.equal(facts.level, '3');
    assert.equal(facts.holderName, '阿依古丽·买买提');
  });

  it('accepts 陕西 MOHURD certificates issued before 2024-02-27 (6-year rule) and after (2-year rule)', () => {
    const shaanxi = { ...good.mohurd, issuerRegion: '610000', issuerOrg: '陕西省住房和城乡建设厅' };
    expectOk({ ...shaanxi, number: '陕A012022000001', validFrom: '2022-05-01', validUntil: '2028-04-30' });
    expectOk({ ...shaanxi, number: '陕A012024000002', validFrom: '2024-03-01', validUntil: '2026-02-28' });
  });
});

describe('validateCertificate: normalisation', () => {
  const cases: [name: string, raw: RawCertificate, check: (facts: CertificateFacts) => void][] = [
    [
      '15-digit legacy ID is upgraded to 18 (century 19 + check character)',
      { ...good.mem, idNumber: '110105491231002' },
      (f) => {
        const body = '11010519491231002';
        assert.equal(body + residentIdCheckChar(body), '11010519491231002X');
        assert.equal(f.idNumber, '11010519491231002X');
      },
    ],
    [
      'lower-case x in an ID number is accepted as X',
      { ...good.mem, idNumber: '11010519491231002x' },
      (f) => assert.equal(f.idNumber, '11010519491231002X'),
    ],
    [
      'spaces and full-width digits in an ID number are folded',
      { ...good.mem, idNumber: ' 110105 19491231 ００２X ' },
      (f) => assert.equal(f.idNumber, '11010519491231002X'),
    ],
    [
      'lower-case MEM number is upper-cased',
      { ...good.mem, number: 't11010519491231002x' },
      (f) => assert.equal(f.number, 'T11010519491231002X'),
    ],
    [
      'full-width Latin name is folded to half-width',
      { ...good.mem, holderName: 'Ｚｈａｎｇ　Ｓａｎ' },
      (f) => assert.equal(f.holderName, 'Zhang San'),
    ],
    [
      'katakana middle dot is stored as ·',
      { ...good.mem, holderName: '阿依古丽・买买提' },
      (f) => assert.equal(f.holderName, '阿依古丽·买买提'),
    ],
    [
      'spaces around a middle dot and at the ends are dropped',
      { ...good.mem, holderName: '  阿依古丽 · 买买提 ' },
      (f) => assert.equal(f.holderName, '阿依古丽·买买提'),
    ],
    [
      'a lower-case credit code is upper-cased',
      { ...good.mem, issuerOrgCode: '91350100m000100y43' },
      (f) => assert.equal(f.issuerOrgCode, '91350100M000100Y43'),
    ],
    [
      'fields are trimmed',
      {
        ...good.mem,
        type: ' mem.lv-electrician ',
        validFrom: ' 2024-03-01',
        issuerOrg: ' 北京市应急管理局 ',
      },
      (f) => {
        assert.equal(f.type, 'mem.lv-electrician');
        assert.equal(f.validFrom, '2024-03-01');
        assert.equal(f.issuerOrg, '北京市应急管理局');
      },
    ],
    [
      'a passport number is accepted as given (upper-cased)',
      { ...good.mohrss, idType: 'passport', idNumber: 'e12345678' },
      (f) => {
        assert.equal(f.idType, 'passport');
        assert.equal(f.idNumber, 'E12345678');
      },
    ],
    [
      'a region below province level is kept',
      { ...good.mem, issuerRegion: '110105' },
      (f) => assert.equal(f.issuerRegion, '110105'),
    ],
  ];
  for (const [name, raw, check] of cases) it(name, () => check(expectOk(raw)));
});

describe('validateCertificate: each field’s failure', () => {
  type Expected = { field: keyof RawCertificate; code: string }[];
  const cases: [name: string, raw: RawCertificate, expected: Expected][] = [
    // type
    ['missing type', { ...good.mem, type: '' }, [{ field: 'type', code: 'required' }]],
    ['unknown type', { ...good.mem, type: 'mem.unknown' }, [{ field: 'type', code: 'unknown-type' }]],
    // number
    ['missing number', { ...good.mem, number: '' }, [{ field: 'number', code: 'required' }]],
    [
      'MEM number with a bad check digit',
      { ...good.mem, number: 'T110105194912310021' },
      [{ field: 'number', code: 'number-embedded-id' }],
    ],
    [
      'MOHURD number on a MEM type',
      { ...good.mem, number: '沪A012025000123' },
      [{ field: 'number', code: 'number-pattern' }],
    ],
    [
      'MEM number on a MOHURD type',
      { ...good.mohurd, number: `T${ID_SHANGHAI}` },
      [{ field: 'number', code: 'number-pattern' }],
    ],
    [
      'MOHURD 简称 of another province than the issuing region',
      { ...good.mohurd, number: '苏A012025000123' },
      [{ field: 'number', code: 'number-region-mismatch' }],
    ],
    [
      'MOHURD number starting with no province 简称',
      { ...good.mohurd, number: '中A012025000123' },
      [{ field: 'number', code: 'number-province-short' }],
    ],
    [
      'MOHRSS number whose level digit differs from the level',
      { ...good.mohrss, level: '4' },
      [{ field: 'number', code: 'number-level-mismatch' }],
    ],
    [
      'MOHRSS number with no province at positions 6–7',
      { ...good.mohrss, number: 'S000099000066243000042' },
      [{ field: 'number', code: 'number-province-code' }],
    ],
    [
      'SAMR number too short',
      { ...good.samr, number: '12345' },
      [{ field: 'number', code: 'number-pattern' }],
    ],
    // holderName
    ['missing name', { ...good.mem, holderName: '  ' }, [{ field: 'holderName', code: 'required' }]],
    [
      'name with digits',
      { ...good.mem, holderName: '张三3' },
      [{ field: 'holderName', code: 'name-invalid' }],
    ],
    [
      'name ending in a dot',
      { ...good.mem, holderName: '阿依古丽·' },
      [{ field: 'holderName', code: 'name-invalid' }],
    ],
    [
      'name too long',
      { ...good.mem, holderName: '张'.repeat(65) },
      [{ field: 'holderName', code: 'name-too-long' }],
    ],
    // idType, idNumber
    ['unknown ID type', { ...good.mem, idType: 'military' }, [{ field: 'idType', code: 'unknown-id-type' }]],
    ['missing ID number', { ...good.mem, idNumber: '' }, [{ field: 'idNumber', code: 'required' }]],
    [
      'ID number with a bad check digit',
      { ...good.mem, idNumber: '110105194912310021' },
      [{ field: 'idNumber', code: 'id-check-digit' }],
    ],
    [
      'ID number with a bad birth date (30 February)',
      { ...good.mem, idNumber: '110105194902300021' },
      [{ field: 'idNumber', code: 'id-birth-date' }],
    ],
    [
      'ID number with an unknown province prefix',
      { ...good.mem, idNumber: '990105194912310021' },
      [{ field: 'idNumber', code: 'id-province' }],
    ],
    [
      'ID number of 16 digits',
      { ...good.mem, idNumber: '1101051949123100' },
      [{ field: 'idNumber', code: 'id-length' }],
    ],
    [
      'ID number with a letter other than X',
      { ...good.mem, idNumber: '11010519491231002Y' },
      [{ field: 'idNumber', code: 'id-charset' }],
    ],
    [
      '15-digit legacy ID with a bad birth date',
      { ...good.mem, idNumber: '110105491331002' },
      [{ field: 'idNumber', code: 'id-birth-date' }],
    ],
    [
      'passport number too short',
      { ...good.mem, idType: 'passport', idNumber: 'E12' },
      [{ field: 'idNumber', code: 'id-format' }],
    ],
    // validFrom, validUntil
    ['missing validFrom', { ...good.mem, validFrom: '' }, [{ field: 'validFrom', code: 'required' }]],
    [
      'validFrom not a real date',
      { ...good.mem, validFrom: '2024-02-30' },
      [{ field: 'validFrom', code: 'date-invalid' }],
    ],
    [
      'validFrom in another format',
      { ...good.mem, validFrom: '2024/03/01' },
      [{ field: 'validFrom', code: 'date-invalid' }],
    ],
    [
      'validUntil not a real date',
      { ...good.mem, validUntil: '2030-13-01' },
      [{ field: 'validUntil', code: 'date-invalid' }],
    ],
    [
      'validUntil before validFrom',
      { ...good.mem, validUntil: '2024-02-29' },
      [{ field: 'validUntil', code: 'date-order' }],
    ],
    [
      'MEM certificate without validUntil',
      { ...good.mem, validUntil: '' },
      [{ field: 'validUntil', code: 'required' }],
    ],
    [
      'skill-level certificate with a validUntil',
      { ...good.mohrss, validUntil: '2030-06-30' },
      [{ field: 'validUntil', code: 'no-expiry' }],
    ],
    // status
    ['unknown status', { ...good.mem, status: 'expired' }, [{ field: 'status', code: 'unknown-status' }]],
    // issuer
    ['missing region', { ...good.mem, issuerRegion: '' }, [{ field: 'issuerRegion', code: 'required' }]],
    [
      'unknown region prefix',
      { ...good.mem, issuerRegion: '990000' },
      [{ field: 'issuerRegion', code: 'unknown-region' }],
    ],
    [
      'region of 4 digits',
      { ...good.mem, issuerRegion: '3100' },
      [{ field: 'issuerRegion', code: 'unknown-region' }],
    ],
    [
      'region 台湾 71 (outside the 31)',
      { ...good.mem, issuerRegion: '710000' },
      [{ field: 'issuerRegion', code: 'unknown-region' }],
    ],
    [
      'missing issuing organisation',
      { ...good.mem, issuerOrg: ' ' },
      [{ field: 'issuerOrg', code: 'required' }],
    ],
    [
      'credit code with a bad check character',
      { ...good.samr, issuerOrgCode: '9144030071526726XA' },
      [{ field: 'issuerOrgCode', code: 'credit-code-check-character' }],
    ],
    [
      'credit code with I (not in the charset)',
      { ...good.samr, issuerOrgCode: '9144030071526726IG' },
      [{ field: 'issuerOrgCode', code: 'credit-code-charset' }],
    ],
    [
      'credit code of 17 characters',
      { ...good.samr, issuerOrgCode: '9144030071526726X' },
      [{ field: 'issuerOrgCode', code: 'credit-code-length' }],
    ],
    // occupation, level
    [
      'skill-level certificate without occupation and level',
      { ...good.mohrss, occupation: '', level: '' },
      [
        { field: 'occupation', code: 'required' },
        { field: 'level', code: 'required' },
      ],
    ],
    [
      'skill-level certificate with an unknown occupation',
      { ...good.mohrss, occupation: '6-99-99-99' },
      [{ field: 'occupation', code: 'unknown-occupation' }],
    ],
    [
      'skill-level certificate with level 6',
      { ...good.mohrss, level: '6' },
      [
        { field: 'number', code: 'number-level-mismatch' },
        { field: 'level', code: 'unknown-level' },
      ],
    ],
    [
      'occupation and level on a MEM certificate',
      { ...good.mem, occupation: '6-31-01-03', level: '5' },
      [
        { field: 'occupation', code: 'not-applicable' },
        { field: 'level', code: 'not-applicable' },
      ],
    ],
  ];

  for (const [name, raw, expected] of cases) {
    it(`${name} → ${expected.map((e) => `${e.field}:${e.code}`).join(', ')}`, () => {
      const result = validateCertificate(catalog, raw);
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.deepEqual(
        result.problems.map(({ field, code }) => ({ field, code })),
        expected,
      );
      for (const p of result.problems) assert.ok(p.message.length > 0);
    });
  }

  it('reports every problem of a row at once', () => {
    const result = validateCertificate(catalog, { ...empty, type: 'mem.lv-electrician' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.problems.map((p) => p.field).sort(), [
      'holderName',
      'idNumber',
      'issuerOrg',
      'issuerRegion',
      'number',
      'validFrom',
    ]);
  });

  it('never echoes an ID number in a message', () => {
    const result = validateCertificate(catalog, { ...good.mem, idNumber: '110105194912310021' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    for (const p of result.problems) assert.ok(!p.message.includes('110105194912310021'));
  });
});

describe('nextStatus', () => {
  const actions: Exclude<LifecycleAction, 'renew'>[] = ['suspend', 'reinstate', 'revoke'];
  const table: Record<
    Status,
    Record<(typeof actions)[number], Status | 'invalid-transition' | 'revoked-is-final'>
  > = {
    valid: { suspend: 'suspended', reinstate: 'invalid-transition', revoke: 'revoked' },
    suspended: { suspend: 'invalid-transition', reinstate: 'valid', revoke: 'revoked' },
    revoked: { suspend: 'revoked-is-final', reinstate: 'revoked-is-final', revoke: 'revoked-is-final' },
  };

  it('the table covers every status', () => {
    assert.deepEqual(Object.keys(table).sort(), [...statuses].sort());
  });

  for (const status of statuses) {
    for (const action of actions) {
      const expected = table[status][action];
      it(`${status} × ${action} → ${expected}`, () => {
        const result = nextStatus(status, action);
        if (expected === 'invalid-transition' || expected === 'revoked-is-final') {
          assert.equal(result.ok, false);
          assert.equal(result.ok ? undefined : result.code, expected);
          assert.ok(!result.ok && result.message.length > 0);
        } else {
          assert.deepEqual(result, { ok: true, status: expected });
        }
      });
    }
  }
});

describe('checkRenewal', () => {
  const asOf = '2026-11-29';
  const mem = {
    type: 'mem.lv-electrician',
    status: 'valid' as Status,
    validFrom: '2021-03-01',
    validUntil: '2027-02-28',
    issuerRegion: '310000',
  };
  const mohurd = { ...mem, type: 'mohurd.electrician', validFrom: '2025-06-01', validUntil: '2027-05-31' };
  const samr = { ...mem, type: 'samr.metal-welding', validFrom: '2023-01-10', validUntil: '2027-01-09' };
  const skill = { ...mem, type: 'mohrss.skill-level', validFrom: '2024-07-01', validUntil: null };

  const cases: [
    name: string,
    c: typeof mem | typeof skill,
    newUntil: string,
    asOf: string,
    expected: string,
  ][] = [
    ['MEM extended by 3 years', mem, '2030-02-28', asOf, 'ok'],
    ['MEM extended by exactly 6 years (the rule)', mem, '2033-02-28', asOf, 'ok'],
    ['MEM extended by 6 years and a day', mem, '2033-03-01', asOf, 'beyond-rule'],
    ['MEM renewed on its last day', mem, '2030-02-28', '2027-02-28', 'ok'],
    ['MEM renewed the day after it expired', mem, '2030-02-28', '2027-03-01', 'expired'],
    ['MEM to the same end', mem, '2027-02-28', asOf, 'not-later'],
    ['MEM to an earlier end', mem, '2026-12-31', asOf, 'not-later'],
    ['MEM to a non-date', mem, '2030-02-30', asOf, 'not-later'],
    ['suspended MEM', { ...mem, status: 'suspended' }, '2030-02-28', asOf, 'invalid-transition'],
    ['revoked MEM', { ...mem, status: 'revoked' }, '2030-02-28', asOf, 'revoked-is-final'],
    ['MOHURD extended by 2 years (延期复核)', mohurd, '2029-05-31', asOf, 'ok'],
    ['MOHURD extended by 2 years and a day', mohurd, '2029-06-01', asOf, 'beyond-rule'],
    ['SAMR extended by 4 years (复审)', samr, '2031-01-09', asOf, 'ok'],
    ['SAMR extended by 4 years and a day', samr, '2031-01-10', asOf, 'beyond-rule'],
    ['skill-level certificate', skill, '2030-01-01', asOf, 'no-expiry'],
    ['unknown type', { ...mem, type: 'mem.unknown' }, '2030-02-28', asOf, 'unknown-type'],
  ];

  for (const [name, c, newUntil, on, expected] of cases) {
    it(`${name} → ${expected}`, () => {
      const result = checkRenewal(catalog, c, newUntil, on);
      if (expected === 'ok') assert.deepEqual(result, { ok: true });
      else {
        assert.equal(result.ok, false);
        assert.equal(result.ok ? undefined : result.code, expected);
        assert.ok(!result.ok && result.message.length > 0);
      }
    });
  }
});

describe('effectiveStatus', () => {
  const c = { status: 'valid' as Status, validFrom: '2024-03-01', validUntil: '2030-02-28' };
  const cases: [
    name: string,
    cert: typeof c | { status: Status; validFrom: string; validUntil: null },
    asOf: string,
    expected: string,
  ][] = [
    ['the day before validFrom', c, '2024-02-29', 'not-yet-valid'],
    ['on validFrom (inclusive)', c, '2024-03-01', 'valid'],
    ['in between', c, '2026-11-29', 'valid'],
    ['on validUntil (inclusive)', c, '2030-02-28', 'valid'],
    ['the day after validUntil', c, '2030-03-01', 'expired'],
    ['no end of validity, long after', { ...c, validUntil: null }, '2099-12-31', 'valid'],
    ['no end of validity, before validFrom', { ...c, validUntil: null }, '2024-02-29', 'not-yet-valid'],
    ['suspended within validity', { ...c, status: 'suspended' }, '2026-11-29', 'suspended'],
    ['suspended and expired', { ...c, status: 'suspended' }, '2031-01-01', 'suspended'],
    ['revoked before validFrom', { ...c, status: 'revoked' }, '2020-01-01', 'revoked'],
    ['revoked and expired', { ...c, status: 'revoked' }, '2031-01-01', 'revoked'],
  ];
  for (const [name, cert, asOf, expected] of cases) {
    it(`${name} (${asOf}) → ${expected}`, () => assert.equal(effectiveStatus(cert, asOf), expected));
  }
});

describe('validateCertificate: the holder behind the number, Chinese words, dates and designations', () => {
  const codes = (raw: RawCertificate, ctx = {}) => {
    const r = validateCertificate(catalog, raw, ctx);
    return r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`);
  };
  it('refuses a MEM number that carries another person’s ID number', () => {
    assert.deepEqual(codes({ ...good.mem, number: `T${ID_SHANGHAI}` }), ['number:number-holder-mismatch']);
  });
  it('reads the departments’ Chinese words for status and ID type', () => {
    const r = validateCertificate(catalog, { ...good.mem, status: '吊销', idType: '居民身份证' });
    assert.ok(r.ok);
    assert.equal(r.facts.status, 'revoked');
    assert.equal(r.facts.idType, 'resident');
  });
  it('refuses an ID number born after today', () => {
    const body = '11010520300101001';
    const future = body + residentIdCheckChar(body);
    assert.deepEqual(
      codes({ ...good.mem, number: `T${future}`, idNumber: future }, { today: '2026-11-29' }),
      ['idNumber:id-birth-date'],
    );
  });
  it('refuses 建筑焊工 from a province that does not designate it', () => {
    const welder = good.mohurdWelder;
    // Unknown is not "no": only a province on record as not issuing 建筑焊工 refuses the row.
    assert.deepEqual(codes(welder, { notIssued: new Set() }), []);
    const notIssued = new Set([`mohurd.welder@${welder.issuerRegion}`]);
    assert.deepEqual(codes(welder, { notIssued }), ['issuerRegion:not-designated']);
  });
  it('says revocation is final when renewing a revoked certificate', () => {
    const r = checkRenewal(
      catalog,
      {
        type: 'mem.lv-electrician',
        status: 'revoked',
        validFrom: '2024-03-01',
        validUntil: '2030-02-28',
        issuerRegion: '110000',
      },
      '2031-01-01',
      '2026-11-29',
    );
    assert.deepEqual(r.ok ? null : r.code, 'revoked-is-final');
  });
});
