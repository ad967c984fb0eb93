import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { PolicyDeps } from '../recognition/policy.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { explainChanges } from './explain.changes.ts';
import { createExplainer } from './explain.service.ts';

const text = z.object({ zh: z.string(), en: z.string() });
const named = text.extend({ code: z.string() });
const exemption = z.object({
  target: named.extend({ department: named }),
  exempt: z.array(named),
  clause: z.string(),
  evidence: named,
  decidedBy: text,
  conditions: z.array(z.object({ code: z.string(), text: z.string() })),
  /** What the holder must still do: apply, the rest of the assessment, each condition. */
  mustStillDo: z.array(text),
  technical: z.object({ rule: z.string(), decidedBy: z.unknown(), reason: z.string() }),
});
const level = z.object({
  occupation: named,
  deemedLevel: named,
  mayApplyFor: named.nullable(),
  clause: z.string(),
  evidence: named.nullable(),
  mustStillDo: z.array(text),
  technical: z.object({ rule: z.string() }),
});
const packRow = text.extend({
  basis: z.string(),
  effectiveFrom: z.string(),
  effectiveUntil: z.string().nullable(),
  technical: z.object({ row: z.string(), pack: z.string().nullable(), version: z.string().nullable() }),
});
const diffRow = text.extend({ technical: z.object({ row: z.string() }) });
const version = z.object({
  policy: text.extend({ id: z.string(), kind: z.string() }),
  version: z.string(),
  effectiveFrom: z.string().nullable(),
  publishedAt: z.string().nullable(),
  basis: z.string(),
  added: z.array(diffRow),
  removed: z.array(diffRow),
  changed: z.array(z.object({ before: text, after: text, technical: z.object({ row: z.string() }) })),
  technical: z.object({ policy: z.string(), version: z.string(), basedOn: z.string().nullable() }),
});
const asOfQuery = z.strictObject({ asOf: z.iso.date().optional() });

/**
 * 政策解读 (issue 14 §1): the JSON the explainer pages read. Public, per-address rate-limited; policy data only, so
 * no proof-of-work. `asOf` (default today, China time) picks the published versions in force on that date.
 */
export async function explainRoutes(
  base: FastifyInstance,
  opts: PolicyDeps & { publicRateLimit: number },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const explainer = createExplainer(opts);
  const config = {
    access: { public: true as const },
    rateLimit: { max: opts.publicRateLimit, timeWindow: '1 minute' },
  };
  const tags = ['explain'];

  app.get(
    '/public/explain/types/:type',
    {
      schema: {
        tags,
        summary:
          '证书能带来什么 What a certificate type gives (exemptions, deemed levels) towards which certificates, on what clause and evidence, where provinces differ, what the holder must still do',
        params: z.object({ type: z.string().min(1).max(64) }),
        querystring: asOfQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            type: named.extend({ department: named, kind: z.string() }),
            validityCondition: z.string(),
            gives: z.object({ exemptions: z.array(exemption), levels: z.array(level) }),
            /** Certificates that earn a waiver when applying for this type. */
            towardsThis: z.array(exemption.extend({ from: named.extend({ department: z.string() }) })),
            /** Only provinces whose answer differs from the national one. */
            provinces: z.array(
              z.object({
                region: named,
                differences: z.array(text.extend({ kind: z.string(), detail: z.unknown() })),
              }),
            ),
            technical: z.object({ policy: z.unknown(), dormant: z.unknown() }),
          }),
        },
      },
      config,
    },
    async (request) => explainer.type(request.params.type, request.query.asOf ?? todayInChina(opts.clock)),
  );

  app.get(
    '/public/explain/regions/:region',
    {
      schema: {
        tags,
        summary:
          '各省安排 A province’s 对应目录, 一试多证 arrangements, its own and its departments’ provisions, designations',
        params: z.object({ region: z.string().regex(/^\d{2}0000$/, 'a province code like 310000') }),
        querystring: asOfQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            region: named,
            correspondence: z.array(packRow),
            oneExamMultiCert: z.array(packRow),
            overrides: z.array(packRow),
            departmentRules: z.array(
              text.extend({
                department: named,
                scope: named.nullable(),
                basis: z.string(),
                effectiveFrom: z.string(),
                effectiveUntil: z.string().nullable(),
                technical: z.object({ row: z.string(), pack: z.string(), version: z.string() }),
              }),
            ),
            designations: z.array(
              text.extend({ type: named.extend({ department: z.string() }), status: z.string() }),
            ),
            technical: z.object({ policy: z.unknown() }),
          }),
        },
      },
      config,
    },
    async (request) =>
      explainer.region(request.params.region, request.query.asOf ?? todayInChina(opts.clock)),
  );

  app.get(
    '/public/explain/changes',
    {
      schema: {
        tags,
        summary: '政策变化 What each published version changed, in force by asOf (newest first) and upcoming',
        querystring: asOfQuery,
        response: {
          200: z.object({
            asOf: z.string(),
            national: z.object({
              version: z.string(),
              basis: z.string(),
              events: z.array(
                z.object({ date: z.string(), tookEffect: z.array(named), ended: z.array(named) }),
              ),
            }),
            versions: z.array(version),
            upcoming: z.array(version),
          }),
        },
      },
      config,
    },
    async (request) => explainChanges(opts, explainer.say, request.query.asOf ?? todayInChina(opts.clock)),
  );
}
