import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.ts';
import { isCryptoProfile } from './crypto-profile.ts';
import type { MigrationState } from './profile-migration.service.ts';
import { sealedColumns } from './protection.service.ts';
import { findCryptoProfileRow } from './protection.store.ts';

const progressSchema = z.object({ done: z.number().int(), total: z.number().int() });

const cryptoProfileSchema = z.object({
  /** 'international' | 'gm'; unknown until a server or the CLI has opened the keyring once. */
  profile: z.enum(['international', 'gm']).nullable(),
  /** The algorithm of keyed hashes that cannot be recomputed (a ticket's lookup code): the install's original. */
  indexProfile: z.enum(['international', 'gm']).nullable(),
  /** The version rebuildable blind indexes are written under (1 HMAC-SHA-256, 2 HMAC-SM3), and the one also matched. */
  indexVersion: z.number().int().nullable(),
  indexFallbackVersion: z.number().int().nullable(),
  migration: z
    .object({
      target: z.enum(['international', 'gm']),
      from: z.enum(['international', 'gm']),
      startedAt: z.string(),
      resealed: z.array(progressSchema.extend({ column: z.string() })),
      indexes: z.array(progressSchema.extend({ table: z.string(), conflicts: z.number().int() })),
    })
    .nullable(),
});

/**
 * `GET /api/v1/admin/crypto-profile` (system admins, read-only): the installed crypto profile and the progress of a
 * running `hutong keys migrate` (issue 18 §2) — per sealed column values re-sealed of all, per index table rows
 * rebuilt of all and conflicts left under the old version. Counts what is left at the time of asking.
 */
export async function cryptoProfileRoutes(
  base: FastifyInstance,
  deps: { db: Kysely<Database> },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.get(
    '/admin/crypto-profile',
    {
      schema: {
        tags: ['admin'],
        summary:
          '密码配置 The crypto profile (international | gm) and the progress of a running profile migration',
        response: { 200: cryptoProfileSchema },
      },
      config: { access: { roles: ['system-admin'] } },
    },
    async () => {
      const row = await findCryptoProfileRow(deps.db);
      const state = (row?.migration ?? null) as MigrationState | null;
      return {
        profile: isCryptoProfile(row?.profile) ? row.profile : null,
        indexProfile: isCryptoProfile(row?.index_profile) ? row.index_profile : null,
        indexVersion: row?.index_version ?? null,
        indexFallbackVersion: row?.index_fallback_version ?? null,
        migration: state ? await progressOf(deps.db, state) : null,
      };
    },
  );
}

async function progressOf(db: Kysely<Database>, state: MigrationState) {
  const resealed = [];
  for (const [table, , column] of sealedColumns) {
    const name = `${table}.${column}`;
    const left = await sql<{ n: string }>`
      select count(*) as n from ${sql.table(table)}
      where ${sql.ref(column)} is not null and ${sql.ref(column)} not like ${`${state.keyId}.%`}`.execute(db);
    const done = state.resealed[name] ?? 0;
    resealed.push({ column: name, done, total: done + Number(left.rows[0]?.n ?? 0) });
  }
  const indexes = Object.entries(state.indexes ?? {}).map(([table, p]) => ({
    table,
    done: p.done,
    total: p.total,
    conflicts: p.conflicts.length,
  }));
  return { target: state.target, from: state.from, startedAt: state.startedAt, resealed, indexes };
}
