/** Shapes of `POST /api/v1/recognition/evaluate` (src/recognition/recognition.model.ts), generated. */
import type { BodyOf, ItemOf, ResponseOf } from './api/client';

type GeneratedRequest = BodyOf<'/api/v1/recognition/evaluate'>;
type GeneratedResponse = ResponseOf<'/api/v1/recognition/evaluate', 'post'>;

/** `level` widened to `string`: the form fills it from a select of catalog levels; the server checks it. */
export type HeldCertificate = Omit<ItemOf<GeneratedRequest['certificates']>, 'level'> & { level?: string };
export type EvaluationRequest = Omit<GeneratedRequest, 'certificates'> & { certificates: HeldCertificate[] };
/** One figure per condition: years since the level a route requires, and all years in the occupation. */
export type Experience = ItemOf<NonNullable<EvaluationRequest['experience']>>;
export type HeldStatus = NonNullable<HeldCertificate['status']>;
export const heldStatuses: readonly HeldStatus[] = ['valid', 'suspended', 'revoked'];

type GeneratedTrace = ItemOf<NonNullable<GeneratedResponse['trace']>>;
/**
 * Kept by hand: the server's schema for `reason` is a `z.custom` check, which the OpenAPI document shows as `{}`
 * (src/recognition/recognition.model.ts). A reason code, or `overridden-by:<override id>`.
 */
export type TraceStep = Omit<ItemOf<GeneratedTrace['steps']>, 'reason'> & { reason: string };
export type CertificateTrace = Omit<GeneratedTrace, 'steps'> & { steps: TraceStep[] };
export type EvaluationResponse = Omit<GeneratedResponse, 'trace'> & { trace?: CertificateTrace[] };

export type LevelResult = ItemOf<EvaluationResponse['levels']>;
export type Condition = ItemOf<LevelResult['conditions']>;
export type ConditionStatus = Condition['status'];

export type ExemptionResult = ItemOf<EvaluationResponse['exemptions']>;
export type ExemptionCode = ItemOf<ExemptionResult['exempt']>;
export const exemptionCodes: readonly ExemptionCode[] = [
  'safety-training',
  'hot-work-safety-exam',
  'theory-exam',
];
/** attachment / general-clause / provisional for exemptions (design.md); deemed levels are the notice's own text. */
export type Evidence = ExemptionResult['evidence'];
export type RuleEvidence = Evidence | 'notice-text';
/** The pack whose row settled an answer. */
export type DecidedBy = ExemptionResult['decidedBy'];

export type Ignored = ItemOf<EvaluationResponse['ignored']>;
export type IgnoredReason = Ignored['reason'];

/** The rule id under which a skill-level certificate held directly counts for its own occupation. */
export const heldSkillLevelRule = 'held.skill-level';
