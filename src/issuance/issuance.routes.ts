import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import {
  confirmSchema,
  holderRequestViewSchema,
  listQueueSchema,
  refuseSchema,
  requestViewSchema,
} from './issuance.model.ts';
import {
  confirmRequest,
  type IssuanceDeps,
  listMyRequests,
  listQueue,
  refuseRequest,
} from './issuance.service.ts';

const managers = { roles: ['system-admin', 'department-admin'] } as const;
// A department's own system confirms with a token of one of its sources, as it pushes certificates.
const deciders = { roles: ['system-admin', 'department-admin'], sourceTokens: true } as const;

/**
 * 一试多证 issued by the department (issue 13 item 8): the department's queue, its decisions, the candidate's view.
 * `/issuance-requests` itself is the outbox list (`sources/outbox.routes.ts`); `{id}` here is the queue's request
 * id, or the outbox id the department received as `Idempotency-Key`.
 */
export async function issuanceRoutes(base: FastifyInstance, deps: IssuanceDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const params = z.object({ id: z.uuid() });

  app.get(
    '/issuance-requests/queue',
    {
      schema: {
        tags: ['issuance'],
        summary:
          '一试多证发证请求 The department’s queue of 一试多证 requests, newest first; ID numbers masked',
        querystring: listQueueSchema,
        response: { 200: z.object({ items: z.array(requestViewSchema), next: z.string().optional() }) },
      },
      config: { access: managers },
    },
    async (request) => listQueue(deps, principalOf(request), request.query),
  );

  app.post(
    '/issuance-requests/:id/confirm',
    {
      schema: {
        tags: ['issuance'],
        summary: '核发 Confirm with the department’s own number: the certificate enters the registry',
        params,
        body: confirmSchema,
        response: { 200: requestViewSchema },
      },
      config: { access: deciders },
    },
    async (request) =>
      confirmRequest(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/issuance-requests/:id/refuse',
    {
      schema: {
        tags: ['issuance'],
        summary: '不予核发 Refuse a 一试多证 request, with the reason',
        params,
        body: refuseSchema,
        response: { 200: requestViewSchema },
      },
      config: { access: deciders },
    },
    async (request) =>
      refuseRequest(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.get(
    '/me/issuance-requests',
    {
      schema: {
        tags: ['issuance'],
        summary: '我的一试多证 The candidate’s 一试多证 requests: 待核发, 已核发 (number), already held',
        response: { 200: z.object({ items: z.array(holderRequestViewSchema) }) },
      },
      config: { access: { roles: ['holder'] } },
    },
    async (request) => listMyRequests(deps, principalOf(request)),
  );
}
