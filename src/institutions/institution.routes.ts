import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.model.ts';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { getInstitutionHistory, getInstitutionView, listInstitutions } from './institution.directory.ts';
import {
  anyInstitutionViewSchema,
  createInstitutionSchema,
  institutionHistoryEntrySchema,
  institutionViewSchema,
  listInstitutionsSchema,
  reasonSchema,
  renewSchema,
  updateInstitutionSchema,
} from './institution.model.ts';
import {
  changeFilingStatus,
  fileInstitution,
  type InstitutionsDeps,
  renewInstitution,
} from './institution.service.ts';
import { updateInstitution } from './institution.update.ts';

const tags = ['institutions'];
const publicAccess = { public: true } as const;
// The service narrows each to its province; an institution outside it answers 404.
const managers = { roles: ['system-admin', 'province-admin'] } as const;
const overseers = { roles: ['system-admin', 'province-admin', 'supervisor'] } as const;
const idParams = z.object({ id: z.uuid() });

/** The institution register (issue 6 §1): the public directory (机构查询) and the province admins' filing API. */
export async function institutionRoutes(base: FastifyInstance, deps: InstitutionsDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  // The public (no principal) may read a replica; a signed-in overseer reads the primary and sees their own edits.
  const readerFor = (principal: Principal | null) =>
    principal === null && deps.readDb ? { ...deps, db: deps.readDb } : deps;

  app.get(
    '/institutions',
    {
      schema: {
        tags,
        summary:
          '机构查询 Directory of evaluation institutions active today, by occupation, level, region and name; ' +
          '`status` (overseers, in their scope) lists other statuses with the full view',
        querystring: listInstitutionsSchema,
        response: {
          200: z.object({ items: z.array(anyInstitutionViewSchema), next: z.string().optional() }),
        },
      },
      config: { access: publicAccess },
    },
    async (request) => listInstitutions(readerFor(request.principal), request.principal, request.query),
  );

  app.get(
    '/institutions/:id',
    {
      schema: {
        tags,
        summary: '机构详情 An institution: public while active; in any status to its overseers',
        params: idParams,
        response: { 200: anyInstitutionViewSchema },
      },
      config: { access: publicAccess },
    },
    async (request) => getInstitutionView(readerFor(request.principal), request.principal, request.params.id),
  );

  app.post(
    '/institutions',
    {
      schema: {
        tags,
        summary: '遴选备案 File an evaluation institution (province admins: their province)',
        body: createInstitutionSchema,
        response: { 201: institutionViewSchema },
      },
      config: { access: managers },
    },
    async (request, reply) => {
      const view = await fileInstitution(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.body,
      );
      return reply.code(201).send(view);
    },
  );

  app.patch(
    '/institutions/:id',
    {
      schema: {
        tags,
        summary: '修改备案 Change name, sites or filed scope (send the version you read)',
        params: idParams,
        body: updateInstitutionSchema,
        response: { 200: institutionViewSchema },
      },
      config: { access: managers },
    },
    async (request) =>
      updateInstitution(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/institutions/:id/renew',
    {
      schema: {
        tags,
        summary: '续期 Renew a filing: a later end of validity',
        params: idParams,
        body: renewSchema,
        response: { 200: institutionViewSchema },
      },
      config: { access: managers },
    },
    async (request) =>
      renewInstitution(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.body,
      ),
  );

  const summaries = {
    suspend: '暂停 Suspend an active filing (暂停评价活动)',
    reinstate: '恢复 Reinstate a suspended filing',
    withdraw: '退出 Withdraw a filing (取消备案; final)',
  };
  for (const action of ['suspend', 'reinstate', 'withdraw'] as const) {
    app.post(
      `/institutions/:id/${action}`,
      {
        schema: {
          tags,
          summary: summaries[action],
          params: idParams,
          body: reasonSchema,
          response: { 200: institutionViewSchema },
        },
        config: { access: managers },
      },
      async (request) =>
        changeFilingStatus(
          deps,
          auditContextOf(request, deps.clock),
          principalOf(request),
          request.params.id,
          action,
          request.body,
        ),
    );
  }

  app.get(
    '/institutions/:id/history',
    {
      schema: {
        tags,
        summary: '备案记录 The filing’s trail: every change with before/after and reason',
        params: idParams,
        response: { 200: z.object({ items: z.array(institutionHistoryEntrySchema) }) },
      },
      config: { access: overseers },
    },
    async (request) => ({
      items: await getInstitutionHistory(deps, principalOf(request), request.params.id),
    }),
  );
}
