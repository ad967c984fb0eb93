/** Shapes of the exam API (issue 6): plans with their sittings, eligibility, registrations; generated. */
import type { BodyOf, ItemOf, ResponseOf } from './api/client';

export type PlanDetail = ResponseOf<'/api/v1/plans/{id}'>;
export type PlanSummary = ItemOf<ResponseOf<'/api/v1/plans'>['items']>;
export type PlanKind = PlanSummary['kind'];
export type PlanStatus = PlanSummary['status'];
export type PlanInstitutionRef = ItemOf<PlanSummary['institutions']>;
export type Site = ItemOf<ItemOf<PlanDetail['institutions']>['sites']>;
/** `startsAt` / `endsAt`: ISO 8601 in China Standard Time (+08:00). */
export type Sitting = ItemOf<PlanDetail['sittings']>;
export type Subject = ItemOf<PlanDetail['subjects']>;
export type SubjectKind = Subject['kind'];

/** The exam list's filter form: values as the selects hold them (the server checks them). */
export interface PlanFilter {
  occupation?: string | undefined;
  level?: string | undefined;
  province?: string | undefined;
}

/** What the candidate declares under the 双承诺 commitment: the registry cannot know it. */
export type Declared = BodyOf<'/api/v1/plans/{planId}/eligibility'>['declared'];
export type SchoolKind = NonNullable<Declared['school']>;
export const schoolKinds: readonly SchoolKind[] = [
  'technical-school',
  'secondary-vocational',
  'senior-technical-school',
  'higher-vocational',
  'college',
];

export type EligibilityAnswer = ResponseOf<'/api/v1/plans/{planId}/eligibility', 'post'>;
/** `heldLevel`: the level of the occupation the recognition engine finds; `basis` are masked certificate numbers. */
export type Eligibility = Omit<EligibilityAnswer, 'decisionId'>;
export type RouteAnswer = ItemOf<Eligibility['routes']>;
export type RequirementStatus = RouteAnswer['status'];
/** The kinds the server sends today; its schema leaves `kind` open (a plain string). */
export type RequirementKind = 'level-held' | 'years' | 'school' | 'apprenticeship';

export type Commitment = ResponseOf<'/api/v1/registrations/commitment'>;

/** `employer`: 工作单位 as declared at registration (issue 7 §3 recusal); null when not given. */
export type Registration = ItemOf<ResponseOf<'/api/v1/me/registrations'>['items']>;
