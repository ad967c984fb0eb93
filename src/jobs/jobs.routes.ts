import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../audit/audit.store.ts';
import type { Database } from '../db/schema.ts';
import { auditContextOf } from '../http/auth.plugin.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { jobListQuerySchema, jobListSchema } from './jobs.model.ts';
import type { JobQueue } from './jobs.queue.ts';
import { listJobs, queueOfJob } from './jobs.store.ts';

const admins = { roles: ['system-admin'] } as const;
const idParams = z.object({ id: z.uuid() });

/** 后台任务 (issue 16 §2): what is queued, running and failed, and a failed job back in the queue. */
export async function jobsRoutes(
  base: FastifyInstance,
  deps: { db: Kysely<Database>; clock: Clock; jobs: JobQueue },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/jobs',
    {
      schema: {
        tags: ['jobs'],
        summary: '后台任务 Background jobs, newest first: filter by state and queue',
        querystring: jobListQuerySchema,
        response: { 200: jobListSchema },
      },
      config: { access: admins },
    },
    async (request) => listJobs(deps.db, request.query),
  );

  for (const action of ['retry', 'cancel'] as const) {
    app.post(
      `/jobs/:id/${action}`,
      {
        schema: {
          tags: ['jobs'],
          summary:
            action === 'retry'
              ? '重试 Put a failed job back in the queue with one more attempt'
              : '取消 Cancel a job that has not finished',
          params: idParams,
          response: { 200: z.object({ id: z.string(), queue: z.string(), done: z.literal(true) }) },
        },
        config: { access: admins },
      },
      async (request) => {
        const { id } = request.params;
        const queue = await queueOfJob(deps.db, id);
        if (!queue) throw new AppError('not_found', 'no such job');
        const ctx = auditContextOf(request, deps.clock);
        // The queue's change and its audit row commit together.
        await deps.db.transaction().execute(async (trx) => {
          const changed =
            action === 'retry'
              ? await deps.jobs.retry(queue, id, trx)
              : await deps.jobs.cancel(queue, id, trx);
          if (!changed)
            throw new AppError(
              'conflict',
              action === 'retry' ? 'only a failed job can be retried' : 'the job has already finished',
            );
          await appendAudit(trx, ctx, {
            action: `job.${action}`,
            targetType: 'job',
            targetId: id,
            after: { queue },
          });
        });
        return { id, queue, done: true as const };
      },
    );
  }
}
