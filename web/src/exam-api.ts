import { type BodyOf, call, client, type QueryOf } from './api/client';
import type { Declared, PlanFilter } from './exam-types';

const planId = (id: string) => ({ path: { planId: id } });

/** The candidate's side of skill-level evaluation (issue 6 §5): find a plan, check eligibility, register. */
export const examApi = {
  /** Approved plans, public; filters and a cursor. Staff would also get their drafts without `status`. */
  plans: (filter: PlanFilter & { cursor?: string | undefined; limit?: number }) =>
    call(
      client.GET('/api/v1/plans', {
        // The filter holds the selects' values; the server answers 400 for one it does not know.
        params: { query: { ...filter, status: 'approved' } as QueryOf<'/api/v1/plans'> },
      }),
    ),
  plan: (id: string) => call(client.GET('/api/v1/plans/{id}', { params: { path: { id } } })),

  commitment: () => call(client.GET('/api/v1/registrations/commitment')),
  checkEligibility: (id: string, body: { declared: Declared; sittingId?: string }) =>
    call(client.POST('/api/v1/plans/{planId}/eligibility', { params: planId(id), body })),
  register: (
    id: string,
    body: {
      sittingId: string;
      declared: Declared;
      commitment: { accepted: true; version: string };
      employer?: string;
    },
  ) =>
    call(
      client.POST('/api/v1/plans/{planId}/registrations', {
        params: planId(id),
        // `version` is the one GET /registrations/commitment gave; the server refuses any other.
        body: body as BodyOf<'/api/v1/plans/{planId}/registrations'>,
      }),
    ),

  myRegistrations: () => call(client.GET('/api/v1/me/registrations')),
  cancelRegistration: (id: string) =>
    call(client.POST('/api/v1/registrations/{id}/cancel', { params: { path: { id } } })),
};
