import { call, client, type ResponseOf } from './api/client';

/** A response as the API takes it: an option id (single), option ids (multiple) or a boolean (true/false). */
export type ExamResponse = string | string[] | boolean;

/** The candidate's paper (issue 7 §3): items in their own shuffled order, never the key. */
export type Attempt = ResponseOf<'/api/v1/attempts/{id}'>;
export type AttemptItem = Attempt['items'][number];

const id = (value: string) => ({ path: { id: value } });

export const attemptApi = {
  /** Starts or resumes: the same call after a reload returns the same paper and the saved responses. */
  start: (registrationId: string) =>
    call(client.POST('/api/v1/registrations/{id}/attempt', { params: id(registrationId) })),
  get: (attemptId: string) => call(client.GET('/api/v1/attempts/{id}', { params: id(attemptId) })),
  save: (attemptId: string, itemId: string, response: ExamResponse) =>
    call(
      client.PUT('/api/v1/attempts/{id}/answers/{itemId}', {
        params: { path: { id: attemptId, itemId } },
        body: { response },
      }),
    ),
  submit: (attemptId: string) => call(client.POST('/api/v1/attempts/{id}/submit', { params: id(attemptId) })),
};
