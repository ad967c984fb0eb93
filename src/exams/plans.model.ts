/**
 * Exam plans (认定计划, issue 6 §2): an occupation × level evaluation run by one institution (`single`) or jointly
 * by institutions of several provinces under a lead province (`joint`, 统考联考), with its subjects, registration
 * window and sittings. Types, Zod schemas of the API and small pure helpers.
 */
import { z } from 'zod';
import { type StandardLevel, standardLevelSchema } from '../catalog/catalog.model.ts';
import type { FilingFacts, ScopeEntry } from '../institutions/institution.rules.ts';
import { type SubjectKind, subjectKindSchema } from './plans.standards.ts';

export const planKinds = ['single', 'joint'] as const;
export type PlanKind = (typeof planKinds)[number];
export const planStatuses = ['draft', 'approved', 'closed', 'cancelled'] as const;
export type PlanStatus = (typeof planStatuses)[number];

export interface Subject {
  kind: SubjectKind;
  durationMinutes: number;
  passMark: number;
  fullMark: number;
}

export interface PlanInstitution {
  institutionId: string;
  province: string;
}

export interface Plan {
  id: string;
  code: string;
  name: string;
  occupation: string;
  level: StandardLevel;
  kind: PlanKind;
  leadProvince: string;
  status: PlanStatus;
  subjects: Subject[];
  registrationOpens: string;
  registrationCloses: string;
  createdBy: string;
  createdAt: Date;
  approvedBy: string | null;
  approvedAt: Date | null;
  updatedAt: Date;
  version: number;
  institutions: PlanInstitution[];
}

export interface Site {
  id: string;
  name: string;
  address: string;
  region: string;
}

/** What a plan needs to know of a filed institution (read from the institution register). */
export interface InstitutionFacts extends FilingFacts {
  id: string;
  name: string;
  code: string;
  province: string;
  scopes: ScopeEntry[];
  sites: Site[];
}

/** A sitting as the plan rules see it: where and when. */
export interface SittingFacts {
  id: string;
  institutionId: string;
  startsAt: Date;
  endsAt: Date;
}

// ---------------------------------------------------------------------------------------------------------------
// API schemas

export const provinceSchema = z.string().regex(/^\d{2}0000$/, 'a province code like 310000 (GB/T 2260)');
const occupationSchema = z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'a 大典 code like 6-31-01-03');
const dateSchema = z.iso.date();
const planName = z.string().trim().min(2).max(200);

/** A plan's own duration and pass mark for a subject; left out, the standard's apply. */
export const subjectInputSchema = z.strictObject({
  kind: subjectKindSchema,
  durationMinutes: z.number().int().min(1).max(1440).optional(),
  passMark: z.number().int().min(1).max(100).optional(),
});
export type SubjectInput = z.infer<typeof subjectInputSchema>;

export const createPlanSchema = z.strictObject({
  kind: z.enum(planKinds),
  name: planName,
  occupation: occupationSchema,
  level: standardLevelSchema,
  /** single: one (an institution operator's own when left out); joint: two or more. */
  institutionIds: z.array(z.uuid()).min(1).max(50).optional(),
  /** joint: the lead province (a province admin's own when left out); single: the institution's. */
  leadProvince: provinceSchema.optional(),
  registrationOpens: dateSchema,
  registrationCloses: dateSchema,
  subjects: z.array(subjectInputSchema).max(3).optional(),
});
export type CreatePlanInput = z.infer<typeof createPlanSchema>;

/** While draft; `version` is the one read (optimistic locking). */
export const updatePlanSchema = z.strictObject({
  version: z.number().int().min(1),
  name: planName.optional(),
  registrationOpens: dateSchema.optional(),
  registrationCloses: dateSchema.optional(),
  subjects: z.array(subjectInputSchema).max(3).optional(),
  /** joint plans only. */
  institutionIds: z.array(z.uuid()).min(2).max(50).optional(),
});
export type UpdatePlanInput = z.infer<typeof updatePlanSchema>;

export const reasonSchema = z.strictObject({ reason: z.string().trim().min(2).max(500) });

export const listPlansSchema = z.object({
  occupation: occupationSchema.optional(),
  level: standardLevelSchema.optional(),
  /** Plans with a participating institution in this province. */
  province: provinceSchema.optional(),
  /** Plans whose registration window includes this date. */
  openOn: dateSchema.optional(),
  status: z.enum(planStatuses).optional(),
  /** `mine`: only plans in the caller's scope, any status (the institution console). */
  scope: z.enum(['all', 'mine']).default('all'),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListPlansInput = z.infer<typeof listPlansSchema>;

const subjectViewSchema = z.object({
  kind: subjectKindSchema,
  durationMinutes: z.number(),
  passMark: z.number(),
  fullMark: z.number(),
});
const institutionRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  code: z.string(),
  province: z.string(),
});
const siteViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  address: z.string(),
  region: z.string(),
});

export const planSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  occupation: z.string(),
  level: standardLevelSchema,
  kind: z.enum(planKinds),
  leadProvince: z.string(),
  status: z.enum(planStatuses),
  registrationOpens: z.string(),
  registrationCloses: z.string(),
  institutions: z.array(institutionRefSchema),
  sittingCount: z.number(),
  firstSittingAt: z.string().nullable(),
  capacity: z.number(),
  remaining: z.number(),
  version: z.number(),
  createdAt: z.string(),
});
export type PlanSummary = z.infer<typeof planSummarySchema>;

/** Actions the caller may take on the plan now (the console shows its buttons from these). */
export const planActions = ['update', 'approve', 'cancel', 'close', 'manage-sittings'] as const;
export type PlanAction = (typeof planActions)[number];

export const staffingSchema = z.object({
  invigilators: z.number(),
  examiners: z.number(),
  reviewPanel: z.number().nullable(),
});

export const sittingViewSchema = z.object({
  id: z.string(),
  planId: z.string(),
  institutionId: z.string(),
  site: siteViewSchema,
  /** ISO 8601 in China Standard Time (+08:00). */
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number(),
  booked: z.number(),
  remaining: z.number(),
  /** The fewest staff the standard's ratios ask for this capacity (exams.md §1.3). */
  staffing: staffingSchema,
});
export type SittingView = z.infer<typeof sittingViewSchema>;

export const planDetailSchema = planSummarySchema.extend({
  subjects: z.array(subjectViewSchema),
  institutions: z.array(institutionRefSchema.extend({ sites: z.array(siteViewSchema) })),
  sittings: z.array(sittingViewSchema),
  createdBy: z.string(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  updatedAt: z.string(),
  actions: z.array(z.enum(planActions)),
});
export type PlanDetail = z.infer<typeof planDetailSchema>;

// ---------------------------------------------------------------------------------------------------------------
// Time: sittings are scheduled in China Standard Time, and filing validity is a civil date there.

const CST_MS = 8 * 3600_000;

/** The civil date (YYYY-MM-DD) of an instant in China Standard Time. */
export function chinaDateOf(at: Date): string {
  return new Date(at.getTime() + CST_MS).toISOString().slice(0, 10);
}

/** An instant as ISO 8601 with the +08:00 offset, e.g. 2027-03-20T09:00:00+08:00. */
export function toChinaIso(at: Date): string {
  return `${new Date(at.getTime() + CST_MS).toISOString().slice(0, 19)}+08:00`;
}
