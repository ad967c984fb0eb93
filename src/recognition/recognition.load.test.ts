import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { AppError } from '../shared/errors.ts';
import { catalog, makeProvince, packs, policiesDir } from './recognition.fixtures.ts';
import { loadPolicyPacks } from './recognition.load.ts';

const nationalJson = JSON.parse(readFileSync(path.join(policiesDir, 'national/2026-12.json'), 'utf8'));
const scratch = mkdtempSync(path.join(os.tmpdir(), 'hutong-policies-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

let dirs = 0;
/** Writes a policies directory with the national pack (changed by `edit`) and the given provincial files. */
function policies(
  edit: (pack: typeof nationalJson) => void,
  provincial: Record<string, unknown> = {},
): string {
  dirs += 1;
  const dir = path.join(scratch, String(dirs));
  const national = structuredClone(nationalJson);
  edit(national);
  const files: Record<string, unknown> = { 'national/2026-12.json': national, ...provincial };
  for (const [file, data] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), JSON.stringify(data));
  }
  return dir;
}

function problems(dir: string): string[] {
  try {
    loadPolicyPacks(dir, catalog);
  } catch (error) {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'catalog_invalid');
    return (error.details ?? []).map((d) => d.path);
  }
  return assert.fail('loaded');
}

describe('loadPolicyPacks', () => {
  it('loads the national pack of the repository: every row of design.md', () => {
    assert.equal(packs.national.version, '2026-12');
    assert.equal(packs.national.rules.filter((r) => r.kind === 'exemption').length, 11);
    assert.equal(packs.national.rules.filter((r) => r.kind === 'deemed-level').length, 4);
    const withEvidence = (evidence: string) =>
      packs.national.rules.filter((r) => r.evidence === evidence).map((r) => r.id);
    assert.deepEqual(withEvidence('provisional'), ['nat.exempt.mohurd-welder-to-mem-fusion']);
    // Only part 一's general sentence supports these (design.md, issue 13): SAMR ↔ the welder certificates.
    assert.deepEqual(withEvidence('general-clause'), [
      'nat.exempt.samr-welding-to-mem-fusion',
      'nat.exempt.samr-welding-to-mohurd-welder',
      'nat.exempt.mohurd-welder-to-samr-metal-welding',
      'nat.exempt.mohurd-welder-to-samr-nonmetal-welding',
    ]);
    assert.equal(withEvidence('attachment').length, 6);
    assert.deepEqual(withEvidence('notice-text'), [
      'nat.level.electrician-5',
      'nat.level.welder-5',
      'nat.level.electrician-4',
      'nat.level.welder-4',
    ]);
    assert.ok(packs.national.rules.every((r) => r.overridable === (r.kind === 'exemption')));
    // No national row grants 免予理论考试 (design.md: a department pack may, towards its own certificates).
    assert.ok(packs.national.rules.every((r) => r.kind !== 'exemption' || !r.exempt.includes('theory-exam')));
    const designated = packs.national.rules.filter(
      (r) => r.kind === 'exemption' && r.requiresTargetDesignated,
    );
    assert.deepEqual(
      designated.map((r) => r.id),
      ['nat.exempt.mem-fusion-to-mohurd-welder', 'nat.exempt.samr-welding-to-mohurd-welder'],
    );
  });

  it('loads a provincial pack stored under its province code', () => {
    const sh = { ...makeProvince(), overrides: [] };
    const loaded = loadPolicyPacks(
      policies(() => {}, { '310000/2026-03.json': sh }),
      catalog,
    );
    assert.equal(loaded.provinces.get('310000')?.version, '2026-03');
    assert.deepEqual(
      loaded.files.map((f) => f.file),
      ['national/2026-12.json', '310000/2026-03.json'],
    );
  });

  const rule0 = (edit: (r: Record<string, unknown>) => void) => (p: typeof nationalJson) => edit(p.rules[0]);
  const cases: [what: string, edit: (p: typeof nationalJson) => void, path: string][] = [
    ['a misspelt key', rule0((r) => Object.assign(r, { clauze: 'x' })), 'national/2026-12.json:rules.0'],
    [
      'an unknown source type',
      rule0((r) => Object.assign(r, { from: ['mem.lv-electrican'] })),
      'national/2026-12.json:rules.0.from.0',
    ],
    [
      'an unknown target type',
      rule0((r) => Object.assign(r, { to: 'mohurd.electrican' })),
      'national/2026-12.json:rules.0.to',
    ],
    [
      'a same-department exemption',
      rule0((r) => Object.assign(r, { to: 'mem.hv-electrician' })),
      'national/2026-12.json:rules.0.from.0',
    ],
    [
      '建筑焊工 without its designation flag',
      (p) => Object.assign(p.rules[3], { requiresTargetDesignated: false }),
      'national/2026-12.json:rules.3.requiresTargetDesignated',
    ],
    [
      'a general-clause 建筑焊工 row without its designation flag',
      (p) => Object.assign(p.rules[8], { requiresTargetDesignated: false }),
      'national/2026-12.json:rules.8.requiresTargetDesignated',
    ],
    [
      'an exemption with the old evidence legend',
      rule0((r) => Object.assign(r, { evidence: 'V?' })),
      'national/2026-12.json:rules.0.evidence',
    ],
    [
      'an exemption without evidence',
      rule0((r) => {
        delete r.evidence;
      }),
      'national/2026-12.json:rules.0.evidence',
    ],
    [
      'a deemed level on other evidence than the notice text',
      (p) => Object.assign(p.rules[11], { evidence: 'attachment' }),
      'national/2026-12.json:rules.11.evidence',
    ],
    [
      'an unknown occupation',
      (p) => Object.assign(p.rules[11], { occupation: '6-31-01-99' }),
      'national/2026-12.json:rules.11.occupation',
    ],
    [
      'a level that is not the next one up',
      (p) => Object.assign(p.rules[11], { mayApplyFor: '3' }),
      'national/2026-12.json:rules.11.mayApplyFor',
    ],
    [
      'a type of another occupation',
      (p) => Object.assign(p.rules[11], { from: ['mem.fusion-welding'] }),
      'national/2026-12.json:rules.11.from.0',
    ],
    [
      'a duplicate rule id',
      (p) => Object.assign(p.rules[1], { id: p.rules[0].id }),
      'national/2026-12.json:rules.1.id',
    ],
    [
      'a pack stored under another version',
      (p) => Object.assign(p, { version: '2026-11' }),
      'national/2026-12.json:version',
    ],
  ];
  for (const [what, edit, at] of cases) {
    it(`refuses ${what}, naming the file`, () => {
      assert.ok(problems(policies(edit)).includes(at), JSON.stringify(problems(policies(edit))));
    });
  }

  const provincialCases: [what: string, pack: Record<string, unknown>, path: string][] = [
    [
      'an override of an unknown rule',
      {
        overrides: [
          {
            id: 'sh.x',
            rule: 'nat.exempt.nope',
            action: 'deny',
            basis: 'b',
            effectiveFrom: '2026-03-01',
            effectiveUntil: null,
          },
        ],
      },
      '310000/2026-03.json:overrides.0.rule',
    ],
    [
      'an override of a deemed level (not 如无特别规定)',
      {
        overrides: [
          {
            id: 'sh.x',
            rule: 'nat.level.electrician-5',
            action: 'deny',
            basis: 'b',
            effectiveFrom: '2026-03-01',
            effectiveUntil: null,
          },
        ],
      },
      '310000/2026-03.json:overrides.0.rule',
    ],
    [
      'a narrowing to an exemption the rule does not grant',
      {
        overrides: [
          {
            id: 'sh.x',
            rule: 'nat.exempt.mem-lv-to-mohurd-electrician',
            action: 'narrow',
            targets: ['theory-exam'],
            basis: 'b',
            effectiveFrom: '2026-03-01',
            effectiveUntil: null,
          },
        ],
      },
      '310000/2026-03.json:overrides.0.targets',
    ],
    [
      'a correspondence row of an unknown type',
      {
        correspondence: [
          {
            id: 'sh.row',
            from: ['mem.nope'],
            occupation: '6-31-01-03',
            deemedLevel: '5',
            mayApplyFor: '4',
            basis: 'b',
            effectiveFrom: '2026-03-01',
          },
        ],
      },
      '310000/2026-03.json:correspondence.0.from.0',
    ],
    [
      '一试多证 without a skill-level certificate',
      {
        oneExamMultiCert: [
          {
            id: 'sh.one',
            occupation: '6-31-01-03',
            level: '4',
            issues: ['mem.lv-electrician', 'mohurd.electrician'],
            basis: 'b',
            effectiveFrom: '2026-03-01',
          },
        ],
      },
      '310000/2026-03.json:oneExamMultiCert.0.issues',
    ],
    [
      'an id taken by a national rule',
      {
        correspondence: [
          {
            id: 'nat.level.electrician-5',
            from: ['mem.explosion-proof-electrician'],
            occupation: '6-31-01-03',
            deemedLevel: '5',
            mayApplyFor: '4',
            basis: 'b',
            effectiveFrom: '2026-03-01',
          },
        ],
      },
      '310000/2026-03.json:correspondence.0.id',
    ],
  ];
  for (const [what, parts, at] of provincialCases) {
    it(`refuses ${what}`, () => {
      const dir = policies(() => {}, { '310000/2026-03.json': { ...makeProvince(), ...parts } });
      assert.ok(problems(dir).includes(at), JSON.stringify(problems(dir)));
    });
  }

  it('refuses a provincial pack stored under another province, and a directory without a national pack', () => {
    const dir = policies(() => {}, { '320000/2026-03.json': makeProvince() });
    assert.deepEqual(problems(dir), ['320000/2026-03.json:version']);
    const empty = path.join(scratch, 'empty');
    mkdirSync(empty);
    assert.deepEqual(problems(empty), ['national']);
  });
});
