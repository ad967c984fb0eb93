/** Shapes of `POST /api/v1/recognition/evaluate` (src/recognition/recognition.model.ts). */

export type ExemptionCode = 'safety-training' | 'hot-work-safety-exam' | 'theory-exam';
export const exemptionCodes: readonly ExemptionCode[] = [
  'safety-training',
  'hot-work-safety-exam',
  'theory-exam',
];

export type RuleEvidence = 'V' | 'V?' | 'provisional';
export type HeldStatus = 'valid' | 'suspended' | 'revoked';
export const heldStatuses: readonly HeldStatus[] = ['valid', 'suspended', 'revoked'];

export interface HeldCertificate {
  type: string;
  number: string;
  validFrom: string;
  /** Absent or null: no expiry. */
  validUntil?: string | null;
  status?: HeldStatus;
  /** Skill-level certificates only. */
  occupation?: string;
  level?: string;
}

export interface Experience {
  occupation: string;
  years: number;
}

export interface EvaluationRequest {
  asOf?: string;
  region?: string;
  certificates: HeldCertificate[];
  experience?: Experience[];
  trace?: boolean;
}

export type ConditionStatus = 'met' | 'unmet' | 'unknown';

export interface Condition {
  id: string;
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
  rule: string;
  conditions: readonly Condition[];
}

export interface ExemptionResult {
  basis: string;
  target: string;
  /** Empty when a provincial override denies the rule. */
  exempt: readonly ExemptionCode[];
  rule: string;
  overriddenBy?: string;
  conditions?: readonly Condition[];
}

export type IgnoredReason = 'expired' | 'not-yet-valid' | 'suspended' | 'revoked';

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
  validity: 'valid' | 'expired' | 'not-yet-valid' | 'suspended' | 'revoked';
  steps: readonly TraceStep[];
}

export interface EvaluationResponse {
  asOf: string;
  region: string | null;
  policy: { national: string; province?: string };
  levels: readonly LevelResult[];
  exemptions: readonly ExemptionResult[];
  ignored: readonly Ignored[];
  trace?: readonly CertificateTrace[];
}

/** The rule id under which a skill-level certificate held directly counts for its own occupation. */
export const heldSkillLevelRule = 'held.skill-level';
