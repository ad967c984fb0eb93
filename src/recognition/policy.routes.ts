import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import { diffPacks } from './policy.rules.ts';
import {
  createDraft,
  getVisiblePolicyVersion,
  listPolicies,
  type PolicyDeps,
  publishDraft,
  updateDraft,
} from './policy.service.ts';
import { simulateDraft } from './policy.simulate.ts';
import { correspondenceRowSchema, oneExamMultiCertSchema, overrideSchema } from './recognition.model.ts';

const policyId = z.string().regex(/^(national|\d{2}0000)$/, 'national or a province code');
const province = z.object({ region: z.string().regex(/^\d{2}0000$/, 'a province code like 310000') });
const versionInfo = z.object({
  version: z.string(),
  status: z.enum(['draft', 'published']),
  effectiveFrom: z.string().nullable(),
  publishedAt: z.string().nullable(),
  source: z.enum(['file', 'database']),
});
const row = z.looseObject({ id: z.string() });
const editors = { roles: ['system-admin', 'province-admin'] } as const;

export async function policyRoutes(base: FastifyInstance, deps: PolicyDeps): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/policies',
    {
      schema: {
        tags: ['policies'],
        summary: '政策目录 The national pack and each province’s pack, with every version',
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), region: z.string().nullable(), versions: z.array(versionInfo) }),
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
        response: { 200: versionInfo.extend({ id: z.string(), pack: z.unknown() }) },
      },
      config: { access: { public: true } },
    },
    async (request) =>
      getVisiblePolicyVersion(deps, request.principal, request.params.id, request.params.version),
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
    '/policies/:region/drafts',
    {
      schema: {
        tags: ['policies'],
        summary: '新建草稿 A new draft of the province’s pack, from the version in force',
        params: province,
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
        request.params.region,
      );
      return reply.code(201).send(draft);
    },
  );

  app.put(
    '/policies/:region/drafts/:version',
    {
      schema: {
        tags: ['policies'],
        summary: '编辑草稿 Replace a draft’s rows (overrides, 对应目录 rows, 一试多证 arrangements)',
        params: province.extend({ version: z.string().max(32) }),
        body: z.strictObject({
          overrides: z.array(overrideSchema),
          correspondence: z.array(correspondenceRowSchema),
          oneExamMultiCert: z.array(oneExamMultiCertSchema),
        }),
        response: { 200: z.object({ version: z.string(), pack: z.unknown() }) },
      },
      config: { access: editors },
    },
    async (request) => {
      const { region, version } = request.params;
      const pack = await updateDraft(
        deps,
        auditContextOf(request, deps.clock),
        principalOf(request),
        region,
        version,
        request.body,
      );
      return { version, pack };
    },
  );

  app.post(
    '/policies/:region/drafts/:version/publish',
    {
      schema: {
        tags: ['policies'],
        summary: '发布 Publish a draft from an effective date; it never changes afterwards',
        params: province.extend({ version: z.string().max(32) }),
        body: z.strictObject({ effectiveFrom: z.iso.date() }),
        response: {
          200: z.object({ version: z.string(), status: z.literal('published'), effectiveFrom: z.string() }),
        },
      },
      config: { access: editors },
    },
    async (request) => {
      const { region, version } = request.params;
      const ctx = auditContextOf(request, deps.clock);
      return publishDraft(deps, ctx, principalOf(request), region, version, request.body.effectiveFrom);
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
      config: { access: editors },
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
