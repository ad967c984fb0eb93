import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { Principal } from '../accounts/accounts.model.ts';
import { type AuditContext, appendAudit } from '../audit/audit.store.ts';
import { schoolKindSchema } from '../catalog/catalog.model.ts';
import type { Protector } from '../protection/protection.model.ts';
import { maskIdNumber } from '../protection/protection.model.ts';
import { type IdType, idTypes, normalizeIdNumber, normalizeName } from '../registry/identity.ts';
import { FileError, importLimits } from '../registry/import/import.limits.ts';
import { readFirstSheet } from '../registry/import/xlsx-reader.ts';
import { holderIndex, holderIndexes } from '../registry/registry.protect.ts';
import { getHolderByIndex, insertHolder } from '../registry/registry.store.ts';
import { AppError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import type { Declared, Eligibility } from './eligibility.ts';
import { appendExamEvent } from './events.ts';
import { EMPLOYER_MAX } from './registration.model.ts';
import {
  type EligibilityChecker,
  type ExamDeps,
  loadOpenTarget,
  registerIn,
} from './registration.service.ts';

/**
 * Batch registration by an institution (issue 6 §3): an XLSX or CSV roster, one row per candidate, with a row-level
 * report like the certificate import. Every row is checked first (identity, 双承诺, eligibility through the
 * recognition engine); then one transaction registers the valid rows into the sitting, reports seats and overlaps
 * per row, and writes the batch record, its audit row and its event. A row that fails never blocks the others. The optional 工作单位 column records
 * the candidate's employer, which recusal of staff reads (issue 7 §3).
 */
export const MAX_BATCH_ROWS = 2000;

type Column =
  | 'name'
  | 'idType'
  | 'idNumber'
  | 'years'
  | 'yearsSinceLevel'
  | 'school'
  | 'apprenticeship'
  | 'commitment'
  | 'employer';
const headers: Record<string, Column> = {
  name: 'name',
  姓名: 'name',
  id_type: 'idType',
  证件类型: 'idType',
  id_number: 'idNumber',
  证件号码: 'idNumber',
  years_in_occupation: 'years',
  从事本职业年限: 'years',
  years_since_level: 'yearsSinceLevel',
  取得下一级证书后从事本职业年限: 'yearsSinceLevel',
  school: 'school',
  学历: 'school',
  apprenticeship: 'apprenticeship',
  学徒期满: 'apprenticeship',
  commitment: 'commitment',
  承诺: 'commitment',
  employer: 'employer',
  工作单位: 'employer',
};
export const columnNames: Record<Column, string> = {
  name: '姓名',
  idType: '证件类型',
  idNumber: '证件号码',
  years: '从事本职业年限',
  yearsSinceLevel: '取得下一级证书后从事本职业年限',
  school: '学历',
  apprenticeship: '学徒期满',
  commitment: '承诺',
  employer: '工作单位',
};
const yes = new Set(['是', 'y', 'yes', 'true', '1', '已承诺']);
const no = new Set(['否', 'n', 'no', 'false', '0', '']);
const idTypeWords: Record<string, IdType> = { 居民身份证: 'resident', 身份证: 'resident', 护照: 'passport' };

export interface BatchError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** A roster is small: the import's streaming limits, scaled down (a hostile XLSX must not cost the server). */
const rosterLimits = {
  ...importLimits,
  maxRows: MAX_BATCH_ROWS + 1,
  maxCellsPerRow: 64,
  maxCellChars: 1_000,
  maxDecompressedBytes: 64 * 1024 ** 2,
  maxSheetBytes: 48 * 1024 ** 2,
  maxSharedStrings: 100_000,
  maxSharedStringChars: 8 * 1024 ** 2,
};

async function readTable(file: Buffer, protector: Protector): Promise<string[][]> {
  if (file[0] === 0x50 && file[1] === 0x4b) {
    // A sheet stored before its shared strings waits sealed in a scratch directory, removed at once after.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-roster-'));
    const rows: string[][] = [];
    try {
      for await (const r of readFirstSheet(Readable.from([file]), rosterLimits, { dir, protector })) {
        const values = (r.values as unknown[]).slice(1).map((v) => {
          if (v === null || v === undefined) return '';
          if (typeof v === 'object' && v !== null && 'richText' in v)
            return (v as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
          if (typeof v === 'object' && v !== null && 'text' in v)
            return String((v as { text: unknown }).text);
          if (typeof v === 'number' && !Number.isSafeInteger(v)) return `#number:${v}`;
          return String(v);
        });
        rows[r.number - 1] = values;
      }
    } catch (error) {
      if (error instanceof FileError)
        throw new AppError('validation_failed', error.message, [{ path: 'file', message: error.code }]);
      throw error;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return Array.from(rows, (r) => r ?? []);
  }
  return parse(file, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

interface ValidRow {
  row: number;
  name: string;
  idType: IdType;
  idNumber: string;
  declared: Declared;
  /** 工作单位, optional (issue 7 §3 recusal). */
  employer: string | null;
}

function readRow(row: number, cells: Record<Column, string>, errors: BatchError[]): ValidRow | null {
  const fail = (column: Column, code: string, message: string) => {
    errors.push({ row, column: columnNames[column], code, message });
    return null;
  };
  const name = normalizeName(cells.name);
  if (!name.ok) return fail('name', name.code, name.message);
  const idType = idTypeWords[cells.idType.trim()] ?? (cells.idType.trim() || 'resident');
  if (!(idTypes as readonly string[]).includes(idType))
    return fail('idType', 'unknown-id-type', `unknown ID type ${cells.idType}`);
  if (cells.idNumber.startsWith('#number:'))
    return fail(
      'idNumber',
      'stored-as-number',
      'the spreadsheet stored the ID number as a number and lost digits; format the column as text',
    );
  const id = normalizeIdNumber(idType as IdType, cells.idNumber);
  if (!id.ok) return fail('idNumber', id.code, id.message);
  if (!yes.has(cells.commitment.trim().toLowerCase()))
    return fail(
      'commitment',
      'commitment-missing',
      '须填"是"表示已作出双承诺 the candidate’s commitment is required',
    );
  const declared: Declared = {};
  if (cells.years.trim() !== '') {
    const years = Number(cells.years.trim());
    if (!Number.isFinite(years) || years < 0 || years > 60)
      return fail('years', 'bad-years', 'years must be 0–60');
    declared.yearsInOccupation = years;
  }
  // Optional: years since the level a route requires; each condition of the standard reads its own figure.
  if ((cells.yearsSinceLevel ?? '').trim() !== '') {
    const years = Number(cells.yearsSinceLevel.trim());
    if (!Number.isFinite(years) || years < 0 || years > 60)
      return fail('yearsSinceLevel', 'bad-years', 'years must be 0–60');
    if (declared.yearsInOccupation !== undefined && years > declared.yearsInOccupation)
      return fail(
        'yearsSinceLevel',
        'years-exceed-total',
        '不能超过从事本职业年限 cannot exceed the total years',
      );
    declared.yearsSinceLevel = years;
  }
  if (cells.school.trim() !== '') {
    const school = schoolKindSchema.safeParse(cells.school.trim());
    if (!school.success)
      return fail('school', 'unknown-school', `school is one of ${schoolKindSchema.options.join(', ')}`);
    declared.school = school.data;
  }
  const apprenticeship = cells.apprenticeship.trim().toLowerCase();
  if (yes.has(apprenticeship)) declared.apprenticeship = true;
  else if (!no.has(apprenticeship)) return fail('apprenticeship', 'bad-flag', 'use 是 or 否');
  const employer = cells.employer.trim();
  if (employer.length > EMPLOYER_MAX)
    return fail('employer', 'employer-too-long', `the employer is at most ${EMPLOYER_MAX} characters`);
  return {
    row,
    name: name.value,
    idType: idType as IdType,
    idNumber: id.value,
    declared,
    employer: employer || null,
  };
}

export interface BatchResult {
  id: string;
  total: number;
  registered: number;
  invalid: number;
  errors: BatchError[];
}

export async function registerBatch(
  deps: ExamDeps,
  check: EligibilityChecker,
  principal: Principal,
  ctx: AuditContext,
  input: { planId: string; sittingId: string; filename: string; file: Buffer },
): Promise<BatchResult> {
  // Another institution's sitting does not exist for the caller, whatever its plan's state.
  const target = await loadOpenTarget(
    deps,
    input.planId,
    input.sittingId,
    (t) => principal.role === 'system-admin' || principal.institution === t.institution_id,
  );
  const table = await readTable(input.file, deps.keyring.protector());
  const [head = [], ...body] = table;
  const columns = head.map((h) => headers[h.normalize('NFKC').trim().toLowerCase()] ?? headers[h.trim()]);
  for (const needed of ['name', 'idNumber', 'commitment'] as const)
    if (!columns.includes(needed))
      throw new AppError('validation_failed', `the header lacks ${columnNames[needed]}`, [
        { path: 'file', message: `missing-column:${columnNames[needed]}` },
      ]);
  const rows = body
    .map((cells, i) => ({ row: i + 2, cells }))
    .filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (rows.length > MAX_BATCH_ROWS)
    throw new AppError('payload_too_large', `at most ${MAX_BATCH_ROWS} candidates per file`);
  const errors: BatchError[] = [];
  const protector = deps.keyring.protector();
  // Phase 1, outside any transaction (PGlite has one session): identities and eligibility.
  const checked: {
    v: ValidRow;
    index: string;
    indexes: string[];
    holderId: string | null;
    eligibility: Eligibility;
    decisionId: string;
  }[] = [];
  for (const { row, cells } of rows) {
    const get = (c: Column) => String(cells[columns.indexOf(c)] ?? '');
    const v = readRow(
      row,
      {
        name: get('name'),
        idType: get('idType'),
        idNumber: get('idNumber'),
        years: get('years'),
        yearsSinceLevel: get('yearsSinceLevel'),
        school: get('school'),
        apprenticeship: get('apprenticeship'),
        commitment: get('commitment'),
        employer: get('employer'),
      },
      errors,
    );
    if (!v) continue;
    const index = holderIndex(protector, v.idType, v.idNumber);
    // Both index versions while `hutong keys migrate` rebuilds them (issue 18): a person indexed under the old one
    // is the same person, not a new holder.
    const indexes = holderIndexes(protector, v.idType, v.idNumber);
    const holder = await getHolderByIndex(deps.db, indexes);
    if (holder && holder.name !== v.name) {
      errors.push({
        row,
        column: columnNames.name,
        code: 'name-mismatch',
        message: 'the name differs from the registry’s for this ID number',
      });
      continue;
    }
    const { eligibility, decisionId } = await check(
      holder?.id ?? null,
      target.occupation,
      target.level,
      target.province,
      v.declared,
    );
    if (!eligibility.eligible) {
      errors.push({
        row,
        column: columnNames.years,
        code: `not-eligible:${eligibility.reasonCodes.join('+')}`,
        message: eligibility.summaryZh,
      });
      continue;
    }
    checked.push({ v, index, indexes, holderId: holder?.id ?? null, eligibility, decisionId });
  }
  // Phase 2, one transaction: new persons, seats, overlaps, the batch record.
  const id = newId();
  let registered = 0;
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('registration_batches')
      .values({
        id,
        plan_id: target.plan_id,
        institution_id: target.institution_id,
        filename: input.filename,
        file_sha256: createHash('sha256').update(input.file).digest('hex'),
        total: rows.length,
        registered: 0,
        invalid: 0,
        errors: '[]',
        created_by: ctx.actorLabel,
        created_at: ctx.at,
      })
      .execute();
    for (const c of checked) {
      const holderId =
        c.holderId ??
        (
          await insertHolder(
            trx,
            {
              id: newId(),
              id_type: c.v.idType,
              id_index: c.index,
              id_cipher: protector.encrypt(c.v.idNumber),
              id_masked: maskIdNumber(c.v.idNumber),
              name: c.v.name,
              created_at: ctx.at,
              updated_at: ctx.at,
            },
            c.indexes,
          )
        ).id;
      const result = await registerIn(trx, ctx, {
        target,
        holderId,
        declared: c.v.declared,
        eligibility: c.eligibility,
        decisionId: c.decisionId,
        channel: 'batch',
        batchId: id,
        employer: c.v.employer,
      });
      if (result.ok) registered += 1;
      else
        errors.push({
          row: c.v.row,
          column: columnNames.idNumber,
          code: result.reason,
          message: result.reason,
        });
    }
    errors.sort((a, b) => a.row - b.row);
    const summary = { total: rows.length, registered, invalid: rows.length - registered };
    await trx
      .updateTable('registration_batches')
      .set({ ...summary, errors: JSON.stringify(errors) })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, ctx, {
      action: 'registration.batch',
      targetType: 'registration-batch',
      targetId: id,
      after: { plan: target.plan_id, sitting: target.sitting_id, filename: input.filename, ...summary },
    });
    await appendExamEvent(trx, ctx, {
      kind: 'registration.batch',
      institutionId: target.institution_id,
      planId: target.plan_id,
      province: target.province,
      subjectType: 'batch',
      subjectId: id,
      payload: summary,
    });
  });
  return { id, total: rows.length, registered, invalid: rows.length - registered, errors };
}
