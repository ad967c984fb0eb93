import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { assertScope, auditContextOf } from '../http/auth.plugin.ts';
import type { Clock } from '../shared/clock.ts';
import type { Catalog } from './catalog.model.ts';
import {
  designatableType,
  listDesignations,
  setDesignation,
  withdrawDesignation,
} from './designations.service.ts';

const designationSchema = z.object({
  type: z.string(),
  region: z.string(),
  status: z.enum(['issued', 'not-issued']),
  basis: z.string(),
  isDemo: z.boolean(),
  designatedOn: z.string(),
  version: z.number(),
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
        summary:
          '省级认定 What is on record about provinces issuing a province-designated type (e.g. 建筑焊工); a province not listed is unknown',
        querystring: z.strictObject({ type: z.string().max(64).optional() }),
        response: { 200: z.object({ items: z.array(designationSchema) }) },
      },
      config: { access: { public: true } },
    },
    async (request) => ({ items: await listDesignations(db, request.query.type) }),
  );

  app.post(
    '/catalog/designations',
    {
      schema: {
        tags: ['catalog'],
        summary:
          '登记省级认定 Record that a province issues (or does not issue) a province-designated type; a change raises its version',
        body: z.strictObject({
          type: z.string().min(1).max(64),
          region: regionCode,
          status: z.enum(['issued', 'not-issued']).default('issued'),
          basis: z.string().trim().min(2).max(500),
          designatedOn: isoDate,
        }),
        response: { 200: designationSchema, 201: designationSchema },
      },
      config: { access: designators },
    },
    async (request, reply) => {
      const type = designatableType(catalog, request.body.type);
      assertScope(request, { department: type.department, province: request.body.region });
      const { designation, created } = await setDesignation(
        db,
        auditContextOf(request, clock),
        catalog,
        request.body,
      );
      return reply.code(created ? 201 : 200).send(designation);
    },
  );

  app.delete(
    '/catalog/designations/:type/:region',
    {
      schema: {
        tags: ['catalog'],
        summary: '撤销省级认定记录 Remove the record: the province goes back to unknown',
        params: z.object({ type: z.string().max(64), region: regionCode }),
        body: z.strictObject({ reason: z.string().trim().min(2).max(500) }),
      },
      config: { access: designators },
    },
    async (request, reply) => {
      const type = designatableType(catalog, request.params.type);
      assertScope(request, { department: type.department, province: request.params.region });
      await withdrawDesignation(db, auditContextOf(request, clock), {
        ...request.params,
        ...request.body,
      });
      return reply.code(204).send();
    },
  );
}
