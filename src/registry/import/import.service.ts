import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Principal } from '../../accounts/accounts.model.ts';
import type { AuditContext } from '../../audit/audit.store.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { RegistryDeps } from '../registry.service.ts';
import { type ImportOutcome, type ImportProgress, runImport } from './import.engine.ts';
import { ErrorSink } from './import.errors.ts';
import { jobsWithRows, sweepImportRows } from './import.merge.ts';
import { detectFormat, readRows } from './import.parse.ts';
import {
  claimJobDir,
  isLeaseLive,
  leaseOf,
  leaseRenewMs,
  ownLeasePattern,
  removeJobFiles,
  sweepWorkDir,
} from './import.workdir.ts';

export interface ImportRequest {
  /** The job's id when its files were made before its row (an upload); otherwise a new one. */
  id?: string;
  filePath: string;
  filename: string;
  acceptValid: boolean;
  /** Known already (an upload, generated rows); otherwise read from the file. */
  format?: 'csv' | 'xlsx';
  sha256?: string;
  /** `filePath` is an upload sealed with `createSealStream` under the keyring's data key. */
  sealed?: boolean;
  /**
   * `<data dir>/imports`: the job's files (upload, sealed sheet, staged rows, error spool) live in `<workDir>/<id>/`
   * and are removed when the job ends. Without it (generated rows) a temporary directory is used.
   */
  workDir?: string;
  /** Rows per chunk transaction (tests of many chunks with a small file); the engine's default otherwise. */
  chunkRows?: number;
}

function ownerOf(principal: Principal): string {
  return principal.userId ?? principal.username;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Records the job (queued) in its own transaction, so its status can be read while it runs. */
export async function createImportJob(
  deps: RegistryDeps,
  principal: Principal,
  request: ImportRequest,
  /** The job's data (an upload's): kept to queue it again if its process dies (`failInterruptedImports`). */
  jobData?: object,
): Promise<string> {
  const id = request.id ?? newId();
  await deps.db
    .insertInto('imports')
    .values({
      id,
      status: 'queued',
      filename: request.filename.slice(0, 200),
      format: request.format ?? detectFormat(request.filePath),
      file_sha256: request.sha256 ?? (await sha256File(request.filePath)),
      accept_valid: request.acceptValid,
      created_by: ownerOf(principal),
      worker: leaseOf(),
      created_at: deps.clock.now(),
      ...(jobData && { job_data: JSON.stringify(jobData) }),
    })
    .execute();
  return id;
}

/**
 * Runs a recorded job to its end: the outcome, the error report, and the job row. Everything the job put on disk
 * (its directory under `workDir`) is removed when it ends, whichever way.
 */
export async function executeImportJob(
  deps: RegistryDeps,
  ctx: AuditContext,
  principal: Principal,
  importId: string,
  request: ImportRequest,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  const lease = holdLease(deps);
  const recorder = progressRecorder(deps, importId);
  // Without a work directory (bench, generated rows) a temporary one; removed the same way.
  const dir = request.workDir
    ? claimJobDir(request.workDir, importId)
    : fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-import-'));
  try {
    await deps.db
      .updateTable('imports')
      .set({ status: 'running', worker: leaseOf() })
      .where('id', '=', importId)
      .execute();
    const errors = new ErrorSink(dir);
    const protector = deps.keyring.protector();
    let outcome: ImportOutcome;
    try {
      outcome = await runImport(deps, {
        importId,
        acceptValid: request.acceptValid,
        principal,
        ctx,
        source: readRows(request.filePath, request.format ?? detectFormat(request.filePath), {
          ...(request.sealed && { sealedWith: protector }),
          scratch: { dir, protector },
        }),
        errors,
        workDir: dir,
        ...(request.chunkRows && { chunkRows: request.chunkRows }),
        onProgress: (p) => {
          recorder.record(p);
          onProgress?.(p);
        },
      });
    } catch (error) {
      errors.discard();
      await markFailed(
        deps,
        importId,
        '导入意外失败，未写入任何数据 The import failed unexpectedly; nothing was written',
      );
      throw error;
    }
    if (outcome.status === 'failed') {
      await deps.db.transaction().execute((trx) => errors.store(trx, importId));
      await deps.db
        .updateTable('imports')
        .set({
          status: 'failed',
          total: outcome.total,
          invalid: outcome.invalid,
          message: outcome.message,
          finished_at: deps.clock.now(),
        })
        .where('id', '=', importId)
        .execute();
    }
    return outcome;
  } finally {
    lease.stop();
    await recorder.close();
    if (request.workDir) removeJobFiles(request.workDir, importId);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Keeps the running import's progress in its row, at most once a second and one write at a time, so a status
 * request reaching any API process shows it (several processes share the port: issue 16 §4). Writes only while the
 * row is running; `close` waits for the last write and clears the column.
 */
export function progressRecorder(deps: RegistryDeps, importId: string, everyMs = 1000) {
  let last = 0;
  let writing: Promise<unknown> = Promise.resolve();
  let busy = false;
  return {
    record(p: ImportProgress) {
      const now = Date.now();
      if (busy || now - last < everyMs) return;
      last = now;
      busy = true;
      writing = deps.db
        .updateTable('imports')
        .set({ progress: JSON.stringify(p) })
        .where('id', '=', importId)
        .where('status', '=', 'running')
        .execute()
        .catch(() => {})
        .finally(() => {
          busy = false;
        });
    },
    async close() {
      await writing;
      await deps.db
        .updateTable('imports')
        .set({ progress: null })
        .where('id', '=', importId)
        .execute()
        .catch(() => {});
    },
  };
}

/** Renews the lease of every job of this process (queued or running) until `stop`. */
export function holdLease(deps: RegistryDeps): { stop(): void } {
  let pending = false;
  const timer = setInterval(() => {
    if (pending) return;
    pending = true;
    void renewLeases(deps)
      .catch(() => {})
      .finally(() => {
        pending = false;
      });
  }, leaseRenewMs());
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

async function renewLeases(deps: RegistryDeps): Promise<void> {
  await deps.db
    .updateTable('imports')
    .set({ worker: leaseOf() })
    .where('status', 'in', ['queued', 'running'])
    .where('worker', 'like', ownLeasePattern())
    .execute();
}

export async function markFailed(deps: RegistryDeps, importId: string, message: string) {
  await deps.db
    .updateTable('imports')
    .set({ status: 'failed', message, finished_at: deps.clock.now() })
    .where('id', '=', importId)
    .execute();
}

/** An import's stored upload (`import.job.ts`), dropped once its job has ended one way or another. */
export function dropUpload(db: RegistryDeps['db'], importId: string) {
  return db.deleteFrom('import_uploads').where('import_id', '=', importId).execute();
}

/** The stored upload dropped only if its import has ended: while it is queued or running a run still needs it. */
export function dropEndedUpload(db: RegistryDeps['db'], importId: string) {
  return db
    .deleteFrom('import_uploads')
    .where('import_id', '=', importId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('imports')
          .select('id')
          .where('id', '=', importId)
          .where('status', 'not in', ['queued', 'running']),
      ),
    )
    .execute();
}

export interface InterruptedOptions {
  /** `<data dir>/imports`: the files of interrupted jobs and orphans (partial uploads) there are removed. */
  workDir?: string;
  /**
   * This process is the only one using the database (PGlite: one process per data directory), so every job not
   * of this process was interrupted, whatever its lease says.
   */
  exclusive?: boolean;
  /**
   * Sends the import's job again, in the transaction given (`import.job.ts`). Without it, or once an import has
   * been run `MAX_RUNS` times, an interrupted import is failed.
   */
  requeue?: (db: RegistryDeps['db'], jobData: unknown) => Promise<unknown>;
}

/** Runs of one import before it is failed as interrupted: a file that kills its process each time stops here. */
export const MAX_RUNS = 3;

const INTERRUPTED =
  '导入中断：进程在提交前停止，未写入任何数据 Interrupted: the process stopped before the import committed; nothing was written';

/**
 * Jobs whose process died: each job carries a lease (`import.workdir.ts`) that its process renews while it runs, so
 * a job whose lease ran out — or, with `exclusive`, any job not of this process — was interrupted. Its transaction
 * never committed, so nothing of it is visible: its rows are swept and, while it has runs left and its upload is
 * still stored, it is queued again (issue 16 §1: no work is lost when a process dies mid-way); otherwise it is
 * marked failed. Its files are removed either way. Run at start-up and periodically while the server runs; it never
 * depends on a process id (a container's server is always PID 1). The rows of jobs that no longer run and never
 * flipped are swept. Returns how many jobs it found interrupted.
 */
export async function failInterruptedImports(
  deps: RegistryDeps,
  options: InterruptedOptions = {},
): Promise<number> {
  // A queued import waits for its job, its upload in the database (`import.job.ts`): a restart does not lose it.
  const rows = await deps.db
    .selectFrom('imports')
    .select(['id', 'worker', 'attempts', 'job_data'])
    .where('status', '=', 'running')
    .execute();
  const live = new Set<string>();
  let n = 0;
  for (const row of rows) {
    if (isLeaseLive(row.worker, options.exclusive ?? false)) {
      live.add(row.id);
      continue;
    }
    // An upload's import that may run again is left to a server, which can queue it (`hutong import` cannot).
    if (!options.requeue && row.job_data !== null && row.attempts + 1 < MAX_RUNS) continue;
    // Taken over, only if no one renewed the lease or took it over meanwhile: from here it is this process's.
    const taken = await deps.db
      .updateTable('imports')
      .set({ worker: leaseOf() })
      .where('id', '=', row.id)
      .where('worker', '=', row.worker)
      .where('status', '=', 'running')
      .executeTakeFirst();
    if (options.workDir) removeJobFiles(options.workDir, row.id);
    if (Number(taken.numUpdatedRows) === 0) continue;
    n += 1;
    await sweepImportRows(deps.db, row.id);
    if (await requeued(deps, row, options.requeue)) continue;
    await deps.db
      .updateTable('imports')
      .set({ status: 'failed', message: INTERRUPTED, progress: null, finished_at: deps.clock.now() })
      .where('id', '=', row.id)
      .execute();
    await dropUpload(deps.db, row.id);
  }
  if (options.workDir) sweepWorkDir(options.workDir, live, options.exclusive ?? false);
  // Jobs no longer running with rows left: an open one's rows are swept; a closed one's staged rows go.
  for (const id of await jobsWithRows(deps.db)) {
    if (!live.has(id)) await sweepImportRows(deps.db, id);
  }
  return n;
}

/** The interrupted import queued again with its job, in one transaction; false when it may not run again. */
async function requeued(
  deps: RegistryDeps,
  row: { id: string; attempts: number; job_data: unknown },
  requeue: InterruptedOptions['requeue'],
): Promise<boolean> {
  if (!requeue || row.job_data === null || row.attempts + 1 >= MAX_RUNS) return false;
  const stored = await deps.db
    .selectFrom('import_uploads')
    .select('seq')
    .where('import_id', '=', row.id)
    .limit(1)
    .executeTakeFirst();
  if (!stored) return false;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('imports')
      .set({
        status: 'queued',
        attempts: row.attempts + 1,
        progress: null,
        message: `${INTERRUPTED}。正在重新运行（第 ${row.attempts + 2} 次，共 ${MAX_RUNS} 次） Running it again (run ${row.attempts + 2} of ${MAX_RUNS})`,
      })
      .where('id', '=', row.id)
      .execute();
    await requeue(trx, row.job_data);
  });
  return true;
}

export async function getImportJob(deps: RegistryDeps, principal: Principal, id: string) {
  const row = await deps.db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || (principal.role !== 'system-admin' && row.created_by !== ownerOf(principal))) {
    throw new AppError('not_found', 'no such import');
  }
  const errors = await deps.db
    .selectFrom('import_errors')
    .select(['row', 'column', 'code', 'message'])
    .where('import_id', '=', id)
    .orderBy('row')
    .limit(100)
    .execute();
  const count = await sql<{
    n: number;
  }>`select count(*)::int as n from import_errors where import_id = ${id}::uuid`.execute(deps.db);
  return { row, errors, errorCount: count.rows[0]?.n ?? 0 };
}

export function assertImportVisible(principal: Principal, createdBy: string) {
  if (principal.role !== 'system-admin' && createdBy !== ownerOf(principal))
    throw new AppError('not_found', 'no such import');
}

export function findImports(deps: RegistryDeps, principal: Principal, limit: number, before?: string) {
  let q = deps.db.selectFrom('imports').selectAll();
  if (principal.role !== 'system-admin') q = q.where('created_by', '=', ownerOf(principal));
  if (before) q = q.where('created_at', '<', new Date(before));
  return q.orderBy('created_at', 'desc').limit(limit).execute();
}
