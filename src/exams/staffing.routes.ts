import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import type { Clock } from '../shared/clock.ts';
import { staffInputSchema, staffingViewSchema, staffViewSchema } from './staffing.model.ts';
import { assignStaff, getStaffing, type StaffingDeps } from './staffing.service.ts';

const idParams = z.object({ id: z.uuid() });

/** Staffing a sitting (issue 7 §3): the institution assigns; staff, admins and supervisors in scope read the check. */
export async function staffingRoutes(
  base: FastifyInstance,
  deps: StaffingDeps & { clock: Clock },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/sittings/:id/staff',
    {
      schema: {
        tags: ['exams'],
        summary: '考务人员 Assign an invigilator, examiner or review panel member to a sitting',
        params: idParams,
        body: staffInputSchema,
        response: { 201: staffViewSchema },
      },
      config: { access: { roles: ['system-admin', 'institution-operator'] } },
    },
    async (request, reply) => {
      const view = await assignStaff(
        deps,
        principalOf(request),
        auditContextOf(request, deps.clock),
        request.params.id,
        request.body,
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/sittings/:id/staffing',
    {
      schema: {
        tags: ['exams'],
        summary: '考务配比 A sitting’s staff, checked against the standard’s ratios and for recusal',
        params: idParams,
        response: { 200: staffingViewSchema },
      },
      config: { access: { roles: ['system-admin', 'province-admin', 'institution-operator', 'supervisor'] } },
    },
    async (request) => getStaffing(deps, principalOf(request), request.params.id),
  );
}
