/**
 * Shapes of the policy pack API (`/api/v1/policies`): the national pack, departments' 特别规定 and provincial packs,
 * drafts, co-signatures (会同) and simulation.
 */
import type { ItemOf, ResponseOf } from './api/client';
import type { ExemptionCode, RuleEvidence } from './recognition-types';

// The packs, their rules and rows, and the diff's items stay written by hand: the server's OpenAPI document
// describes `pack`, `before` and `after` as free JSON (`{}`), the pack files being validated by their own loader
// (src/recognition/recognition.load.ts). The envelopes around them are generated.

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

interface DepartmentRuleBase {
  id: string;
  /** The department's own document: number and title, or free text. */
  basis: string;
  effectiveFrom: string;
  effectiveUntil: string | null;
  /** Only in this province (a national-scope pack's row); absent = wherever the pack applies. */
  region?: string;
}

/** A department's 特别规定 on an exemption towards its own certificates (通知 一 "如无特别规定"). */
export type DepartmentRule =
  | (DepartmentRuleBase & { action: 'deny'; rule: string })
  | (DepartmentRuleBase & { action: 'narrow'; rule: string; targets: ExemptionCode[] })
  | (DepartmentRuleBase & { action: 'condition'; rule: string; condition: { code: string; text: string } })
  | (DepartmentRuleBase & { action: 'extend'; rule: string; add: ExemptionCode[] })
  | (DepartmentRuleBase & { action: 'grant'; from: string[]; to: string; exempt: ExemptionCode[] });

export type DepartmentAction = DepartmentRule['action'];
export const departmentActions: readonly DepartmentAction[] = [
  'deny',
  'narrow',
  'condition',
  'extend',
  'grant',
];

/** Departments whose certificates are recognition targets, and so keep packs of their own. */
export type TargetDepartment = 'mohurd' | 'mem' | 'samr';
export const targetDepartments: readonly TargetDepartment[] = ['mohurd', 'mem', 'samr'];

/** The body of `PUT /policies/dept-…/drafts/{version}`. */
export interface DepartmentRows {
  rules: DepartmentRule[];
}

export interface DepartmentPack extends DepartmentRows {
  id: string;
  version: string;
  department: TargetDepartment;
  /** Null: the department nationally; a province code: that province's department. */
  region: string | null;
  extends: 'national';
  basis: string;
}

export type PolicyPack = NationalPack | ProvincialPack | DepartmentPack;

export function isNationalPack(pack: PolicyPack): pack is NationalPack {
  return pack.id === 'national';
}

export function isDepartmentPack(pack: PolicyPack): pack is DepartmentPack {
  return 'department' in pack && pack.id !== 'national';
}

/** Who owns a pack, read from its id: `national`, a province code, `dept-<department>[-<province>]`. */
export type PolicyOwner =
  | { kind: 'national'; id: string }
  | { kind: 'province'; id: string; region: string }
  | { kind: 'department'; id: string; department: TargetDepartment; region: string | null };

export function policyOwnerOf(id: string): PolicyOwner | undefined {
  if (id === 'national') return { kind: 'national', id };
  if (/^\d{2}0000$/.test(id)) return { kind: 'province', id, region: id };
  const m = /^dept-(mohurd|mem|samr)(?:-(\d{2}0000))?$/.exec(id);
  if (!m) return undefined;
  return { kind: 'department', id, department: m[1] as TargetDepartment, region: m[2] ?? null };
}

/** The policy id of a department's pack: `dept-mem`, `dept-mem-310000`. */
export function departmentPackId(department: string, region: string | null): string {
  return region ? `dept-${department}-${region}` : `dept-${department}`;
}

type GeneratedVersion = ResponseOf<'/api/v1/policies/{id}/versions/{version}'>;

export type PolicyEntry = ItemOf<ResponseOf<'/api/v1/policies'>['items']>;
export type PolicyKind = PolicyEntry['kind'];
export type PolicyVersionSummary = ItemOf<PolicyEntry['versions']>;
/** `awaiting-cosign`: a provincial draft sent to the departments it concerns (会同); it still is a draft. */
export type PolicyStatus = PolicyVersionSummary['status'];
/** 会同: a department's co-signature of the rows of a provincial draft that concern its certificates. */
export type Cosignature = ItemOf<NonNullable<GeneratedVersion['cosignatures']>>;

export type PolicyVersion<P extends PolicyPack = PolicyPack> = Omit<GeneratedVersion, 'pack'> & { pack: P };

/** Rules and rows are plain objects with an `id`. */
export type PolicyItem = { id: string } & Record<string, unknown>;

export interface PolicyDiff {
  added: PolicyItem[];
  removed: PolicyItem[];
  changed: Array<{ id: string; before: PolicyItem; after: PolicyItem }>;
}

// Kept by hand: `POST /policies/{region}/simulate` declares no response schema (src/recognition/policy.routes.ts).
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

/**
 * A simulation run as a job (issue 16 §2): queued, then grouping the registry, then evaluating each combination of
 * facts. The server describes `result` as free JSON; once `status` is `done` it is the `Simulation` above.
 */
export type SimulationRun = Omit<ResponseOf<'/api/v1/policies/{region}/simulations/{id}'>, 'result'> & {
  result: Simulation | null;
};
