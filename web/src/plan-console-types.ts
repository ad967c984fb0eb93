/** Shapes of the institution console's exam-plan API (issue 6 §2, §5); the public plan shapes are in exam-types. */
import type { ItemOf, ResponseOf } from './api/client';
import type { PlanKind, SubjectKind } from './exam-types';

/** A plan as its staff see it: with its version, who did what, and the actions the caller may take now. */
export type ConsolePlan = ResponseOf<'/api/v1/plans/{id}'>;
export type PlanAction = ItemOf<ConsolePlan['actions']>;
/** A sitting with the fewest staff the standard's ratios ask for its capacity. */
export type ConsoleSitting = ItemOf<ConsolePlan['sittings']>;
export type Staffing = ConsoleSitting['staffing'];

/** What the standard sets for an occupation × level (GET /exam-standards/{occupation}/{level}). */
export type ExamStandard = ResponseOf<'/api/v1/exam-standards/{occupation}/{level}'>;

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
export type ConsoleRegistration = ItemOf<ResponseOf<'/api/v1/plans/{planId}/registrations'>['items']>;

// Kept by hand: the batch upload (multipart) declares no response schema (src/exams/registration.routes.ts).
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
