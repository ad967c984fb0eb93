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

/**
 * What supports an exemption (design.md "The recognition rules"): `attachment` = the notice's attachment as
 * reproduced in full-text copies; `general-clause` = only part 一's general sentence supports it, the target
 * department settles the details; `provisional` = the copies break off there.
 */
export const evidenceSchema = z.enum(['attachment', 'general-clause', 'provisional']);
export type Evidence = z.infer<typeof evidenceSchema>;

/** The departments whose certificates the notice makes recognise each other (通知 一), and HRSS (通知 二). */
export const packDepartmentSchema = z.enum(['mohrss', 'mohurd', 'mem', 'samr']);
export type PackDepartment = z.infer<typeof packDepartmentSchema>;

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
  /** "如无特别规定": the target department (or a co-signed provincial pack) may deny, narrow or condition it. */
  overridable: z.boolean(),
  note: nonEmpty.optional(),
};

export const exemptionRuleSchema = z.strictObject({
  ...ruleBase,
  kind: z.literal('exemption'),
  evidence: evidenceSchema,
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
  /** 通知 二 names these certificates in its own text. */
  evidence: z.literal('notice-text'),
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
// Department packs: a department's 特别规定 on exemptions towards its own certificates (通知 一 "如无特别规定，其他部门
// 可以…": the target department keeps its say). National scope (`region: null`, rows may name one province) or one
// province's department (`region` set). Applied after the national pack and before the provincial HRSS pack.

/** Departments that own exemption targets: recognition is towards 住建, 应急 and 市场监管 certificates. */
export const targetDepartmentSchema = z.enum(['mohurd', 'mem', 'samr']);
export type TargetDepartment = z.infer<typeof targetDepartmentSchema>;

const departmentRowBase = {
  id: ruleIdSchema,
  /** The department's own document: number and title, or free text. */
  basis: nonEmpty,
  effectiveFrom: isoDateSchema,
  effectiveUntil: isoDateSchema.nullable(),
  /** Only in this province (a national-scope pack's row); absent = wherever the pack applies. */
  region: regionCodeSchema.optional(),
};

export const departmentRuleSchema = z.discriminatedUnion('action', [
  z.strictObject({ ...departmentRowBase, rule: ruleIdSchema, action: z.literal('deny') }),
  z.strictObject({
    ...departmentRowBase,
    rule: ruleIdSchema,
    action: z.literal('narrow'),
    targets: z.array(exemptionCodeSchema).min(1),
  }),
  z.strictObject({
    ...departmentRowBase,
    rule: ruleIdSchema,
    action: z.literal('condition'),
    condition: overrideConditionSchema,
  }),
  /** An extra waiver on a national row under the general clause (e.g. 免予理论考试). */
  z.strictObject({
    ...departmentRowBase,
    rule: ruleIdSchema,
    action: z.literal('extend'),
    add: z.array(exemptionCodeSchema).min(1),
  }),
  /** A pair no national row names, under the general clause: from other departments' certificates to its own. */
  z.strictObject({
    ...departmentRowBase,
    action: z.literal('grant'),
    from: z.array(typeIdSchema).min(1),
    to: typeIdSchema,
    exempt: z.array(exemptionCodeSchema).min(1),
  }),
]);
export type DepartmentRule = z.infer<typeof departmentRuleSchema>;

export const departmentPackSchema = z.strictObject({
  $comment: z.string().optional(),
  id: z.string().regex(/^dept-(mohurd|mem|samr)(-\d{6})?$/, 'must be dept-<department>[-<province>]'),
  version: packVersionSchema,
  department: targetDepartmentSchema,
  /** Null: the department nationally; a province code: that province's department. */
  region: regionCodeSchema.nullable(),
  extends: z.literal('national'),
  basis: nonEmpty,
  rules: z.array(departmentRuleSchema).default([]),
});
export type DepartmentPack = z.infer<typeof departmentPackSchema>;

/** The policy id under which a department pack is stored: `dept-mem`, `dept-mem-310000`. */
export function departmentPackId(department: string, region: string | null): string {
  return region ? `dept-${department}-${region}` : `dept-${department}`;
}

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
  /** 复审: the review is good until this day (inclusive); past it the certificate is not 合法有效. */
  reviewedUntil: isoDateSchema.nullable().optional(),
  /** Skill-level certificates only: the occupation and level the certificate is for. */
  occupation: occupationCodeSchema.optional(),
  level: levelIdSchema.optional(),
});
export type HeldCertificate = z.input<typeof heldCertificateSchema>;

/**
 * Experience the holder declares (双承诺), one figure per condition of the national standard: a route that needs a
 * level held and years counts only years since that level (`yearsSinceLevel`, never more than the supporting
 * certificate has existed); a route of years alone counts all of them (`yearsInOccupation`).
 */
export const experienceSchema = z
  .strictObject({
    occupation: occupationCodeSchema,
    yearsSinceLevel: z.number().nonnegative().max(80).optional(),
    yearsInOccupation: z.number().nonnegative().max(80).optional(),
  })
  .refine((e) => e.yearsSinceLevel !== undefined || e.yearsInOccupation !== undefined, {
    message: 'give yearsSinceLevel, yearsInOccupation or both',
  })
  .refine(
    (e) =>
      e.yearsSinceLevel === undefined ||
      e.yearsInOccupation === undefined ||
      e.yearsSinceLevel <= e.yearsInOccupation,
    { message: 'years since the level cannot exceed the years in the occupation', path: ['yearsSinceLevel'] },
  );
export type Experience = z.infer<typeof experienceSchema>;

export const evaluationRequestSchema = z.strictObject({
  asOf: isoDateSchema.optional(),
  region: regionCodeSchema.optional(),
  certificates: z.array(heldCertificateSchema).max(200),
  experience: z
    .array(experienceSchema)
    .max(50)
    .refine((list) => new Set(list.map((e) => e.occupation)).size === list.length, {
      message: 'one entry per occupation',
    })
    .optional(),
  /** Ask for the per-certificate trace (built only then). */
  trace: z.boolean().optional(),
});
export type EvaluationRequest = z.infer<typeof evaluationRequestSchema>;

export const conditionStatusSchema = z.enum(['met', 'not-met', 'unknown']);
export type ConditionStatus = z.infer<typeof conditionStatusSchema>;

export const conditionSchema = z.strictObject({
  code: nonEmpty,
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
  /** The earliest start of validity among `basis`: "years since the level" cannot reach back further. */
  since: isoDateSchema,
  rule: nonEmpty,
  conditions: z.array(conditionSchema).readonly(),
});
export type LevelResult = z.infer<typeof levelResultSchema>;

/** The pack whose row settled an answer: the national pack, a department's 特别规定, or a (co-signed) province pack. */
export const decidedBySchema = z.strictObject({
  department: packDepartmentSchema.optional(),
  region: regionCodeSchema.optional(),
  pack: nonEmpty,
  version: nonEmpty,
  /** The row of that pack. */
  row: nonEmpty,
});
export type DecidedBy = z.infer<typeof decidedBySchema>;

export const exemptionResultSchema = z.strictObject({
  basis: nonEmpty,
  /** Other certificates of the holder giving the same exemption (listed once). */
  alsoBasis: z.array(nonEmpty).readonly().optional(),
  target: typeIdSchema,
  /** Empty when a department or provincial rule denies it. */
  exempt: z.array(exemptionCodeSchema).readonly(),
  rule: nonEmpty,
  evidence: evidenceSchema,
  decidedBy: decidedBySchema,
  /** Conditions a rule adds, or the target province's designation still unknown (建筑焊工). */
  conditions: z.array(conditionSchema).readonly().optional(),
});
export type ExemptionResult = z.infer<typeof exemptionResultSchema>;

export const ignoredReasonSchema = z.enum([
  'expired',
  'not-yet-valid',
  'suspended',
  'revoked',
  'review-overdue',
]);
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
  | 'review-overdue' // 复审 not done in time: not 合法有效
  | 'target-already-held' // the holder already holds the target certificate valid: nothing to exempt
  | 'designation-unknown' // whether the target province issues the target type is not known
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
  validity: z.enum(['valid', 'expired', 'not-yet-valid', 'suspended', 'revoked', 'review-overdue']),
  steps: z.array(traceStepSchema).readonly(),
});
export type CertificateTrace = z.infer<typeof certificateTraceSchema>;

export const evaluationResponseSchema = z.strictObject({
  asOf: isoDateSchema,
  region: regionCodeSchema.nullable(),
  policy: z.strictObject({
    national: nonEmpty,
    province: nonEmpty.optional(),
    /** Department packs in force, by pack id → version. */
    departments: z.record(z.string(), nonEmpty).optional(),
  }),
  levels: z.array(levelResultSchema).readonly(),
  exemptions: z.array(exemptionResultSchema).readonly(),
  ignored: z.array(ignoredSchema).readonly(),
  trace: z.array(certificateTraceSchema).readonly().optional(),
});
export type EvaluationResponse = z.infer<typeof evaluationResponseSchema>;

/** The rule id under which a skill-level certificate held directly counts for its own occupation. */
export const heldSkillLevelRule = 'held.skill-level';
