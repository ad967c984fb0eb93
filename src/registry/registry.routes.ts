import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { appendAudit } from '../audit/audit.store.ts';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { exportCsv, exportXlsx } from './registry.export.ts';
import {
  certificateViewSchema,
  createCertificateSchema,
  historyEntrySchema,
  reasonSchema,
  renewSchema,
  reviewSchema,
} from './registry.model.ts';
import {
  certificateFilterSchema,
  iterateCertificates,
  searchCertificates,
  searchSchema,
} from './registry.search.ts';
import {
  changeCertificate,
  createCertificate,
  getCertificateView,
  getHolderView,
  type RegistryDeps,
} from './registry.service.ts';
import { createRevealLimiter, REVEALS_PER_HOUR, revealHolderIdentity } from './reveal.service.ts';
import { reviewCertificate } from './review.service.ts';

const writers = { roles: ['system-admin', 'department-admin'] } as const;
const readers = { roles: ['system-admin', 'department-admin', 'province-admin', 'supervisor'] } as const;
const viewers = {
  roles: ['system-admin', 'department-admin', 'province-admin', 'supervisor', 'holder'],
} as const;
const idParams = z.object({ id: z.uuid() });
const revealers = { roles: ['system-admin', 'department-admin'] } as const;

export async function registryRoutes(base: FastifyInstance, deps: RegistryDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const revealLimiter = createRevealLimiter(deps.counters);

  app.post(
    '/certificates',
    {
      schema: {
        tags: ['registry'],
        summary: '登记证书 Register a certificate (department admins, their department and province)',
        body: createCertificateSchema,
        response: { 201: certificateViewSchema },
      },
      config: { access: writers },
    },
    async (request, reply) => {
      const view = await createCertificate(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.body,
      );
      return reply.code(201).send(view);
    },
  );

  app.post(
    '/certificates/search',
    {
      schema: {
        tags: ['registry'],
        summary: '证书查询 Search certificates in scope (filters in the body: ID numbers never go into URLs)',
        body: searchSchema,
        response: { 200: z.object({ items: z.array(certificateViewSchema), next: z.string().optional() }) },
      },
      config: { access: readers },
    },
    async (request) => searchCertificates(deps, principalOf(request), request.body),
  );

  app.post(
    '/certificates/export',
    {
      schema: {
        tags: ['registry'],
        summary: '导出 Export the current filter as CSV or XLSX',
        body: certificateFilterSchema.extend({ format: z.enum(['csv', 'xlsx']) }),
      },
      config: { access: readers },
    },
    async (request, reply) => {
      const { format, ...filter } = request.body;
      const principal = principalOf(request);
      const ctx = auditContextOf(request, deps.clock);
      // Exports carry personal data: who exported which filter is audited (the ID number itself is not kept).
      await deps.db.transaction().execute((trx) =>
        appendAudit(trx, ctx, {
          action: 'certificate.export',
          targetType: 'certificate-list',
          targetId: format,
          after: { ...filter, idNumber: filter.idNumber ? '[given]' : undefined },
        }),
      );
      const rows = iterateCertificates(deps, principal, filter);
      const stamp = ctx.at.toISOString().slice(0, 10);
      reply.header('content-disposition', `attachment; filename="certificates-${stamp}.${format}"`);
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(exportCsv(rows));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(await exportXlsx(rows));
    },
  );

  app.get(
    '/certificates/:id',
    {
      schema: {
        tags: ['registry'],
        summary: '证书详情 A certificate with its history',
        params: idParams,
        response: { 200: certificateViewSchema.extend({ history: z.array(historyEntrySchema) }) },
      },
      config: { access: viewers },
    },
    async (request) => getCertificateView(deps, principalOf(request), request.params.id),
  );

  for (const action of ['suspend', 'reinstate', 'revoke'] as const) {
    const summaries = {
      suspend: '暂停 Suspend a valid certificate',
      reinstate: '恢复 Reinstate a suspended certificate',
      revoke: '吊销 Revoke a certificate (final)',
    };
    app.post(
      `/certificates/:id/${action}`,
      {
        schema: {
          tags: ['registry'],
          summary: summaries[action],
          params: idParams,
          body: reasonSchema,
          response: { 200: certificateViewSchema },
        },
        config: { access: writers },
      },
      async (request) =>
        changeCertificate(
          deps,
          auditContextOf(request, deps.clock),
          principalOf(request),
          request.params.id,
          action,
          request.body,
        ),
    );
  }

  app.post(
    '/certificates/:id/renew',
    {
      schema: {
        tags: ['registry'],
        summary: '复审/延期 Extend the validity within the type’s review rule',
        params: idParams,
        body: renewSchema,
        response: { 200: certificateViewSchema },
      },
      config: { access: writers },
    },
    async (request) =>
      changeCertificate(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        'renew',
        request.body,
      ),
  );

  app.post(
    '/certificates/:id/review',
    {
      schema: {
        tags: ['registry'],
        summary:
          '登记复审 Record a passed 复审: reviewed on, reviewed until (types with a review rule; 422 otherwise)',
        params: idParams,
        body: reviewSchema,
        response: { 200: certificateViewSchema },
      },
      config: { access: writers },
    },
    async (request) =>
      reviewCertificate(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.get(
    '/holders/:id',
    {
      schema: {
        tags: ['registry'],
        summary: '持证人 One person’s certificates across departments',
        params: idParams,
        response: {
          200: z.object({
            holder: z.object({ id: z.string(), name: z.string(), idType: z.string(), idNumber: z.string() }),
            certificates: z.array(certificateViewSchema),
          }),
        },
      },
      config: { access: viewers },
    },
    async (request) => getHolderView(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/holders/:id/reveal',
    {
      schema: {
        tags: ['registry'],
        summary:
          '查看完整证件号 Reveal one holder’s full ID number with a reason (system admins; department admins ' +
          `whose department issued one of the person’s certificates, in scope). Audited (the reason, never the ` +
          `number); ${REVEALS_PER_HOUR} per user per hour, then 429 with Retry-After; out of scope answers 404.`,
        params: idParams,
        body: reasonSchema,
        response: { 200: z.object({ holderId: z.string(), idType: z.string(), idNumber: z.string() }) },
      },
      config: { access: revealers },
    },
    async (request) =>
      revealHolderIdentity(
        deps,
        revealLimiter,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.body.reason,
      ),
  );
}
