import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { cosignaturesOf, decideCosignature, publishDraft, requestCosignatures } from './policy.cosign.ts';
import { policyIdPattern } from './policy.owner.ts';
import { diffPacks } from './policy.rules.ts';
import {
  createDraft,
  getVisiblePolicyVersion,
  listPolicies,
  type PolicyDeps,
  updateDraft,
} from './policy.service.ts';
import { simulateDraft } from './policy.simulate.ts';
import {
  correspondenceRowSchema,
  departmentRuleSchema,
  oneExamMultiCertSchema,
  overrideSchema,
  targetDepartmentSchema,
} from './recognition.model.ts';

const policyId = z
  .string()
  .regex(policyIdPattern, 'national, a province code, or dept-<department>[-<province>]');
const editable = z.object({
  id: z.string().regex(policyIdPattern, 'a province code or dept-<department>[-<province>]'),
});
const province = z.object({ region: z.string().regex(/^\d{2}0000$/, 'a province code like 310000') });
const cosignatureSchema = z.object({
  department: z.string(),
  rows: z.array(z.string()),
  status: z.enum(['needed', 'pending', 'signed', 'rejected']),
  reason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
const versionInfo = z.object({
  version: z.string(),
  status: z.enum(['draft', 'awaiting-cosign', 'published']),
  effectiveFrom: z.string().nullable(),
  publishedAt: z.string().nullable(),
  source: z.enum(['file', 'database']),
});
const row = z.looseObject({ id: z.string() });
const editors = { roles: ['system-admin', 'province-admin', 'department-admin'] } as const;
const cosigners = { roles: ['system-admin', 'department-admin'] } as const;

export async function policyRoutes(base: FastifyInstance, deps: PolicyDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/policies',
    {
      schema: {
        tags: ['policies'],
        summary:
          '政策目录 The national pack, each department’s 特别规定 and each province’s pack, with every version',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                kind: z.enum(['national', 'department', 'province']),
                region: z.string().nullable(),
                department: z.string().nullable(),
                versions: z.array(versionInfo),
              }),
            ),
          }),
        },
      },
      config: { access: { public: true } },
    },
    async (request) => ({ items: await listPolicies(deps, request.principal) }),
  );

  app.get(
    '/policies/:id/versions/:version',
    {
      schema: {
        tags: ['policies'],
        summary: '政策版本 One version of a pack (`current` = in force today)',
        params: z.object({ id: policyId, version: z.string().max(32) }),
        response: {
          200: versionInfo.extend({
            id: z.string(),
            pack: z.unknown(),
            /** 会同: who has to co-sign (provincial packs), and where each stands. */
            cosignatures: z.array(cosignatureSchema),
          }),
        },
      },
      config: { access: { public: true } },
    },
    async (request) => {
      const found = await getVisiblePolicyVersion(
        deps,
        request.principal,
        request.params.id,
        request.params.version,
      );
      return { ...found, cosignatures: await cosignaturesOf(deps, request.params.id, found.version) };
    },
  );

  app.get(
    '/policies/:id/diff',
    {
      schema: {
        tags: ['policies'],
        summary: '版本对比 Rows added, removed and changed between two versions',
        params: z.object({ id: policyId }),
        querystring: z.strictObject({ from: z.string().max(32), to: z.string().max(32) }),
        response: {
          200: z.object({
            added: z.array(row),
            removed: z.array(row),
            changed: z.array(z.object({ id: z.string(), before: z.unknown(), after: z.unknown() })),
          }),
        },
      },
      config: { access: { public: true } },
    },
    async (request) => {
      const { id } = request.params;
      const from = await getVisiblePolicyVersion(deps, request.principal, id, request.query.from);
      const to = await getVisiblePolicyVersion(deps, request.principal, id, request.query.to);
      return diffPacks(from.pack as never, to.pack as never);
    },
  );

  app.post(
    '/policies/:id/drafts',
    {
      schema: {
        tags: ['policies'],
        summary: '新建草稿 A new draft of a province’s or a department’s pack, from the version in force',
        params: editable,
        body: z.strictObject({}).nullish(),
        response: { 201: z.object({ version: z.string(), basedOn: z.string().nullable() }) },
      },
      config: { access: editors },
    },
    async (request, reply) => {
      const draft = await createDraft(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
      );
      return reply.code(201).send(draft);
    },
  );

  app.put(
    '/policies/:id/drafts/:version',
    {
      schema: {
        tags: ['policies'],
        summary:
          '编辑草稿 Replace a draft’s rows: a province’s overrides, 对应目录 rows and 一试多证 arrangements, or a department’s rules',
        params: editable.extend({ version: z.string().max(32) }),
        body: z.union([
          z.strictObject({
            overrides: z.array(overrideSchema),
            correspondence: z.array(correspondenceRowSchema),
            oneExamMultiCert: z.array(oneExamMultiCertSchema),
          }),
          z.strictObject({ rules: z.array(departmentRuleSchema) }),
        ]),
        response: { 200: z.object({ version: z.string(), pack: z.unknown() }) },
      },
      config: { access: editors },
    },
    async (request) => {
      const { id, version } = request.params;
      const pack = await updateDraft(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        id,
        version,
        request.body,
      );
      return { version, pack };
    },
  );

  app.post(
    '/policies/:id/drafts/:version/request-cosign',
    {
      schema: {
        tags: ['policies'],
        summary: '提请会签 Send a provincial draft to the departments whose certificates it touches (会同)',
        params: editable.extend({ version: z.string().max(32) }),
        body: z.strictObject({}).nullish(),
        response: {
          200: z.object({
            version: z.string(),
            status: z.literal('awaiting-cosign'),
            departments: z.record(z.string(), z.array(z.string())),
          }),
        },
      },
      config: { access: editors },
    },
    async (request) =>
      requestCosignatures(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.params.version,
      ),
  );

  app.post(
    '/policies/:id/drafts/:version/cosign',
    {
      schema: {
        tags: ['policies'],
        summary:
          '会签 A department signs, or rejects with a reason, the rows of a provincial draft that concern it',
        params: editable.extend({ version: z.string().max(32) }),
        body: z.strictObject({
          department: targetDepartmentSchema,
          outcome: z.enum(['signed', 'rejected']),
          reason: z.string().trim().max(1000).optional(),
        }),
        response: { 200: z.object({ department: z.string(), status: z.enum(['signed', 'rejected']) }) },
      },
      config: { access: cosigners },
    },
    async (request) =>
      decideCosignature(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        request.params.id,
        request.params.version,
        request.body,
      ),
  );

  app.post(
    '/policies/:id/drafts/:version/publish',
    {
      schema: {
        tags: ['policies'],
        summary:
          '发布 Publish a draft from an effective date (a provincial one once every department concerned co-signed); it never changes afterwards',
        params: editable.extend({ version: z.string().max(32) }),
        body: z.strictObject({ effectiveFrom: z.iso.date() }),
        response: {
          200: z.object({ version: z.string(), status: z.literal('published'), effectiveFrom: z.string() }),
        },
      },
      config: { access: editors },
    },
    async (request) => {
      const { id, version } = request.params;
      const ctx = auditContextOf(request, deps.clock);
      return publishDraft(deps, ctx, principalOf(request), id, version, request.body.effectiveFrom);
    },
  );

  app.post(
    '/policies/:region/simulate',
    {
      schema: {
        tags: ['policies'],
        summary: '影响模拟 Who would gain or lose what if the draft were in force, over the whole registry',
        params: province,
        body: z.strictObject({ version: z.string().max(32), asOf: z.iso.date().optional() }),
      },
      config: { access: { roles: ['system-admin', 'province-admin'] } },
    },
    async (request) =>
      simulateDraft(
        deps,
        principalOf(request),
        request.params.region,
        request.body.version,
        request.body.asOf,
      ),
  );
}
