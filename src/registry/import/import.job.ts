import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { roleSchema } from '../../accounts/accounts.model.ts';
import type { Database } from '../../db/schema.ts';
import type { JobDefinition } from '../../jobs/jobs.model.ts';
import type { RegistryDeps } from '../registry.service.ts';
import { dropEndedUpload, dropUpload, executeImportJob, markFailed } from './import.service.ts';
import { claimJobDir, leaseOf, removeJobFiles } from './import.workdir.ts';

/**
 * Imports as jobs (issue 16 §2). The upload route seals the file as it streams in, then in one transaction writes
 * the `imports` row, the sealed bytes in chunks (`import_uploads`) and this job; any worker runs it: it claims the
 * row (queued → running, so two workers never run one import), spools the chunks to its own work directory, runs
 * the import, and drops the chunks. A queued import survives a restart; one whose process died while it ran is
 * found by `failInterruptedImports` once its lease lapses, its rows swept, and queued again with a new job from its
 * stored upload (at most `MAX_RUNS` runs in all); a late retry of the dead run's job finds it no longer queued.
 */
const CHUNK_BYTES = 1024 * 1024;

const principalSchema = z.object({
  via: z.enum(['session', 'token', 'admin-token']),
  userId: z.string().nullable(),
  username: z.string(),
  role: roleSchema,
  department: z.string().nullable(),
  province: z.string().nullable(),
  institution: z.string().nullable(),
  holderId: z.string().nullable(),
  source: z.string().nullable().optional(),
});

export const importJobDataSchema = z.object({
  importId: z.uuid(),
  principal: principalSchema,
  actor: z.object({
    actorId: z.string().nullable(),
    actorLabel: z.string(),
    requestId: z.string().nullable(),
  }),
  filename: z.string(),
  acceptValid: z.boolean(),
  format: z.enum(['csv', 'xlsx']),
  sha256: z.string(),
});
export type ImportJobData = z.infer<typeof importJobDataSchema>;

/** Stores a sealed upload in chunks of 1 MiB, in the caller's transaction: memory stays bounded by one chunk. */
export async function storeUpload(db: Kysely<Database>, importId: string, sealedFile: string): Promise<void> {
  let seq = 0;
  for await (const chunk of fs.createReadStream(sealedFile, { highWaterMark: CHUNK_BYTES })) {
    await db
      .insertInto('import_uploads')
      .values({ import_id: importId, seq: seq++, chunk: chunk as Buffer })
      .execute();
  }
}

/** Writes the stored chunks, in order and one at a time, to `file`. */
async function spoolUpload(db: Kysely<Database>, importId: string, file: string): Promise<void> {
  const out = fs.createWriteStream(file, { mode: 0o600 });
  try {
    for (let seq = 0; ; seq++) {
      const row = await db
        .selectFrom('import_uploads')
        .select('chunk')
        .where('import_id', '=', importId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      if (!row) break;
      if (!out.write(row.chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
}

export function importJob(deps: RegistryDeps, uploadDir: string): JobDefinition<ImportJobData> {
  return {
    name: 'registry-import',
    data: importJobDataSchema,
    // A failure before the claim (the database went away while spooling) is tried again; after the claim the
    // import itself records how it ended, and a retry finds it no longer queued.
    retryLimit: 2,
    retryDelaySeconds: 10,
    // An import of the largest file allowed takes minutes; a live one is never run twice (the claim), so a long
    // lease costs only the wait before a crashed job's retry, which then finds it failed.
    expireInSeconds: 6 * 3600,
    async run(data) {
      const claimed = await deps.db
        .updateTable('imports')
        .set({ status: 'running', worker: leaseOf() })
        .where('id', '=', data.importId)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) {
        // Another delivery of the job runs it, or ran it.
        await dropEndedUpload(deps.db, data.importId);
        return { skipped: 'not queued' };
      }
      const filePath = path.join(claimJobDir(uploadDir, data.importId), 'upload.sealed');
      try {
        await spoolUpload(deps.db, data.importId, filePath).catch(async (error: unknown) => {
          await markFailed(
            deps,
            data.importId,
            '无法读回上传的文件，未写入任何数据 The upload could not be read back; nothing was written',
          );
          throw error;
        });
        const outcome = await executeImportJob(
          deps,
          { ...data.actor, at: deps.clock.now() },
          data.principal,
          data.importId,
          {
            id: data.importId,
            filePath,
            filename: data.filename,
            acceptValid: data.acceptValid,
            format: data.format,
            sha256: data.sha256,
            sealed: true,
            workDir: uploadDir,
          },
        );
        return { status: outcome.status, total: outcome.total };
      } finally {
        removeJobFiles(uploadDir, data.importId);
        await dropUpload(deps.db, data.importId);
      }
    },
  };
}
