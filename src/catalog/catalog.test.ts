import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { AppError } from '../shared/errors.ts';
import { loadCatalog } from './catalog.load.ts';
import { departmentIds, levelIds } from './catalog.model.ts';

const catalogDir = path.resolve(import.meta.dirname, '../../catalog');
const catalog = loadCatalog(catalogDir);

// design.md "Canonical identifiers": the ids the API, files and tests rely on.
const designIds: [id: string, department: string, officialCode: string | null, nameZh: string][] = [
  ['mem.hv-electrician', 'mem', '1.1', '高压电工作业'],
  ['mem.lv-electrician', 'mem', '1.2', '低压电工作业'],
  ['mem.explosion-proof-electrician', 'mem', '1.3', '防爆电气作业'],
  ['mem.fusion-welding', 'mem', '2.1', '熔化焊接与热切割作业'],
  ['mem.pressure-welding', 'mem', '2.2', '压力焊作业'],
  ['mem.brazing', 'mem', '2.3', '钎焊作业'],
  ['mohurd.electrician', 'mohurd', '01', '建筑电工'],
  ['mohurd.welder', 'mohurd', null, '建筑焊工'],
  ['samr.metal-welding', 'samr', null, '金属焊接操作'],
  ['samr.nonmetal-welding', 'samr', null, '非金属焊接操作'],
  ['mohrss.skill-level', 'mohrss', null, '职业技能等级证书'],
];

describe('the catalog in catalog/', () => {
  it('loads: every file passes its schema and the cross-checks', () => {
    assert.deepEqual(Object.keys(catalog.versions).sort(), [
      'certificate-types/mem.json',
      'certificate-types/mohrss.json',
      'certificate-types/mohurd.json',
      'certificate-types/samr.json',
      'departments.json',
      'levels.json',
      'occupations.json',
      'prefectures.json',
      'province-designations.json',
      'regions.json',
    ]);
    for (const version of Object.values(catalog.versions)) assert.match(version, /^\d{4}-\d{2}-\d{2}$/);
  });

  for (const [id, department, officialCode, nameZh] of designIds) {
    it(`has ${id} (${nameZh})`, () => {
      const type = catalog.certificateTypesById.get(id);
      assert.ok(type, `${id} is missing`);
      assert.equal(type.department, department);
      assert.equal(type.officialCode, officialCode);
      assert.equal(type.nameZh, nameZh);
    });
  }

  it('has more than 40 types, and every department has some', () => {
    assert.ok(catalog.certificateTypes.length > 40);
    for (const d of departmentIds) {
      assert.ok(
        catalog.certificateTypes.some((t) => t.department === d),
        `${d} has no types`,
      );
    }
  });

  it('holds every MEM category 1–11 and the item counts of reference §2.1', () => {
    const perCategory = new Map<string, number>();
    for (const t of catalog.certificateTypes.filter((t) => t.department === 'mem')) {
      const code = t.category?.code ?? 'none';
      perCategory.set(code, (perCategory.get(code) ?? 0) + 1);
    }
    assert.deepEqual(Object.fromEntries(perCategory), {
      '1': 6, // 1.1–1.3 + 电力电缆/继电保护/电气试验 (2018 整合)
      '2': 3,
      '3': 2,
      '4': 2,
      '5': 10,
      '6': 8,
      '7': 1,
      '8': 1,
      '9': 16,
      '10': 5,
      '11': 1,
    });
  });

  it('holds MOHURD 01–11 and every SAMR item code', () => {
    const codes = (d: string) =>
      catalog.certificateTypes.filter((t) => t.department === d).map((t) => t.officialCode);
    assert.deepEqual(codes('mohurd'), [
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '11',
      null,
    ]);
    assert.deepEqual(codes('samr'), [
      'A',
      'G1',
      'G2',
      'G3',
      'R1',
      'R2',
      'R3',
      'P',
      'T',
      'Q1',
      'Q2',
      'S1',
      'S2',
      'Y1',
      'Y2',
      'N1',
      'N2',
      'F',
      null,
      null,
    ]);
  });

  it('marks only 建筑焊工 as issued where designated, and only the skill-level type as carrying an occupation', () => {
    const designated = catalog.certificateTypes.filter((t) => t.issuedOnlyWhereDesignated).map((t) => t.id);
    assert.deepEqual(designated, ['mohurd.welder']);
    const own = catalog.certificateTypes.filter((t) => t.requiresOccupation).map((t) => t.id);
    assert.deepEqual(own, ['mohrss.skill-level']);
  });

  it('links the notice part 二 types to 电工 and 焊工', () => {
    const occupationOf = (id: string) => catalog.certificateTypesById.get(id)?.occupation;
    for (const id of ['mem.lv-electrician', 'mem.hv-electrician', 'mohurd.electrician']) {
      assert.equal(occupationOf(id), '6-31-01-03');
    }
    for (const id of ['mem.fusion-welding', 'mohurd.welder', 'samr.metal-welding', 'samr.nonmetal-welding']) {
      assert.equal(occupationOf(id), '6-18-02-04');
    }
  });

  it('holds 电工 and 焊工 with the 申报条件 of reference §6', () => {
    for (const code of ['6-31-01-03', '6-18-02-04']) {
      const occupation = catalog.occupationsByCode.get(code);
      assert.ok(occupation);
      const level4 = occupation.levels.find((l) => l.level === '4');
      assert.deepEqual(
        level4?.routes.map((r) => r.requires),
        [
          { levelHeld: '5', yearsInOccupation: 4 },
          { yearsInOccupation: 6 },
          { school: 'technical-school' },
          { school: 'secondary-vocational' },
        ],
      );
      const level3 = occupation.levels.find((l) => l.level === '3');
      assert.deepEqual(level3?.routes[0]?.requires, { levelHeld: '4', yearsInOccupation: 5 });
    }
  });

  it('ranks the eight levels from 学徒工 to 首席技师', () => {
    assert.deepEqual(
      [...catalog.levels].sort((a, b) => a.rank - b.rank).map((l) => l.id),
      [...levelIds],
    );
    assert.equal(catalog.levelsById.get('5')?.nameZh, '初级工');
    assert.equal(catalog.levelsById.get('chief')?.nameZh, '首席技师');
  });

  it('holds the 31 provinces with their 简称, and 兵团 under 650000', () => {
    assert.equal(catalog.regions.length, 31);
    assert.equal(catalog.regionsByCode.get('310000')?.short, '沪');
    assert.deepEqual(catalog.regionsByCode.get('510000')?.altShort, ['蜀']);
    assert.equal(catalog.regionsByCode.get('650000')?.organisations?.[0]?.nameZh, '新疆生产建设兵团');
  });

  it('states a review rule for every qualification and none for the skill-level certificate (issue 13 item 5)', () => {
    for (const type of catalog.certificateTypes) {
      const review = type.validity.review;
      if (type.kind === 'skill-level') {
        assert.equal(review, null, type.id);
        continue;
      }
      assert.ok(review, `${type.id} has no review rule`);
      const expected = {
        mem: { everyYears: 3, extendedEveryYears: 6, reference: 'domain/reference.md §2.2', evidence: 'V' },
        samr: {
          everyYears: 4,
          extendedEveryYears: undefined,
          reference: 'domain/reference.md §4.2',
          evidence: 'V',
        },
        mohurd: {
          everyYears: 2,
          extendedEveryYears: undefined,
          reference: 'domain/reference.md §3.4',
          evidence: 'V?',
        },
      }[type.department as 'mem' | 'samr' | 'mohurd'];
      assert.deepEqual(
        {
          everyYears: review.everyYears,
          extendedEveryYears: review.extendedEveryYears,
          reference: review.reference,
          evidence: review.evidence,
        },
        expected,
        type.id,
      );
      // MOHURD's interval is the province's (reference §3.4): it must say so rather than pass for national.
      assert.equal(review.variesByProvince === true, type.department === 'mohurd', type.id);
      if (review.evidence !== 'V' || review.variesByProvince)
        assert.match(review.note ?? '', /NOT VERIFIED|V\?/);
    }
  });

  it('marks every 建筑焊工 designation as a demo entry', () => {
    assert.ok(catalog.provinceDesignations.length > 0);
    for (const d of catalog.provinceDesignations) {
      assert.equal(d.type, 'mohurd.welder');
      assert.equal(d.isDemo, true);
      assert.equal(d.evidence, 'NOT VERIFIED');
    }
  });
});

describe('loadCatalog on a broken copy', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'hutong-catalog-'));
  after(() => rmSync(scratch, { recursive: true, force: true }));
  let copies = 0;

  /** Copies the catalog, edits one file, and returns the error loading the copy throws. */
  function loadBroken(file: string, edit: Edit): AppError {
    const dir = path.join(scratch, String(copies++));
    cpSync(catalogDir, dir, { recursive: true });
    const target = path.join(dir, file);
    const json: unknown = JSON.parse(readFileSync(target, 'utf8'));
    writeFileSync(target, 'raw' in edit ? edit.raw : JSON.stringify(applyEdit(json, edit)));
    try {
      loadCatalog(dir);
    } catch (error) {
      assert.ok(error instanceof AppError);
      return error;
    }
    assert.fail(`a catalog with a broken ${file} loaded`);
  }

  const cases: [what: string, file: string, edit: Edit, detailPath: string][] = [
    [
      'a field the schema does not know',
      'certificate-types/mem.json',
      { at: 'types.0', set: ['colour', 'red'] },
      'types.0',
    ],
    [
      'a missing required field',
      'certificate-types/samr.json',
      { at: 'types.2', remove: 'nameZh' },
      'types.2.nameZh',
    ],
    [
      'a duplicate id',
      'certificate-types/mohurd.json',
      { at: 'types.1', set: ['id', 'mohurd.electrician'] },
      'types.1.id',
    ],
    [
      'an id of another department',
      'certificate-types/samr.json',
      { at: 'types.0', set: ['id', 'mem.safety-management'] },
      'types.0.id',
    ],
    [
      'an unknown occupation',
      'certificate-types/mohurd.json',
      { at: 'types.0', set: ['occupation', '9-99-99-99'] },
      'types.0.occupation',
    ],
    [
      'a pattern that does not compile',
      'certificate-types/mohrss.json',
      { at: 'types.0.numberFormat', set: ['pattern', '^[YS\\d{21}$'] },
      'types.0.numberFormat.pattern',
    ],
    [
      'an unanchored pattern',
      'certificate-types/mohrss.json',
      { at: 'types.0.numberFormat', set: ['pattern', '[YS]\\d{21}'] },
      'types.0.numberFormat.pattern',
    ],
    [
      'a counter-example the format accepts',
      'certificate-types/mem.json',
      { at: 'types.1.numberFormat.counterExamples', set: ['0', 'T11010519491231002X'] },
      'types.1.numberFormat.counterExamples.0',
    ],
    [
      'an example the format rejects',
      'certificate-types/mem.json',
      { at: 'types.1.numberFormat.examples', set: ['0', 'T110105194912310021'] },
      'types.1.numberFormat.examples.0',
    ],
    [
      'an override for an unknown region',
      'certificate-types/mohurd.json',
      { at: 'types.0.validity.provinceOverrides.0', set: ['region', '990000'] },
      'types.0.validity.provinceOverrides.0.region',
    ],
    [
      'overlapping overrides',
      'certificate-types/mohurd.json',
      { at: 'types.0.validity.provinceOverrides.1', set: ['issuedFrom', '2020-01-01'] },
      'types.0.validity.provinceOverrides.1',
    ],
    [
      'a 简称 that disagrees with GB/T 2260',
      'regions.json',
      { at: 'regions.8', set: ['short', '申'] },
      'regions.8.short',
    ],
    [
      'a prefecture filed under the wrong province',
      'prefectures.json',
      { at: 'prefectures.0', set: ['province', '440000'] },
      'prefectures.0.code',
    ],
    [
      'a designation of a type issued everywhere',
      'province-designations.json',
      { at: 'designations.0', set: ['type', 'mem.lv-electrician'] },
      'designations.0.type',
    ],
    [
      'a level held that is not below the level applied for',
      'occupations.json',
      { at: 'occupations.0.levels.1.routes.0.requires', set: ['levelHeld', '3'] },
      'occupations.0.levels.1.routes.0.requires.levelHeld',
    ],
    [
      'a longer review interval without whose record earns it',
      'certificate-types/mem.json',
      { at: 'types.0.validity.review', remove: 'extendedIf' },
      'types.0.validity.review.extendedIf',
    ],
    [
      'a review interval longer than the validity',
      'certificate-types/samr.json',
      { at: 'types.0.validity.review', set: ['everyYears', 5] },
      'types.0.validity.review.everyYears',
    ],
    [
      'a review rule without its evidence',
      'certificate-types/mohurd.json',
      { at: 'types.0.validity.provinceOverrides.0.review', remove: 'evidence' },
      'types.0.validity.provinceOverrides.0.review.evidence',
    ],
    [
      'a review rule that cites no section of the research notes',
      'certificate-types/mem.json',
      { at: 'types.2.validity.review', set: ['reference', '令30'] },
      'types.2.validity.review.reference',
    ],
    ['two levels with one rank', 'levels.json', { at: 'levels.1', set: ['rank', 1] }, 'levels.1.rank'],
    ['a file that is not JSON', 'levels.json', { raw: '{ "version": ' }, ''],
  ];

  for (const [what, file, edit, detailPath] of cases) {
    it(`throws catalog_invalid naming ${file} for ${what}`, () => {
      const error = loadBroken(file, edit);
      assert.equal(error.code, 'catalog_invalid');
      assert.ok(error.message.includes(file), error.message);
      const expected = detailPath === '' ? file : `${file}:${detailPath}`;
      assert.ok(
        error.details?.some((d) => d.path === expected),
        `no detail at ${expected}: ${JSON.stringify(error.details)}`,
      );
    });
  }

  it('throws catalog_invalid for a missing directory', () => {
    assert.throws(
      () => loadCatalog(path.join(scratch, 'nowhere')),
      (error: unknown) => error instanceof AppError && error.code === 'catalog_invalid',
    );
  });
});

/** An edit of a parsed catalog file: at a dotted path, set a key or remove one; or replace the whole text. */
type Edit =
  | { at: string; set: [key: string, value: unknown] }
  | { at: string; remove: string }
  | { raw: string };

function applyEdit(json: unknown, edit: Exclude<Edit, { raw: string }>): unknown {
  let node = json;
  for (const key of edit.at.split('.')) node = (node as Record<string, unknown>)[key];
  assert.ok(node !== null && typeof node === 'object', `no object at ${edit.at}`);
  const target = node as Record<string, unknown>;
  if ('set' in edit) target[edit.set[0]] = edit.set[1];
  else delete target[edit.remove];
  return json;
}
