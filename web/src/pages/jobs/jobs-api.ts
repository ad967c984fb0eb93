import { call, client, type ItemOf, type QueryOf, type ResponseOf } from '../../api/client';

/** 后台任务 (issue 16 §2): the job queue as the server lists it, for system admins. */
export type JobList = ResponseOf<'/api/v1/jobs'>;
export type Job = ItemOf<JobList['items']>;
export type JobState = Job['state'];
export type JobQuery = QueryOf<'/api/v1/jobs'>;

/** pg-boss's states in its own order: waiting, waiting again, running, then the three ends. */
export const jobStates: readonly JobState[] = [
  'created',
  'retry',
  'active',
  'completed',
  'cancelled',
  'failed',
];

/** Whether a job may still be cancelled: it has not finished. */
export function isUnfinished(state: JobState): boolean {
  return state === 'created' || state === 'retry' || state === 'active';
}

export const listJobs = (query: JobQuery) => call(client.GET('/api/v1/jobs', { params: { query } }));

/** A failed job back in the queue with one more attempt; 409 for any other state. */
export const retryJob = (id: string) =>
  call(client.POST('/api/v1/jobs/{id}/retry', { params: { path: { id } } }));

/** A job not yet finished, cancelled; 409 once it has finished. */
export const cancelJob = (id: string) =>
  call(client.POST('/api/v1/jobs/{id}/cancel', { params: { path: { id } } }));
