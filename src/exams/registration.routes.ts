import multipart from '@fastify/multipart';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { AppError } from '../shared/errors.ts';
import { registerBatch } from './registration.batch.ts';
import {
  COMMITMENT,
  eligibilityRequestSchema,
  eligibilitySchema,
  listRegistrationsQuery,
  registrationViewSchema,
  selfRegistrationSchema,
} from './registration.model.ts';
import {
  cancelRegistration,
  canSeeRegistration,
  createEligibilityChecker,
  type ExamDeps,
  getRegistration,
  loadOpenTarget,
  selfRegister,
  toRegistrationView,
} from './registration.service.ts';
import { findPlan, planProvinces, selectRegistrations } from './registration.store.ts';

const planParams = z.object({ planId: z.uuid() });
const staff = ['system-admin', 'province-admin', 'institution-operator', 'supervisor'] as const;
const MAX_BATCH_BYTES = 5 * 1024 * 1024;

export async function registrationRoutes(base: FastifyInstance, deps: ExamDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const check = createEligibilityChecker(deps);
  await app.register(multipart, { limits: { files: 1, fileSize: MAX_BATCH_BYTES, fields: 5 } });

  app.get(
    '/registrations/commitment',
    {
      schema: {
        tags: ['exams'],
        summary: '双承诺 The commitment text a candidate accepts when registering',
        response: { 200: z.object({ version: z.string(), textZh: z.string(), textEn: z.string() }) },
      },
      config: { access: { public: true } },
    },
    async () => COMMITMENT,
  );

  app.post(
    '/plans/:planId/eligibility',
    {
      schema: {
        tags: ['exams'],
        summary:
          '报名资格 Am I eligible? The recognition engine on my certificates + the standard’s conditions',
        params: planParams,
        body: eligibilityRequestSchema,
        response: { 200: eligibilitySchema.extend({ decisionId: z.string() }) },
      },
      config: { access: { roles: ['holder'] } },
    },
    async (request) => {
      const principal = principalOf(request);
      const plan = await findPlan(deps.db, request.params.planId);
      if (plan?.status !== 'approved') throw new AppError('not_found', 'no such plan');
      let region = plan.lead_province;
      if (request.body.sittingId)
        region = (await loadOpenTarget(deps, plan.id, request.body.sittingId)).province;
      const { eligibility, decisionId } = await check(
        principal.holderId,
        plan.occupation,
        plan.level,
        region,
        request.body.declared,
      );
      return { ...eligibility, decisionId };
    },
  );

  app.post(
    '/plans/:planId/registrations',
    {
      schema: {
        tags: ['exams'],
        summary: '报名 Register myself for a sitting of the plan (holder accounts; 双承诺 required)',
        params: planParams,
        body: selfRegistrationSchema,
        response: { 201: registrationViewSchema },
      },
      config: { access: { roles: ['holder'] } },
    },
    async (request, reply) => {
      const view = await selfRegister(
        deps,
        check,
        principalOf(request),
        auditContextOf(request, deps.clock),
        request.params.planId,
        request.body,
      );
      return reply.code(201).send(view);
    },
  );

  app.get(
    '/plans/:planId/registrations',
    {
      schema: {
        tags: ['exams'],
        summary:
          '报名名单 A plan’s registrations: an institution sees its own, a province admin its province’s',
        params: planParams,
        querystring: listRegistrationsQuery,
        response: { 200: z.object({ items: z.array(registrationViewSchema), next: z.string().optional() }) },
      },
      config: { access: { roles: staff } },
    },
    async (request) => {
      const principal = principalOf(request);
      const plan = await findPlan(deps.db, request.params.planId);
      const members = plan ? await planProvinces(deps.db, plan.id) : [];
      const visible =
        plan &&
        members.some((m) =>
          canSeeRegistration(principal, {
            holder_id: '',
            institution_id: m.institution_id,
            province: m.province,
          }),
        );
      if (!visible) throw new AppError('not_found', 'no such plan');
      const { status, province, after, limit } = request.query;
      let q = selectRegistrations(deps.db).where('r.plan_id', '=', plan.id);
      if (principal.role === 'institution-operator')
        q = q.where('r.institution_id', '=', principal.institution ?? '');
      if (
        principal.role !== 'system-admin' &&
        principal.role !== 'institution-operator' &&
        principal.province
      )
        q = q.where('r.province', '=', principal.province);
      if (status) q = q.where('r.status', '=', status);
      if (province) q = q.where('r.province', '=', province);
      if (after) {
        const [at, id] = after.split('|');
        if (!at || !id || Number.isNaN(Date.parse(at)))
          throw new AppError('validation_failed', 'bad cursor', [
            { path: 'querystring.after', message: 'cursor' },
          ]);
        q = q.where((eb) =>
          eb.or([
            eb('r.created_at', '>', new Date(at)),
            eb.and([eb('r.created_at', '=', new Date(at)), eb('r.id', '>', id)]),
          ]),
        );
      }
      const rows = await q
        .orderBy('r.created_at')
        .orderBy('r.id')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit).map(toRegistrationView);
      const last = page.at(-1);
      return { items: page, ...(rows.length > limit && last && { next: `${last.createdAt}|${last.id}` }) };
    },
  );

  app.post(
    '/plans/:planId/registrations/batch',
    {
      schema: {
        tags: ['exams'],
        summary:
          '批量报名 An institution registers a roster (XLSX or CSV, field `file`) into one of its sittings',
        params: planParams,
        querystring: z.strictObject({ sittingId: z.uuid() }),
      },
      config: { access: { roles: ['system-admin', 'institution-operator'] } },
    },
    async (request) => {
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 'send multipart/form-data with a field named file');
      const part = await request.file();
      if (!part) throw new AppError('validation_failed', 'no file', [{ path: 'file', message: 'required' }]);
      const file = await part.toBuffer();
      return registerBatch(deps, check, principalOf(request), auditContextOf(request, deps.clock), {
        planId: request.params.planId,
        sittingId: request.query.sittingId,
        filename: part.filename,
        file,
      });
    },
  );

  app.get(
    '/me/registrations',
    {
      schema: {
        tags: ['exams'],
        summary: '我的报名 My registrations',
        response: { 200: z.object({ items: z.array(registrationViewSchema) }) },
      },
      config: { access: { roles: ['holder'] } },
    },
    async (request) => {
      const principal = principalOf(request);
      const rows = await selectRegistrations(deps.db)
        .where('r.holder_id', '=', principal.holderId ?? '00000000-0000-0000-0000-000000000000')
        .orderBy('r.starts_at', 'desc')
        .execute();
      return { items: rows.map(toRegistrationView) };
    },
  );

  app.get(
    '/registrations/:id',
    {
      schema: {
        tags: ['exams'],
        summary: '报名详情 One registration with its eligibility answer',
        params: z.object({ id: z.uuid() }),
        response: { 200: registrationViewSchema },
      },
      config: { access: { roles: [...staff, 'holder'] } },
    },
    async (request) => getRegistration(deps, principalOf(request), request.params.id),
  );

  app.post(
    '/registrations/:id/cancel',
    {
      schema: {
        tags: ['exams'],
        summary: '取消报名 Cancel a registration (the candidate, the institution, or the province admin)',
        params: z.object({ id: z.uuid() }),
        response: { 200: registrationViewSchema },
      },
      config: { access: { roles: ['system-admin', 'province-admin', 'institution-operator', 'holder'] } },
    },
    async (request) =>
      cancelRegistration(deps, principalOf(request), auditContextOf(request, deps.clock), request.params.id),
  );
}
