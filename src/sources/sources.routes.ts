import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createTokenSchema, tokenViewSchema } from '../accounts/accounts.model.ts';
import { secretHashingOf } from '../accounts/secrets.ts';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { AppError } from '../shared/errors.ts';
import { pushBatch } from './sources.batch.ts';
import {
  batchResponseSchema,
  batchSchema,
  createSourceSchema,
  idempotencyKeySchema,
  listSourcesSchema,
  MAX_BATCH,
  pushRecordSchema,
  pushResultSchema,
  sourceIdSchema,
  sourceViewSchema,
  updateSourceSchema,
} from './sources.model.ts';
import { pushCertificate } from './sources.push.ts';
import {
  createSource,
  createSourceToken,
  getSourceView,
  listSources,
  updateSource,
} from './sources.service.ts';
import type { SourceDirectory } from './sources.store.ts';

export interface SourcesRoutesOptions extends RegistryDeps {
  directory: SourceDirectory;
}

const managers = { roles: ['system-admin', 'department-admin'] } as const;
// Only a token bound to the source pushes (its service account is a department admin); the service checks the
// binding, the auth plugin keeps such tokens away from every other route.
const pushers = { roles: ['department-admin'], sourceTokens: true } as const;
const idParams = z.object({ id: sourceIdSchema });
const MAX_BATCH_BYTES = 4 * 1024 * 1024;

/** Before the body is read: only a token bound to this very source may push to it (issue 5 §2). */
async function assertBoundToSource(request: FastifyRequest): Promise<void> {
  const { id } = request.params as { id?: string };
  if (principalOf(request).source !== id) {
    throw new AppError(
      'forbidden',
      'push with an API token bound to this source (POST /api/v1/sources/{id}/tokens)',
    );
  }
}

/** Department sources (issue 5 §2): the admin API and the push API for department systems. */
export async function sourcesRoutes(base: FastifyInstance, opts: SourcesRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const deps = {
    db: opts.db,
    catalog: opts.catalog,
    clock: opts.clock,
    directory: opts.directory,
    secrets: () => secretHashingOf(opts.keyring.protector()),
  };

  app.get(
    '/sources',
    {
      schema: {
        tags: ['sources'],
        summary: '数据来源 List department sources (hosted or linked), in your scope',
        querystring: listSourcesSchema,
        response: { 200: z.object({ items: z.array(sourceViewSchema), next: z.string().optional() }) },
      },
      config: { access: managers },
    },
    async (request) => listSources(deps, principalOf(request), request.query),
  );

  app.get(
    '/sources/:id',
    {
      schema: {
        tags: ['sources'],
        summary: '数据来源详情 A department source',
        params: idParams,
        response: { 200: sourceViewSchema },
      },
      config: { access: managers },
    },
    async (request) => getSourceView(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/sources',
    {
      schema: {
        tags: ['sources'],
        summary: '登记数据来源 Register a hosted source or a linked query site (deep-link template)',
        body: createSourceSchema,
        response: { 201: sourceViewSchema },
      },
      config: { access: managers },
    },
    async (request, reply) => {
      const view = await createSource(
        deps,
        auditContextOf(request, opts.clock),
        principalOf(request),
        request.body,
      );
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/sources/:id',
    {
      schema: {
        tags: ['sources'],
        summary: '修改数据来源 Change a source (its id, department and kind never change)',
        params: idParams,
        body: updateSourceSchema,
        response: { 200: sourceViewSchema },
      },
      config: { access: managers },
    },
    async (request) =>
      updateSource(
        deps,
        auditContextOf(request, opts.clock),
        principalOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/sources/:id/tokens',
    {
      schema: {
        tags: ['sources'],
        summary: '推送令牌 Create an API token bound to a hosted source, for its push API; shown once',
        params: idParams,
        body: createTokenSchema,
        response: { 201: tokenViewSchema.extend({ token: z.string() }) },
      },
      config: { access: managers },
    },
    async (request, reply) => {
      const ctx = auditContextOf(request, opts.clock);
      const token = await createSourceToken(deps, ctx, principalOf(request), request.params.id, request.body);
      return reply.code(201).send(token);
    },
  );

  app.put(
    '/sources/:id/certificates/:type/:number',
    {
      schema: {
        tags: ['sources'],
        summary:
          '推送证书 Push one certificate (token bound to the source): created | updated | unchanged. ' +
          'Certificate numbers that embed an ID number end up in URLs here; prefer the batch endpoint for those.',
        params: idParams.extend({ type: z.string().min(1).max(64), number: z.string().min(1).max(64) }),
        body: pushRecordSchema,
        response: { 200: pushResultSchema },
      },
      config: { access: pushers },
      onRequest: assertBoundToSource,
    },
    async (request) => {
      const { id, type, number } = request.params;
      const ctx = auditContextOf(request, opts.clock);
      return pushCertificate(opts, ctx, principalOf(request), id, { type, number }, request.body);
    },
  );

  app.post(
    '/sources/:id/certificates/batch',
    {
      bodyLimit: MAX_BATCH_BYTES,
      schema: {
        tags: ['sources'],
        summary: `批量推送 Push up to ${MAX_BATCH} certificates under an Idempotency-Key: a retry applies nothing twice`,
        params: idParams,
        headers: z.object({ 'idempotency-key': idempotencyKeySchema }),
        body: batchSchema,
        response: { 200: batchResponseSchema },
      },
      config: { access: pushers },
      onRequest: assertBoundToSource,
    },
    async (request, reply) => {
      const ctx = auditContextOf(request, opts.clock);
      const { response, replayed } = await pushBatch(
        opts,
        ctx,
        principalOf(request),
        request.params.id,
        request.headers['idempotency-key'],
        request.body.records,
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return response;
    },
  );
}
