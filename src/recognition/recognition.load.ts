/**
 * Loads the policy packs under `policies/`: `national/<version>.json` and `<province code>/<version>.json`. Each
 * file is validated with its Zod schema, then checked against the catalog (every type id and occupation must
 * exist) and, for a province, against the national pack it extends. Any problem stops start-up with one
 * `catalog_invalid` error whose details name `file:path`.
 */
import { type Dirent, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Catalog } from '../catalog/catalog.model.ts';
import { readDataFile } from '../shared/data-files.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import {
  type DepartmentPack,
  departmentPackId,
  type NationalPack,
  nationalPackSchema,
  type ProvincialPack,
  provincialPackSchema,
} from './recognition.model.ts';

export interface PolicyPacks {
  /** The newest national version; a version carries its rules' whole history as effective dates. */
  readonly national: NationalPack;
  /** The newest pack of each province, by province code. */
  readonly provinces: ReadonlyMap<string, ProvincialPack>;
  /** Every file read, oldest version first. */
  readonly files: readonly { file: string; id: string; version: string }[];
}

interface Dated {
  effectiveFrom: string;
  effectiveUntil?: string | null | undefined;
}

export function loadPolicyPacks(dir: string, catalog: Catalog): PolicyPacks {
  const problems: ErrorDetail[] = [];
  const files = listJsonFiles(dir, '', problems);
  const nationals: { file: string; pack: NationalPack }[] = [];
  const provincials: { file: string; pack: ProvincialPack }[] = [];
  for (const file of files) {
    const isNational = file.startsWith('national/');
    const pack = readDataFile(dir, file, isNational ? nationalPackSchema : provincialPackSchema, problems);
    if (pack === undefined) continue;
    const expected = `${isNational ? 'national' : (pack as ProvincialPack).region}/${pack.version}.json`;
    if (file !== expected)
      problems.push(
        problem(`${file}:version`, 'stored-as', `this pack must be stored as ${expected}`, { expected }),
      );
    if (isNational) nationals.push({ file, pack: pack as NationalPack });
    else provincials.push({ file, pack: pack as ProvincialPack });
  }
  nationals.sort((a, b) => a.pack.version.localeCompare(b.pack.version));
  provincials.sort((a, b) => a.pack.version.localeCompare(b.pack.version));

  for (const { file, pack } of nationals) problems.push(...prefixed(file, checkNationalPack(pack, catalog)));
  const national = nationals.at(-1)?.pack;
  if (national === undefined && problems.length === 0) {
    problems.push({ path: 'national', message: 'no national pack (national/<version>.json)' });
  }
  if (national !== undefined) {
    for (const { file, pack } of provincials) {
      problems.push(...prefixed(file, checkProvincialPack(pack, national, catalog)));
    }
  }
  if (problems.length > 0 || national === undefined) {
    const named = [...new Set(problems.map((p) => p.path.split(':')[0]))].join(', ');
    throw new AppError(
      'catalog_invalid',
      `policy packs in ${dir} are invalid (${problems.length} in ${named})`,
      problems,
    );
  }
  return {
    national,
    provinces: new Map(provincials.map(({ pack }) => [pack.region, pack])),
    files: [...nationals, ...provincials].map(({ file, pack }) => ({
      file,
      id: pack.id,
      version: pack.version,
    })),
  };
}

/** Cross-checks of a national pack against the catalog; paths are inside the pack. */
export function checkNationalPack(pack: NationalPack, catalog: Catalog): ErrorDetail[] {
  const problems = duplicateIds(pack.rules.map((r, i) => [r.id, `rules.${i}.id`]));
  const types = catalog.certificateTypesById;
  pack.rules.forEach((rule, i) => {
    const at = `rules.${i}`;
    problems.push(...checkDates(rule, at));
    problems.push(...checkTypes(rule.from, `${at}.from`, catalog));
    if (new Set(rule.from).size !== rule.from.length)
      problems.push(problem(`${at}.from`, 'repeated-type', 'repeats a type'));
    if (rule.kind === 'exemption') {
      const target = types.get(rule.to);
      if (target === undefined)
        problems.push(
          problem(`${at}.to`, 'unknown-type', `unknown certificate type ${rule.to}`, { type: rule.to }),
        );
      rule.from.forEach((from, j) => {
        // 通知 一: recognition is between departments ("申请其他两个部门相应证书").
        if (target !== undefined && types.get(from)?.department === target.department) {
          problems.push(
            problem(
              `${at}.from.${j}`,
              'same-department',
              `${from} and ${rule.to} are of the same department`,
              {
                from,
                to: rule.to,
              },
            ),
          );
        }
      });
      if (target !== undefined && rule.requiresTargetDesignated !== target.issuedOnlyWhereDesignated) {
        problems.push(
          problem(
            `${at}.requiresTargetDesignated`,
            target.issuedOnlyWhereDesignated ? 'designated-only' : 'not-designated-only',
            `must be ${target.issuedOnlyWhereDesignated}: ${rule.to} is ${target.issuedOnlyWhereDesignated ? '' : 'not '}issued only where designated`,
            { to: rule.to },
          ),
        );
      }
    } else {
      problems.push(...checkLevelRow(rule, at, catalog));
      if (rule.overridable) {
        problems.push(
          problem(
            `${at}.overridable`,
            'level-not-overridable',
            'only exemptions are "如无特别规定" (通知 一)',
          ),
        );
      }
    }
  });
  return problems;
}

/** Cross-checks of a provincial pack against the catalog and the national pack it extends. */
export function checkProvincialPack(
  pack: ProvincialPack,
  national: NationalPack,
  catalog: Catalog,
): ErrorDetail[] {
  const problems = duplicateIds([
    ...national.rules.map((r): [string, string] => [r.id, '(national)']),
    ...pack.overrides.map((o, i): [string, string] => [o.id, `overrides.${i}.id`]),
    ...pack.correspondence.map((r, i): [string, string] => [r.id, `correspondence.${i}.id`]),
    ...pack.oneExamMultiCert.map((a, i): [string, string] => [a.id, `oneExamMultiCert.${i}.id`]),
  ]).filter((p) => p.path !== '(national)');
  if (!catalog.regionsByCode.has(pack.region) || !pack.region.endsWith('0000')) {
    problems.push(
      problem('region', 'not-province', `${pack.region} is not a province-level region of the catalog`, {
        region: pack.region,
      }),
    );
  }
  const rules = new Map(national.rules.map((r) => [r.id, r]));
  pack.overrides.forEach((o, i) => {
    const at = `overrides.${i}`;
    problems.push(...checkDates(o, at));
    const rule = rules.get(o.rule);
    if (rule === undefined)
      problems.push(problem(`${at}.rule`, 'unknown-rule', `no national rule ${o.rule}`, { rule: o.rule }));
    else if (rule.kind !== 'exemption' || !rule.overridable) {
      problems.push(
        problem(
          `${at}.rule`,
          'not-overridable',
          `${o.rule} is not overridable ("如无特别规定" covers exemptions)`,
          {
            rule: o.rule,
          },
        ),
      );
    } else if (o.action === 'narrow') {
      const outside = o.targets.filter((t) => !rule.exempt.includes(t));
      if (outside.length > 0) {
        problems.push(
          problem(`${at}.targets`, 'not-granted', `${outside.join(', ')} not granted by ${o.rule}`, {
            types: outside.join(','),
            rule: o.rule,
          }),
        );
      }
    }
    // Two overrides of one rule on the same day would make the answer depend on file order.
    pack.overrides.slice(0, i).forEach((p, j) => {
      if (p.rule === o.rule && overlaps(p, o)) {
        problems.push(
          problem(at, 'overlaps', `overlaps overrides.${j} for ${o.rule}`, {
            row: String(j + 1),
            rule: o.rule,
          }),
        );
      }
    });
  });
  pack.correspondence.forEach((row, i) => {
    const at = `correspondence.${i}`;
    problems.push(...checkDates(row, at));
    problems.push(...checkTypes(row.from, `${at}.from`, catalog));
    problems.push(...checkLevelRow(row, at, catalog));
  });
  pack.oneExamMultiCert.forEach((a, i) => {
    const at = `oneExamMultiCert.${i}`;
    problems.push(...checkDates(a, at));
    problems.push(...checkTypes(a.issues, `${at}.issues`, catalog));
    if (!catalog.occupationsByCode.has(a.occupation)) {
      problems.push(
        problem(`${at}.occupation`, 'unknown-occupation', `unknown occupation ${a.occupation}`, {
          occupation: a.occupation,
        }),
      );
    }
    // 通知 二: 一次考试, 同时取得职业资格证书和职业技能等级证书.
    const kinds = a.issues.map((t) => catalog.certificateTypesById.get(t)?.kind);
    if (!kinds.includes('skill-level') || !kinds.includes('qualification')) {
      problems.push(
        problem(`${at}.issues`, 'one-exam-kinds', 'must issue a skill-level and a qualification certificate'),
      );
    }
  });
  return problems;
}

/**
 * Cross-checks of a department's pack (特别规定): its rows may only touch exemptions towards its own certificates
 * (通知 一 "如无特别规定，其他部门可以…": the target department keeps its say), and grant new pairs only from the
 * other two departments' certificates to its own.
 */
export function checkDepartmentPack(
  pack: DepartmentPack,
  national: NationalPack,
  catalog: Catalog,
): ErrorDetail[] {
  const problems = duplicateIds([
    ...national.rules.map((r): [string, string] => [r.id, '(national)']),
    ...pack.rules.map((r, i): [string, string] => [r.id, `rules.${i}.id`]),
  ]).filter((p) => p.path !== '(national)');
  if (pack.id !== departmentPackId(pack.department, pack.region))
    problems.push(
      problem('id', 'pack-id', `must be ${departmentPackId(pack.department, pack.region)}`, {
        expected: departmentPackId(pack.department, pack.region),
      }),
    );
  const isProvince = (code: string) => catalog.regionsByCode.has(code) && code.endsWith('0000');
  if (pack.region !== null && !isProvince(pack.region))
    problems.push(
      problem('region', 'not-province', `${pack.region} is not a province of the catalog`, {
        region: pack.region,
      }),
    );
  const rules = new Map(national.rules.map((r) => [r.id, r]));
  const departmentOf = (t: string) => catalog.certificateTypesById.get(t)?.department;
  pack.rules.forEach((row, i) => {
    const at = `rules.${i}`;
    problems.push(...checkDates(row, at));
    if (row.region !== undefined) {
      if (pack.region !== null)
        problems.push(
          problem(`${at}.region`, 'own-province-only', 'a provincial pack applies to its province only'),
        );
      else if (!isProvince(row.region))
        problems.push(
          problem(`${at}.region`, 'not-province', `${row.region} is not a province of the catalog`, {
            region: row.region,
          }),
        );
    }
    if (row.action === 'grant') {
      problems.push(
        ...checkTypes([row.to], `${at}.to`, catalog),
        ...checkTypes(row.from, `${at}.from`, catalog),
      );
      if (departmentOf(row.to) !== pack.department)
        problems.push(
          problem(`${at}.to`, 'not-own-department', `${row.to} is not a ${pack.department} certificate`, {
            type: row.to,
            department: pack.department,
          }),
        );
      row.from.forEach((from, j) => {
        const d = departmentOf(from);
        if (d === pack.department || d === 'mohrss')
          problems.push(
            problem(
              `${at}.from.${j}`,
              'from-other-departments',
              `recognition is from the other departments' certificates (通知 一), not ${from}`,
              { type: from },
            ),
          );
      });
      return;
    }
    const rule = rules.get(row.rule);
    if (rule === undefined || rule.kind !== 'exemption') {
      problems.push(
        problem(`${at}.rule`, 'unknown-exemption', `no national exemption ${row.rule}`, { rule: row.rule }),
      );
      return;
    }
    if (departmentOf(rule.to) !== pack.department)
      problems.push(
        problem(
          `${at}.rule`,
          'other-department-rule',
          `${row.rule} is towards ${rule.to}: only its own department decides on it`,
          { rule: row.rule, type: rule.to },
        ),
      );
    else if (!rule.overridable)
      problems.push(
        problem(`${at}.rule`, 'not-overridable', `${row.rule} is not overridable`, { rule: row.rule }),
      );
    if (row.action === 'narrow') {
      const outside = row.targets.filter((t) => !rule.exempt.includes(t));
      if (outside.length > 0)
        problems.push(
          problem(`${at}.targets`, 'not-granted', `${outside.join(', ')} not granted by ${row.rule}`, {
            types: outside.join(','),
            rule: row.rule,
          }),
        );
    }
    pack.rules.slice(0, i).forEach((p, j) => {
      if ('rule' in p && p.rule === row.rule && p.region === row.region && overlaps(p, row))
        problems.push(
          problem(at, 'overlaps', `overlaps rules.${j} for ${row.rule}`, {
            row: String(j + 1),
            rule: row.rule,
          }),
        );
    });
  });
  return problems;
}

function checkLevelRow(
  row: { from: string[]; occupation: string; deemedLevel: string; mayApplyFor: string },
  at: string,
  catalog: Catalog,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!catalog.occupationsByCode.has(row.occupation)) {
    problems.push(
      problem(`${at}.occupation`, 'unknown-occupation', `unknown occupation ${row.occupation}`, {
        occupation: row.occupation,
      }),
    );
  }
  if (+row.mayApplyFor !== +row.deemedLevel - 1) {
    problems.push(
      problem(`${at}.mayApplyFor`, 'next-level', `must be the next level up from ${row.deemedLevel}`, {
        level: row.deemedLevel,
      }),
    );
  }
  row.from.forEach((from, j) => {
    const type = catalog.certificateTypesById.get(from);
    if (type?.kind === 'skill-level') {
      problems.push(
        problem(
          `${at}.from.${j}`,
          'skill-level-own-level',
          'a skill-level certificate counts by its own level',
        ),
      );
    } else if (type?.occupation !== undefined && type.occupation !== row.occupation) {
      problems.push(
        problem(`${at}.from.${j}`, 'other-occupation', `${from} belongs to occupation ${type.occupation}`, {
          type: from,
          occupation: type.occupation,
        }),
      );
    }
  });
  return problems;
}

function checkTypes(ids: readonly string[], at: string, catalog: Catalog): ErrorDetail[] {
  return ids.flatMap((id, j) =>
    catalog.certificateTypesById.has(id)
      ? []
      : [problem(`${at}.${j}`, 'unknown-type', `unknown certificate type ${id}`, { type: id })],
  );
}

function checkDates(d: Dated, at: string): ErrorDetail[] {
  return d.effectiveUntil != null && d.effectiveUntil < d.effectiveFrom
    ? [problem(`${at}.effectiveUntil`, 'ends-before-start', 'ends before it starts')]
    : [];
}

/**
 * A pack check's finding: the English sentence for logs and the CLI, and a reason code with the values it names
 * for the policy editor to word in the reader's language (web/src/pages/policies/pack-problem-text.ts).
 */
function problem(
  path: string,
  reason: string,
  message: string,
  params?: Record<string, string>,
): ErrorDetail {
  return { path, message, reason, ...(params && { params }) };
}

function overlaps(a: Dated, b: Dated): boolean {
  return (
    (a.effectiveUntil == null || b.effectiveFrom <= a.effectiveUntil) &&
    (b.effectiveUntil == null || a.effectiveFrom <= b.effectiveUntil)
  );
}

function duplicateIds(entries: readonly (readonly [string, string])[]): ErrorDetail[] {
  const seen = new Set<string>();
  const problems: ErrorDetail[] = [];
  for (const [id, at] of entries) {
    if (seen.has(id)) problems.push(problem(at, 'duplicate-id', `duplicate id ${id}`, { id }));
    seen.add(id);
  }
  return problems;
}

function prefixed(file: string, problems: ErrorDetail[]): ErrorDetail[] {
  return problems.map((p) => ({ ...p, path: `${file}:${p.path}` }));
}

function listJsonFiles(dir: string, sub: string, problems: ErrorDetail[]): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(path.join(dir, sub), { withFileTypes: true });
  } catch (error) {
    problems.push({ path: sub || '.', message: `cannot read the directory: ${messageOf(error)}` });
    return [];
  }
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) return listJsonFiles(dir, rel, problems);
      return e.name.endsWith('.json') ? [rel] : [];
    });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
