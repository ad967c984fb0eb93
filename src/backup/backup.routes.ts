import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import type { Config } from '../config.ts';
import type { BulkRunner } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { auditContextOf } from '../http/auth.plugin.ts';
import type { Clock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { readConfiguredKeys } from './backup.keys.ts';
import { snapshotServingPglite } from './backup.pglite.ts';
import { dumpPostgres } from './backup.postgres.ts';
import { createBackup, engineOf, pgdataOf } from './backup.service.ts';

/**
 * `POST /api/v1/admin/backup` (system admins): a consistent backup of the store this server is serving, streamed as
 * the `hutong backup` file format — the way to back up the embedded store while it runs (the CLI cannot open a
 * PGlite directory a server holds). Never includes keys: those are backed up deliberately with the CLI.
 */
export async function backupRoutes(
  base: FastifyInstance,
  deps: { config: Config; bulk: BulkRunner; db: Kysely<Database>; clock: Clock },
): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/admin/backup',
    {
      schema: {
        tags: ['admin'],
        summary: '在线备份 A consistent backup of the running store (no keys), as a `hutong restore` file',
      },
      config: { access: { roles: ['system-admin'] } },
    },
    async (request, reply) => {
      const { config, bulk, clock } = deps;
      const workDir = path.join(config.dataDir, 'backups');
      const file = path.join(workDir, `hutong-${clock.now().toISOString().replace(/[:.]/g, '-')}.backup`);
      const engine = engineOf(config);
      if (engine === 'pglite' && !fs.existsSync(pgdataOf(config)))
        throw new AppError(
          'conflict',
          `no embedded store at ${pgdataOf(config)} to back up (an in-memory store?)`,
        );
      fs.mkdirSync(workDir, { recursive: true, mode: 0o700 });
      const { manifest } = await createBackup(file, {
        engine,
        keys: await readConfiguredKeys(config),
        includeKeys: [],
        now: clock.now(),
        snapshot: (payload) =>
          engine === 'pglite'
            ? snapshotServingPglite(bulk, pgdataOf(config), workDir, payload)
            : dumpPostgres(bulk, config.databaseUrl ?? '', payload),
      });
      const ctx: AuditContext = auditContextOf(request, clock);
      await deps.db.transaction().execute((trx) =>
        appendAudit(trx, ctx, {
          action: 'store.backup',
          targetType: 'store',
          targetId: engine,
          after: {
            migration: manifest.migration,
            bytes: manifest.payload.bytes,
            sha256: manifest.payload.sha256,
          },
        }),
      );
      const stream = fs.createReadStream(file);
      // The file is the caller's now: nothing of it stays on the server's disk.
      stream.on('close', () => fs.rmSync(file, { force: true }));
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', `attachment; filename="${path.basename(file)}"`)
        .send(stream);
    },
  );
}
