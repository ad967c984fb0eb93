/** Shapes of `POST /api/v1/recognition/evaluate` (src/recognition/recognition.model.ts). */

export type ExemptionCode = 'safety-training' | 'hot-work-safety-exam' | 'theory-exam';
export const exemptionCodes: readonly ExemptionCode[] = [
  'safety-training',
  'hot-work-safety-exam',
  'theory-exam',
];

/** attachment / general-clause / provisional for exemptions (design.md); deemed levels are the notice's own text. */
export type RuleEvidence = 'attachment' | 'general-clause' | 'provisional' | 'notice-text';
export type Evidence = Exclude<RuleEvidence, 'notice-text'>;
export type HeldStatus = 'valid' | 'suspended' | 'revoked';
export const heldStatuses: readonly HeldStatus[] = ['valid', 'suspended', 'revoked'];

export interface HeldCertificate {
  type: string;
  number: string;
  validFrom: string;
  /** Absent or null: no expiry. */
  validUntil?: string | null;
  status?: HeldStatus;
  /** 复审: the review is good until this day. */
  reviewedUntil?: string | null;
  /** Skill-level certificates only. */
  occupation?: string;
  level?: string;
}

/** One figure per condition: years since the level a route requires, and all years in the occupation. */
export interface Experience {
  occupation: string;
  yearsSinceLevel?: number;
  yearsInOccupation?: number;
}

export interface EvaluationRequest {
  asOf?: string;
  region?: string;
  certificates: HeldCertificate[];
  experience?: Experience[];
  trace?: boolean;
}

export type ConditionStatus = 'met' | 'not-met' | 'unknown';

export interface Condition {
  code: string;
  /** Chinese only: the national standard's wording. */
  text: string;
  status: ConditionStatus;
}

export interface LevelResult {
  occupation: string;
  deemedLevel: number;
  mayApplyFor: number | null;
  /** Numbers of every certificate supporting the deemed level. */
  basis: readonly string[];
  /** Earliest start of validity among `basis`. */
  since: string;
  rule: string;
  conditions: readonly Condition[];
}

/** The pack whose row settled an answer. */
export interface DecidedBy {
  department?: 'mohrss' | 'mohurd' | 'mem' | 'samr';
  region?: string;
  pack: string;
  version: string;
  row: string;
}

export interface ExemptionResult {
  basis: string;
  /** Other certificates giving the same exemption. */
  alsoBasis?: readonly string[];
  target: string;
  /** Empty when a department's or a province's rule denies it. */
  exempt: readonly ExemptionCode[];
  rule: string;
  evidence: Evidence;
  decidedBy: DecidedBy;
  conditions?: readonly Condition[];
}

export type IgnoredReason = 'expired' | 'not-yet-valid' | 'suspended' | 'revoked' | 'review-overdue';

export interface Ignored {
  number: string;
  type: string;
  reason: IgnoredReason;
}

export interface TraceStep {
  rule: string | null;
  outcome: 'matched' | 'not-matched' | 'overridden';
  /** A reason code, or `overridden-by:<override id>`. */
  reason: string;
}

export interface CertificateTrace {
  number: string;
  type: string;
  validity: 'valid' | IgnoredReason;
  steps: readonly TraceStep[];
}

export interface EvaluationResponse {
  asOf: string;
  region: string | null;
  policy: { national: string; province?: string; departments?: Record<string, string> };
  levels: readonly LevelResult[];
  exemptions: readonly ExemptionResult[];
  ignored: readonly Ignored[];
  trace?: readonly CertificateTrace[];
}

/** The rule id under which a skill-level certificate held directly counts for its own occupation. */
export const heldSkillLevelRule = 'held.skill-level';
