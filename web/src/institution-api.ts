import { type BodyOf, call, client } from './api/client';
import type { InstitutionChanges, InstitutionFilter, NewInstitution } from './institution-types';

const id = (value: string) => ({ path: { id: value } });

/** The institution register (issue 6 §1): the public directory and the province admins' filing actions. */
export const institutionApi = {
  list: (filter: InstitutionFilter & { limit?: number; cursor?: string }) =>
    call(client.GET('/api/v1/institutions', { params: { query: filter } })),
  get: (institutionId: string) =>
    call(client.GET('/api/v1/institutions/{id}', { params: id(institutionId) })),
  // Casts: a scope's level as the form holds it (see ScopeInput); the server checks it.
  file: (institution: NewInstitution) =>
    call(client.POST('/api/v1/institutions', { body: institution as BodyOf<'/api/v1/institutions'> })),
  update: (institutionId: string, changes: InstitutionChanges) =>
    call(
      client.PATCH('/api/v1/institutions/{id}', {
        params: id(institutionId),
        body: changes as BodyOf<'/api/v1/institutions/{id}', 'patch'>,
      }),
    ),
  renew: (institutionId: string, validUntil: string, reason?: string) =>
    call(
      client.POST('/api/v1/institutions/{id}/renew', {
        params: id(institutionId),
        body: reason ? { validUntil, reason } : { validUntil },
      }),
    ),
  change: (institutionId: string, action: 'suspend' | 'reinstate' | 'withdraw', reason: string) =>
    call(client.POST(`/api/v1/institutions/{id}/${action}`, { params: id(institutionId), body: { reason } })),
  history: (institutionId: string) =>
    call(client.GET('/api/v1/institutions/{id}/history', { params: id(institutionId) })),
};
