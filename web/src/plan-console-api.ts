import { request, requestUpload, withQuery } from './api';
import type { PlanStatus, PlanSummary } from './exam-types';
import type {
  BatchReport,
  ConsolePlan,
  ConsoleRegistration,
  ConsoleSitting,
  ExamStandard,
  InstitutionChoice,
  NewPlan,
  NewSitting,
  PlanChanges,
} from './plan-console-types';
import type { Page } from './types';

const enc = encodeURIComponent;

/** The institution console (issue 6 §5): plans in the caller's scope, their sittings and registrations. */
export const planConsoleApi = {
  /** Only the plans in the caller's scope, any status. */
  plans: (query: { status?: PlanStatus | undefined; cursor?: string | undefined; limit?: number }) =>
    request<Page<PlanSummary & { version: number; createdAt: string }>>(
      'GET',
      withQuery('/plans', { ...query, scope: 'mine' }),
    ),
  plan: (id: string) => request<ConsolePlan>('GET', `/plans/${enc(id)}`),
  standard: (occupation: string, level: string) =>
    request<ExamStandard>('GET', `/exam-standards/${enc(occupation)}/${enc(level)}`),
  createPlan: (plan: NewPlan) => request<ConsolePlan>('POST', '/plans', plan),
  updatePlan: (id: string, changes: PlanChanges) =>
    request<ConsolePlan>('PATCH', `/plans/${enc(id)}`, changes),
  approve: (id: string) => request<ConsolePlan>('POST', `/plans/${enc(id)}/approve`),
  cancel: (id: string, reason: string) =>
    request<ConsolePlan>('POST', `/plans/${enc(id)}/cancel`, { reason }),
  close: (id: string) => request<ConsolePlan>('POST', `/plans/${enc(id)}/close`),

  addSitting: (planId: string, sitting: NewSitting) =>
    request<ConsoleSitting>('POST', `/plans/${enc(planId)}/sittings`, sitting),
  updateSitting: (
    planId: string,
    id: string,
    changes: { startsAt?: string; endsAt?: string; capacity?: number },
  ) => request<ConsoleSitting>('PATCH', `/plans/${enc(planId)}/sittings/${enc(id)}`, changes),
  removeSitting: (planId: string, id: string) =>
    request<void>('DELETE', `/plans/${enc(planId)}/sittings/${enc(id)}`),

  registrations: (
    planId: string,
    query: {
      status?: string | undefined;
      province?: string | undefined;
      after?: string | undefined;
      limit?: number;
    },
  ) => request<Page<ConsoleRegistration>>('GET', withQuery(`/plans/${enc(planId)}/registrations`, query)),
  uploadBatch: (planId: string, sittingId: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return requestUpload<BatchReport>(
      withQuery(`/plans/${enc(planId)}/registrations/batch`, { sittingId }),
      form,
    );
  },

  /** Filed institutions active today for an occupation × level (机构查询), to pick a plan's institutions from. */
  institutions: (query: { occupation: string; level: string; region?: string | undefined; name?: string }) =>
    request<Page<InstitutionChoice>>('GET', withQuery('/institutions', { ...query, limit: 100 })),
};
