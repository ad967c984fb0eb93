/** Shapes of the policy pack API (`/api/v1/policies`): national and provincial packs, drafts, simulation. */
import type { ExemptionCode, RuleEvidence } from './recognition-types';

interface RuleBase {
  id: string;
  /** Part/paragraph of the notice, e.g. `通知 一(一); 附件 序号1 (inferred)`. */
  clause: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  evidence: RuleEvidence;
  overridable: boolean;
  note?: string;
}

export interface ExemptionRule extends RuleBase {
  kind: 'exemption';
  from: string[];
  to: string;
  exempt: ExemptionCode[];
  requiresTargetDesignated: boolean;
}

export interface DeemedLevelRule extends RuleBase {
  kind: 'deemed-level';
  from: string[];
  occupation: string;
  deemedLevel: string;
  mayApplyFor: string;
}

export type NationalRule = ExemptionRule | DeemedLevelRule;

export interface NationalPack {
  id: 'national';
  version: string;
  basis: string;
  validityCondition: string;
  sources: string[];
  rules: NationalRule[];
}

export type OverrideAction = 'deny' | 'narrow' | 'condition';
export const overrideActions: readonly OverrideAction[] = ['deny', 'narrow', 'condition'];

/** A provincial 特别规定 on an overridable national exemption rule. */
export interface Override {
  id: string;
  /** The national rule it overrides. */
  rule: string;
  basis: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  action: OverrideAction;
  /** `narrow`: the exemption codes that still apply. */
  targets?: ExemptionCode[];
  /** `condition`: what the applicant must also meet. */
  condition?: { code: string; text: string };
}

/** 对应目录: another qualification deemed a level of an occupation. */
export interface CorrespondenceRow {
  id: string;
  from: string[];
  occupation: string;
  deemedLevel: '5' | '4' | '3' | '2';
  mayApplyFor: '4' | '3' | '2' | '1';
  basis: string;
  effectiveFrom: string;
  effectiveUntil?: string | null;
}

/** 一试多证: one exam issues a skill-level certificate and a qualification. */
export interface OneExamMultiCert {
  id: string;
  occupation: string;
  level: '5' | '4' | '3' | '2' | '1';
  issues: string[];
  basis: string;
  effectiveFrom: string;
  effectiveUntil?: string | null;
}

/** The editable part of a provincial pack: the body of `PUT /policies/{region}/drafts/{version}`. */
export interface ProvincialRows {
  overrides: Override[];
  correspondence: CorrespondenceRow[];
  oneExamMultiCert: OneExamMultiCert[];
}

export interface ProvincialPack extends ProvincialRows {
  id: string;
  version: string;
  region: string;
  extends: 'national';
  basis: string;
}

export type PolicyPack = NationalPack | ProvincialPack;

export function isNationalPack(pack: PolicyPack): pack is NationalPack {
  return 'rules' in pack && Array.isArray(pack.rules);
}

export type PolicyStatus = 'published' | 'draft';

export interface PolicyVersionSummary {
  version: string;
  status: PolicyStatus;
  effectiveFrom: string | null;
  publishedAt: string | null;
  source: 'file' | 'database';
}

export interface PolicyEntry {
  /** `national` or a province's region code. */
  id: string;
  region: string | null;
  versions: PolicyVersionSummary[];
}

export interface PolicyVersion<P extends PolicyPack = PolicyPack> {
  id: string;
  version: string;
  status: PolicyStatus;
  effectiveFrom: string | null;
  pack: P;
}

/** Rules and rows are plain objects with an `id`. */
export type PolicyItem = { id: string } & Record<string, unknown>;

export interface PolicyDiff {
  added: PolicyItem[];
  removed: PolicyItem[];
  changed: Array<{ id: string; before: PolicyItem; after: PolicyItem }>;
}

export interface SimulationCount {
  kind: 'level' | 'exemption';
  key: string;
  count: number;
}

export interface Simulation {
  holders: number;
  changed: number;
  gained: SimulationCount[];
  lost: SimulationCount[];
  byProvince: Array<{ region: string; gained: number; lost: number }>;
  byType: Array<{ type: string; gained: number; lost: number }>;
  sample: Array<{ holderId: string; name: string; gained: string[]; lost: string[] }>;
}
