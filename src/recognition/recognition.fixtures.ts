/** Typed fixtures for the recognition tests: the real catalog and packs, and a certificate builder. */
import path from 'node:path';
import { loadCatalog } from '../catalog/catalog.load.ts';
import type { Catalog } from '../catalog/catalog.model.ts';
import {
  type CompiledPolicy,
  type CompileOptions,
  compilePolicy,
  type DesignationFact,
} from './recognition.compile.ts';
import { loadPolicyPacks, type PolicyPacks } from './recognition.load.ts';
import type { DepartmentPack, HeldCertificate, ProvincialPack } from './recognition.model.ts';

export const catalog: Catalog = loadCatalog(path.resolve(import.meta.dirname, '../../catalog'));
export const policiesDir = path.resolve(import.meta.dirname, '../../policies');
export const packs: PolicyPacks = loadPolicyPacks(policiesDir, catalog);

/** A date well inside the national pack's window (in force from 2026-01-16). */
export const asOf = '2026-11-29';

/** Test facts: the provinces where 建筑焊工 is on record as issued (not real data: see designations). */
export const welderIssuedIn = (...regions: string[]): DesignationFact[] =>
  regions.map((region) => ({ type: 'mohurd.welder', region, status: 'issued' }));

/** The national pack alone, for evaluations in `region` (null: no region given). */
export function compileNational(
  on = asOf,
  options: CompileOptions & { region?: string | null } = {},
): CompiledPolicy {
  return compilePolicy(packs.national, undefined, catalog, on, options);
}

export function compileProvince(
  province: ProvincialPack,
  on = asOf,
  options: CompileOptions = {},
): CompiledPolicy {
  return compilePolicy(packs.national, province, catalog, on, options);
}

export function makeDepartmentPack(
  parts: Partial<DepartmentPack> & Pick<DepartmentPack, 'department'>,
): DepartmentPack {
  const region = parts.region ?? null;
  return {
    id: region ? `dept-${parts.department}-${region}` : `dept-${parts.department}`,
    version: '2026-06-01.1',
    region,
    extends: 'national',
    basis: '测试用部门特别规定 (not a real rule)',
    rules: [],
    ...parts,
  };
}

export function makeProvince(parts: Partial<ProvincialPack> = {}): ProvincialPack {
  return {
    id: 'shanghai',
    version: '2026-03',
    region: '310000',
    extends: 'national',
    basis: '测试用地方规定 (not a real provincial rule)',
    overrides: [],
    correspondence: [],
    oneExamMultiCert: [],
    ...parts,
  };
}

let serial = 0;

/** A certificate valid on `asOf` (2024-03-01 … 2030-02-28) unless told otherwise. */
export function makeCertificate(type: string, parts: Partial<HeldCertificate> = {}): HeldCertificate {
  serial += 1;
  return {
    type,
    number: `N${String(serial).padStart(6, '0')}`,
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    status: 'valid',
    ...parts,
  };
}
