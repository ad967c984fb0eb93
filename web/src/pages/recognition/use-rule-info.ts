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
  for (const row of [
    ...(pack.overrides ?? []),
    ...(pack.correspondence ?? []),
    ...(pack.oneExamMultiCert ?? []),
  ]) {
    into.set(row.id, { clause: row.basis });
  }
}

/** Rule id → clause, from the national pack and the provincial pack the answer used; never fails. */
export function useRuleInfo(response: EvaluationResponse | undefined): RuleInfoMap {
  const region = response?.region ?? undefined;
  const province = response?.policy.province;
  const load = useCallback(async () => {
    const provincial =
      region && province
        ? unlessMissing(recognitionApi.policyVersion(region, province)).catch(() => undefined)
        : Promise.resolve(undefined);
    const [nationalVersion, provincialVersion] = await Promise.all([loadNational(), provincial]);
    const map = new Map<string, RuleInfo>();
    collect(nationalVersion, map);
    collect(provincialVersion, map);
    return map;
  }, [region, province]);
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
