import { useCallback } from 'react';
import { isNationalPack, type NationalRule, type PolicyVersion } from '../../policy-types';
import { recognitionApi, unlessMissing } from '../../recognition-api';
import type { EvaluationResponse, RuleEvidence } from '../../recognition-types';
import { useApiData } from '../../use-api-data';

/** What the answer cites for a rule: the clause of the notice (or a provincial row's basis). */
export interface RuleInfo {
  clause: string;
  evidence?: RuleEvidence;
  note?: string;
}

export type RuleInfoMap = ReadonlyMap<string, RuleInfo>;

let national: Promise<PolicyVersion | undefined> | undefined;

/** The national pack in force; `undefined` while the policies API is missing (the answer then cites rule ids). */
function loadNational(): Promise<PolicyVersion | undefined> {
  national ??= unlessMissing<PolicyVersion>(recognitionApi.currentNational()).catch(() => {
    national = undefined;
    return undefined;
  });
  return national;
}

function collect(version: PolicyVersion | undefined, into: Map<string, RuleInfo>): void {
  const pack = version?.pack;
  if (!pack) return;
  if (isNationalPack(pack)) {
    for (const rule of pack.rules ?? []) {
      into.set(rule.id, {
        clause: rule.clause,
        evidence: rule.evidence,
        ...(rule.note && { note: rule.note }),
      });
    }
    return;
  }
  const rows = pack as {
    overrides?: { id: string; basis: string }[];
    correspondence?: { id: string; basis: string }[];
    oneExamMultiCert?: { id: string; basis: string }[];
    rules?: { id: string; basis: string }[];
  };
  for (const row of [
    ...(rows.overrides ?? []),
    ...(rows.correspondence ?? []),
    ...(rows.oneExamMultiCert ?? []),
    ...(rows.rules ?? []),
  ]) {
    into.set(row.id, { clause: row.basis });
  }
}

/**
 * Rule id → clause (or a row's basis), from the national pack and the department and provincial packs the answer
 * used; never fails.
 */
export function useRuleInfo(response: EvaluationResponse | undefined): RuleInfoMap {
  const region = response?.region ?? undefined;
  const province = response?.policy.province;
  const departments = JSON.stringify(response?.policy.departments ?? {});
  const load = useCallback(async () => {
    const version = (id: string, v: string) =>
      unlessMissing(recognitionApi.policyVersion(id, v)).catch(() => undefined);
    const others = [
      ...(region && province ? [version(`${region.slice(0, 2)}0000`, province)] : []),
      ...Object.entries(JSON.parse(departments) as Record<string, string>).map(([id, v]) => version(id, v)),
    ];
    const [nationalVersion, ...versions] = await Promise.all([loadNational(), ...others]);
    const map = new Map<string, RuleInfo>();
    collect(nationalVersion, map);
    for (const v of versions) collect(v as PolicyVersion | undefined, map);
    return map;
  }, [region, province, departments]);
  const { data } = useApiData(load);
  return data ?? emptyMap;
}

const emptyMap: RuleInfoMap = new Map();

/** The national rules in force, for pickers; empty while the policies API is missing. */
export function useNationalRules(): NationalRule[] {
  const { data } = useApiData(loadNational);
  const pack = data?.pack;
  return pack && isNationalPack(pack) ? (pack.rules ?? []) : [];
}
