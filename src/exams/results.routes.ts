import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { verifyArchive } from './archive.ts';
import { appealResult, resolveAppeal } from './results.appeals.ts';
import { issueCertificates } from './results.issue.ts';
import {
  appealFiledSchema,
  appealResolvedSchema,
  archiveCheckSchema,
  archivePurgeSchema,
  issueOutcomeSchema,
  planResultsSchema,
  scoreEnteredSchema,
} from './results.responses.ts';
import type { ResultsDeps } from './results.scope.ts';
import { assertPlanVisible } from './results.scope.ts';
import { computeResults, listResults, publishResults, purgePlanArchive } from './results.service.ts';
import { enterPracticalScore, listPracticalScores, practicalSheetsSchema } from './results.sheets.ts';

const planParams = z.object({ planId: z.uuid() });
const regParams = z.object({ id: z.uuid() });
const runners = { roles: ['system-admin', 'province-admin', 'institution-operator'] } as const;
const institutions = { roles: ['system-admin', 'institution-operator'] } as const;
const reason = z.string().trim().min(2).max(500);

/** Grading, results, publicity, appeals, issuance and the sealed archive (issue 7 §4–6). */
export async function resultsRoutes(base: FastifyInstance, deps: ResultsDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const ctx = (request: Parameters<typeof auditContextOf>[0]) => auditContextOf(request, deps.clock);

  app.post(
    '/registrations/:id/practical-scores',
    {
      schema: {
        tags: ['exams'],
        summary:
          '评分 One examiner’s sheet for a practical task or 综合评审 (a change needs a reason; audited)',
        params: regParams,
        body: z.strictObject({
          staffId: z.uuid(),
          subject: z.enum(['skills', 'review']),
          criteria: z
            .array(
              z.strictObject({ criterion: z.string().min(1).max(200), points: z.number().min(0).max(100) }),
            )
            .min(1)
            .max(50),
          reason: reason.optional(),
        }),
        response: { 200: scoreEnteredSchema },
      },
      config: { access: institutions },
    },
    async (request) =>
      enterPracticalScore(deps, principalOf(request), ctx(request), request.params.id, request.body),
  );

  app.get(
    '/registrations/:id/practical-scores',
    {
      schema: {
        tags: ['exams'],
        summary:
          '评分表 The examiners’ sheets entered for a registration (their institution; supervisors in scope)',
        params: regParams,
        response: { 200: practicalSheetsSchema },
      },
      config: { access: { roles: ['system-admin', 'institution-operator', 'supervisor'] } },
    },
    async (request) => listPracticalScores(deps.db, principalOf(request), request.params.id),
  );

  app.get(
    '/plans/:planId/results',
    {
      schema: {
        tags: ['exams'],
        summary: '成绩 The plan’s results in your scope',
        params: planParams,
        response: { 200: planResultsSchema },
      },
      config: { access: runners },
    },
    async (request) => listResults(deps, principalOf(request), request.params.planId),
  );

  app.post(
    '/plans/:planId/results/compute',
    {
      schema: {
        tags: ['exams'],
        summary: '合成成绩 Compute results (before publication)',
        params: planParams,
        response: { 200: planResultsSchema },
      },
      config: { access: runners },
    },
    async (request) => computeResults(deps, principalOf(request), ctx(request), request.params.planId),
  );

  app.post(
    '/plans/:planId/results/publish',
    {
      schema: {
        tags: ['exams'],
        summary:
          '公示 Publish results: the publicity period and the appeal window (days; defaults in exams/results.json)',
        params: planParams,
        body: z.strictObject({
          publicityDays: z.number().int().min(0).max(60).optional(),
          appealDays: z.number().int().min(0).max(60).optional(),
        }),
        response: { 200: planResultsSchema },
      },
      config: { access: runners },
    },
    async (request) =>
      publishResults(deps, principalOf(request), ctx(request), request.params.planId, request.body),
  );

  app.post(
    '/plans/:planId/results/issue',
    {
      schema: {
        tags: ['exams'],
        summary: '发证 Issue certificates (with 一试多证) for passed results whose windows have closed',
        params: planParams,
        response: { 200: issueOutcomeSchema },
      },
      config: { access: runners },
    },
    async (request) => issueCertificates(deps, principalOf(request), ctx(request), request.params.planId),
  );

  app.post(
    '/registrations/:id/appeal',
    {
      schema: {
        tags: ['exams'],
        summary: '申诉 Appeal my result within the window',
        params: regParams,
        body: z.strictObject({ reason }),
        response: { 200: appealFiledSchema },
      },
      config: { access: { roles: ['holder'] } },
    },
    async (request) =>
      appealResult(deps.db, principalOf(request), ctx(request), request.params.id, request.body.reason),
  );

  app.post(
    '/registrations/:id/appeal/resolve',
    {
      schema: {
        tags: ['exams'],
        summary:
          '申诉处理 Resolve an appeal: upheld decides the result again from the sheets as they stand, rejected keeps it; either way it becomes final',
        params: regParams,
        body: z.strictObject({ outcome: z.enum(['upheld', 'rejected']), resolution: reason }),
        response: { 200: appealResolvedSchema },
      },
      config: { access: institutions },
    },
    async (request) =>
      resolveAppeal(deps, principalOf(request), ctx(request), request.params.id, request.body),
  );

  app.get(
    '/plans/:planId/archive/verify',
    {
      schema: {
        tags: ['exams'],
        summary: '档案校验 Verify the plan’s sealed archive chain',
        params: planParams,
        response: { 200: archiveCheckSchema },
      },
      config: { access: { roles: ['system-admin', 'province-admin', 'institution-operator', 'supervisor'] } },
    },
    async (request) => {
      // Scope first: out of scope, the plan does not exist (its archive's size is not for everyone).
      await assertPlanVisible(deps, principalOf(request), request.params.planId);
      return verifyArchive(deps.db, request.params.planId);
    },
  );

  app.post(
    '/plans/:planId/archive/purge',
    {
      schema: {
        tags: ['exams'],
        summary: '档案销毁 Purge what retention allows, leaving tombstones',
        params: planParams,
        response: { 200: archivePurgeSchema },
      },
      config: { access: { roles: ['system-admin', 'province-admin'] } },
    },
    async (request) => purgePlanArchive(deps, principalOf(request), ctx(request), request.params.planId),
  );
}
