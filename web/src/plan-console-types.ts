/** Shapes of the institution console's exam-plan API (issue 6 §2, §5); the public plan shapes are in exam-types. */
import type { PlanDetail, PlanKind, Sitting, SubjectKind } from './exam-types';

export type PlanAction = 'update' | 'approve' | 'cancel' | 'close' | 'manage-sittings';

export interface Staffing {
  invigilators: number;
  examiners: number;
  reviewPanel: number | null;
}

export interface ConsoleSitting extends Sitting {
  /** The fewest staff the standard's ratios ask for the capacity. */
  staffing: Staffing;
}

/** A plan as its staff see it: with its version, who did what, and the actions the caller may take now. */
export interface ConsolePlan extends Omit<PlanDetail, 'sittings'> {
  sittings: ConsoleSitting[];
  version: number;
  createdAt: string;
  createdBy: string;
  approvedBy: string | null;
  approvedAt: string | null;
  updatedAt: string;
  actions: PlanAction[];
}

/** What the standard sets for an occupation × level (GET /exam-standards/{occupation}/{level}). */
export interface ExamStandard {
  subjects: Array<{ kind: SubjectKind; durationMinutes: number; passMark: number; fullMark: number }>;
  bounds: { maxDurationMinutes: number; maxPassMark: number };
  standard: string | null;
  version: string;
}

export interface SubjectInput {
  kind: SubjectKind;
  durationMinutes: number;
  passMark: number;
}

export interface NewPlan {
  kind: PlanKind;
  name: string;
  occupation: string;
  level: string;
  institutionIds?: string[];
  leadProvince?: string;
  registrationOpens: string;
  registrationCloses: string;
  subjects: SubjectInput[];
}

export interface PlanChanges {
  version: number;
  name?: string;
  registrationOpens?: string;
  registrationCloses?: string;
  subjects?: SubjectInput[];
  institutionIds?: string[];
}

export interface NewSitting {
  institutionId: string;
  siteId: string;
  /** ISO 8601 with +08:00. */
  startsAt: string;
  endsAt: string;
  capacity: number;
}

/** One registration in the console list (the registrations API of issue 6 §3). */
export interface ConsoleRegistration {
  id: string;
  planId: string;
  sittingId: string;
  institutionId: string;
  province: string;
  holder: { name: string; idNumberMasked: string };
  /** 工作单位 as declared (issue 7 §3 recusal); null when not given. */
  employer: string | null;
  status: 'registered' | 'cancelled';
  channel: 'self' | 'batch';
  createdAt: string;
  eligibility: { eligible: boolean; reasonCodes: string[]; summaryZh: string; summaryEn: string };
}

/** The row-level report of a batch registration upload. */
export interface BatchReport {
  id: string;
  total: number;
  registered: number;
  invalid: number;
  errors: Array<{ row: number; column: string; code: string; message: string }>;
}

/** An institution of the directory, as the plan form picks it. */
export interface InstitutionChoice {
  id: string;
  name: string;
  code: string;
  province: string;
}
