import fs from 'node:fs';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import type ExcelJS from 'exceljs';
import type { Protector } from '../../protection/protection.model.ts';
import type { RawCertificate, RawField } from '../registry.model.ts';
import { FileError, type ImportLimits, importLimits } from './import.limits.ts';
import { openSealedFile, SealError } from './import.seal.ts';
import { readFirstSheet, type XlsxScratch } from './xlsx-reader.ts';

/**
 * Reading department files (design.md §Department data files): CSV (UTF-8, header row) or XLSX (first sheet), with
 * the English or the departments' Chinese headers. Rows stream one at a time, and every limit of `importLimits` is
 * checked as they do, so a file of any size or content is read in bounded memory and time.
 */
export type ImportFormat = 'csv' | 'xlsx';

export const columnOf: Record<RawField, string> = {
  type: 'certificate_type',
  number: 'certificate_number',
  holderName: 'holder_name',
  idType: 'id_type',
  idNumber: 'id_number',
  validFrom: 'valid_from',
  validUntil: 'valid_until',
  reviewedUntil: 'reviewed_until',
  status: 'status',
  issuerRegion: 'issuer_region',
  issuerOrg: 'issuer_org',
  issuerOrgCode: 'issuer_org_code',
  occupation: 'occupation',
  level: 'level',
};

const chineseHeaders: Record<string, RawField> = {
  证书类型: 'type',
  证书编号: 'number',
  姓名: 'holderName',
  证件类型: 'idType',
  证件号码: 'idNumber',
  有效期起: 'validFrom',
  有效期至: 'validUntil',
  // 复审 (issue 13 item 5): MEM cards print the date the next review is due as 复审日期.
  复审有效期至: 'reviewedUntil',
  复审日期: 'reviewedUntil',
  状态: 'status',
  发证地区: 'issuerRegion',
  发证机关: 'issuerOrg',
  统一社会信用代码: 'issuerOrgCode',
  职业: 'occupation',
  等级: 'level',
};
const englishHeaders = Object.fromEntries(
  Object.entries(columnOf).map(([field, col]) => [col, field as RawField]),
);
const required: RawField[] = [
  'type',
  'number',
  'holderName',
  'idNumber',
  'validFrom',
  'issuerRegion',
  'issuerOrg',
];

export interface ParsedRow {
  /** 1-based line of the file, the header being row 1: what a person sees in their spreadsheet. */
  row: number;
  raw: RawCertificate;
  /** Problems found while reading cells (an ID number stored as a number), before validation. */
  cellProblems: Array<{ field: RawField; code: string; message: string }>;
}

export class HeaderError extends Error {
  constructor(
    message: string,
    readonly column: string,
  ) {
    super(message);
  }
}

function fieldsOf(cells: string[]): Array<RawField | undefined> {
  return cells.map((c) => {
    const key = c
      .normalize('NFKC')
      .trim()
      .replace(/^\uFEFF/, '');
    return englishHeaders[key.toLowerCase()] ?? chineseHeaders[key];
  });
}

/** Maps header cells to fields; unknown columns are ignored, missing required ones are an error for the file. */
export function mapHeader(cells: string[]): Array<RawField | undefined> {
  const mapped = fieldsOf(cells);
  const missing = required.filter((f) => !mapped.includes(f));
  if (missing.length > 0) {
    const names = missing.map((f) => columnOf[f]);
    throw new HeaderError(`the header lacks ${names.join(', ')}`, names[0] ?? '');
  }
  return mapped;
}

function emptyRaw(): RawCertificate {
  return {
    type: '',
    number: '',
    holderName: '',
    idType: '',
    idNumber: '',
    validFrom: '',
    validUntil: '',
    reviewedUntil: '',
    status: '',
    issuerRegion: '',
    issuerOrg: '',
    issuerOrgCode: '',
    occupation: '',
    level: '',
  };
}

/** A cell's place for a message: the column's name when the header maps it, else its position. */
function columnName(header: Array<RawField | undefined> | undefined, index: number): string {
  const field = header?.[index];
  return field ? columnOf[field] : `column ${index + 1}`;
}

interface CsvProblem {
  code?: string;
  lines?: number;
  records?: number;
  column?: number | string;
}

/**
 * csv-parse's messages quote the cell (`value is "4401…"`), so only its code and position are used: quoting that
 * cannot be read ends the file at that row (what follows a stray quote cannot be told apart from its cell).
 */
function csvFileError(error: CsvProblem, header: Array<RawField | undefined> | undefined): FileError {
  const row = (error.records ?? 0) + 1;
  const column = typeof error.column === 'number' ? columnName(header, error.column) : undefined;
  const line = error.lines ? ` at line ${error.lines}` : '';
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new FileError(
      'row-too-long',
      `a row is longer than ${importLimits.maxRowChars} characters${line}`,
      row,
      column,
    );
  }
  const reason =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted cell is never closed'
      : error.code === 'INVALID_OPENING_QUOTE'
        ? 'a quote appears inside a cell that is not quoted'
        : error.code === 'CSV_INVALID_CLOSING_QUOTE'
          ? 'a quoted cell is followed by text before the next comma'
          : 'the row cannot be read as CSV';
  return new FileError('malformed-csv', `${reason}${line}; the file is not read past this row`, row, column);
}

async function* readCsv(input: Readable, limits: ImportLimits): AsyncGenerator<ParsedRow> {
  // The header as the parser saw it: a parse error can arrive before the records parsed ahead of it are read.
  let headerCells: string[] | undefined;
  const parser = input.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: limits.maxRowChars,
      on_record: (record: string[]) => {
        headerCells ??= record.slice(0, limits.maxCellsPerRow);
        return record;
      },
    }),
  );
  let header: Array<RawField | undefined> | undefined;
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      if (record.length > limits.maxCellsPerRow) {
        throw new FileError('too-many-cells', `a row has more than ${limits.maxCellsPerRow} cells`, row);
      }
      if (!header) {
        header = mapHeader(record);
        continue;
      }
      if (row > limits.maxRows + 1) {
        throw new FileError('too-many-rows', `the file has more than ${limits.maxRows} rows`, row);
      }
      const raw = emptyRaw();
      const cellProblems: ParsedRow['cellProblems'] = [];
      header.forEach((field, i) => {
        if (!field) return;
        const cell = record[i] ?? '';
        if (cell.length > limits.maxCellChars) cellProblems.push({ field, ...tooLong(limits) });
        else raw[field] = cell;
      });
      yield { row, raw, cellProblems };
    }
  } catch (error) {
    if (error instanceof FileError || error instanceof HeaderError) throw error;
    if (error instanceof SealError) throw new FileError('malformed-csv', 'the stored upload cannot be read');
    throw csvFileError(error as CsvProblem, headerCells && fieldsOf(headerCells));
  } finally {
    input.destroy();
  }
  if (!header) throw new HeaderError('the file is empty', '');
}

const tooLong = (limits: ImportLimits) => ({
  code: 'cell-too-long',
  message: `the cell is longer than ${limits.maxCellChars} characters`,
});

/**
 * One XLSX cell as text. Date cells become YYYY-MM-DD. A number in a text column keeps its digits only when it
 * is an exact integer: an 18-digit ID number stored as a number has lost digits and is reported, never guessed.
 */
function cellText(
  value: ExcelJS.CellValue,
  field: RawField,
): { text: string; problem?: { code: string; message: string } } {
  if (value === null || value === undefined) return { text: '' };
  // Spreadsheet dates carry no zone: exceljs reads the serial date as that day at UTC, so its UTC date is it.
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return { text: String(value) };
    if (field === 'idNumber' || field === 'number') {
      return {
        text: '',
        problem: {
          code: 'stored-as-number',
          message:
            'the spreadsheet stored this number as a number and lost digits; format the column as text',
        },
      };
    }
    return { text: String(value) };
  }
  if (typeof value === 'object') {
    if ('richText' in value) return { text: value.richText.map((r) => r.text).join('') };
    if ('text' in value && typeof value.text === 'string') return { text: value.text };
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue, field);
  }
  return { text: String(value) };
}

async function* readXlsx(
  input: Readable,
  limits: ImportLimits,
  scratch: XlsxScratch,
): AsyncGenerator<ParsedRow> {
  let header: Array<RawField | undefined> | undefined;
  for await (const r of readFirstSheet(input, limits, scratch)) {
    const values = (r.values as ExcelJS.CellValue[]).slice(1);
    if (!header) {
      header = mapHeader(values.map((v) => cellText(v, 'type').text));
      continue;
    }
    if (values.every((v) => v === null || v === undefined || v === '')) continue;
    const raw = emptyRaw();
    const cellProblems: ParsedRow['cellProblems'] = [];
    header.forEach((field, i) => {
      if (!field) return;
      const cell = cellText(values[i], field);
      if (cell.text.length > limits.maxCellChars) cellProblems.push({ field, ...tooLong(limits) });
      else raw[field] = cell.text;
      if (cell.problem) cellProblems.push({ field, ...cell.problem });
    });
    yield { row: r.number, raw, cellProblems };
  }
  if (!header) throw new HeaderError('the first sheet is empty', '');
}

export interface RowSource {
  rows: AsyncGenerator<ParsedRow>;
  /** Bytes of the file read so far and its size: progress and ETA without counting rows first. */
  bytesRead(): number;
  size: number;
}

export interface ReadOptions {
  /** The file is an upload sealed with `createSealStream`: opened with this protector. */
  sealedWith?: Protector;
  /** Where an XLSX sheet that must wait for its shared strings is kept, sealed. */
  scratch: XlsxScratch;
  limits?: ImportLimits;
}

export function readRows(file: string, format: ImportFormat, options: ReadOptions): RowSource {
  const limits = options.limits ?? importLimits;
  let read = 0;
  // Pull-based both ways: a 'data' listener would start the stream flowing before the parser reads it, and the
  // first chunks (the header) would be lost whenever the parser starts late.
  const input = options.sealedWith
    ? Readable.from(openSealedFile(file, options.sealedWith, (n) => (read += n)))
    : Readable.from(counted(fs.createReadStream(file, { highWaterMark: 256 * 1024 }), (n) => (read += n)));
  return {
    rows: format === 'csv' ? readCsv(input, limits) : readXlsx(input, limits, options.scratch),
    bytesRead: () => read,
    size: fs.statSync(file).size,
  };
}

async function* counted(stream: fs.ReadStream, onBytes: (n: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/** The format from the file's first bytes (XLSX is a ZIP), so a misnamed file is still read right. */
export function formatOf(head: Buffer): ImportFormat {
  return head[0] === 0x50 && head[1] === 0x4b ? 'xlsx' : 'csv';
}

export function detectFormat(path: string): ImportFormat {
  const fd = fs.openSync(path, 'r');
  try {
    const head = Buffer.alloc(4);
    fs.readSync(fd, head, 0, 4, 0);
    return formatOf(head);
  } finally {
    fs.closeSync(fd);
  }
}

/** Rows already in memory (the demo seed), numbered as if they followed a header row. */
export function arraySource(rows: readonly RawCertificate[]): RowSource {
  let read = 0;
  async function* generate(): AsyncGenerator<ParsedRow> {
    for (const raw of rows) {
      read += 1;
      yield { row: read + 1, raw, cellProblems: [] };
    }
  }
  return { rows: generate(), bytesRead: () => read, size: rows.length };
}
