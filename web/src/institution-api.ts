import { request, withQuery } from './api';
import type {
  Institution,
  InstitutionChanges,
  InstitutionFilter,
  InstitutionHistoryEntry,
  NewInstitution,
} from './institution-types';
import type { Page } from './types';

const enc = encodeURIComponent;

/** The institution register (issue 6 §1): the public directory and the province admins' filing actions. */
export const institutionApi = {
  list: (filter: InstitutionFilter & { limit?: number; cursor?: string }) =>
    request<Page<Institution>>('GET', withQuery('/institutions', { ...filter })),
  get: (id: string) => request<Institution>('GET', `/institutions/${enc(id)}`),
  file: (institution: NewInstitution) => request<Institution>('POST', '/institutions', institution),
  update: (id: string, changes: InstitutionChanges) =>
    request<Institution>('PATCH', `/institutions/${enc(id)}`, changes),
  renew: (id: string, validUntil: string, reason?: string) =>
    request<Institution>(
      'POST',
      `/institutions/${enc(id)}/renew`,
      reason ? { validUntil, reason } : { validUntil },
    ),
  change: (id: string, action: 'suspend' | 'reinstate' | 'withdraw', reason: string) =>
    request<Institution>('POST', `/institutions/${enc(id)}/${action}`, { reason }),
  history: (id: string) =>
    request<{ items: InstitutionHistoryEntry[] }>('GET', `/institutions/${enc(id)}/history`),
};
