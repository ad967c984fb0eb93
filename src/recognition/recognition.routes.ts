import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listDesignations } from '../catalog/designations.service.ts';
import { principalOf } from '../http/auth.plugin.ts';
import { getHolderView, type RegistryDeps } from '../registry/registry.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { createPolicyCache } from './recognition.compile.ts';
import { evaluate } from './recognition.engine.ts';
import type { PolicyPacks } from './recognition.load.ts';
import {
  evaluationRequestSchema,
  evaluationResponseSchema,
  type HeldCertificate,
} from './recognition.model.ts';

export interface RecognitionRoutesOptions extends RegistryDeps {
  policies: PolicyPacks;
  publicRateLimit: number;
}

/**
 * The policy compiled once per (province, date window) and per set of province designations: admins add
 * designations at run time, so the cache is rebuilt when that set changes.
 */
function createCompiledPolicies(opts: RecognitionRoutesOptions) {
  let signature = '';
  let cache: ReturnType<typeof createPolicyCache> | undefined;
  return async (region: string | undefined, asOf: string) => {
    const designations = await listDesignations(opts.db, opts.catalog);
    const next = designations
      .map((d) => `${d.type}@${d.region}`)
      .sort()
      .join(',');
    if (!cache || next !== signature) {
      cache = createPolicyCache(opts.policies.national, opts.policies.provinces, opts.catalog, {
        designations,
      });
      signature = next;
    }
    return cache(region, asOf);
  };
}

export async function recognitionRoutes(
  base: FastifyInstance,
  opts: RecognitionRoutesOptions,
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const compiled = createCompiledPolicies(opts);

  app.post(
    '/recognition/evaluate',
    {
      schema: {
        tags: ['recognition'],
        summary:
          '互认查询 What these certificates earn: exemptions and deemed levels, with the clause and the reasons',
        body: evaluationRequestSchema,
        response: { 200: evaluationResponseSchema },
      },
      config: {
        access: { public: true },
        rateLimit: { max: opts.publicRateLimit, timeWindow: '1 minute' },
      },
    },
    async (request) => {
      const { certificates, region, experience, trace } = request.body;
      const asOf = request.body.asOf ?? todayInChina(opts.clock);
      const policy = await compiled(region, asOf);
      return evaluate(policy, certificates, asOf, region, {
        ...(trace !== undefined && { trace }),
        ...(experience && { experience }),
      });
    },
  );

  app.get(
    '/holders/:id/recognitions',
    {
      schema: {
        tags: ['recognition'],
        summary: '我的互认 The same answer from the registry’s certificates of one holder',
        params: z.object({ id: z.uuid() }),
        querystring: z.strictObject({
          region: z
            .string()
            .regex(/^\d{6}$/)
            .optional(),
          asOf: z.iso.date().optional(),
          trace: z.enum(['true', 'false']).optional(),
        }),
        response: { 200: evaluationResponseSchema },
      },
      config: {
        access: { roles: ['system-admin', 'department-admin', 'province-admin', 'supervisor', 'holder'] },
      },
    },
    async (request) => {
      const view = await getHolderView(opts, principalOf(request), request.params.id);
      const asOf = request.query.asOf ?? todayInChina(opts.clock);
      const held: HeldCertificate[] = view.certificates.map((c) => ({
        type: c.type,
        number: c.number,
        validFrom: c.validFrom,
        validUntil: c.validUntil,
        status: c.status,
        ...(c.occupation && { occupation: c.occupation }),
        ...(c.level && { level: c.level as HeldCertificate['level'] }),
      }));
      const policy = await compiled(request.query.region, asOf);
      return evaluate(policy, held, asOf, request.query.region, { trace: request.query.trace === 'true' });
    },
  );
}
