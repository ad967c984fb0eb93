import { request, withQuery } from './api';
import type {
  Commitment,
  Declared,
  EligibilityAnswer,
  PlanDetail,
  PlanFilter,
  PlanSummary,
  Registration,
} from './exam-types';
import type { Page } from './types';

const enc = encodeURIComponent;

/** The candidate's side of skill-level evaluation (issue 6 §5): find a plan, check eligibility, register. */
export const examApi = {
  /** Approved plans, public; filters and a cursor. Staff would also get their drafts without `status`. */
  plans: (filter: PlanFilter & { cursor?: string | undefined; limit?: number }) =>
    request<Page<PlanSummary>>('GET', withQuery('/plans', { ...filter, status: 'approved' })),
  plan: (id: string) => request<PlanDetail>('GET', `/plans/${enc(id)}`),

  commitment: () => request<Commitment>('GET', '/registrations/commitment'),
  checkEligibility: (planId: string, body: { declared: Declared; sittingId?: string }) =>
    request<EligibilityAnswer>('POST', `/plans/${enc(planId)}/eligibility`, body),
  register: (
    planId: string,
    body: {
      sittingId: string;
      declared: Declared;
      commitment: { accepted: true; version: string };
      employer?: string;
    },
  ) => request<Registration>('POST', `/plans/${enc(planId)}/registrations`, body),

  myRegistrations: () => request<{ items: Registration[] }>('GET', '/me/registrations'),
  cancelRegistration: (id: string) => request<Registration>('POST', `/registrations/${enc(id)}/cancel`),
};
