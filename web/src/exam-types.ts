/** Shapes of the exam API (issue 6): plans with their sittings, eligibility, registrations. */
import type { LevelId } from './types';

export type PlanKind = 'single' | 'joint';
export type PlanStatus = 'draft' | 'approved' | 'closed' | 'cancelled';
export type SubjectKind = 'theory' | 'skills' | 'review';

export interface PlanInstitutionRef {
  id: string;
  name: string;
  code: string;
  province: string;
}

export interface PlanSummary {
  id: string;
  code: string;
  name: string;
  occupation: string;
  level: LevelId;
  kind: PlanKind;
  leadProvince: string;
  status: PlanStatus;
  registrationOpens: string;
  registrationCloses: string;
  institutions: PlanInstitutionRef[];
  sittingCount: number;
  firstSittingAt: string | null;
  capacity: number;
  remaining: number;
}

export interface Site {
  id: string;
  name: string;
  address: string;
  region: string;
}

export interface Sitting {
  id: string;
  planId: string;
  institutionId: string;
  site: Site;
  /** ISO 8601 in China Standard Time (+08:00). */
  startsAt: string;
  endsAt: string;
  capacity: number;
  booked: number;
  remaining: number;
}

export interface Subject {
  kind: SubjectKind;
  durationMinutes: number;
  passMark: number;
  fullMark: number;
}

export interface PlanDetail extends PlanSummary {
  subjects: Subject[];
  institutions: Array<PlanInstitutionRef & { sites: Site[] }>;
  sittings: Sitting[];
}

export interface PlanFilter {
  occupation?: string | undefined;
  level?: string | undefined;
  province?: string | undefined;
}

export type SchoolKind =
  | 'technical-school'
  | 'secondary-vocational'
  | 'senior-technical-school'
  | 'higher-vocational'
  | 'college';
export const schoolKinds: readonly SchoolKind[] = [
  'technical-school',
  'secondary-vocational',
  'senior-technical-school',
  'higher-vocational',
  'college',
];

/** What the candidate declares under the 双承诺 commitment: the registry cannot know it. */
export interface Declared {
  /** All years in the occupation (routes of years alone). */
  yearsInOccupation?: number;
  /** Years since obtaining the level a route requires; never counted beyond that certificate's age. */
  yearsSinceLevel?: number;
  school?: SchoolKind;
  apprenticeship?: boolean;
}

export type RequirementStatus = 'met' | 'unmet' | 'unknown';
export type RequirementKind = 'level-held' | 'years' | 'school' | 'apprenticeship';

export interface RouteAnswer {
  id: string;
  textZh: string;
  textEn: string;
  status: RequirementStatus;
  requirements: Array<{ kind: RequirementKind | string; status: RequirementStatus }>;
}

export interface Eligibility {
  eligible: boolean;
  occupation: string;
  level: string;
  reasonCodes: string[];
  /** The level of the occupation the recognition engine finds: `basis` are masked certificate numbers. */
  heldLevel: { level: number; basis: string[]; rule: string } | null;
  routes: RouteAnswer[];
  ignored: Array<{ number: string; type: string; reason: string }>;
  summaryZh: string;
  summaryEn: string;
}

export interface EligibilityAnswer extends Eligibility {
  decisionId: string;
}

export interface Commitment {
  version: string;
  textZh: string;
  textEn: string;
}

export interface Registration {
  id: string;
  planId: string;
  planCode: string;
  planName: string;
  occupation: string;
  level: string;
  sittingId: string;
  institutionId: string;
  institutionName: string;
  province: string;
  holder: { name: string; idNumberMasked: string };
  /** 工作单位 as declared at registration (issue 7 §3 recusal); null when not given. */
  employer: string | null;
  startsAt: string;
  endsAt: string;
  status: 'registered' | 'cancelled';
  channel: 'self' | 'batch';
  eligibility: Eligibility;
  decisionId: string | null;
  createdAt: string;
  cancelledAt: string | null;
}
