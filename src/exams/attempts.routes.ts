import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { answerBodySchema, attemptViewSchema, savedAnswerSchema } from './attempts.model.ts';
import { getAttempt, saveAnswer, startAttempt, submitAttempt } from './attempts.service.ts';
import type { ExamDeps } from './registration.service.ts';

const idParams = z.object({ id: z.uuid() });
const candidate = { access: { roles: ['holder'] as const } };

/** The candidate's computer-based theory exam (组织实施, issue 7 §3). Only the candidate reaches their attempt. */
export async function attemptRoutes(base: FastifyInstance, deps: ExamDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/registrations/:id/attempt',
    {
      schema: {
        tags: ['exams'],
        summary: '开始/继续考试 Start or resume my theory exam (during the sitting only)',
        params: idParams,
        response: { 200: attemptViewSchema, 201: attemptViewSchema },
      },
      config: candidate,
    },
    async (request, reply) => {
      const { created, view } = await startAttempt(
        deps,
        principalOf(request),
        auditContextOf(request, deps.clock),
        request.params.id,
      );
      return reply.code(created ? 201 : 200).send(view);
    },
  );

  app.get(
    '/attempts/:id',
    {
      schema: {
        tags: ['exams'],
        summary: '我的试卷 My paper in my order, my saved responses and the time left (never the key)',
        params: idParams,
        response: { 200: attemptViewSchema },
      },
      config: candidate,
    },
    async (request) =>
      getAttempt(deps, principalOf(request), auditContextOf(request, deps.clock), request.params.id),
  );

  app.put(
    '/attempts/:id/answers/:itemId',
    {
      schema: {
        tags: ['exams'],
        summary: '保存作答 Save a response (logged with the server time; 409 after submit or the deadline)',
        params: z.object({ id: z.uuid(), itemId: z.uuid() }),
        body: answerBodySchema,
        response: { 200: savedAnswerSchema },
      },
      config: candidate,
    },
    async (request) =>
      saveAnswer(
        deps,
        principalOf(request),
        auditContextOf(request, deps.clock),
        request.params.id,
        request.params.itemId,
        request.body.response,
      ),
  );

  app.post(
    '/attempts/:id/submit',
    {
      schema: {
        tags: ['exams'],
        summary: '交卷 Submit: auto-graded at once',
        params: idParams,
        response: { 200: attemptViewSchema },
      },
      config: candidate,
    },
    async (request) =>
      submitAttempt(deps, principalOf(request), auditContextOf(request, deps.clock), request.params.id),
  );
}
