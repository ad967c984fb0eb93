import { createHash } from 'node:crypto';
import { z } from 'zod';
import { declaredSchema } from './eligibility.ts';

/**
 * Registration (报名, issue 6 §3). The 双承诺 (exams.md §1.4): the candidate commits that what they declare is true
 * and that they will keep the exam rules; the text is versioned and its hash is stored with each registration.
 */
export const COMMITMENT = {
  version: '2026-01',
  textZh:
    '本人承诺：所填报的个人信息、工作年限和学历等申报材料真实、准确、完整，如有虚假愿承担相应责任；本人将遵守考试纪律和考场规则。',
  textEn:
    'I commit that the personal details, years of work, schooling and other facts I declare are true, accurate and ' +
    'complete, and accept the consequences if they are not; I will keep the exam rules.',
} as const;
export const COMMITMENT_HASH = createHash('sha256')
  .update(`${COMMITMENT.textZh}\n${COMMITMENT.textEn}`)
  .digest('hex');

export const commitmentSchema = z.strictObject({
  accepted: z.literal(true, { error: '报名须作出承诺 the commitment must be accepted' }),
  version: z.literal(COMMITMENT.version, { error: `the commitment version is ${COMMITMENT.version}` }),
});

/**
 * 工作单位: the candidate's employer as they declare it, optional. Staff employed there are recused from the sitting
 * (issue 7 §3 回避 "not from the candidate's employer"); blank means not given.
 */
export const EMPLOYER_MAX = 200;
export const employerSchema = z
  .string()
  .trim()
  .max(EMPLOYER_MAX, {
    error: `工作单位至多 ${EMPLOYER_MAX} 字 the employer is at most ${EMPLOYER_MAX} characters`,
  });

export const selfRegistrationSchema = z.strictObject({
  sittingId: z.uuid(),
  declared: declaredSchema,
  commitment: commitmentSchema,
  employer: employerSchema.optional(),
});
export type SelfRegistration = z.infer<typeof selfRegistrationSchema>;

export const eligibilityRequestSchema = z.strictObject({
  declared: declaredSchema,
  /** Where the candidate would sit (its province is the region the recognition engine applies); else the lead province. */
  sittingId: z.uuid().optional(),
});

const requirementStatus = z.enum(['met', 'unmet', 'unknown']);
export const eligibilitySchema = z.object({
  eligible: z.boolean(),
  occupation: z.string(),
  level: z.string(),
  reasonCodes: z.array(z.string()),
  heldLevel: z.object({ level: z.number(), basis: z.array(z.string()), rule: z.string() }).nullable(),
  routes: z.array(
    z.object({
      id: z.string(),
      textZh: z.string(),
      textEn: z.string(),
      status: requirementStatus,
      requirements: z.array(z.object({ kind: z.string(), status: requirementStatus })),
    }),
  ),
  ignored: z.array(z.object({ number: z.string(), type: z.string(), reason: z.string() })),
  summaryZh: z.string(),
  summaryEn: z.string(),
});

export const registrationViewSchema = z.object({
  id: z.string(),
  planId: z.string(),
  planCode: z.string(),
  planName: z.string(),
  occupation: z.string(),
  level: z.string(),
  sittingId: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  province: z.string(),
  holder: z.object({ name: z.string(), idNumberMasked: z.string() }),
  /** 工作单位 as declared at registration; null when not given. */
  employer: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  status: z.enum(['registered', 'cancelled']),
  channel: z.enum(['self', 'batch']),
  eligibility: eligibilitySchema,
  decisionId: z.string().nullable(),
  createdAt: z.string(),
  cancelledAt: z.string().nullable(),
});
export type RegistrationView = z.infer<typeof registrationViewSchema>;

export const listRegistrationsQuery = z.strictObject({
  status: z.enum(['registered', 'cancelled']).optional(),
  province: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
