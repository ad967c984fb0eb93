import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idTypes } from '../registry/identity.ts';
import { reviewStatuses } from '../registry/registry.model.ts';
import { AppError } from '../shared/errors.ts';
import { assertChallengeSolved, type ChallengeIssuer, POW_ALGORITHM, POW_HEADER } from './query.challenge.ts';
import { createIdentifierLimiter } from './query.limiter.ts';
import { identifierKey, type QueryDeps, searchPublic } from './query.service.ts';

export interface QueryRoutesOptions extends QueryDeps {
  /** Requests per minute per client address. */
  publicRateLimit: number;
  /** Queries per hour for one identifier (ID number or certificate number), whatever the address. */
  identifierLimit: number;
  /** The proof-of-work anonymous callers must present (its `bits` 0 turns it off); shared with the print route. */
  challenges: ChallengeIssuer;
}

const name = z.string().trim().min(1, 'the name is required').max(64);
// A POST body: ID numbers (and MEM numbers, which contain them) never go into URLs or access logs (design.md).
const bodySchema = z.union([
  z.strictObject({ name, idNumber: z.string().trim().min(1).max(32), idType: z.enum(idTypes).optional() }),
  z.strictObject({ name, number: z.string().trim().min(1).max(64) }),
]);

const hostedSchema = z.object({
  kind: z.literal('hosted'),
  type: z.string(),
  typeNameZh: z.string(),
  typeNameEn: z.string(),
  number: z.string(),
  holderName: z.string(),
  issuer: z.object({ region: z.string(), organization: z.string() }),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(['valid', 'suspended', 'revoked', 'expired', 'not-yet-valid']),
  /** 复审: `overdue` = 待复审 (not 合法有效 until reviewed); `unknown` = a rule applies, the date is not known. */
  review: z.object({ status: z.enum(reviewStatuses), reviewedUntil: z.string().nullable() }),
  source: z.object({
    kind: z.literal('hosted'),
    id: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    department: z.string(),
    updatedAt: z.string(),
  }),
  /** Opaque, 30 minutes: prints this certificate via POST /public/certificates/credential {ref}. */
  ref: z.string(),
});
const linkedSchema = z.object({
  kind: z.literal('linked'),
  source: z.object({
    kind: z.literal('linked'),
    id: z.string(),
    nameZh: z.string(),
    nameEn: z.string(),
    department: z.string(),
    url: z.string(),
    updatedAt: z.string().nullable(),
  }),
  deepLink: z.string(),
  types: z.array(z.object({ id: z.string(), nameZh: z.string(), nameEn: z.string() })),
});
const resultSchema = z.discriminatedUnion('kind', [hostedSchema, linkedSchema]);

export async function queryRoutes(base: FastifyInstance, opts: QueryRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const limiter = createIdentifierLimiter(opts.identifierLimit, 3600_000, opts.counters, 'query:');
  const { challenges } = opts;
  const rateLimit = { max: opts.publicRateLimit, timeWindow: '1 minute' };

  app.get(
    '/public/challenge',
    {
      schema: {
        tags: ['query'],
        summary: `查询验证 A proof-of-work challenge for one public query (${POW_ALGORITHM}, valid five minutes)`,
        response: {
          200: z.object({
            challenge: z.string(),
            bits: z.number(),
            algorithm: z.literal(POW_ALGORITHM),
            expiresAt: z.string(),
          }),
        },
      },
      config: { access: { public: true }, rateLimit },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      return challenges.issue(opts.clock.now());
    },
  );

  app.post(
    '/public/certificates/search',
    {
      schema: {
        tags: ['query'],
        summary:
          '一网通查 Public query: name + ID number (all of a person’s certificates) or name + certificate number. ' +
          `Anonymous callers send header ${POW_HEADER}: <challenge>:<nonce>, solving GET /api/v1/public/challenge ` +
          '(SHA-256(challenge ":" nonce) with `bits` leading zero bits; one use; else 428 challenge_required). ' +
          'Items are hosted data (kind hosted, with the source and its last update) or deep links to a ' +
          'department’s own query site (kind linked).',
        body: bodySchema,
        response: { 200: z.object({ items: z.array(resultSchema) }) },
      },
      config: { access: { public: true }, rateLimit },
    },
    async (request) => {
      await assertChallengeSolved(challenges, request, opts.clock.now());
      // The lookup starts beside the identifier's count (on PostgreSQL both are round trips, and waiting for one
      // then the other was a third of a request's time, issue 16 §6): a refused request never sees its rows.
      const search = searchPublic(opts, request.body);
      search.catch(() => {});
      const wait = await limiter.hit(identifierKey(opts, request.body), opts.clock.now().getTime());
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
      return { items: await search };
    },
  );
}
