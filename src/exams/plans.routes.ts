import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { standardLevelSchema } from '../catalog/catalog.model.ts';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { AppError } from '../shared/errors.ts';
import { changePlanStatus } from './plans.lifecycle.ts';
import {
  createPlanSchema,
  listPlansSchema,
  planDetailSchema,
  planSummarySchema,
  reasonSchema,
  updatePlanSchema,
} from './plans.model.ts';
import { createPlan, type PlanDeps, updatePlan } from './plans.service.ts';
import { standardFor, standardViewSchema } from './plans.standards.ts';
import { getPlanView, listPlans } from './plans.views.ts';
import { sittingRoutes } from './sittings.routes.ts';

// Who plans: institution operators (their institution's single plans), province admins (joint plans they lead, and
// their province's), system admins. The services narrow each call to the caller's scope.
const planners = { roles: ['system-admin', 'province-admin', 'institution-operator'] } as const;
// Approval is the lead province's act (issue 6 §2): a province admin, nobody else.
const approvers = { roles: ['province-admin'] } as const;
const idParams = z.object({ id: z.uuid() });

/** Exam plans (认定计划, issue 6 §2): the public list and plan pages, and the institution console's API. */
export async function planRoutes(base: FastifyInstance, deps: PlanDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/plans',
    {
      schema: {
        tags: ['exams'],
        summary:
          '认定计划 Approved exam plans (public; filters occupation, level, province, openOn); staff also see their own plans',
        querystring: listPlansSchema,
        response: { 200: z.object({ items: z.array(planSummarySchema), next: z.string().optional() }) },
      },
      config: { access: { public: true } },
    },
    async (request) => listPlans(deps, request.principal, request.query),
  );

  app.get(
    '/plans/:id',
    {
      schema: {
        tags: ['exams'],
        summary: '认定计划详情 A plan with its institutions and sittings (drafts only to their scope)',
        params: idParams,
        response: { 200: planDetailSchema },
      },
      config: { access: { public: true } },
    },
    async (request) => getPlanView(deps, request.principal, request.params.id),
  );

  app.post(
    '/plans',
    {
      schema: {
        tags: ['exams'],
        summary:
          '新建认定计划 Create a draft plan: single (an institution) or joint (统考联考, a lead province)',
        body: createPlanSchema,
        response: { 201: planDetailSchema },
      },
      config: { access: planners },
    },
    async (request, reply) => {
      const view = await createPlan(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.body,
      );
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/plans/:id',
    {
      schema: {
        tags: ['exams'],
        summary: '修改认定计划 Change a draft plan (send the version you read)',
        params: idParams,
        body: updatePlanSchema,
        response: { 200: planDetailSchema },
      },
      config: { access: planners },
    },
    async (request) =>
      updatePlan(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/plans/:id/approve',
    {
      schema: {
        tags: ['exams'],
        summary: '审核通过 Approve a draft plan (the lead province’s admin; every filing is re-checked)',
        params: idParams,
        response: { 200: planDetailSchema },
      },
      config: { access: approvers },
    },
    async (request) =>
      changePlanStatus(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        'approve',
      ),
  );

  app.post(
    '/plans/:id/cancel',
    {
      schema: {
        tags: ['exams'],
        summary: '取消 Cancel a draft or approved plan, with the reason',
        params: idParams,
        body: reasonSchema,
        response: { 200: planDetailSchema },
      },
      config: { access: planners },
    },
    async (request) =>
      changePlanStatus(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        'cancel',
        request.body.reason,
      ),
  );

  app.post(
    '/plans/:id/close',
    {
      schema: {
        tags: ['exams'],
        summary: '结束 Close an approved plan',
        params: idParams,
        response: { 200: planDetailSchema },
      },
      config: { access: planners },
    },
    async (request) =>
      changePlanStatus(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        'close',
      ),
  );

  app.get(
    '/exam-standards/:occupation/:level',
    {
      schema: {
        tags: ['exams'],
        summary:
          '考核标准 The subjects, minimum durations, pass marks and staff ratios for an occupation × level',
        params: z.object({ occupation: z.string().max(16), level: standardLevelSchema }),
        response: { 200: standardViewSchema },
      },
      config: { access: { public: true } },
    },
    async (request) => {
      const { occupation, level } = request.params;
      const known = deps.catalog.occupationsByCode.get(occupation);
      if (!known?.levels.some((l) => l.level === level))
        throw new AppError('not_found', `no standard for ${occupation} level ${level}`);
      return standardFor(deps.standards, occupation, level);
    },
  );

  await app.register(sittingRoutes, deps);
}
