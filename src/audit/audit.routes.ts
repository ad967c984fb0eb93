import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { verifyAuditLog } from './audit.service.ts';
import { findAuditPage } from './audit.store.ts';

const entrySchema = z.object({
  position: z.number(),
  id: z.string(),
  at: z.string(),
  actorLabel: z.string(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  requestId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
});

const admins = { roles: ['system-admin'] } as const;

export async function auditRoutes(base: FastifyInstance, opts: { db: Kysely<Database> }): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/audit',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志 The audit log, newest first (keyset pagination by position)',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(500).default(50),
          cursor: z.coerce.number().int().positive().optional(),
          targetType: z.string().max(64).optional(),
          targetId: z.string().max(128).optional(),
        }),
        response: { 200: z.object({ items: z.array(entrySchema), next: z.string().optional() }) },
      },
      config: { access: admins },
    },
    async (request) => {
      const { limit, cursor, targetType, targetId } = request.query;
      const rows = await findAuditPage(opts.db, {
        ...(cursor !== undefined && { beforePosition: cursor }),
        ...(targetType && { targetType }),
        ...(targetId && { targetId }),
        limit: limit + 1,
        order: 'desc',
      });
      const items = rows.slice(0, limit).map((r) => ({
        position: r.position,
        id: r.id,
        at: r.at.toISOString(),
        actorLabel: r.actor_label,
        action: r.action,
        targetType: r.target_type,
        targetId: r.target_id,
        requestId: r.request_id,
        before: r.before ?? null,
        after: r.after ?? null,
      }));
      const last = items.at(-1);
      return rows.length > limit && last ? { items, next: String(last.position) } : { items };
    },
  );

  app.post(
    '/audit/verify',
    {
      schema: {
        tags: ['audit'],
        summary: '校验审计链 Verify the audit log’s hash chain',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            headHash: z.string().nullable(),
            problem: z
              .object({ position: z.number(), id: z.string(), kind: z.string(), message: z.string() })
              .optional(),
          }),
        },
      },
      config: { access: admins },
    },
    async () => verifyAuditLog(opts.db),
  );
}
