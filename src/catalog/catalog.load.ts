/**
 * Loads the reference catalog from its directory (`catalog/` by default, `HUTONG_CATALOG_DIR` otherwise): every file
 * is validated with its Zod schema, then the files are checked against each other. Any problem stops start-up with
 * one `catalog_invalid` error listing every problem as `file:path`.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { readDataFile } from '../shared/data-files.ts';
import { AppError, type ErrorDetail } from '../shared/errors.ts';
import { checkCatalogFiles } from './catalog.check.ts';
import {
  type Catalog,
  type CertificateType,
  certificateTypesFileSchema,
  departmentsFileSchema,
  levelsFileSchema,
  occupationsFileSchema,
  provinceDesignationsFileSchema,
  regionsFileSchema,
} from './catalog.model.ts';
import { checkPrefectures, prefecturesFileSchema } from './catalog.prefectures.ts';

/** A parsed file and its path relative to the catalog directory, for error details. */
export interface Loaded<T> {
  file: string;
  data: T;
}

export interface CatalogFiles {
  departments: Loaded<z.infer<typeof departmentsFileSchema>>;
  certificateTypes: Loaded<z.infer<typeof certificateTypesFileSchema>>[];
  occupations: Loaded<z.infer<typeof occupationsFileSchema>>;
  levels: Loaded<z.infer<typeof levelsFileSchema>>;
  regions: Loaded<z.infer<typeof regionsFileSchema>>;
  prefectures: Loaded<z.infer<typeof prefecturesFileSchema>>;
  provinceDesignations: Loaded<z.infer<typeof provinceDesignationsFileSchema>>;
}

const typesDir = 'certificate-types';

export function loadCatalog(dir: string): Catalog {
  const problems: ErrorDetail[] = [];
  const read = <S extends z.ZodType>(file: string, schema: S) => readCatalogFile(dir, file, schema, problems);

  const departments = read('departments.json', departmentsFileSchema);
  const certificateTypes = listTypeFiles(dir, problems).map((file) => read(file, certificateTypesFileSchema));
  const occupations = read('occupations.json', occupationsFileSchema);
  const levels = read('levels.json', levelsFileSchema);
  const regions = read('regions.json', regionsFileSchema);
  const prefectures = read('prefectures.json', prefecturesFileSchema);
  const provinceDesignations = read('province-designations.json', provinceDesignationsFileSchema);

  if (
    departments === undefined ||
    occupations === undefined ||
    levels === undefined ||
    regions === undefined ||
    prefectures === undefined ||
    provinceDesignations === undefined ||
    !certificateTypes.every((f) => f !== undefined)
  ) {
    throw catalogInvalid(dir, problems);
  }
  const files: CatalogFiles = {
    departments,
    certificateTypes,
    occupations,
    levels,
    regions,
    prefectures,
    provinceDesignations,
  };
  problems.push(...checkCatalogFiles(files));
  problems.push(...checkPrefectures(prefectures.file, prefectures.data.prefectures, regions.data.regions));
  if (problems.length > 0) throw catalogInvalid(dir, problems);
  return indexCatalog(files);
}

function indexCatalog(files: CatalogFiles): Catalog {
  const types: CertificateType[] = files.certificateTypes.flatMap((f) => f.data.types);
  const all: Loaded<{ version: string }>[] = [
    files.departments,
    ...files.certificateTypes,
    files.occupations,
    files.levels,
    files.regions,
    files.prefectures,
    files.provinceDesignations,
  ];
  return {
    versions: Object.fromEntries(all.map((f) => [f.file, f.data.version])),
    departments: files.departments.data.departments,
    departmentsById: new Map(files.departments.data.departments.map((d) => [d.id, d])),
    certificateTypes: types,
    certificateTypesById: new Map(types.map((t) => [t.id, t])),
    occupations: files.occupations.data.occupations,
    occupationsByCode: new Map(files.occupations.data.occupations.map((o) => [o.code, o])),
    levels: files.levels.data.levels,
    levelsById: new Map(files.levels.data.levels.map((l) => [l.id, l])),
    regions: files.regions.data.regions,
    regionsByCode: new Map(files.regions.data.regions.map((r) => [r.code, r])),
    prefectures: files.prefectures.data.prefectures,
    provinceDesignations: files.provinceDesignations.data.designations,
  };
}

/** The department files, one per department, in a stable order. */
function listTypeFiles(dir: string, problems: ErrorDetail[]): string[] {
  try {
    return readdirSync(path.join(dir, typesDir))
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => `${typesDir}/${name}`);
  } catch (error) {
    problems.push({ path: typesDir, message: `cannot read the directory: ${messageOf(error)}` });
    return [];
  }
}

function readCatalogFile<S extends z.ZodType>(
  dir: string,
  file: string,
  schema: S,
  problems: ErrorDetail[],
): Loaded<z.output<S>> | undefined {
  const data = readDataFile(dir, file, schema, problems);
  return data === undefined ? undefined : { file, data };
}

function catalogInvalid(dir: string, problems: ErrorDetail[]): AppError {
  const files = [...new Set(problems.map((p) => p.path.split(':')[0]))].join(', ');
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return new AppError('catalog_invalid', `catalog in ${dir} is invalid (${count} in ${files})`, problems);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
