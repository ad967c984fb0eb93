import { request, withQuery } from './api';

/** Live monitoring (issue 8 §1): the activity snapshot and its server-sent-events stream. */
export interface LiveFilter {
  province?: string;
  institution?: string;
  occupation?: string;
}

export interface LiveEvent {
  /** The exam event id: the stream's cursor. */
  id: string;
  at: string;
  kind: string;
  actor: string;
  province: string | null;
  institutionId: string | null;
  institutionName: string | null;
  planId: string | null;
  planCode: string | null;
  occupation: string | null;
  subjectType: string;
  subjectId: string;
  /** The display line, written by the server in both languages. */
  summary: { zh: string; en: string };
}

export interface PlanCounts {
  registered: number;
  sittings: number;
  attemptsStarted: number;
  attemptsSubmitted: number;
  resultsComputed: number;
  resultsPublished: number;
  certificatesIssued: number;
}

export interface ActivePlan {
  id: string;
  code: string;
  name: string;
  occupation: string;
  level: string;
  kind: string;
  leadProvince: string;
  registrationOpens: string;
  registrationCloses: string;
  counts: PlanCounts;
}

export type SittingPhase = 'upcoming' | 'in-progress' | 'ended';

export interface LiveSitting {
  id: string;
  planId: string;
  planCode: string;
  occupation: string;
  institutionId: string;
  institutionName: string;
  province: string;
  siteName: string;
  startsAt: string;
  endsAt: string;
  phase: SittingPhase;
  capacity: number;
  registered: number;
  started: number;
  submitted: number;
}

export interface Activity {
  asOf: string;
  scope: { province: string | null; institution: string | null; occupation: string | null };
  cursor: string;
  plans: ActivePlan[];
  sittings: LiveSitting[];
  events: LiveEvent[];
  openWarnings: number;
}

export interface WarningChange {
  id: string;
  rule: string;
  severity: string;
  status: string;
  isOpen: boolean;
  province: string | null;
  summary: string;
  updatedAt: string;
}

const streamPath = '/api/v1/supervision/live';

export const liveApi = {
  activity: (filter: LiveFilter) =>
    request<Activity>('GET', withQuery('/supervision/activity', { ...filter })),
  /** Same origin, so an EventSource sends the session cookie, which the API accepts like a bearer token. */
  streamUrl: (filter: LiveFilter) => withQuery(streamPath, { ...filter }),
};
