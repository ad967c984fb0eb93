import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { blueprintSchema, paperSummarySchema, paperViewSchema } from './assembly.model.ts';
import { assemblePapers, getPaperView, listPlanPapers, lockPaper } from './assembly.service.ts';
import type { PlanDeps } from './plans.service.ts';

// Narrowed by the service to the plan's own staff (issue 7 §2); supervisors read only.
const assemblers = { roles: ['system-admin', 'province-admin', 'institution-operator'] } as const;
const readers = { roles: ['system-admin', 'province-admin', 'institution-operator', 'supervisor'] } as const;

/** Paper assembly (组卷, issue 7 §2): papers from a blueprint, their coverage, and locking for delivery. */
export async function assemblyRoutes(base: FastifyInstance, deps: PlanDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/plans/:planId/papers',
    {
      schema: {
        tags: ['exams'],
        summary:
          '组卷 Assemble the papers (one per parallel form) from a blueprint; 422 names each unmet cell and its shortage',
        params: z.object({ planId: z.uuid() }),
        body: blueprintSchema,
        response: { 201: z.object({ papers: z.array(paperViewSchema) }) },
      },
      config: { access: assemblers },
    },
    async (request, reply) => {
      const papers = await assemblePapers(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.planId,
        request.body,
      );
      return reply.code(201).send({ papers });
    },
  );

  app.get(
    '/plans/:planId/papers',
    {
      schema: {
        tags: ['exams'],
        summary: '试卷列表 A plan’s papers with their blueprint coverage',
        params: z.object({ planId: z.uuid() }),
        response: { 200: z.object({ papers: z.array(paperSummarySchema) }) },
      },
      config: { access: readers },
    },
    async (request) => ({
      papers: await listPlanPapers(deps, principalOf(request), request.params.planId),
    }),
  );

  app.get(
    '/papers/:id',
    {
      schema: {
        tags: ['exams'],
        summary: '试卷 A paper: pinned item versions and coverage per blueprint cell (required vs assembled)',
        params: z.object({ id: z.uuid() }),
        response: { 200: paperViewSchema },
      },
      config: { access: readers },
    },
    async (request) => getPaperView(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/papers/:id/lock',
    {
      schema: {
        tags: ['exams'],
        summary: '锁定试卷 Lock a paper for delivery; its subject is not re-assembled after',
        params: z.object({ id: z.uuid() }),
        response: { 200: paperViewSchema },
      },
      config: { access: assemblers },
    },
    async (request) =>
      lockPaper(deps, auditContextOf(request, deps.clock), principalOf(request), request.params.id),
  );
}
