/**
 * Cross-file checks of the catalog, run after every file passed its schema. Each problem names `file:path`.
 * Pure: it only looks at the parsed files.
 */
import type { ErrorDetail } from '../shared/errors.ts';
import { provinces } from '../shared/identifiers.ts';
import type { CatalogFiles } from './catalog.load.ts';
import {
  type CertificateType,
  departmentIds,
  levelIds,
  type ProvinceOverride,
  type ReviewRule,
} from './catalog.model.ts';
import { checkCertificateNumber } from './catalog.rules.ts';

type Problem = ErrorDetail;

export function checkCatalogFiles(files: CatalogFiles): Problem[] {
  return [
    ...checkDepartments(files),
    ...checkCertificateTypes(files),
    ...checkOccupations(files),
    ...checkLevels(files),
    ...checkRegions(files),
    ...checkDesignations(files),
  ];
}

function checkDepartments({ departments }: CatalogFiles): Problem[] {
  const problems = duplicates(
    departments.data.departments.map((d, i) => [d.id, `${departments.file}:departments.${i}.id`]),
    'department id',
  );
  const present = new Set(departments.data.departments.map((d) => d.id));
  for (const id of departmentIds) {
    if (!present.has(id))
      problems.push({ path: `${departments.file}:departments`, message: `department ${id} is missing` });
  }
  return problems;
}

function checkCertificateTypes(files: CatalogFiles): Problem[] {
  const problems: Problem[] = [];
  const departments = new Set(files.departments.data.departments.map((d) => d.id));
  const occupations = new Set(files.occupations.data.occupations.map((o) => o.code));
  const regions = new Set(files.regions.data.regions.map((r) => r.code));
  const located = files.certificateTypes.flatMap((f) =>
    f.data.types.map((type, i) => ({ type, at: `${f.file}:types.${i}` })),
  );

  problems.push(
    ...duplicates(
      located.map(({ type, at }) => [type.id, `${at}.id`]),
      'certificate type id',
    ),
  );
  problems.push(
    ...duplicates(
      located.flatMap(({ type, at }) =>
        type.officialCode === null ? [] : [[`${type.department} ${type.officialCode}`, `${at}.officialCode`]],
      ),
      'official code',
    ),
  );

  for (const f of files.certificateTypes) {
    if (f.file !== `certificate-types/${f.data.department}.json`) {
      problems.push({
        path: `${f.file}:department`,
        message: `a file for ${f.data.department} must be named ${f.data.department}.json`,
      });
    }
    f.data.types.forEach((type, i) => {
      if (type.department !== f.data.department) {
        problems.push({
          path: `${f.file}:types.${i}.department`,
          message: `${type.id} is not a ${f.data.department} type`,
        });
      }
    });
  }

  for (const { type, at } of located) {
    if (!departments.has(type.department)) {
      problems.push({ path: `${at}.department`, message: `unknown department ${type.department}` });
    }
    if (!type.id.startsWith(`${type.department}.`)) {
      problems.push({ path: `${at}.id`, message: `${type.id} must start with "${type.department}."` });
    }
    if (type.occupation !== undefined && !occupations.has(type.occupation)) {
      problems.push({ path: `${at}.occupation`, message: `unknown occupation ${type.occupation}` });
    }
    if (type.requiresOccupation && (type.kind !== 'skill-level' || type.occupation !== undefined)) {
      problems.push({
        path: `${at}.requiresOccupation`,
        message: 'only a skill-level type without a fixed occupation carries its own occupation',
      });
    }
    problems.push(
      ...checkOverrides(type.validity.provinceOverrides, regions, `${at}.validity.provinceOverrides`),
    );
    problems.push(...checkReview(type.validity.review, type.validity.years, `${at}.validity.review`));
    type.validity.provinceOverrides.forEach((o, i) => {
      problems.push(...checkReview(o.review, o.years, `${at}.validity.provinceOverrides.${i}.review`));
    });
    problems.push(...checkNumberFormat(type, `${at}.numberFormat`));
  }

  const typed = new Set(located.map(({ type }) => type.department));
  for (const d of files.departments.data.departments) {
    if (!typed.has(d.id)) {
      problems.push({
        path: `certificate-types/${d.id}.json`,
        message: `department ${d.id} has no certificate types`,
      });
    }
  }
  return problems;
}

/**
 * A review rule must be readable on its own (issue 13 item 5): a longer interval says whose clean record earns
 * it, a review falls within the validity it reviews, and a window and a deadline are not both given.
 */
function checkReview(review: ReviewRule | null, years: number | null, at: string): Problem[] {
  if (review === null) return [];
  const problems: Problem[] = [];
  if ((review.extendedEveryYears === undefined) !== (review.extendedIf === undefined)) {
    problems.push({ path: `${at}.extendedIf`, message: 'extendedEveryYears and extendedIf go together' });
  }
  if (review.extendedEveryYears !== undefined && review.extendedEveryYears <= review.everyYears) {
    problems.push({ path: `${at}.extendedEveryYears`, message: 'must be longer than everyYears' });
  }
  if (years !== null && Math.max(review.everyYears, review.extendedEveryYears ?? 0) > years) {
    problems.push({
      path: `${at}.everyYears`,
      message: `a review interval cannot exceed the ${years}-year validity`,
    });
  }
  if (review.applyWithinDaysBefore !== null && review.applyAtLeastDaysBefore !== undefined) {
    problems.push({
      path: `${at}.applyAtLeastDaysBefore`,
      message: 'a window (applyWithinDaysBefore) or a deadline (applyAtLeastDaysBefore), not both',
    });
  }
  if (!review.reference.startsWith('domain/reference.md §')) {
    problems.push({ path: `${at}.reference`, message: 'must cite domain/reference.md §…' });
  }
  return problems;
}

function checkOverrides(overrides: ProvinceOverride[], regions: Set<string>, at: string): Problem[] {
  const problems: Problem[] = [];
  overrides.forEach((o, i) => {
    if (!regions.has(o.region))
      problems.push({ path: `${at}.${i}.region`, message: `unknown region ${o.region}` });
    if (o.issuedFrom !== undefined && o.issuedBefore !== undefined && o.issuedFrom >= o.issuedBefore) {
      problems.push({ path: `${at}.${i}`, message: 'issuedFrom must be before issuedBefore' });
    }
    // Two overrides covering the same issue date would make the applied rule depend on file order.
    overrides.slice(0, i).forEach((p, j) => {
      const overlaps =
        p.region === o.region &&
        (p.issuedFrom ?? '') < (o.issuedBefore ?? '9999') &&
        (o.issuedFrom ?? '') < (p.issuedBefore ?? '9999');
      if (overlaps)
        problems.push({ path: `${at}.${i}`, message: `overlaps override ${j} for region ${o.region}` });
    });
  });
  return problems;
}

function checkNumberFormat(type: CertificateType, at: string): Problem[] {
  const { pattern, examples, counterExamples } = type.numberFormat;
  try {
    new RegExp(pattern, 'u');
  } catch (error) {
    return [
      {
        path: `${at}.pattern`,
        message: `does not compile: ${error instanceof Error ? error.message : error}`,
      },
    ];
  }
  // An unanchored pattern would accept any number that merely contains a valid one.
  if (!pattern.startsWith('^') || !pattern.endsWith('$')) {
    return [{ path: `${at}.pattern`, message: 'must be anchored with ^ and $' }];
  }
  const problems: Problem[] = [];
  examples.forEach((example, i) => {
    const result = checkCertificateNumber(type, example);
    if (!result.ok)
      problems.push({ path: `${at}.examples.${i}`, message: `${example} fails: ${result.message}` });
  });
  counterExamples.forEach((counter, i) => {
    if (checkCertificateNumber(type, counter).ok) {
      problems.push({
        path: `${at}.counterExamples.${i}`,
        message: `${counter} passes the format it must fail`,
      });
    }
  });
  return problems;
}

function checkOccupations({ occupations }: CatalogFiles): Problem[] {
  const { file } = occupations;
  const problems = duplicates(
    occupations.data.occupations.map((o, i) => [o.code, `${file}:occupations.${i}.code`]),
    'occupation code',
  );
  occupations.data.occupations.forEach((occupation, i) => {
    const at = `${file}:occupations.${i}.levels`;
    problems.push(
      ...duplicates(
        occupation.levels.map((l, j) => [l.level, `${at}.${j}.level`]),
        'level',
      ),
    );
    occupation.levels.forEach((level, j) => {
      problems.push(
        ...duplicates(
          level.routes.map((r, k) => [r.id, `${at}.${j}.routes.${k}.id`]),
          'route id',
        ),
      );
      level.routes.forEach((route, k) => {
        const held = route.requires.levelHeld;
        // A lower official number is a higher level: the level held must be below the one applied for.
        if (held !== undefined && Number(held) <= Number(level.level)) {
          problems.push({
            path: `${at}.${j}.routes.${k}.requires.levelHeld`,
            message: `level ${held} is not below level ${level.level}`,
          });
        }
      });
    });
  });
  return problems;
}

function checkLevels({ levels }: CatalogFiles): Problem[] {
  const { file } = levels;
  const list = levels.data.levels;
  const problems = [
    ...duplicates(
      list.map((l, i) => [l.id, `${file}:levels.${i}.id`]),
      'level id',
    ),
    ...duplicates(
      list.map((l, i) => [String(l.rank), `${file}:levels.${i}.rank`]),
      'rank',
    ),
  ];
  const byRank = [...list].sort((a, b) => a.rank - b.rank).map((l) => l.id);
  if (byRank.join(',') !== levelIds.join(',')) {
    problems.push({ path: `${file}:levels`, message: `by rank the levels must run ${levelIds.join(', ')}` });
  }
  list.forEach((l, i) => {
    if (l.isStandardLevel !== /^[1-5]$/.test(l.id)) {
      problems.push({
        path: `${file}:levels.${i}.isStandardLevel`,
        message: 'true exactly for the levels 5 … 1',
      });
    }
  });
  return problems;
}

/** regions.json must agree with the province table the pure identifier checks are compiled with. */
function checkRegions({ regions }: CatalogFiles): Problem[] {
  const { file } = regions;
  const problems = duplicates(
    regions.data.regions.flatMap((r, i) => [
      [r.code, `${file}:regions.${i}.code`],
      ...[r.short, ...r.altShort].map((s): [string, string] => [s, `${file}:regions.${i}.short`]),
    ]),
    'region code or 简称',
  );
  const byCode = new Map(provinces.map((p) => [p.code, p]));
  regions.data.regions.forEach((region, i) => {
    const known = byCode.get(region.code);
    if (known === undefined) {
      problems.push({
        path: `${file}:regions.${i}.code`,
        message: `${region.code} is not a GB/T 2260 province code`,
      });
    } else if (known.short !== region.short || known.altShort.join() !== region.altShort.join()) {
      problems.push({
        path: `${file}:regions.${i}.short`,
        message: `${region.code} has 简称 ${[known.short, ...known.altShort].join('/')} in src/shared/identifiers.ts`,
      });
    }
  });
  const listed = new Set(regions.data.regions.map((r) => r.code));
  for (const p of provinces) {
    if (!listed.has(p.code))
      problems.push({ path: `${file}:regions`, message: `province ${p.code} is missing` });
  }
  return problems;
}

function checkDesignations(files: CatalogFiles): Problem[] {
  const { file, data } = files.provinceDesignations;
  const types = new Map(files.certificateTypes.flatMap((f) => f.data.types.map((t) => [t.id, t])));
  const regions = new Set(files.regions.data.regions.map((r) => r.code));
  const problems = duplicates(
    data.designations.map((d, i) => [`${d.type} ${d.region}`, `${file}:designations.${i}`]),
    'designation',
  );
  data.designations.forEach((d, i) => {
    const type = types.get(d.type);
    if (type === undefined) {
      problems.push({
        path: `${file}:designations.${i}.type`,
        message: `unknown certificate type ${d.type}`,
      });
    } else if (!type.issuedOnlyWhereDesignated) {
      problems.push({ path: `${file}:designations.${i}.type`, message: `${d.type} is issued everywhere` });
    }
    if (!regions.has(d.region)) {
      problems.push({ path: `${file}:designations.${i}.region`, message: `unknown region ${d.region}` });
    }
  });
  return problems;
}

/** One problem for every repeat of a key, naming where it was first seen. */
function duplicates(entries: [key: string, at: string][], what: string): Problem[] {
  const seen = new Map<string, string>();
  const problems: Problem[] = [];
  for (const [key, at] of entries) {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, at);
    else problems.push({ path: at, message: `duplicate ${what} ${key} (first at ${first})` });
  }
  return problems;
}
