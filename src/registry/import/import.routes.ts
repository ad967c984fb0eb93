import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import { stringify } from 'csv-stringify';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditContextOf, principalOf } from '../../http/auth.plugin.ts';
import type { JobDefinition } from '../../jobs/jobs.model.ts';
import type { JobQueue } from '../../jobs/jobs.queue.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { neutraliseCsvCell } from '../../shared/spreadsheet-cells.ts';
import type { RegistryDeps } from '../registry.service.ts';
import { type ImportJobData, importJobDataSchema, storeUpload } from './import.job.ts';
import { formatOf } from './import.parse.ts';
import { createSealStream } from './import.seal.ts';
import {
  assertImportVisible,
  createImportJob,
  failInterruptedImports,
  findImports,
  getImportJob,
} from './import.service.ts';
import { claimJobDir, leaseRenewMs, removeJobFiles } from './import.workdir.ts';

const importers = { roles: ['system-admin', 'department-admin'] } as const;
const errorSchema = z.object({ row: z.number(), column: z.string(), code: z.string(), message: z.string() });
const importViewSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  filename: z.string(),
  format: z.string(),
  acceptValid: z.boolean(),
  total: z.number(),
  written: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  invalid: z.number(),
  message: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  progress: z
    .object({
      rows: z.number(),
      rowsPerSecond: z.number(),
      fraction: z.number(),
      phase: z.enum(['reading', 'writing']),
    })
    .nullable(),
});

export interface ImportRoutesOptions extends RegistryDeps {
  /** The job queue and the import job (`import.job.ts`): a worker of any process runs the upload. */
  jobs: JobQueue;
  job: JobDefinition<ImportJobData>;
  /** `<data dir>/imports`: each job's files, in `<uploadDir>/<job id>/` (`import.workdir.ts`). */
  uploadDir: string;
  maxUploadBytes: number;
  /** This process alone uses the database (PGlite): every import not of this process was interrupted. */
  exclusive: boolean;
}

type ImportRow = Awaited<ReturnType<typeof findImports>>[number];

const progressSchema = importViewSchema.shape.progress.unwrap();
function progressOf(row: ImportRow) {
  if (row.status !== 'running' || row.progress === null) return null;
  const parsed = progressSchema.safeParse(row.progress);
  return parsed.success ? parsed.data : null;
}

export async function importRoutes(base: FastifyInstance, opts: ImportRoutesOptions): Promise<void> {
  const app = base.withTypeProvider<ZodTypeProvider>();
  await app.register(multipart, { limits: { files: 1, fileSize: opts.maxUploadBytes, fields: 5 } });
  fs.mkdirSync(opts.uploadDir, { recursive: true, mode: 0o700 });
  // Imports whose process died while they ran, at start and then as their lease runs out (another server on
  // PostgreSQL): swept and queued again from their stored upload (issue 16 §1).
  const interrupted = {
    workDir: opts.uploadDir,
    exclusive: opts.exclusive,
    requeue: (db: typeof opts.db, data: unknown) =>
      opts.jobs.send(opts.job, importJobDataSchema.parse(data), { db }),
  };
  const sweepInterrupted = async () => {
    if ((await failInterruptedImports(opts, interrupted)) > 0) opts.jobs.wake(opts.job.name);
  };
  const sweep = () => {
    void sweepInterrupted().catch((error: unknown) =>
      app.log.warn({ err: error }, 'checking for interrupted imports failed'),
    );
  };
  // At once when the server is ready, after its port opens (as the job queue begins: start-up serves first),
  // then every two lease renewals.
  app.addHook('onReady', async () => {
    setImmediate(sweep);
  });
  const watch = setInterval(sweep, 2 * leaseRenewMs());
  watch.unref();
  app.addHook('onClose', async () => clearInterval(watch));

  const view = (row: ImportRow) => ({
    id: row.id,
    status: row.status as 'queued' | 'running' | 'succeeded' | 'failed',
    filename: row.filename,
    format: row.format,
    acceptValid: row.accept_valid,
    total: row.total,
    written: row.created + row.updated,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    invalid: row.invalid,
    message: row.message,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
    // Written by whichever process runs the import (issue 16 §2, §4).
    progress: progressOf(row),
  });

  app.post(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary:
          '导入 Upload a department file (CSV or XLSX, multipart field `file`); the job runs in the background',
        querystring: z.strictObject({ acceptValid: z.enum(['true', 'false']).default('false') }),
        response: { 202: z.object({ id: z.string() }) },
      },
      config: { access: importers },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw new AppError('unsupported_media_type', 'send multipart/form-data with a field named file');
      const file = await request.file();
      if (file?.fieldname !== 'file') {
        throw new AppError('validation_failed', 'no file', [{ path: 'file', message: 'required' }]);
      }
      // Sealed as it streams in (issue 17 §2): the upload is never on disk in plaintext.
      const id = newId();
      const filePath = path.join(claimJobDir(opts.uploadDir, id), 'upload.sealed');
      const cleanup = () => removeJobFiles(opts.uploadDir, id);
      const hash = createHash('sha256');
      let head = Buffer.alloc(0);
      try {
        await pipeline(
          file.file,
          async function* (chunks: AsyncIterable<Buffer>) {
            for await (const chunk of chunks) {
              hash.update(chunk);
              if (head.length < 4) head = Buffer.concat([head, chunk.subarray(0, 4)]);
              yield chunk;
            }
          },
          createSealStream(opts.keyring.protector()),
          fs.createWriteStream(filePath, { mode: 0o600 }),
        );
      } catch (error) {
        cleanup();
        throw error;
      }
      if (file.file.truncated) {
        cleanup();
        throw new AppError('payload_too_large', `the file is larger than ${opts.maxUploadBytes} bytes`);
      }
      const principal = principalOf(request);
      const { actorId, actorLabel, requestId } = auditContextOf(request, opts.clock);
      const data: ImportJobData = {
        importId: id,
        principal: { ...principal, source: principal.source ?? null },
        actor: { actorId, actorLabel, requestId },
        filename: file.filename,
        acceptValid: request.query.acceptValid === 'true',
        format: formatOf(head),
        sha256: hash.digest('hex'),
      };
      // The row, the sealed bytes and the job in one transaction: a job never lacks its upload, and an upload
      // never waits without a job (issue 16 §2).
      try {
        await opts.db.transaction().execute(async (trx) => {
          await createImportJob(
            { ...opts, db: trx },
            principal,
            { ...data, id, filePath, sealed: true },
            data,
          );
          await storeUpload(trx, id, filePath);
          await opts.jobs.send(opts.job, data, { db: trx });
        });
      } finally {
        cleanup();
      }
      opts.jobs.wake(opts.job.name);
      return reply.code(202).send({ id });
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags: ['imports'],
        summary: '导入记录 Your imports, newest first',
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.iso.datetime().optional(),
        }),
        response: { 200: z.object({ items: z.array(importViewSchema), next: z.string().optional() }) },
      },
      config: { access: importers },
    },
    async (request) => {
      const rows = await findImports(
        opts,
        principalOf(request),
        request.query.limit + 1,
        request.query.cursor,
      );
      const items = rows.slice(0, request.query.limit).map(view);
      const last = items.at(-1);
      return rows.length > request.query.limit && last ? { items, next: last.createdAt } : { items };
    },
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags: ['imports'],
        summary: '导入状态 Job status, counts, live progress and the first 100 row errors',
        params: z.object({ id: z.uuid() }),
        response: { 200: importViewSchema.extend({ errors: z.array(errorSchema), errorCount: z.number() }) },
      },
      config: { access: importers },
    },
    async (request) => {
      const job = await getImportJob(opts, principalOf(request), request.params.id);
      return { ...view(job.row), errors: job.errors, errorCount: job.errorCount };
    },
  );

  app.get(
    '/imports/:id/errors.csv',
    {
      schema: {
        tags: ['imports'],
        summary: '错误报告 The full row error report as CSV',
        params: z.object({ id: z.uuid() }),
      },
      config: { access: importers },
    },
    async (request, reply) => {
      const row = await opts.db
        .selectFrom('imports')
        .select('created_by')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!row) throw new AppError('not_found', 'no such import');
      assertImportVisible(principalOf(request), row.created_by);
      const out = stringify({ header: true, columns: ['row', 'column', 'code', 'message'], bom: true });
      const id = request.params.id;
      void (async () => {
        let after = 0;
        try {
          for (;;) {
            const page = await opts.db
              .selectFrom('import_errors')
              .select(['row', 'column', 'code', 'message'])
              .where('import_id', '=', id)
              .where('row', '>', after)
              .orderBy('row')
              .limit(5000)
              .execute();
            // Rows may carry several errors: page by row and take whole rows only.
            const lastRow = page.length === 5000 ? (page.at(-1)?.row ?? after) : Number.POSITIVE_INFINITY;
            for (const e of page)
              if (e.row < lastRow || page.length < 5000)
                out.write([e.row, e.column, e.code, e.message].map((v) => neutraliseCsvCell(String(v))));
            if (page.length < 5000) break;
            after = lastRow - 1;
          }
          out.end();
        } catch (error) {
          out.destroy(error as Error);
        }
      })();
      reply.header('content-disposition', `attachment; filename="import-${id}-errors.csv"`);
      return reply.type('text/csv; charset=utf-8').send(out);
    },
  );
}
