import { z } from 'zod';
import type { StaffRatios } from '../exams/plans.standards.ts';
import type { StaffMember } from '../exams/staffing.rules.ts';
import type { FunnelUnit } from './funnel.ts';
import type { ExamineeResponses } from './integrity.ts';
import { type RuleId, ruleIds, type Severity, severities } from './supervision.rules-data.ts';
import type { WarningReference } from './warnings.names.ts';

/**
 * Warnings (预警, issue 8 §2–3): what the rules find, and the review workflow a finding goes through. A warning is a
 * prompt for human review (exams.md §4.1: "never automatic sanction").
 */
export const warningStatuses = [
  'created', // raised by a rule; only supervisors see it
  'sent', // sent to the institution's inbox, with a deadline
  'answered', // the institution's feedback is in, waiting for the supervisor's review
  'returned', // the supervisor returned the feedback: the institution answers again, with a new deadline
  'escalated', // a provincial supervisor handed it to the national level
  'sanction-proposed', // the supervisor proposes suspending the filing; the filing authority decides
  'closed', // accepted, dismissed as a false alarm, or sanctioned
] as const;
export type WarningStatus = (typeof warningStatuses)[number];

export const warningActions = [
  'send',
  'answer',
  'accept',
  'return',
  'escalate',
  'propose-sanction',
  'carry-out-sanction',
  'decline-sanction',
  'dismiss',
] as const;
export type WarningAction = (typeof warningActions)[number];

/** What one rule found about one subject; `key` names the subject so re-running a rule never duplicates it. */
export interface Finding {
  rule: RuleId;
  key: string;
  institutionId: string | null;
  sittingId: string | null;
  summary: string;
  evidence: Record<string, unknown>;
}

/** The facts the rules read about one plan, loaded by `warnings.facts.ts`. Dates as YYYY-MM-DD (China time). */
export interface PlanFacts {
  now: Date;
  today: string;
  plan: { id: string; code: string; occupation: string; level: string; year: string; subjects: string[] };
  ratios: StaffRatios;
  institutions: {
    id: string;
    name: string;
    province: string;
    status: string;
    validFrom: string;
    validUntil: string;
    scopes: { occupation: string; level: string }[];
  }[];
  sittings: {
    id: string;
    institutionId: string;
    siteName: string;
    startsAt: Date;
    endsAt: Date;
    candidates: number;
    staff: StaffMember[];
    candidateEmployers: string[];
  }[];
  attempts: {
    registrationId: string;
    sittingId: string;
    paperId: string;
    status: string;
    startedAt: Date;
    submittedAt: Date | null;
    allowedMinutes: number;
    score: number | null;
    fullScore: number;
    /** Responses and correctness in the paper's own item order (not the candidate's shuffle). */
    responses: ExamineeResponses;
    /** The bank's calibrated difficulty of each item (0 easiest … 1 hardest), same order. */
    difficulty: number[];
  }[];
  sheets: { registrationId: string; sittingId: string; subject: string; totals: number[] }[];
  issued: {
    registrationId: string;
    institutionId: string;
    certificateId: string;
    issuedOn: string;
    /** The sealed record's subject scores; null when no record was sealed; 'purged' after retention. */
    archivedScores: { kind: string; score: number | null }[] | null | 'purged';
  }[];
  overlaps: { registrationId: string; otherRegistrationId: string; otherPlanId: string; sittingId: string }[];
  /** Pass counts of every institution evaluating this occupation and level in the plan's year (the funnel's peers). */
  peers: FunnelUnit[];
}

export const listWarningsSchema = z.object({
  status: z.enum([...warningStatuses, 'open', 'all']).default('open'),
  rule: z.enum(ruleIds).optional(),
  severity: z.enum(severities).optional(),
  institution: z.uuid().optional(),
  plan: z.uuid().optional(),
  province: z
    .string()
    .regex(/^\d{2}0000$/, 'a province code like 310000')
    .optional(),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(['created', '-created', 'due', '-due']).default('-created'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type ListWarningsInput = z.infer<typeof listWarningsSchema>;

export const warningActionSchema = z.strictObject({
  action: z.enum(warningActions).exclude(['answer']),
  comment: z.string().trim().min(2).max(2000).optional(),
});
export type WarningActionInput = z.infer<typeof warningActionSchema>;

export interface WarningView {
  id: string;
  rule: RuleId;
  title: string;
  severity: Severity;
  status: WarningStatus;
  reviewLevel: 'province' | 'national';
  institution: { id: string; name: string; code: string } | null;
  planId: string | null;
  planCode: string | null;
  sittingId: string | null;
  province: string | null;
  occupation: string | null;
  summary: string;
  evidence: unknown;
  /** Names for the ids in the evidence and the warning's own institution, plan and sitting (issue 15 item 4). */
  references: WarningReference[];
  dueAt: string | null;
  overdue: boolean;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface WarningActionView {
  id: string;
  at: string;
  actor: string;
  action: string;
  from: string | null;
  to: string;
  comment: string | null;
  attachments: { id: string; filename: string; mediaType: string; size: number; sha256: string }[];
}
