import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import type { Principal } from '../../accounts/accounts.model.ts';
import type { AuditContext } from '../../audit/audit.store.ts';
import { AppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import type { RegistryDeps } from '../registry.service.ts';
import { type ImportOutcome, type ImportProgress, runImport } from './import.engine.ts';
import { ErrorSink } from './import.errors.ts';
import { detectFormat, readRows } from './import.parse.ts';

export interface ImportRequest {
  filePath: string;
  filename: string;
  acceptValid: boolean;
  /** Known already (generated rows); otherwise read from the file. */
  format?: 'csv' | 'xlsx';
  sha256?: string;
}

const WORKER = `${os.hostname()}:${process.pid}`;

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
): Promise<string> {
  const id = newId();
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
      worker: WORKER,
      created_at: deps.clock.now(),
    })
    .execute();
  return id;
}

/** Runs a recorded job to its end: the outcome, the error report, and the job row. */
export async function executeImportJob(
  deps: RegistryDeps,
  ctx: AuditContext,
  principal: Principal,
  importId: string,
  request: ImportRequest,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportOutcome> {
  await deps.db.updateTable('imports').set({ status: 'running' }).where('id', '=', importId).execute();
  const errors = new ErrorSink();
  let outcome: ImportOutcome;
  try {
    outcome = await runImport(deps, {
      importId,
      acceptValid: request.acceptValid,
      principal,
      ctx,
      source: readRows(request.filePath, detectFormat(request.filePath)),
      errors,
      ...(onProgress && { onProgress }),
    });
  } catch (error) {
    errors.discard();
    await markFailed(deps, importId, 'the import failed unexpectedly; nothing was written');
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
}

async function markFailed(deps: RegistryDeps, importId: string, message: string) {
  await deps.db
    .updateTable('imports')
    .set({ status: 'failed', message, finished_at: deps.clock.now() })
    .where('id', '=', importId)
    .execute();
}

/**
 * At start-up: jobs this host was running when its process died are marked failed (their transaction never
 * committed, so nothing of them was written); they can simply be run again.
 */
export async function failInterruptedImports(deps: RegistryDeps): Promise<number> {
  const rows = await deps.db
    .selectFrom('imports')
    .select(['id', 'worker'])
    .where('status', 'in', ['queued', 'running'])
    .execute();
  let n = 0;
  for (const row of rows) {
    const [host, pid] = row.worker.split(':');
    if (host !== os.hostname() || isAlive(Number(pid))) continue;
    await markFailed(
      deps,
      row.id,
      'interrupted: the process stopped before the import committed; nothing was written',
    );
    n += 1;
  }
  return n;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One import at a time per process; the latest progress of each running job is kept for the status API. */
export function createImportQueue(deps: RegistryDeps, log: (msg: string, err?: unknown) => void) {
  const progress = new Map<string, ImportProgress>();
  let tail: Promise<void> = Promise.resolve();
  return {
    progress: (id: string) => progress.get(id) ?? null,
    enqueue(
      ctx: AuditContext,
      principal: Principal,
      importId: string,
      request: ImportRequest,
      cleanup: () => void,
    ) {
      tail = tail.then(async () => {
        try {
          await executeImportJob(deps, ctx, principal, importId, request, (p) => progress.set(importId, p));
        } catch (error) {
          log(`import ${importId} failed`, error);
        } finally {
          progress.delete(importId);
          cleanup();
        }
      });
    },
    idle: () => tail,
  };
}
export type ImportQueue = ReturnType<typeof createImportQueue>;

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
