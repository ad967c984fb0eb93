import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadCatalog } from '../catalog/catalog.load.ts';
import { validityRuleFor } from '../catalog/catalog.rules.ts';
import type { RawCertificate } from '../registry/registry.model.ts';
import { addDays, addYears, validateCertificate } from '../registry/registry.rules.ts';
import { checkCreditCode, checkResidentId, findProvince } from '../shared/identifiers.ts';
import { demoDefaults, generateDemoCertificates, mulberry32 } from './demo.data.ts';

const catalog = loadCatalog(path.resolve(import.meta.dirname, '../../catalog'));
const rows = generateDemoCertificates();
const today = demoDefaults.today;

function departmentOf(row: RawCertificate): string {
  const type = catalog.certificateTypesById.get(row.type);
  assert.ok(type, `unknown type ${row.type}`);
  return type.department;
}

function byHolder(list: readonly RawCertificate[]): Map<string, RawCertificate[]> {
  const holders = new Map<string, RawCertificate[]>();
  for (const row of list) {
    const held = holders.get(row.idNumber);
    if (held) held.push(row);
    else holders.set(row.idNumber, [row]);
  }
  return holders;
}

const ELECTRICIAN_OR_WELDER = new Set([
  'mem.lv-electrician',
  'mem.hv-electrician',
  'mem.explosion-proof-electrician',
  'mem.fusion-welding',
  'mem.pressure-welding',
  'mem.brazing',
  'mohurd.electrician',
  'mohurd.welder',
  'samr.metal-welding',
  'samr.nonmetal-welding',
]);
function isElectricianOrWelder(row: RawCertificate): boolean {
  if (row.type === 'mohrss.skill-level')
    return row.occupation === '6-31-01-03' || row.occupation === '6-18-02-04';
  return ELECTRICIAN_OR_WELDER.has(row.type);
}

describe('mulberry32', () => {
  it('is deterministic and uniform in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(
      values,
      Array.from({ length: 1000 }, () => b()),
    );
    assert.ok(values.every((v) => v >= 0 && v < 1));
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    assert.ok(mean > 0.45 && mean < 0.55, `mean ${mean}`);
  });
});

describe('generateDemoCertificates', () => {
  it('is deterministic: the same options give the same rows, another seed other rows', () => {
    assert.deepEqual(generateDemoCertificates({ holders: 200 }), generateDemoCertificates({ holders: 200 }));
    assert.deepEqual(generateDemoCertificates(), rows);
    assert.notDeepEqual(
      generateDemoCertificates({ holders: 200, seed: 7 }),
      generateDemoCertificates({ holders: 200 }),
    );
  });

  it('gives every field as a string', () => {
    for (const row of rows) {
      for (const [key, value] of Object.entries(row)) assert.equal(typeof value, 'string', key);
    }
  });

  it('passes validateCertificate on every row', () => {
    const failures = rows
      .map((row) => ({ row, result: validateCertificate(catalog, row) }))
      .filter(({ result }) => !result.ok);
    assert.deepEqual(failures.slice(0, 5), []);
  });

  it('is already normalised: validation changes nothing', () => {
    for (const row of rows.slice(0, 300)) {
      const result = validateCertificate(catalog, row);
      assert.ok(result.ok);
      assert.equal(result.facts.number, row.number);
      assert.equal(result.facts.holderName, row.holderName);
      assert.equal(result.facts.idNumber, row.idNumber);
    }
  });

  it('gives every other MEM certificate in force a 复审 date, exactly one overdue, of an item no rule names', () => {
    const mem = rows.filter((r) => r.type.startsWith('mem.') && r.validUntil >= today);
    const reviewed = mem.filter((r) => r.reviewedUntil);
    assert.ok(reviewed.length >= mem.length / 3, `${reviewed.length} of ${mem.length}`);
    assert.ok(rows.every((r) => !r.reviewedUntil || r.type.startsWith('mem.')));
    const overdue = reviewed.filter((r) => r.reviewedUntil < today);
    assert.deepEqual(
      overdue.map((r) => [r.type, r.status]),
      [['mem.refrigeration-operation', 'valid']],
    );
  });

  it('has unique (type, number)', () => {
    const keys = new Set(rows.map((r) => `${r.type}\u0000${r.number}`));
    assert.equal(keys.size, rows.length);
  });

  it('has the requested number of holders, one name each, about 2–3 certificates each', () => {
    const holders = byHolder(rows);
    assert.equal(holders.size, demoDefaults.holders);
    for (const [id, held] of holders) {
      assert.equal(new Set(held.map((r) => r.holderName)).size, 1, `${id} has several names`);
    }
    const average = rows.length / holders.size;
    assert.ok(average >= 2 && average <= 3, `average ${average}`);
    for (const n of [1, 37, 250]) {
      assert.equal(byHolder(generateDemoCertificates({ holders: n, seed: n })).size, n);
    }
  });

  it('gives valid resident ID numbers born 1965–2004, some minority names with ·', () => {
    const ids = new Set(rows.map((r) => r.idNumber));
    for (const id of ids) {
      const check = checkResidentId(id, { today });
      assert.ok(check.ok, id);
      const year = Number(id.slice(6, 10));
      assert.ok(year >= 1965 && year <= 2004, id);
    }
    assert.ok(rows.every((r) => r.idType === 'resident'));
    assert.ok(rows.some((r) => /^\p{Script=Han}+·\p{Script=Han}+$/u.test(r.holderName)));
  });

  it('covers all four departments and the required provinces', () => {
    const departments = new Set(rows.map(departmentOf));
    assert.deepEqual([...departments].sort(), ['mem', 'mohrss', 'mohurd', 'samr']);
    const provinces = new Set(rows.map((r) => findProvince(r.issuerRegion)?.code));
    assert.ok(provinces.size >= 6, `${provinces.size} provinces`);
    for (const code of ['310000', '320000', '330000', '440000', '510000', '610000', '110000']) {
      assert.ok(provinces.has(code), code);
    }
    for (const type of [
      'mem.lv-electrician',
      'mem.hv-electrician',
      'mem.fusion-welding',
      'mohurd.electrician',
      'mohurd.welder',
      'samr.metal-welding',
      'samr.nonmetal-welding',
      'mohrss.skill-level',
    ]) {
      assert.ok(
        rows.some((r) => r.type === type),
        type,
      );
    }
  });

  it('has mostly valid certificates, some expired, about 3% suspended and 2% revoked', () => {
    const count = (status: string) => rows.filter((r) => r.status === status).length;
    assert.equal(count('valid') + count('suspended') + count('revoked'), rows.length);
    const suspended = count('suspended') / rows.length;
    const revoked = count('revoked') / rows.length;
    assert.ok(suspended > 0.015 && suspended < 0.05, `suspended ${suspended}`);
    assert.ok(revoked > 0.005 && revoked < 0.035, `revoked ${revoked}`);
    const expired = rows.filter((r) => r.status === 'valid' && r.validUntil !== '' && r.validUntil < today);
    assert.ok(expired.length / rows.length > 0.03, `${expired.length} expired`);
    assert.ok(count('valid') - expired.length > rows.length / 2);
  });

  it('dates follow the catalog validity rules and never start after today', () => {
    for (const row of rows) {
      const type = catalog.certificateTypesById.get(row.type);
      assert.ok(type);
      assert.ok(row.validFrom <= today, `${row.type} ${row.validFrom}`);
      const rule = validityRuleFor(type, row.issuerRegion, row.validFrom);
      const expected = rule.years === null ? '' : addDays(addYears(row.validFrom, rule.years), -1);
      assert.equal(row.validUntil, expected, `${row.type} ${row.issuerRegion} ${row.validFrom}`);
    }
  });

  it('builds numbers as each department does', () => {
    for (const row of rows) {
      const department = departmentOf(row);
      if (department === 'mem') assert.equal(row.number, `T${row.idNumber}`);
      if (department === 'samr') assert.equal(row.number, row.idNumber);
      if (department === 'mohurd') {
        assert.equal([...row.number].length, 14);
        assert.equal(row.number.slice(4, 8), row.validFrom.slice(0, 4), row.number);
      }
      if (department === 'mohrss') {
        assert.equal(row.number.length, 22);
        assert.equal(row.number.slice(5, 7), row.issuerRegion.slice(0, 2), row.number);
        assert.equal(row.number.slice(13, 15), row.validFrom.slice(2, 4), row.number);
        assert.equal(row.number.charAt(15), row.level, row.number);
        assert.ok(['6-31-01-03', '6-18-02-04'].includes(row.occupation));
      }
    }
  });

  it('issues 建筑焊工 only where the catalog says a province designates it', () => {
    const designated = new Set(
      catalog.provinceDesignations.filter((d) => d.type === 'mohurd.welder').map((d) => d.region),
    );
    assert.deepEqual([...designated].sort(), [...demoDefaults.welderRegions].sort());
    const welders = rows.filter((r) => r.type === 'mohurd.welder');
    assert.ok(welders.length > 0);
    for (const row of welders)
      assert.ok(designated.has(findProvince(row.issuerRegion)?.code ?? ''), row.number);
    const none = generateDemoCertificates({ holders: 200, welderRegions: [] });
    assert.ok(!none.some((r) => r.type === 'mohurd.welder'));
  });

  it('has at least 100 holders with electrician or welder certificates from two or more departments', () => {
    let cross = 0;
    let electricianTriple = 0;
    let welderTriple = 0;
    for (const held of byHolder(rows).values()) {
      const departments = new Set(held.filter(isElectricianOrWelder).map(departmentOf));
      if (departments.size >= 2) cross++;
      const types = new Set(held.map((r) => r.type));
      const has = (occupation: string) => held.some((r) => r.occupation === occupation);
      if (types.has('mem.lv-electrician') && types.has('mohurd.electrician') && has('6-31-01-03'))
        electricianTriple++;
      if (types.has('mem.fusion-welding') && types.has('samr.metal-welding') && types.has('mohurd.welder'))
        welderTriple++;
    }
    assert.ok(cross >= 100, `${cross} holders`);
    assert.ok(electricianTriple >= 10, `${electricianTriple} MEM 低压 + MOHURD 建筑电工 + 电工 等级`);
    assert.ok(welderTriple >= 5, `${welderTriple} MEM 熔化焊 + SAMR 金属焊接 + MOHURD 建筑焊工`);
  });

  it('names issuers and gives valid 统一社会信用代码 on some rows', () => {
    assert.ok(rows.every((r) => r.issuerOrg.length > 0));
    const withCode = rows.filter((r) => r.issuerOrgCode !== '');
    assert.ok(withCode.length > rows.length / 10 && withCode.length < rows.length);
    for (const row of withCode) assert.ok(checkCreditCode(row.issuerOrgCode).ok, row.issuerOrgCode);
    const codes = new Map<string, Set<string>>();
    for (const row of withCode)
      codes.set(row.issuerOrg, (codes.get(row.issuerOrg) ?? new Set()).add(row.issuerOrgCode));
    for (const [org, set] of codes) assert.equal(set.size, 1, `${org} has several codes`);
    assert.ok(rows.some((r) => r.issuerOrg === '上海市应急管理局'));
    assert.ok(rows.some((r) => r.issuerOrg === '广东省住房和城乡建设厅'));
  });

  it('takes `today` as an option', () => {
    const earlier = generateDemoCertificates({ holders: 100, today: '2025-06-30' });
    assert.ok(earlier.every((r) => r.validFrom <= '2025-06-30'));
    assert.ok(earlier.every((r) => validateCertificate(catalog, r).ok));
  });
});
