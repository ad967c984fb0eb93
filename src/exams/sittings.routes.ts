import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { sittingViewSchema } from './plans.model.ts';
import type { PlanDeps } from './plans.service.ts';
import { createSittingSchema, sittingParamsSchema, updateSittingSchema } from './sittings.model.ts';
import { addSitting, removeSitting, updateSitting } from './sittings.service.ts';

// The institution's operator, the plan's province admins, system admins (narrowed by the service).
const schedulers = { roles: ['system-admin', 'province-admin', 'institution-operator'] } as const;

/** A plan's sittings (issue 6 §2): one schedule, at the participating institutions' sites. */
export async function sittingRoutes(base: FastifyInstance, deps: PlanDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/plans/:id/sittings',
    {
      schema: {
        tags: ['exams'],
        summary: '新增场次 Add a sitting at a site of a participating institution (times with +08:00)',
        params: z.object({ id: z.uuid() }),
        body: createSittingSchema,
        response: { 201: sittingViewSchema },
      },
      config: { access: schedulers },
    },
    async (request, reply) => {
      const view = await addSitting(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.body,
      );
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/plans/:id/sittings/:sittingId',
    {
      schema: {
        tags: ['exams'],
        summary: '修改场次 Change capacity (never below booked) or times (only while none booked)',
        params: sittingParamsSchema,
        body: updateSittingSchema,
        response: { 200: sittingViewSchema },
      },
      config: { access: schedulers },
    },
    async (request) =>
      updateSitting(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.params.sittingId,
        request.body,
      ),
  );

  app.delete(
    '/plans/:id/sittings/:sittingId',
    {
      schema: {
        tags: ['exams'],
        summary: '删除场次 Remove a sitting nobody has registered for',
        params: sittingParamsSchema,
      },
      config: { access: schedulers },
    },
    async (request, reply) => {
      await removeSitting(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.params.sittingId,
      );
      return reply.code(204).send();
    },
  );
}
