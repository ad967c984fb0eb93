import { request } from './api';

const enc = encodeURIComponent;

/** A response as the API takes it: an option id (single), option ids (multiple) or a boolean (true/false). */
export type ExamResponse = string | string[] | boolean;

export interface AttemptItem {
  itemId: string;
  type: 'single' | 'multiple' | 'true-false' | 'practical';
  stem: string;
  score: number;
  options: { id: string; text: string }[];
}

/** The candidate's paper (issue 7 §3): items in their own shuffled order, never the key. */
export interface Attempt {
  id: string;
  registrationId: string;
  status: 'in-progress' | 'submitted';
  startedAt: string;
  deadlineAt: string;
  submittedAt: string | null;
  serverTime: string;
  remainingSeconds: number;
  score: number | null;
  maxScore: number;
  items: AttemptItem[];
  responses: Record<string, ExamResponse>;
}

export const attemptApi = {
  /** Starts or resumes: the same call after a reload returns the same paper and the saved responses. */
  start: (registrationId: string) =>
    request<Attempt>('POST', `/registrations/${enc(registrationId)}/attempt`),
  get: (id: string) => request<Attempt>('GET', `/attempts/${enc(id)}`),
  save: (id: string, itemId: string, response: ExamResponse) =>
    request<{ itemId: string; answeredAt: string; remainingSeconds: number }>(
      'PUT',
      `/attempts/${enc(id)}/answers/${enc(itemId)}`,
      { response },
    ),
  submit: (id: string) => request<Attempt>('POST', `/attempts/${enc(id)}/submit`),
};
