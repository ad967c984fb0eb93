import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import type { Keyring } from '../protection/protection.service.ts';
import type { Clock } from '../shared/clock.ts';
import {
  issuanceEndpointSchema,
  issuanceRequestViewSchema,
  listIssuanceRequestsSchema,
} from './outbox.model.ts';
import { changeIssuanceEndpoint, listIssuanceRequests, retryIssuanceRequest } from './outbox.service.ts';
import { sourceIdSchema, sourceViewSchema } from './sources.model.ts';
import type { SourceDirectory } from './sources.store.ts';

export interface OutboxRoutesOptions {
  db: Kysely<Database>;
  keyring: Keyring;
  clock: Clock;
  directory: SourceDirectory;
}

const systemAdmins = { roles: ['system-admin'] } as const;
const managers = { roles: ['system-admin', 'department-admin'] } as const;

/** 一试多证 pushed to a department's own system (issue 7 §5): its endpoint, and the outbox to watch and retry. */
export async function outboxRoutes(base: FastifyInstance, opts: OutboxRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = { db: opts.db, keyring: opts.keyring, directory: opts.directory };

  app.put(
    '/sources/:id/issuance-endpoint',
    {
      schema: {
        tags: ['sources'],
        summary:
          '发证接口 Set a linked source’s issuance endpoint for 一试多证 requests (https; the secret is write-only)',
        params: z.object({ id: sourceIdSchema }),
        body: issuanceEndpointSchema,
        response: { 200: sourceViewSchema },
      },
      config: { access: systemAdmins },
    },
    async (request) =>
      changeIssuanceEndpoint(
        deps,
        auditContextOf(request, opts.clock),
        principalOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.delete(
    '/sources/:id/issuance-endpoint',
    {
      schema: {
        tags: ['sources'],
        summary: '删除发证接口 Remove a source’s issuance endpoint (its requests then fail until one is set)',
        params: z.object({ id: sourceIdSchema }),
        response: { 200: sourceViewSchema },
      },
      config: { access: systemAdmins },
    },
    async (request) =>
      changeIssuanceEndpoint(
        deps,
        auditContextOf(request, opts.clock),
        principalOf(request),
        request.params.id,
        null,
      ),
  );

  app.get(
    '/issuance-requests',
    {
      schema: {
        tags: ['sources'],
        summary:
          '发证请求 Issuance requests pushed to departments (一试多证), newest first; ID numbers masked',
        querystring: listIssuanceRequestsSchema,
        response: {
          200: z.object({ items: z.array(issuanceRequestViewSchema), next: z.string().optional() }),
        },
      },
      config: { access: managers },
    },
    async (request) => listIssuanceRequests(deps, principalOf(request), request.query),
  );

  app.post(
    '/issuance-requests/:id/retry',
    {
      schema: {
        tags: ['sources'],
        summary: '重新发送 Send a failed issuance request again (a fresh budget of attempts)',
        params: z.object({ id: z.uuid() }),
        response: { 200: issuanceRequestViewSchema },
      },
      config: { access: managers },
    },
    async (request) =>
      retryIssuanceRequest(
        deps,
        auditContextOf(request, opts.clock),
        principalOf(request),
        request.params.id,
      ),
  );
}
