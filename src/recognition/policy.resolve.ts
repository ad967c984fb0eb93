/**
 * The policy in force for a region and date (issue 13): the national pack, the department packs in force (each
 * department's national one and its provincial one for the region) and the province's HRSS pack, compiled once per
 * (versions, designations, date window). One query reads every pack version in force; one reads the designations.
 */
import { listDesignations } from '../catalog/designations.service.ts';
import { policyGeneration } from './policy.generation.ts';
import type { PolicyDeps } from './policy.service.ts';
import { findPublishedInForceMany, getPolicyVersionRow } from './policy.store.ts';
import { type CompiledPolicy, compilePolicy, coversDate, provinceOf } from './recognition.compile.ts';
import {
  type DepartmentPack,
  departmentPackId,
  type ProvincialPack,
  targetDepartmentSchema,
} from './recognition.model.ts';

export interface ResolvedPolicy {
  compiled: CompiledPolicy;
  nationalVersion: string;
  provinceVersion: string | null;
  /** Department pack id → version, as in the answer's `policy.departments`. */
  departmentVersions: Record<string, string>;
  /** The department packs compiled in. */
  departments: readonly DepartmentPack[];
}

export interface PinnedVersions {
  provinceVersion: string | null;
  departmentVersions?: Record<string, string> | null;
}

/** The policy ids that may take part for a province (null = no region given). */
export function packIdsFor(province: string | null): string[] {
  const ids = targetDepartmentSchema.options.map((d) => departmentPackId(d, null));
  if (province)
    ids.push(province, ...targetDepartmentSchema.options.map((d) => departmentPackId(d, province)));
  return ids;
}

export interface ResolverOptions {
  /**
   * Reuse a resolution (province, date) for this long unless an in-process write changed the policies meanwhile
   * (policy.generation.ts): the public evaluate route's two reads per request, otherwise (issue 16 §6). 0 = never.
   */
  reuseMs?: number;
}

/** Resolutions kept per resolver at most: (province or none) × dates asked about. */
const MAX_REUSED = 1000;

export function createPolicyResolver(deps: PolicyDeps, options: ResolverOptions = {}) {
  const cache = new Map<string, CompiledPolicy>();
  const reuseMs = options.reuseMs ?? 0;
  const reused = new Map<string, { generation: number; at: number; resolved: Promise<ResolvedPolicy> }>();
  const resolveNow = async (
    region: string | null | undefined,
    asOf: string,
    pinned?: PinnedVersions,
  ): Promise<ResolvedPolicy> => {
    const province = region ? provinceOf(region) : null;
    let pack: ProvincialPack | undefined;
    const departments: DepartmentPack[] = [];
    if (pinned) {
      // Replay: exactly the versions the decision was made under.
      if (province && pinned.provinceVersion) {
        const row = await getPolicyVersionRow(deps.db, province, pinned.provinceVersion);
        pack =
          (row?.pack as ProvincialPack | undefined) ?? fileVersion(deps, province, pinned.provinceVersion);
      }
      for (const [id, version] of Object.entries(pinned.departmentVersions ?? {})) {
        const row = await getPolicyVersionRow(deps.db, id, version);
        if (row) departments.push(row.pack as DepartmentPack);
      }
    } else {
      const rows = await findPublishedInForceMany(deps.db, packIdsFor(province), asOf);
      for (const row of rows) {
        if (row.policy_id === province) pack = row.pack as ProvincialPack;
        else departments.push(row.pack as DepartmentPack);
      }
      if (province && !pack) pack = deps.policies.provinces.get(province);
    }
    return resolveWith(deps, cache, pack, asOf, { region: province, departments });
  };
  return (
    region: string | null | undefined,
    asOf: string,
    pinned?: PinnedVersions,
  ): Promise<ResolvedPolicy> => {
    if (pinned || reuseMs <= 0) return resolveNow(region, asOf, pinned);
    // The answer depends on the province alone (resolveWith), not on the city or county within it.
    const key = `${region ? provinceOf(region) : ''}|${asOf}`;
    const now = Date.now();
    const generation = policyGeneration();
    const hit = reused.get(key);
    if (hit && hit.generation === generation && now - hit.at < reuseMs) return hit.resolved;
    // Tagged with the generation read before the database: a write that commits meanwhile outdates it.
    const entry = { generation, at: now, resolved: resolveNow(region, asOf) };
    reused.delete(key);
    reused.set(key, entry);
    if (reused.size > MAX_REUSED) {
      const oldest = reused.keys().next().value;
      if (oldest !== undefined) reused.delete(oldest);
    }
    entry.resolved.catch(() => {
      if (reused.get(key) === entry) reused.delete(key);
    });
    return entry.resolved;
  };
}

function fileVersion(deps: PolicyDeps, province: string, version: string): ProvincialPack | undefined {
  const file = deps.policies.provinces.get(province);
  return file?.version === version ? file : undefined;
}

/** Compiles (or reuses) the policy for explicit packs, e.g. a draft under simulation. */
export async function resolveWith(
  deps: PolicyDeps,
  cache: Map<string, CompiledPolicy>,
  pack: ProvincialPack | undefined,
  asOf: string,
  scope: { region?: string | null; departments?: readonly DepartmentPack[] } = {},
): Promise<ResolvedPolicy> {
  const region = pack?.region ?? (scope.region ? provinceOf(scope.region) : null);
  const designations = region
    ? (await listDesignations(deps.db)).filter((d) => provinceOf(d.region) === region)
    : [];
  const departments = [...(scope.departments ?? [])].sort((a, b) => a.id.localeCompare(b.id));
  const signature = policySignature(region, pack, departments, designations);
  let compiled = cache.get(signature);
  if (!compiled || !coversDate(compiled, asOf)) {
    compiled = compilePolicy(deps.policies.national, pack, deps.catalog, asOf, {
      region,
      designations,
      departments,
    });
    cache.set(signature, compiled);
  }
  return {
    compiled,
    nationalVersion: deps.policies.national.version,
    provinceVersion: pack?.version ?? null,
    departmentVersions: Object.fromEntries(departments.map((d) => [d.id, d.version])),
    departments,
  };
}

/** What a compiled policy depends on besides the date: the key of every compiled-policy cache. */
export function policySignature(
  region: string | null,
  pack: { version: number | string } | undefined,
  departments: readonly { id: string; version: number | string }[],
  designations: readonly { type: string; region: string; status: string }[],
): string {
  return [
    region ?? '',
    pack?.version ?? '',
    departments.map((d) => `${d.id}@${d.version}`).join(','),
    designations.map((d) => `${d.type}@${d.region}=${d.status}`).join(','),
  ].join('|');
}
