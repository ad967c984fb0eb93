import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { sql } from 'kysely';
import type { Principal } from '../../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../../audit/audit.store.ts';
import { notIssuedSet } from '../../catalog/designations.service.ts';
import { todayInChina } from '../../shared/clock.ts';
import { certificateColumns, protectFacts } from '../registry.protect.ts';
import { validateCertificate } from '../registry.rules.ts';
import { canWrite, type RegistryDeps } from '../registry.service.ts';
import type { ErrorSink } from './import.errors.ts';
import { FileError } from './import.limits.ts';
import {
  createStage,
  dropStagedRows,
  findDuplicateRows,
  findRevokedConflicts,
  mergeStage,
  stageColumns,
  touchStagedSources,
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
  onProgress?: (p: ImportProgress) => void;
}

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
 *    rows to a temporary file. No database session is held, so on PGlite other requests go on meanwhile.
 * 2. Write, in ONE transaction on one session: COPY the staged file into a temporary table, check duplicates and
 *    revoked certificates, merge, store the error report, mark the job succeeded, append the audit row. A crash
 *    anywhere leaves nothing, and the job is simply run again.
 * All-or-nothing unless `acceptValid`.
 */
export async function runImport(deps: RegistryDeps, run: ImportRun): Promise<ImportOutcome> {
  const dir = run.workDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-stage-'));
  const stageFile = path.join(dir, 'stage.csv');
  try {
    const read = await readPhase(deps, run, stageFile);
    if (read.fileError) return failed(read.total, read.invalid.size, read.fileError);
    if (read.invalid.size > 0 && !run.acceptValid) {
      return failed(
        read.total,
        read.invalid.size,
        `${read.invalid.size} invalid rows: nothing was written (all-or-nothing)`,
      );
    }
    return await writePhase(deps, run, read);
  } finally {
    fs.rmSync(run.workDir ? stageFile : dir, { recursive: true, force: true });
  }
}

interface ReadResult {
  total: number;
  invalid: Set<number>;
  stageFile: string;
  /** The file could not be read to its end (header, a limit, malformed quoting): the job's message. */
  fileError?: string;
}

async function readPhase(deps: RegistryDeps, run: ImportRun, stageFile: string): Promise<ReadResult> {
  const protector = deps.keyring.protector();
  const context = { today: todayInChina(deps.clock), notIssued: await notIssuedSet(deps.db) };
  const invalid = new Set<number>();
  const fail = (row: number, column: string, code: string, message: string) => {
    invalid.add(row);
    run.errors.add({ row, column, code, message });
  };
  // csv-stringify writes null as an empty field, which COPY (format csv) reads as NULL.
  const out = stringify();
  const file = fs.createWriteStream(stageFile, { mode: 0o600 });
  out.pipe(file);
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
      const sealed = protectFacts(protector, facts);
      const staged: Record<(typeof stageColumns)[number], string | number | null> = {
        row: parsed.row,
        ...certificateColumns(facts),
        reviewed_until: facts.reviewedUntil,
        ...sealed.number,
        ...sealed.holder,
      };
      if (!out.write(stageColumns.map((c) => staged[c]))) await new Promise((r) => out.once('drain', r));
    }
    progress();
  } catch (error) {
    if (error instanceof HeaderError) {
      fail(1, error.column || 'header', 'header', error.message);
      return { total, invalid, stageFile, fileError: error.message };
    }
    if (!(error instanceof FileError)) throw error;
    fail(error.row ?? 1, error.column ?? 'file', error.code, error.message);
    return { total, invalid, stageFile, fileError: `${error.code}: ${error.message}; nothing was written` };
  } finally {
    out.end();
    await finished(file);
  }
  return { total, invalid, stageFile };
}

async function writePhase(deps: RegistryDeps, run: ImportRun, read: ReadResult): Promise<ImportOutcome> {
  run.onProgress?.({ rows: read.total, rowsPerSecond: 0, fraction: 1, phase: 'writing' });
  const invalid = new Set(read.invalid);
  const fail = (row: number, column: string, code: string, message: string) => {
    invalid.add(row);
    run.errors.add({ row, column, code, message });
  };
  class Rollback extends Error {}
  try {
    return await deps.bulk((session) =>
      session.db.transaction().execute(async (trx) => {
        await createStage(trx);
        await session.copyCsv('import_stage', stageColumns, read.stageFile);
        const duplicates = await findDuplicateRows(trx);
        for (const row of duplicates) {
          fail(row, 'certificate_number', 'duplicate-in-file', 'an earlier row has the same type and number');
        }
        const revoked = await findRevokedConflicts(trx);
        for (const row of revoked)
          fail(row, 'status', 'revoked-is-final', 'the certificate is revoked; revocation is final');
        if (invalid.size > 0 && !run.acceptValid) throw new Rollback();
        await dropStagedRows(trx, [...duplicates, ...revoked]);

        const counts = await mergeStage(trx, run.ctx, run.importId);
        if (counts.staged > 0) await touchStagedSources(trx, run.ctx.at);
        const outcome: ImportOutcome = {
          status: 'succeeded',
          total: read.total,
          created: counts.created,
          updated: counts.updated,
          unchanged: counts.unchanged,
          invalid: invalid.size,
          message: null,
        };
        await sql`update imports set status = 'succeeded', total = ${read.total}, created = ${counts.created},
          updated = ${counts.updated}, unchanged = ${counts.unchanged}, invalid = ${invalid.size},
          finished_at = ${new Date()} where id = ${run.importId}::uuid`.execute(trx);
        await run.errors.store(trx, run.importId);
        await appendAudit(trx, run.ctx, {
          action: 'import.commit',
          targetType: 'import',
          targetId: run.importId,
          after: { ...outcome, acceptValid: run.acceptValid },
        });
        return outcome;
      }),
    );
  } catch (error) {
    if (error instanceof Rollback) {
      return failed(
        read.total,
        invalid.size,
        `${invalid.size} invalid rows: nothing was written (all-or-nothing)`,
      );
    }
    throw error;
  }
}
