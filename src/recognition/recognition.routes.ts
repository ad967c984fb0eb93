import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/auth.plugin.ts';
import { getHolderView } from '../registry/registry.service.ts';
import { todayInChina } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { canSeeHolderOf } from './decision-credential.ts';
import { createPolicyResolver, type PolicyDeps } from './policy.service.ts';
import { getDecisionRow, replayDecision, storeDecision } from './recognition.decisions.ts';
import { evaluate } from './recognition.engine.ts';
import {
  evaluationRequestSchema,
  evaluationResponseSchema,
  type HeldCertificate,
} from './recognition.model.ts';

export interface RecognitionRoutesOptions extends PolicyDeps {
  publicRateLimit: number;
}

const viewers = {
  roles: ['system-admin', 'department-admin', 'province-admin', 'supervisor', 'holder'],
} as const;

export async function recognitionRoutes(
  base: FastifyInstance,
  opts: RecognitionRoutesOptions,
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const resolve = createPolicyResolver(opts);
  // The public, unauthenticated route answers from resolutions up to a second old (writes in this process show at
  // once): two database reads per request through PGlite's one session capped it near 300/s (issue 16 §6).
  const resolvePublic = createPolicyResolver(opts, { reuseMs: 1000 });

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
      const policy = await resolvePublic(region, asOf);
      return evaluate(policy.compiled, certificates, asOf, region, {
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
        response: { 200: evaluationResponseSchema.extend({ decisionId: z.string() }) },
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
        ...(c.review.reviewedUntil && { reviewedUntil: c.review.reviewedUntil }),
        ...(c.occupation && { occupation: c.occupation }),
        ...(c.level && { level: c.level as HeldCertificate['level'] }),
      }));
      const region = request.query.region ?? null;
      const policy = await resolve(region, asOf);
      const result = evaluate(policy.compiled, held, asOf, region, { trace: request.query.trace === 'true' });
      const decisionId = await storeDecision(opts, {
        holderId: view.holder.id,
        region,
        asOf,
        nationalVersion: policy.nationalVersion,
        provinceVersion: policy.provinceVersion,
        departmentVersions: policy.departmentVersions,
        facts: { certificates: held },
        result,
      });
      return { ...result, decisionId };
    },
  );

  app.post(
    '/recognition/decisions/:id/replay',
    {
      schema: {
        tags: ['recognition'],
        summary: '复核 Replay a stored decision with the policy versions and facts it was made from',
        params: z.object({ id: z.uuid() }),
        response: {
          200: z.object({
            decisionId: z.string(),
            holderId: z.string().nullable(),
            asOf: z.string(),
            policy: z.object({ national: z.string(), province: z.string().nullable() }),
            identical: z.boolean(),
            original: evaluationResponseSchema,
            replayed: evaluationResponseSchema,
          }),
        },
      },
      config: { access: viewers },
    },
    async (request) => {
      // Before anything is replayed: only who may see the decision's holder replays it, and one about nobody in
      // the registry (a batch row's eligibility) is the system admins' — as for reading the decision.
      const row = await getDecisionRow(opts.db, request.params.id);
      if (!row || !(await canSeeHolderOf(opts, principalOf(request), row)))
        throw new AppError('not_found', 'no such decision');
      return replayDecision(opts, resolve, request.params.id);
    },
  );
}
