/**
 * Policy packs (national and provincial) and the evaluation request/response of
 * `POST /api/v1/recognition/evaluate` (design.md "The recognition rules" and "API contract"). Packs are data files
 * under `policies/`, validated with these schemas at load; `z.strictObject` everywhere, so a misspelt key is an
 * error rather than a silently ignored field.
 */
import { z } from 'zod';
import { levelIdSchema } from '../catalog/catalog.model.ts';

const isoDateSchema = z.iso.date();
const nonEmpty = z.string().min(1);
const regionCodeSchema = z.string().regex(/^\d{6}$/, 'must be a GB/T 2260 six-digit code');
const occupationCodeSchema = z
  .string()
  .regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'must be a 大典 code like 6-31-01-03');
const typeIdSchema = z
  .string()
  .regex(/^(mohrss|mohurd|mem|samr)\.[a-z0-9]+(-[a-z0-9]+)*$/, 'must be <department>.<kebab-slug>');
const ruleIdSchema = z.string().regex(/^[a-z0-9]+(\.[a-z0-9]+(-[a-z0-9]+)*)+$/, 'must be dotted kebab-case');
const packVersionSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}(-\d{2})?(\.\d+)?$/,
    'must be YYYY-MM or YYYY-MM-DD, optionally .N (drafts of one day)',
  );

/** What an exemption spares the applicant (通知 一; reference §10). */
export const exemptionCodeSchema = z.enum([
  'safety-training', // 免予安全作业培训 (MOHURD side) / 安全技术培训 (MEM side)
  'hot-work-safety-exam', // 免予特种设备焊接操作人员动火作业安全管理考试 (SAMR side)
  'theory-exam', // 免予理论考试: named by the news summaries of 通知 一, used by no national row
]);
export type ExemptionCode = z.infer<typeof exemptionCodeSchema>;

/** reference.md legend, plus `provisional`: kept although the source text breaks off (design.md). */
export const ruleEvidenceSchema = z.enum(['V', 'V?', 'provisional']);
export type RuleEvidence = z.infer<typeof ruleEvidenceSchema>;

/** Deemed levels the notice grants (通知 二): 五级 or 四级; `mayApplyFor` is the next level up. */
const deemedLevelSchema = z.enum(['5', '4']);
const applyLevelSchema = z.enum(['4', '3']);

const ruleBase = {
  id: ruleIdSchema,
  /** Part/paragraph of the notice and the attachment row, e.g. `通知 一(一); 附件 序号1 (inferred)`. */
  clause: nonEmpty,
  effectiveFrom: isoDateSchema,
  /** Last day in force (inclusive); null = open. */
  effectiveUntil: isoDateSchema.nullable(),
  evidence: ruleEvidenceSchema,
  /** "如无特别规定": a provincial pack may deny, narrow or condition it. */
  overridable: z.boolean(),
  note: nonEmpty.optional(),
};

export const exemptionRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('exemption'),
  from: z.array(typeIdSchema).min(1),
  to: typeIdSchema,
  exempt: z.array(exemptionCodeSchema).min(1),
  /** Only towards a region that issues the target (建筑焊工: 通知 一(二) "向颁发建筑焊工特种作业操作证地区"). */
  requiresTargetDesignated: z.boolean(),
});
export type ExemptionRule = z.infer<typeof exemptionRuleSchema>;

export const deemedLevelRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('deemed-level'),
  from: z.array(typeIdSchema).min(1),
  occupation: occupationCodeSchema,
  deemedLevel: deemedLevelSchema,
  mayApplyFor: applyLevelSchema,
});
export type DeemedLevelRule = z.infer<typeof deemedLevelRuleSchema>;

export const nationalRuleSchema = z.discriminatedUnion('kind', [exemptionRuleSchema, deemedLevelRuleSchema]);
export type NationalRule = z.infer<typeof nationalRuleSchema>;

export const nationalPackSchema = z.strictObject({
  $comment: z.string().optional(),
  id: z.literal('national'),
  version: packVersionSchema,
  /** The notice's title and issuers. */
  basis: nonEmpty,
  /** 合法有效, the precondition of every rule, as text for people. */
  validityCondition: nonEmpty,
  sources: z.array(nonEmpty).min(1),
  rules: z.array(nationalRuleSchema).min(1),
});
export type NationalPack = z.infer<typeof nationalPackSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Provincial packs: 特别规定 on national exemptions, 对应目录 rows and 一试多证 arrangements (通知 二, 第3段)

const overrideBase = {
  id: ruleIdSchema,
  /** The national rule it overrides; the rule must be `overridable`. */
  rule: ruleIdSchema,
  basis: nonEmpty,
  effectiveFrom: isoDateSchema,
  effectiveUntil: isoDateSchema.nullable(),
};

export const overrideConditionSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
  text: nonEmpty,
});

export const overrideSchema = z.discriminatedUnion('action', [
  z.strictObject({ ...overrideBase, action: z.literal('deny') }),
  /** Keeps only `targets`: the exemption codes of the national rule that still apply. */
  z.strictObject({
    ...overrideBase,
    action: z.literal('narrow'),
    targets: z.array(exemptionCodeSchema).min(1),
  }),
  z.strictObject({ ...overrideBase, action: z.literal('condition'), condition: overrideConditionSchema }),
]);
export type Override = z.infer<typeof overrideSchema>;

export const correspondenceRowSchema = z.strictObject({
  id: ruleIdSchema,
  from: z.array(typeIdSchema).min(1),
  occupation: occupationCodeSchema,
  deemedLevel: z.enum(['5', '4', '3', '2']),
  mayApplyFor: z.enum(['4', '3', '2', '1']),
  basis: nonEmpty,
  effectiveFrom: isoDateSchema,
  effectiveUntil: isoDateSchema.nullable().optional(),
});
export type CorrespondenceRow = z.infer<typeof correspondenceRowSchema>;

export const oneExamMultiCertSchema = z.strictObject({
  id: ruleIdSchema,
  occupation: occupationCodeSchema,
  level: z.enum(['5', '4', '3', '2', '1']),
  /** The certificates one exam issues (a skill-level certificate and a qualification). */
  issues: z.array(typeIdSchema).min(2),
  basis: nonEmpty,
  effectiveFrom: isoDateSchema,
  effectiveUntil: isoDateSchema.nullable().optional(),
});
export type OneExamMultiCert = z.infer<typeof oneExamMultiCertSchema>;

export const provincialPackSchema = z.strictObject({
  $comment: z.string().optional(),
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case'),
  version: packVersionSchema,
  /** Province-level GB/T 2260 code (XX0000). */
  region: regionCodeSchema,
  extends: z.literal('national'),
  basis: nonEmpty,
  overrides: z.array(overrideSchema).default([]),
  correspondence: z.array(correspondenceRowSchema).default([]),
  oneExamMultiCert: z.array(oneExamMultiCertSchema).default([]),
});
export type ProvincialPack = z.infer<typeof provincialPackSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Evaluation request and response (design.md API contract)

export const certificateStatusSchema = z.enum(['valid', 'suspended', 'revoked']);
export type CertificateStatus = z.infer<typeof certificateStatusSchema>;

export const heldCertificateSchema = z.strictObject({
  type: typeIdSchema,
  number: nonEmpty.max(64),
  validFrom: isoDateSchema,
  /** Absent or null: no expiry (MOHRSS skill-level certificates). */
  validUntil: isoDateSchema.nullable().optional(),
  status: certificateStatusSchema.default('valid'),
  /** Skill-level certificates only: the occupation and level the certificate is for. */
  occupation: occupationCodeSchema.optional(),
  level: levelIdSchema.optional(),
});
export type HeldCertificate = z.input<typeof heldCertificateSchema>;

export const experienceSchema = z.strictObject({
  occupation: occupationCodeSchema,
  /** Years 累计从事本职业 that count towards the route (after the level held, where the route says so). */
  years: z.number().nonnegative().max(80),
});
export type Experience = z.infer<typeof experienceSchema>;

export const evaluationRequestSchema = z.strictObject({
  asOf: isoDateSchema.optional(),
  region: regionCodeSchema.optional(),
  certificates: z.array(heldCertificateSchema).max(200),
  experience: z.array(experienceSchema).max(50).optional(),
  /** Ask for the per-certificate trace (built only then). */
  trace: z.boolean().optional(),
});
export type EvaluationRequest = z.infer<typeof evaluationRequestSchema>;

export const conditionStatusSchema = z.enum(['met', 'unmet', 'unknown']);
export type ConditionStatus = z.infer<typeof conditionStatusSchema>;

export const conditionSchema = z.strictObject({
  id: nonEmpty,
  text: nonEmpty,
  status: conditionStatusSchema,
});
export type Condition = z.infer<typeof conditionSchema>;

/** The official numbering: 5 = 五级/初级工 … 1 = 一级/高级技师. */
const levelNumberSchema = z.number().int().min(1).max(5);

export const levelResultSchema = z.strictObject({
  occupation: occupationCodeSchema,
  deemedLevel: levelNumberSchema,
  /** Null when the level held is 一级: no higher level of the national standard. */
  mayApplyFor: levelNumberSchema.nullable(),
  /** Numbers of every certificate supporting the deemed level. */
  basis: z.array(nonEmpty).readonly(),
  rule: nonEmpty,
  conditions: z.array(conditionSchema).readonly(),
});
export type LevelResult = z.infer<typeof levelResultSchema>;

export const exemptionResultSchema = z.strictObject({
  basis: nonEmpty,
  target: typeIdSchema,
  /** Empty when a provincial override denies the rule. */
  exempt: z.array(exemptionCodeSchema).readonly(),
  rule: nonEmpty,
  overriddenBy: nonEmpty.optional(),
  /** Conditions an override adds, or the target region still to be named (建筑焊工). */
  conditions: z.array(conditionSchema).readonly().optional(),
});
export type ExemptionResult = z.infer<typeof exemptionResultSchema>;

export const ignoredReasonSchema = z.enum(['expired', 'not-yet-valid', 'suspended', 'revoked']);
export type IgnoredReason = z.infer<typeof ignoredReasonSchema>;

export const ignoredSchema = z.strictObject({
  number: nonEmpty,
  /** MEM numbers are per person, not per item: the type tells two of them apart. */
  type: typeIdSchema,
  reason: ignoredReasonSchema,
});
export type Ignored = z.infer<typeof ignoredSchema>;

/** Why a rule did or did not apply to one certificate. */
export type TraceReason =
  | 'applies' // the exemption applies as the rule says
  | 'highest' // the deemed level is the highest for its occupation
  | 'superseded' // a higher level of the same occupation won
  | 'region-unknown' // applies only where the target is issued, and no region was given
  | 'expired'
  | 'not-yet-valid'
  | 'suspended'
  | 'revoked'
  | 'same-department' // exemptions work across departments only (通知 一)
  | 'target-not-issued-in-region' // 建筑焊工 is not issued where the holder applies
  | 'not-effective-yet'
  | 'no-longer-effective'
  | 'level-not-standard' // a skill-level certificate outside the five standard levels
  | 'no-rule' // no rule of the policy names this certificate type
  | `overridden-by:${string}`;

export const traceStepSchema = z.strictObject({
  rule: nonEmpty.nullable(),
  outcome: z.enum(['matched', 'not-matched', 'overridden']),
  reason: z.custom<TraceReason>((v) => typeof v === 'string' && v.length > 0),
});
export type TraceStep = z.infer<typeof traceStepSchema>;

export const certificateTraceSchema = z.strictObject({
  number: nonEmpty,
  type: typeIdSchema,
  validity: z.enum(['valid', 'expired', 'not-yet-valid', 'suspended', 'revoked']),
  steps: z.array(traceStepSchema).readonly(),
});
export type CertificateTrace = z.infer<typeof certificateTraceSchema>;

export const evaluationResponseSchema = z.strictObject({
  asOf: isoDateSchema,
  region: regionCodeSchema.nullable(),
  policy: z.strictObject({ national: nonEmpty, province: nonEmpty.optional() }),
  levels: z.array(levelResultSchema).readonly(),
  exemptions: z.array(exemptionResultSchema).readonly(),
  ignored: z.array(ignoredSchema).readonly(),
  trace: z.array(certificateTraceSchema).readonly().optional(),
});
export type EvaluationResponse = z.infer<typeof evaluationResponseSchema>;

/** The rule id under which a skill-level certificate held directly counts for its own occupation. */
export const heldSkillLevelRule = 'held.skill-level';
