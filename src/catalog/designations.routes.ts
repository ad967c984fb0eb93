import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { assertScope, auditContextOf } from '../http/auth.plugin.ts';
import type { Clock } from '../shared/clock.ts';
import type { Catalog } from './catalog.model.ts';
import {
  addDesignation,
  designatableType,
  listDesignations,
  withdrawDesignation,
} from './designations.service.ts';

const designationSchema = z.object({
  type: z.string(),
  region: z.string(),
  basis: z.string(),
  source: z.enum(['catalog', 'admin']),
  isDemo: z.boolean(),
  designatedOn: z.string().nullable(),
});
const regionCode = z.string().regex(/^\d{2}0000$/, 'a province code like 310000');
const isoDate = z.iso.date();
// The issuing department's admins (national, or of that province) and system admins change designations.
const designators = { roles: ['system-admin', 'department-admin'] } as const;

export async function designationRoutes(
  base: FastifyInstance,
  opts: { db: Kysely<Database>; clock: Clock; catalog: Catalog },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, clock, catalog } = opts;

  app.get(
    '/catalog/designations',
    {
      schema: {
        tags: ['catalog'],
        summary: '省级认定 Provinces that issue a province-designated certificate type (e.g. 建筑焊工)',
        querystring: z.strictObject({ type: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(designationSchema) }) },
      },
      config: { access: { public: true } },
    },
    async (request) => ({ items: await listDesignations(db, catalog, request.query.type) }),
  );

  app.post(
    '/catalog/designations',
    {
      schema: {
        tags: ['catalog'],
        summary: '新增省级认定 Record that a province issues a province-designated type',
        body: z.strictObject({
          type: z.string().min(1).max(64),
          region: regionCode,
          basis: z.string().trim().min(2).max(500),
          designatedOn: isoDate,
        }),
        response: { 201: designationSchema },
      },
      config: { access: designators },
    },
    async (request, reply) => {
      const type = designatableType(catalog, request.body.type);
      assertScope(request, { department: type.department, province: request.body.region });
      const created = await addDesignation(db, auditContextOf(request, clock), catalog, request.body);
      return reply.code(201).send(created);
    },
  );

  app.delete(
    '/catalog/designations/:type/:region',
    {
      schema: {
        tags: ['catalog'],
        summary: '撤销省级认定 Withdraw an admin-added designation',
        params: z.object({ type: z.string().max(64), region: regionCode }),
        body: z.strictObject({ reason: z.string().trim().min(2).max(500) }),
      },
      config: { access: designators },
    },
    async (request, reply) => {
      const type = designatableType(catalog, request.params.type);
      assertScope(request, { department: type.department, province: request.params.region });
      await withdrawDesignation(db, auditContextOf(request, clock), catalog, {
        ...request.params,
        ...request.body,
      });
      return reply.code(204).send();
    },
  );
}
