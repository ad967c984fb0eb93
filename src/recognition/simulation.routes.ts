import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import type { JobDefinition } from '../jobs/jobs.model.ts';
import type { JobQueue } from '../jobs/jobs.queue.ts';
import type { PolicyDeps } from './policy.service.ts';
import { cancelSimulation, getSimulation, requestSimulation } from './simulation.job.ts';

const params = z.object({ region: z.string().regex(/^\d{2}0000$/, 'a province code like 310000') });
const runParams = params.extend({ id: z.uuid() });

const runSchema = z.object({
  id: z.string(),
  region: z.string(),
  version: z.string(),
  asOf: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
  phase: z.enum(['queued', 'grouping', 'evaluating', 'done']),
  done: z.number().int(),
  total: z.number().int(),
  /** The `Simulation` of the synchronous route, once done. */
  result: z.unknown().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

const access = { roles: ['system-admin', 'province-admin'] } as const;

/** 影响模拟 as a job (issue 16 §2): ask, watch its progress, cancel. */
export async function simulationRoutes(
  base: FastifyInstance,
  deps: PolicyDeps & { jobs: JobQueue; job: JobDefinition<{ simulationId: string }> },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/policies/:region/simulations',
    {
      schema: {
        tags: ['policies'],
        summary:
          '影响模拟（后台任务） Start a simulation of the draft as a job; poll it for progress and the result',
        params,
        body: z.strictObject({ version: z.string().max(32), asOf: z.iso.date().optional() }),
        response: { 202: runSchema },
      },
      config: { access },
    },
    async (request, reply) => {
      const run = await requestSimulation(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.region,
        request.body.version,
        request.body.asOf,
      );
      return reply.code(202).send(run);
    },
  );

  app.get(
    '/policies/:region/simulations/:id',
    {
      schema: {
        tags: ['policies'],
        summary: '模拟进度 A simulation job: its phase, progress and, once done, its result',
        params: runParams,
        response: { 200: runSchema },
      },
      config: { access },
    },
    async (request) => getSimulation(deps, principalOf(request), request.params.region, request.params.id),
  );

  app.post(
    '/policies/:region/simulations/:id/cancel',
    {
      schema: {
        tags: ['policies'],
        summary: '取消模拟 Cancel a queued or running simulation',
        params: runParams,
        response: { 200: runSchema },
      },
      config: { access },
    },
    async (request) =>
      cancelSimulation(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.region,
        request.params.id,
      ),
  );
}
