import { listDesignations } from '../catalog/designations.service.ts';
import { policySignature } from '../recognition/policy.resolve.ts';
import type { PolicyDeps } from '../recognition/policy.service.ts';
import { findPublishedInForceMany } from '../recognition/policy.store.ts';
import {
  type CompiledPolicy,
  compilePolicy,
  coversDate,
  type DesignationFact,
} from '../recognition/recognition.compile.ts';
import {
  type DepartmentPack,
  departmentPackId,
  type ProvincialPack,
  targetDepartmentSchema,
} from '../recognition/recognition.model.ts';

/**
 * The policy in force on a date for the nation and for every province at once (issue 14 §1): one query for every
 * published pack in force (national-scope and provincial department packs, each province's HRSS pack), one for the
 * designations, then `compilePolicy` per province — the same compilation the recognition engine answers from, so
 * the explainer says what an evaluation would. Compilations are cached by versions and designations.
 */
export interface PolicySet {
  national: CompiledPolicy;
  provinces: ReadonlyMap<string, CompiledPolicy>;
  /** The packs in force, by province (its HRSS pack and its departments' packs). */
  provincePacks: ReadonlyMap<
    string,
    { pack: ProvincialPack | undefined; departments: readonly DepartmentPack[] }
  >;
  nationalDepartments: readonly DepartmentPack[];
  designations: readonly DesignationFact[];
}

export function createPolicySets(deps: PolicyDeps) {
  const cache = new Map<string, CompiledPolicy>();
  const compile = (
    pack: ProvincialPack | undefined,
    region: string | null,
    departments: readonly DepartmentPack[],
    designations: readonly DesignationFact[],
    asOf: string,
  ) => {
    const signature = policySignature(region, pack, departments, designations);
    let compiled = cache.get(signature);
    if (!compiled || !coversDate(compiled, asOf)) {
      if (cache.size > 2000) cache.clear();
      compiled = compilePolicy(deps.policies.national, pack, deps.catalog, asOf, {
        region,
        designations,
        departments,
      });
      cache.set(signature, compiled);
    }
    return compiled;
  };

  return async function policySet(asOf: string): Promise<PolicySet> {
    const provinces = deps.catalog.regions.map((r) => r.code);
    const ids = [
      ...targetDepartmentSchema.options.map((d) => departmentPackId(d, null)),
      ...provinces.flatMap((p) => [p, ...targetDepartmentSchema.options.map((d) => departmentPackId(d, p))]),
    ];
    const [rows, allDesignations] = await Promise.all([
      findPublishedInForceMany(deps.db, ids, asOf),
      listDesignations(deps.db),
    ]);
    const byId = new Map(rows.map((r) => [r.policy_id, r.pack]));
    const nationalDepartments = targetDepartmentSchema.options
      .map((d) => byId.get(departmentPackId(d, null)) as DepartmentPack | undefined)
      .filter((p): p is DepartmentPack => p !== undefined)
      .sort((a, b) => a.id.localeCompare(b.id));
    const designations: DesignationFact[] = allDesignations.map((d) => ({
      type: d.type,
      region: d.region,
      status: d.status,
    }));
    const compiled = new Map<string, CompiledPolicy>();
    const provincePacks = new Map<
      string,
      { pack: ProvincialPack | undefined; departments: DepartmentPack[] }
    >();
    for (const p of provinces) {
      const pack = (byId.get(p) as ProvincialPack | undefined) ?? deps.policies.provinces.get(p);
      const own = targetDepartmentSchema.options
        .map((d) => byId.get(departmentPackId(d, p)) as DepartmentPack | undefined)
        .filter((x): x is DepartmentPack => x !== undefined);
      const departments = [...nationalDepartments, ...own].sort((a, b) => a.id.localeCompare(b.id));
      const here = designations.filter((d) => d.region.slice(0, 2) === p.slice(0, 2));
      compiled.set(p, compile(pack, p, departments, here, asOf));
      provincePacks.set(p, { pack, departments: own });
    }
    return {
      national: compile(undefined, null, nationalDepartments, [], asOf),
      provinces: compiled,
      provincePacks,
      nationalDepartments,
      designations,
    };
  };
}
