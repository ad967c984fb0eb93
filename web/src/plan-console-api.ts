import { requestUpload, withQuery } from './api';
import { type BodyOf, call, client, type QueryOf } from './api/client';
import type { PlanStatus } from './exam-types';
import type { BatchReport, NewPlan, NewSitting, PlanChanges } from './plan-console-types';
import type { LevelId } from './types';

const path = (id: string) => ({ path: { id } });

/** The institution console (issue 6 §5): plans in the caller's scope, their sittings and registrations. */
export const planConsoleApi = {
  /** Only the plans in the caller's scope, any status. */
  plans: (query: { status?: PlanStatus | undefined; cursor?: string | undefined; limit?: number }) =>
    call(client.GET('/api/v1/plans', { params: { query: { ...query, scope: 'mine' } } })),
  plan: (id: string) => call(client.GET('/api/v1/plans/{id}', { params: path(id) })),
  standard: (occupation: string, level: string) =>
    call(
      client.GET('/api/v1/exam-standards/{occupation}/{level}', {
        // The form's level; the server answers 400 for a level the standards do not have.
        params: { path: { occupation, level: level as LevelId } },
      }),
    ),
  // Casts: a plan's level as the form's select holds it; the server checks it.
  createPlan: (plan: NewPlan) =>
    call(client.POST('/api/v1/plans', { body: plan as BodyOf<'/api/v1/plans'> })),
  updatePlan: (id: string, changes: PlanChanges) =>
    call(client.PATCH('/api/v1/plans/{id}', { params: path(id), body: changes })),
  approve: (id: string) => call(client.POST('/api/v1/plans/{id}/approve', { params: path(id) })),
  cancel: (id: string, reason: string) =>
    call(client.POST('/api/v1/plans/{id}/cancel', { params: path(id), body: { reason } })),
  close: (id: string) => call(client.POST('/api/v1/plans/{id}/close', { params: path(id) })),

  addSitting: (planId: string, sitting: NewSitting) =>
    call(client.POST('/api/v1/plans/{id}/sittings', { params: path(planId), body: sitting })),
  updateSitting: (
    planId: string,
    sittingId: string,
    changes: { startsAt?: string; endsAt?: string; capacity?: number },
  ) =>
    call(
      client.PATCH('/api/v1/plans/{id}/sittings/{sittingId}', {
        params: { path: { id: planId, sittingId } },
        body: changes,
      }),
    ),
  removeSitting: (planId: string, sittingId: string) =>
    call(
      client.DELETE('/api/v1/plans/{id}/sittings/{sittingId}', {
        params: { path: { id: planId, sittingId } },
      }),
    ),

  registrations: (
    planId: string,
    query: {
      status?: string | undefined;
      province?: string | undefined;
      after?: string | undefined;
      limit?: number;
    },
  ) =>
    call(
      client.GET('/api/v1/plans/{planId}/registrations', {
        params: {
          path: { planId },
          query: query as QueryOf<'/api/v1/plans/{planId}/registrations'>,
        },
      }),
    ),
  // A multipart upload, which the OpenAPI document does not describe: the hand-written helper.
  uploadBatch: (planId: string, sittingId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return requestUpload<BatchReport>(
      withQuery(`/plans/${encodeURIComponent(planId)}/registrations/batch`, { sittingId }),
      form,
    );
  },

  /** Filed institutions active today for an occupation × level (机构查询), to pick a plan's institutions from. */
  institutions: (query: { occupation: string; level: string; region?: string | undefined; name?: string }) =>
    call(
      client.GET('/api/v1/institutions', {
        params: { query: { ...query, limit: 100 } as QueryOf<'/api/v1/institutions'> },
      }),
    ),
};
