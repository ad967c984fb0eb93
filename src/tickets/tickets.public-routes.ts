import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../http/auth.plugin.ts';
import type { SharedCounters } from '../limits/limits.model.ts';
import { assertChallengeSolved, type ChallengeIssuer, POW_HEADER } from '../query/query.challenge.ts';
import { createIdentifierLimiter } from '../query/query.limiter.ts';
import { AppError } from '../shared/errors.ts';
import { searchFaq } from './faq.search.ts';
import { MAX_FILE_BYTES, MAX_FILES, readMultipartBody, uploadsOf } from './tickets.attachments.ts';
import {
  credentialsSchema,
  namedSchema,
  officeSchema,
  rateSchema,
  submitSchema,
  submitterViewSchema,
  supplementSchema,
} from './tickets.model.ts';
import {
  addInformation,
  listMyTickets,
  lookupTicket,
  rateTicket,
  submitTicket,
  type TicketDeps,
} from './tickets.service.ts';

export interface PublicTicketRoutesOptions extends TicketDeps {
  /** Requests per minute per client address. */
  publicRateLimit: number;
  /** The public query's proof-of-work: anonymous writes and lookups spend one solved challenge each. */
  challenges: ChallengeIssuer;
  /** Lookups (and additions, ratings) per hour for one ticket number, whatever the address. */
  numberLimit?: number;
  /** Shared by every API process (issue 16 §4); this process's memory when not given. */
  counters?: SharedCounters;
}

const tags = ['tickets'];
const pow =
  `Anonymous callers send ${POW_HEADER}: <challenge>:<nonce> (GET /api/v1/public/challenge), as for the public ` +
  'query; signed-in callers are exempt.';
const multipartNote =
  `Attachments: send multipart/form-data with the JSON body in the field \`data\` and up to ${MAX_FILES} files ` +
  `(PDF, PNG, JPEG, WebP, checked by content; ≤ ${MAX_FILE_BYTES / 1024 / 1024} MB each) in \`files\`.`;

/**
 * 回应关切, the public side (issue 14 §2, §4, §5): submit a question or complaint, look it up with its number and
 * code, add information, rate the reply; search the FAQ. Anonymous writes and lookups are protected like the public
 * query: a per-address rate limit and a proof-of-work; lookups also a per-number limit, so a code cannot be guessed.
 */
export async function publicTicketRoutes(
  base: FastifyInstance,
  opts: PublicTicketRoutesOptions,
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(multipart, {
    limits: {
      files: MAX_FILES + 1,
      fileSize: MAX_FILE_BYTES,
      fields: 2,
      fieldSize: 64 * 1024,
      parts: MAX_FILES + 3,
    },
    throwFileSizeLimit: false,
  });
  const rateLimit = { max: opts.publicRateLimit, timeWindow: '1 minute' };
  const limiter = createIdentifierLimiter(opts.numberLimit ?? 20, 3600_000, opts.counters, 'ticket:');
  const challenge = async (request: FastifyRequest) =>
    await assertChallengeSolved(opts.challenges, request, opts.clock.now());
  const perNumber = async (number: string) => {
    const wait = await limiter.hit(
      opts.keyring.protector().index('ticket:lookup', number),
      opts.clock.now().getTime(),
    );
    if (wait !== null)
      throw new AppError(
        'too_many_requests',
        'too many attempts for this ticket number; try again later',
        undefined,
        {
          'retry-after': String(wait),
        },
      );
  };

  app.post(
    '/public/tickets',
    {
      schema: {
        tags,
        summary: `咨询/投诉 Submit a question or complaint; the code is shown once. ${pow} ${multipartNote}`,
        body: submitSchema,
        response: {
          201: z.object({
            number: z.string(),
            /** Shown once: only its keyed hash is stored. */
            code: z.string(),
            dueOn: z.string(),
            /** Counted over a year whose holiday arrangement is not published yet: weekends only. */
            dueProvisional: z.boolean(),
            office: officeSchema,
          }),
        },
      },
      config: { access: { public: true }, rateLimit },
      onRequest: challenge,
      preValidation: readMultipartBody,
    },
    async (request, reply) => {
      const result = await submitTicket(
        opts,
        auditContextOf(request, opts.clock),
        request.principal,
        request.body,
        uploadsOf(request),
      );
      reply.header('cache-control', 'no-store');
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/public/tickets/lookup',
    {
      schema: {
        tags,
        summary: `查询办理情况 The ticket as its submitter sees it, by number and code (404 for a wrong code, as for a miss). ${pow}`,
        body: credentialsSchema,
        response: { 200: submitterViewSchema },
      },
      config: { access: { public: true }, rateLimit },
      onRequest: challenge,
    },
    async (request, reply) => {
      await perNumber(request.body.number);
      reply.header('cache-control', 'no-store');
      return lookupTicket(opts, request.body.number, request.body.code);
    },
  );

  app.post(
    '/public/tickets/supplement',
    {
      schema: {
        tags,
        summary: `补充材料 Add information to a ticket (the answer to a request, or a follow-up). ${pow} ${multipartNote}`,
        body: supplementSchema,
        response: { 200: submitterViewSchema },
      },
      config: { access: { public: true }, rateLimit },
      onRequest: challenge,
      preValidation: readMultipartBody,
    },
    async (request) => {
      await perNumber(request.body.number);
      return addInformation(opts, auditContextOf(request, opts.clock), request.body, uploadsOf(request));
    },
  );

  app.post(
    '/public/tickets/rate',
    {
      schema: {
        tags,
        summary: `满意度评价 Rate a replied ticket 1–5, once, with an optional comment. ${pow}`,
        body: rateSchema,
        response: { 200: submitterViewSchema },
      },
      config: { access: { public: true }, rateLimit },
      onRequest: challenge,
    },
    async (request) => {
      await perNumber(request.body.number);
      return rateTicket(opts, auditContextOf(request, opts.clock), request.body);
    },
  );

  app.get(
    '/me/tickets',
    {
      schema: {
        tags,
        summary: '我的咨询投诉 The tickets a holder submitted while signed in, newest first',
        response: { 200: z.object({ items: z.array(submitterViewSchema) }) },
      },
      config: { access: { roles: ['holder'] } },
    },
    async (request) => ({ items: await listMyTickets(opts, principalOf(request)) }),
  );

  app.get(
    '/public/faq',
    {
      schema: {
        tags,
        summary:
          '常见问题 Search the published FAQ (Chinese bigram index): match=all for search, match=any for the form’s ' +
          'matching entries while a worker types (ranked by shared words)',
        querystring: z.strictObject({
          q: z.string().trim().max(500).optional(),
          type: z.string().max(64).optional(),
          region: z
            .string()
            .regex(/^\d{2}0000$/)
            .optional(),
          match: z.enum(['all', 'any']).default('all'),
          /** The page size. */
          limit: z.coerce.number().int().min(1).max(50).default(10),
          page: z.coerce.number().int().min(1).max(1000).default(1),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                question: z.string(),
                answer: z.string(),
                type: namedSchema.nullable(),
                region: namedSchema.nullable(),
                publishedAt: z.string(),
                score: z.number(),
              }),
            ),
            /** Entries matching in all, for the pager. */
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
        },
      },
      config: { access: { public: true }, rateLimit },
    },
    async (request) => ({
      ...(await searchFaq(opts.db, opts.catalog, request.query)),
      page: request.query.page,
      pageSize: request.query.limit,
    }),
  );
}
