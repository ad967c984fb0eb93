import { z } from 'zod';
import { staffRoles } from './staffing.rules.ts';

/** Staff of a sitting (issue 7 §3): invigilators (监考), examiners (考评员), review panel members (评审委员). */
export const staffInputSchema = z.strictObject({
  role: z.enum(staffRoles),
  name: z.string().trim().min(1).max(100),
  /** 工作单位: what recusal is decided on. */
  employer: z.string().trim().min(1).max(200),
});
export type StaffInput = z.infer<typeof staffInputSchema>;

export const staffViewSchema = z.object({
  id: z.string(),
  sittingId: z.string(),
  role: z.enum(staffRoles),
  name: z.string(),
  employer: z.string(),
  createdAt: z.string(),
});
export type StaffView = z.infer<typeof staffViewSchema>;

export const staffingViewSchema = z.object({
  sittingId: z.string(),
  candidates: z.number(),
  runningInstitution: z.string(),
  ok: z.boolean(),
  checks: z.array(
    z.object({
      code: z.string(),
      status: z.enum(['met', 'unmet', 'skipped']),
      required: z.number(),
      actual: z.number(),
    }),
  ),
  recusals: z.array(z.object({ staffId: z.string(), reason: z.string() })),
  staff: z.array(staffViewSchema),
});
export type StaffingView = z.infer<typeof staffingViewSchema>;
