import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';

/**
 * Background work as jobs on pg-boss (issue 16 §2). A module declares its jobs as data: the queue, what a job
 * carries, how often it may be retried and how long a worker may hold it before another takes it over.
 */
export interface JobDefinition<T = unknown> {
  /** The pg-boss queue: letters, digits, `-`, `.`. */
  readonly name: string;
  readonly data: z.ZodType<T>;
  /** Attempts after the first; with `retryBackoff` the delay doubles each time. */
  readonly retryLimit: number;
  readonly retryDelaySeconds: number;
  /**
   * The lease: a job still active this long after a worker took it is failed and, attempts left, retried by another
   * worker (a worker that died mid-job holds it no longer than this).
   */
  readonly expireInSeconds: number;
  run(data: T, job: JobContext): Promise<unknown>;
  /**
   * When a job is cancelled from outside its module (the 后台任务 page), in the same transaction: the module marks
   * its own record (a simulation run) so nobody waits on a job that will never run.
   */
  cancelled?(data: T, db: Kysely<Database>): Promise<void>;
}

/**
 * A periodic job carries nothing (`JobQueue.every` sends one per period). Unless asked, a pass is not retried: the
 * next period's pass is the retry.
 */
export function periodicJob(
  name: string,
  options: { expireInSeconds: number; retryLimit?: number; retryDelaySeconds?: number },
  run: () => Promise<unknown>,
): JobDefinition<Record<string, never>> {
  return {
    name,
    data: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    retryLimit: options.retryLimit ?? 0,
    retryDelaySeconds: options.retryDelaySeconds ?? 1,
    expireInSeconds: options.expireInSeconds,
    run,
  };
}

export interface JobContext {
  readonly id: string;
  /** 0 for the first attempt. */
  readonly attempt: number;
}

/** pg-boss's job states, in its order (`created < retry < active < completed < cancelled < failed`). */
export const jobStates = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof jobStates)[number];

export const jobRowSchema = z.object({
  id: z.string(),
  queue: z.string(),
  state: z.enum(jobStates),
  retryCount: z.number().int(),
  retryLimit: z.number().int(),
  createdOn: z.string(),
  startedOn: z.string().nullable(),
  completedOn: z.string().nullable(),
  /** A failed job's error message (never its data: jobs carry ids, and the message is the handler's own). */
  error: z.string().nullable(),
});
export type JobRow = z.infer<typeof jobRowSchema>;

export const jobListQuerySchema = z.strictObject({
  state: z.enum(jobStates).optional(),
  queue: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type JobListQuery = z.infer<typeof jobListQuerySchema>;

export const jobListSchema = z.object({
  items: z.array(jobRowSchema),
  total: z.number().int(),
  counts: z.record(z.enum(jobStates), z.number().int()),
  queues: z.array(z.string()),
});
export type JobList = z.infer<typeof jobListSchema>;

/** The message a failed job keeps: pg-boss stores what the handler threw, serialized. */
export function errorOf(output: unknown): string | null {
  if (output === null || output === undefined) return null;
  if (typeof output === 'object' && 'message' in output && typeof output.message === 'string')
    return output.message.slice(0, 500);
  return null;
}
