import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type { Principal } from '../../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../../audit/audit.store.ts';
import { notIssuedSet } from '../../catalog/designations.service.ts';
import { todayInChina } from '../../shared/clock.ts';
import { certificateColumns, protectFacts } from '../registry.protect.ts';
import { validateCertificate } from '../registry.rules.ts';
import { canWrite, type RegistryDeps } from '../registry.service.ts';
import { ChunkWriter, IMPORT_CHUNK_ROWS, type StagedChunk } from './import.chunks.ts';
import type { ErrorSink } from './import.errors.ts';
import { FileError } from './import.limits.ts';
import {
  applyUpdates,
  closeImport,
  createChunkTable,
  dropStaged,
  findHeldRows,
  mergeChunk,
  openImport,
  type StagedRow,
  stageColumns,
  sweepImportRows,
  touchSources,
} from './import.merge.ts';
import { columnOf, HeaderError, type RowSource } from './import.parse.ts';

export interface ImportProgress {
  rows: number;
  rowsPerSecond: number;
  /** 0..1 of the file's bytes read. */
  fraction: number;
  phase: 'reading' | 'writing';
}

export interface ImportOutcome {
  status: 'succeeded' | 'failed';
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  message: string | null;
}

export interface ImportRun {
  importId: string;
  acceptValid: boolean;
  principal: Principal;
  ctx: AuditContext;
  source: RowSource;
  errors: ErrorSink;
  /** The job's directory under the data directory, for its staged rows; a temporary one for generated rows. */
  workDir?: string;
  /** Rows per chunk transaction; `IMPORT_CHUNK_ROWS` unless a test wants many chunks of a small file. */
  chunkRows?: number;
  onProgress?: (p: ImportProgress) => void;
}

// An import's message is read by officials on 导入记录: Chinese first, English beside (the rows' own errors carry codes).
const invalidRows = (n: number) =>
  `${n} 行无效，全部不写入（全有或全无） ${n} invalid rows: nothing was written (all-or-nothing)`;

const failed = (total: number, invalid: number, message: string): ImportOutcome => ({
  status: 'failed',
  total,
  created: 0,
  updated: 0,
  unchanged: 0,
  invalid,
  message,
});

/**
 * One import (issue 3 §5), in two phases.
 * 1. Read: stream the rows, validate each exactly as the API does, seal the personal data, and write the staged
 *    rows to chunk files. No database session is held, so on PGlite other requests go on meanwhile.
 * 2. Write, a chunk per short transaction (issue 17 §7: PGlite is one session, and one long transaction froze every
 *    other request): COPY the chunk into a temporary table, drop duplicates and revoked certificates, stage rows of
 *    existing certificates, write new holders and certificates as the open job's rows — invisible behind the
 *    `certificates` view. Then the flip,
 *    one transaction: changes to existing certificates with their history, the error report, the job marked
 *    succeeded (which makes its rows visible), the audit row. A failure or a crash leaves pending rows that are
 *    swept (here, or at the next start); nothing of the job was ever visible.
 * All-or-nothing unless `acceptValid`.
 */
export async function runImport(deps: RegistryDeps, run: ImportRun): Promise<ImportOutcome> {
  const dir = run.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-stage-'));
  const chunks = new ChunkWriter(dir, run.chunkRows ?? IMPORT_CHUNK_ROWS);
  try {
    const read = await readPhase(deps, run, chunks);
    if (read.fileError) return failed(read.total, read.invalid.size, read.fileError);
    if (read.invalid.size > 0 && !run.acceptValid) {
      return failed(read.total, read.invalid.size, invalidRows(read.invalid.size));
    }
    return await writePhase(deps, run, read, chunks.chunks);
  } finally {
    await chunks.close();
    chunks.remove();
    if (!run.workDir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

interface ReadResult {
  total: number;
  invalid: Set<number>;
  /** The file could not be read to its end (header, a limit, malformed quoting): the job's message. */
  fileError?: string;
}

async function readPhase(deps: RegistryDeps, run: ImportRun, chunks: ChunkWriter): Promise<ReadResult> {
  const protector = deps.keyring.protector();
  const context = { today: todayInChina(deps.clock), notIssued: await notIssuedSet(deps.db) };
  const invalid = new Set<number>();
  const fail = (row: number, column: string, code: string, message: string) => {
    invalid.add(row);
    run.errors.add({ row, column, code, message });
  };
  let total = 0;
  const started = performance.now();
  const progress = () =>
    run.onProgress?.({
      rows: total,
      rowsPerSecond: total / Math.max((performance.now() - started) / 1000, 0.001),
      fraction: run.source.size > 0 ? Math.min(run.source.bytesRead() / run.source.size, 1) : 1,
      phase: 'reading',
    });
  try {
    for await (const parsed of run.source.rows) {
      total += 1;
      if (total % 2000 === 0) progress();
      for (const p of parsed.cellProblems) fail(parsed.row, columnOf[p.field], p.code, p.message);
      const checked = validateCertificate(deps.catalog, parsed.raw, context);
      if (!checked.ok) {
        for (const p of checked.problems) fail(parsed.row, columnOf[p.field], p.code, p.message);
        continue;
      }
      if (parsed.cellProblems.length > 0) continue;
      const facts = checked.facts;
      if (!canWrite(run.principal, facts.department, facts.issuerRegion)) {
        const message = `you may not import ${facts.department} certificates of ${facts.issuerRegion}`;
        fail(parsed.row, 'certificate_type', 'out-of-scope', message);
        continue;
      }
      // Once the job is bound to fail (all-or-nothing), rows are only checked, not staged.
      if (invalid.size > 0 && !run.acceptValid) continue;
      const sealed = protectFacts(protector, facts);
      const staged: StagedRow = {
        row: parsed.row,
        ...certificateColumns(facts),
        reviewed_until: facts.reviewedUntil,
        ...sealed.number,
        ...sealed.holder,
      };
      await chunks.write(
        parsed.row,
        stageColumns.map((c) => staged[c]),
      );
    }
    progress();
  } catch (error) {
    if (error instanceof HeaderError) {
      fail(1, error.column || 'header', 'header', error.message);
      return { total, invalid, fileError: `表头有误，未写入任何数据 Header: ${error.message}` };
    }
    if (!(error instanceof FileError)) throw error;
    fail(error.row ?? 1, error.column ?? 'file', error.code, error.message);
    return {
      total,
      invalid,
      fileError: `文件未能读完，未写入任何数据 The file could not be read to its end (${error.code}: ${error.message}); nothing was written`,
    };
  } finally {
    await chunks.close();
  }
  return { total, invalid };
}

async function writePhase(
  deps: RegistryDeps,
  run: ImportRun,
  read: ReadResult,
  chunks: readonly StagedChunk[],
): Promise<ImportOutcome> {
  const invalid = new Set(read.invalid);
  const fail = (row: number, column: string, code: string, message: string) => {
    invalid.add(row);
    run.errors.add({ row, column, code, message });
  };
  const allOrNothing = () => invalid.size > 0 && !run.acceptValid;
  const sources = new Set<string>();
  let created = 0;
  let staged = 0;
  let written = 0;
  class Rollback extends Error {}
  try {
    await openImport(deps.db, run.importId);
    for (const chunk of chunks) {
      const write = !allOrNothing();
      const merged = await deps.bulk((session) =>
        session.db.transaction().execute(async (trx) => {
          await createChunkTable(trx);
          await session.copyCsv('import_chunk', stageColumns, chunk.file);
          return mergeChunk(trx, run.importId, run.ctx.at, write);
        }),
      );
      fs.rmSync(chunk.file, { force: true });
      for (const row of merged.duplicates) {
        fail(row, 'certificate_number', 'duplicate-in-file', 'an earlier row has the same type and number');
      }
      for (const row of merged.revoked) {
        fail(row, 'status', 'revoked-is-final', 'the certificate is revoked; revocation is final');
      }
      created += merged.created;
      staged += chunk.rows - merged.duplicates.length - merged.revoked.length;
      for (const source of merged.sources) sources.add(source);
      written += chunk.rows;
      run.onProgress?.({
        rows: written,
        rowsPerSecond: 0,
        fraction: written / Math.max(read.total, 1),
        phase: 'writing',
      });
      // Let the requests queued behind this chunk (PGlite's one session) run before the next one.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (allOrNothing()) throw new Rollback();

    const outcome = await deps.db.transaction().execute(async (trx) => {
      const held = await findHeldRows(trx, run.importId);
      for (const row of held) {
        fail(
          row,
          'certificate_number',
          'held-by-another-import',
          'another import is writing this certificate',
        );
      }
      if (allOrNothing()) throw new Rollback();
      const updated = await applyUpdates(trx, run.ctx, run.importId);
      await touchSources(trx, sources, run.ctx.at);
      const result: ImportOutcome = {
        status: 'succeeded',
        total: read.total,
        created,
        updated,
        unchanged: staged - held.length - created - updated,
        invalid: invalid.size,
        message: null,
      };
      // The flip: the job's rows become visible (the `certificates` view).
      await closeImport(trx, run.importId);
      await sql`update imports set status = 'succeeded', total = ${read.total}, created = ${created},
        updated = ${updated}, unchanged = ${result.unchanged}, invalid = ${invalid.size},
        finished_at = ${new Date()} where id = ${run.importId}::uuid`.execute(trx);
      await run.errors.store(trx, run.importId);
      await appendAudit(trx, run.ctx, {
        action: 'import.commit',
        targetType: 'import',
        targetId: run.importId,
        after: { ...result, acceptValid: run.acceptValid },
      });
      return result;
    });
    await dropStaged(deps.db, run.importId);
    await sql`analyze certificate_rows, holders`.execute(deps.db).catch(() => {}); // planner statistics: PGlite has no autovacuum
    return outcome;
  } catch (error) {
    // Best effort: what is left is swept at the next start (`failInterruptedImports`).
    await sweepImportRows(deps.db, run.importId).catch(() => {});
    if (error instanceof Rollback) {
      return failed(read.total, invalid.size, invalidRows(invalid.size));
    }
    throw error;
  }
}
