/**
 * Live monitoring (质量督导 issue 8 §1): the supervisor's view of evaluation activity as it happens, fed by
 * `exam_events` and the `warnings` table. Types, the API's Zod schemas and the facts the pure rules look at.
 */
import { z } from 'zod';

const province = z.string().regex(/^\d{2}0000$/, 'a province code like 310000 (GB/T 2260)');
const occupation = z.string().regex(/^\d-\d{2}-\d{2}-\d{2}$/, 'a 大典 code like 6-31-01-03');
/** An exam event id: the stream's cursor (a bigint identity, read as a number on both engines). */
export const cursorSchema = z.string().regex(/^\d{1,15}$/, 'an exam event id (digits)');

export const liveFilterSchema = z.strictObject({
  province: province.optional(),
  institution: z.uuid().optional(),
  occupation: occupation.optional(),
});
export type LiveFilter = z.infer<typeof liveFilterSchema>;

export const liveStreamQuerySchema = liveFilterSchema.extend({
  /** Resume after this event id; the Last-Event-ID header an EventSource sends on reconnect wins over it. */
  after: cursorSchema.optional(),
});
/** Loose: the validated headers replace `request.headers`, so every other header must pass through unchanged. */
export const liveStreamHeadersSchema = z.looseObject({ 'last-event-id': cursorSchema.optional() });

/** What one viewer sees: the filter after the caller's own scope is applied (null = not narrowed). */
export interface LiveScope {
  province: string | null;
  institution: string | null;
  occupation: string | null;
}

/** The plan an event belongs to, as the scope rules need it. */
export interface EventPlan {
  code: string;
  name: string;
  occupation: string;
  leadProvince: string;
  /** The institutions taking part and their provinces (a joint plan spans several). */
  parties: Array<{ institutionId: string; province: string }>;
}

/** One `exam_events` row with the names and plan facts the scope rules and the display line need. */
export interface EventFacts {
  id: number;
  at: Date;
  kind: string;
  actorLabel: string;
  province: string | null;
  institutionId: string | null;
  institutionName: string | null;
  planId: string | null;
  plan: EventPlan | null;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

const bilingual = z.object({ zh: z.string(), en: z.string() });

export const liveEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.string(),
  actor: z.string(),
  province: z.string().nullable(),
  institutionId: z.string().nullable(),
  institutionName: z.string().nullable(),
  planId: z.string().nullable(),
  planCode: z.string().nullable(),
  occupation: z.string().nullable(),
  subjectType: z.string(),
  subjectId: z.string(),
  /** The display line, Chinese and English. */
  summary: bilingual,
});
export type LiveEvent = z.infer<typeof liveEventSchema>;

/** A warning as it changes (created, sent, answered …); the lead's rule runner and workflow write the table. */
export interface WarningFacts {
  id: string;
  rule: string;
  severity: string;
  status: string;
  province: string | null;
  institutionId: string | null;
  planId: string | null;
  sittingId: string | null;
  occupation: string | null;
  summary: string;
  updatedAt: Date;
}

export const warningChangeSchema = z.object({
  id: z.string(),
  rule: z.string(),
  severity: z.string(),
  status: z.string(),
  isOpen: z.boolean(),
  province: z.string().nullable(),
  institutionId: z.string().nullable(),
  planId: z.string().nullable(),
  sittingId: z.string().nullable(),
  occupation: z.string().nullable(),
  summary: z.string(),
  updatedAt: z.string(),
});
export type WarningChange = z.infer<typeof warningChangeSchema>;

export const planCountsSchema = z.object({
  registered: z.number(),
  sittings: z.number(),
  attemptsStarted: z.number(),
  attemptsSubmitted: z.number(),
  resultsComputed: z.number(),
  resultsPublished: z.number(),
  certificatesIssued: z.number(),
});
export type PlanCounts = z.infer<typeof planCountsSchema>;

export const activePlanSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  occupation: z.string(),
  level: z.string(),
  kind: z.string(),
  leadProvince: z.string(),
  registrationOpens: z.string(),
  registrationCloses: z.string(),
  /**
   * The first sitting's start and the last sitting's end (in the viewer's scope; null without sittings): the page
   * tells 未开始 / 进行中 / 已结束 from them (issue 15 item 6: a finished plan is not 进行中).
   */
  firstSittingStartsAt: z.string().nullable(),
  lastSittingEndsAt: z.string().nullable(),
  /** Counted within the viewer's scope: a provincial supervisor counts their province's part of a joint plan. */
  counts: planCountsSchema,
});
export type ActivePlan = z.infer<typeof activePlanSchema>;

export const sittingPhases = ['upcoming', 'in-progress', 'ended'] as const;
export type SittingPhase = (typeof sittingPhases)[number];

export const liveSittingSchema = z.object({
  id: z.string(),
  planId: z.string(),
  planCode: z.string(),
  occupation: z.string(),
  institutionId: z.string(),
  institutionName: z.string(),
  province: z.string(),
  siteName: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  phase: z.enum(sittingPhases),
  capacity: z.number(),
  registered: z.number(),
  started: z.number(),
  submitted: z.number(),
});
export type LiveSitting = z.infer<typeof liveSittingSchema>;

export const activitySchema = z.object({
  asOf: z.string(),
  scope: z.object({
    province: z.string().nullable(),
    institution: z.string().nullable(),
    occupation: z.string().nullable(),
  }),
  /** The newest exam event id when the snapshot was taken (whatever the scope): the stream resumes after it. */
  cursor: z.string(),
  plans: z.array(activePlanSchema),
  sittings: z.array(liveSittingSchema),
  events: z.array(liveEventSchema),
  openWarnings: z.number(),
});
export type Activity = z.infer<typeof activitySchema>;

/** Warning statuses that still ask for someone's action (migration 0009's list minus `closed`). */
export const closedWarningStatuses: readonly string[] = ['closed'];
