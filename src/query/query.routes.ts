import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idTypes } from '../registry/identity.ts';
import type { RegistryDeps } from '../registry/registry.service.ts';
import { AppError } from '../shared/errors.ts';
import { createIdentifierLimiter } from './query.limiter.ts';
import { identifierKey, searchPublic } from './query.service.ts';

export interface QueryRoutesOptions extends RegistryDeps {
  /** Requests per minute per client address. */
  publicRateLimit: number;
  /** Queries per hour for one identifier (ID number or certificate number), whatever the address. */
  identifierLimit: number;
}

const name = z.string().trim().min(1, 'the name is required').max(64);
// A POST body: ID numbers (and MEM numbers, which contain them) never go into URLs or access logs (design.md).
const bodySchema = z.union([
  z.strictObject({ name, idNumber: z.string().trim().min(1).max(32), idType: z.enum(idTypes).optional() }),
  z.strictObject({ name, number: z.string().trim().min(1).max(64) }),
]);

const resultSchema = z.object({
  type: z.string(),
  typeNameZh: z.string(),
  typeNameEn: z.string(),
  number: z.string(),
  holderName: z.string(),
  issuer: z.object({ region: z.string(), organization: z.string() }),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(['valid', 'suspended', 'revoked', 'expired', 'not-yet-valid']),
  source: z.object({ kind: z.literal('hosted'), department: z.string(), updatedAt: z.string() }),
});

export async function queryRoutes(base: FastifyInstance, opts: QueryRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const limiter = createIdentifierLimiter(opts.identifierLimit, 3600_000);

  app.post(
    '/public/certificates/search',
    {
      schema: {
        tags: ['query'],
        summary:
          '一网通查 Public query: name + ID number (all of a person’s certificates) or name + certificate number',
        body: bodySchema,
        response: { 200: z.object({ items: z.array(resultSchema) }) },
      },
      config: { access: { public: true }, rateLimit: { max: opts.publicRateLimit, timeWindow: '1 minute' } },
    },
    async (request) => {
      const wait = limiter.hit(identifierKey(opts, request.body), opts.clock.now().getTime());
      if (wait !== null) {
        throw new AppError(
          'too_many_requests',
          'too many queries for this identifier; try again later',
          undefined,
          {
            'retry-after': String(wait),
          },
        );
      }
      return { items: await searchPublic(opts, request.body) };
    },
  );
}
