import { sql } from 'kysely';
import type { Principal } from '../../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../../audit/audit.store.ts';
import { protectFacts } from '../registry.protect.ts';
import { validateCertificate } from '../registry.rules.ts';
import type { RegistryDeps } from '../registry.service.ts';
import { canWrite } from '../registry.service.ts';
import type { ErrorSink } from './import.errors.ts';
import {
  createStage,
  dropStagedRows,
  findDuplicateRows,
  findRevokedConflicts,
  insertStage,
  mergeStage,
  type StagedRow,
} from './import.merge.ts';
import { columnOf, HeaderError, type RowSource } from './import.parse.ts';

export interface ImportProgress {
  rows: number;
  rowsPerSecond: number;
  /** 0..1 of the file's bytes read. */
  fraction: number;
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
  onProgress?: (p: ImportProgress) => void;
}

class Rollback extends Error {}

const BATCH = 1000;

/**
 * Runs one import in ONE transaction (issue 3 §5): stream rows → validate each exactly as the API does → seal
 * personal data → stage → merge. All-or-nothing unless `acceptValid`; the job row is marked succeeded in the same
 * transaction, so a crash anywhere leaves no data and a job that is simply run again.
 */
export async function runImport(deps: RegistryDeps, run: ImportRun): Promise<ImportOutcome> {
  const protector = deps.keyring.protector();
  const invalidRows = new Set<number>();
  let total = 0;
  const started = performance.now();
  const reportProgress = () =>
    run.onProgress?.({
      rows: total,
      rowsPerSecond: total / Math.max((performance.now() - started) / 1000, 0.001),
      fraction: run.source.size > 0 ? Math.min(run.source.bytesRead() / run.source.size, 1) : 1,
    });
  const fail = (row: number, column: string, code: string, message: string) => {
    invalidRows.add(row);
    run.errors.add({ row, column, code, message });
  };

  try {
    return await deps.db.transaction().execute(async (trx) => {
      await createStage(trx);
      let batch: StagedRow[] = [];
      for await (const parsed of run.source.rows) {
        total += 1;
        for (const p of parsed.cellProblems) fail(parsed.row, columnOf[p.field], p.code, p.message);
        const checked = validateCertificate(deps.catalog, parsed.raw);
        if (!checked.ok) {
          for (const p of checked.problems) fail(parsed.row, columnOf[p.field], p.code, p.message);
          continue;
        }
        if (parsed.cellProblems.length > 0) continue;
        const facts = checked.facts;
        if (!canWrite(run.principal, facts.department, facts.issuerRegion)) {
          fail(
            parsed.row,
            'certificate_type',
            'out-of-scope',
            `you may not import ${facts.department} certificates of ${facts.issuerRegion}`,
          );
          continue;
        }
        const sealed = protectFacts(protector, facts);
        batch.push({
          row: parsed.row,
          type: facts.type,
          department: facts.department,
          ...sealed.number,
          ...sealed.holder,
          valid_from: facts.validFrom,
          valid_until: facts.validUntil,
          status: facts.status,
          issuer_region: facts.issuerRegion,
          issuer_org: facts.issuerOrg,
          issuer_org_code: facts.issuerOrgCode,
          occupation: facts.occupation,
          level: facts.level,
        });
        if (batch.length >= BATCH) {
          await insertStage(trx, batch);
          batch = [];
        }
        if (total % 2000 === 0) reportProgress();
      }
      await insertStage(trx, batch);
      reportProgress();

      const duplicates = await findDuplicateRows(trx);
      for (const row of duplicates)
        fail(row, 'certificate_number', 'duplicate-in-file', 'an earlier row has the same type and number');
      const revoked = await findRevokedConflicts(trx);
      for (const row of revoked)
        fail(row, 'status', 'revoked-is-final', 'the certificate is revoked; revocation is final');
      if (invalidRows.size > 0 && !run.acceptValid) throw new Rollback();
      await dropStagedRows(trx, [...duplicates, ...revoked]);

      const counts = await mergeStage(trx, run.ctx, run.importId);
      const outcome: ImportOutcome = {
        status: 'succeeded',
        total,
        created: counts.created,
        updated: counts.updated,
        unchanged: counts.unchanged,
        invalid: invalidRows.size,
        message: null,
      };
      await sql`update imports set status = 'succeeded', total = ${total}, created = ${counts.created},
        updated = ${counts.updated}, unchanged = ${counts.unchanged}, invalid = ${invalidRows.size},
        finished_at = ${new Date()} where id = ${run.importId}::uuid`.execute(trx);
      await run.errors.store(trx, run.importId);
      await appendAudit(trx, run.ctx, {
        action: 'import.commit',
        targetType: 'import',
        targetId: run.importId,
        after: { ...outcome, acceptValid: run.acceptValid },
      });
      return outcome;
    });
  } catch (error) {
    if (error instanceof HeaderError) {
      fail(1, error.column || 'header', 'header', error.message);
      return {
        status: 'failed',
        total,
        created: 0,
        updated: 0,
        unchanged: 0,
        invalid: invalidRows.size,
        message: error.message,
      };
    }
    if (error instanceof Rollback) {
      return {
        status: 'failed',
        total,
        created: 0,
        updated: 0,
        unchanged: 0,
        invalid: invalidRows.size,
        message: `${invalidRows.size} invalid rows: nothing was written (all-or-nothing)`,
      };
    }
    throw error;
  }
}
