import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type ExcelJS from 'exceljs';
import type { Protector } from '../../protection/protection.model.ts';
import { FileError, type ImportLimits } from './import.limits.ts';
import { createSealStream, openSealedFile } from './import.seal.ts';
import { guardXml } from './xlsx-guard.ts';
import { keepLongNumbersAsText } from './xlsx-long-numbers.ts';

// exceljs's own zip reader and SAX wrapper, so the versions stay the ones exceljs 4.4.0 (pinned) was built with.
const excelRequire = createRequire(createRequire(import.meta.url).resolve('exceljs'));

interface ZipEntry extends Readable {
  path: string;
  type: 'File' | 'Directory';
}
type SaxEvent = { eventType: 'opentag' | 'text' | 'closetag'; value: { name: string } | string };
interface ExcelInternals {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(
    iterator: AsyncIterable<Buffer>,
    sheetNo: string,
  ): Generator<{ value: AsyncIterable<ExcelJS.Row> }>;
  sharedStrings?: string[];
}

export interface XlsxScratch {
  /** Where the first sheet is kept, sealed, when it comes before the shared strings in the ZIP. */
  dir: string;
  protector: Protector;
}

/**
 * The first worksheet's rows, read in bounded memory and time (issue 17 §1). exceljs's streaming reader buffers each
 * ZIP part in memory without back-pressure, keeps every shared string, and writes a sheet that precedes its shared
 * strings to a plaintext temp file; this drives exceljs's part parsers itself instead: every part's decompressed
 * bytes are counted against the limits, the XML is guarded before parsing (`guardXml`), the shared strings are
 * counted and measured as they are read, and a sheet that must wait is sealed into the job's directory.
 */
export async function* readFirstSheet(
  input: Readable,
  limits: ImportLimits,
  scratch: XlsxScratch,
): AsyncGenerator<ExcelJS.Row> {
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(input as never, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  }) as unknown as ExcelInternals;
  const unzipper = excelRequire('unzipper') as { Parse(o: { forceStream: boolean }): NodeJS.ReadWriteStream };
  const zip = unzipper.Parse({ forceStream: true });
  const feeding = pipeline(input, zip as unknown as NodeJS.WritableStream).catch((error: unknown) => error);
  let total = 0;
  let entries = 0;
  let relsRead = false;
  let sharedRead = false;
  let spool: { file: string; sheetNo: string } | undefined;

  async function* bounded(entry: ZipEntry, limit: number): AsyncGenerator<Buffer> {
    let bytes = 0;
    for await (const chunk of entry as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      total += chunk.length;
      if (bytes > limit || total > limits.maxDecompressedBytes) {
        throw new FileError(
          'file-too-large',
          total > limits.maxDecompressedBytes
            ? `the workbook decompresses to more than ${limits.maxDecompressedBytes} bytes`
            : `the workbook part ${safeName(entry.path)} decompresses to more than ${limit} bytes`,
        );
      }
      yield chunk;
    }
  }
  const part = (entry: ZipEntry) =>
    Readable.from(guardXml(bounded(entry, limits.maxPartBytes), limits, 'other'));
  const rows = (iterator: AsyncIterable<Buffer>, sheetNo: string) => {
    if (!reader.sharedStrings) reader.sharedStrings = [];
    const [emitted] = [...reader._parseWorksheet(iterator, sheetNo)];
    if (!emitted) throw new FileError('malformed-xlsx', 'the first sheet cannot be read');
    return emitted.value;
  };

  try {
    for await (const entry of zip as AsyncIterable<ZipEntry>) {
      entries += 1;
      if (entries > limits.maxZipEntries) {
        throw new FileError('file-too-large', `the workbook has more than ${limits.maxZipEntries} parts`);
      }
      const sheet = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path);
      if (entry.path === 'xl/_rels/workbook.xml.rels') {
        await reader._parseRels(part(entry));
        relsRead = true;
      } else if (entry.path === 'xl/workbook.xml') {
        await reader._parseWorkbook(part(entry));
      } else if (entry.path === 'xl/styles.xml') {
        await reader._parseStyles(part(entry));
      } else if (entry.path === 'xl/sharedStrings.xml') {
        reader.sharedStrings = await readSharedStrings(
          guardXml(bounded(entry, limits.maxSheetBytes), limits, 'shared-strings'),
          limits,
        );
        sharedRead = true;
      } else if (sheet?.[1] && !spool && sharedRead && relsRead) {
        const sheetXml = guardXml(bounded(entry, limits.maxSheetBytes), limits, 'sheet');
        yield* rows(keepLongNumbersAsText(sheetXml), sheet[1]);
        return; // the first sheet only
      } else if (sheet?.[1] && !spool) {
        // Its shared strings may come later in the ZIP: keep the sheet, sealed, until they are read.
        const file = path.join(scratch.dir, 'sheet.sealed');
        await pipeline(
          Readable.from(bounded(entry, limits.maxSheetBytes)),
          createSealStream(scratch.protector),
          fs.createWriteStream(file, { mode: 0o600 }),
        );
        spool = { file, sheetNo: sheet[1] };
      } else {
        for await (const _ of bounded(entry, limits.maxSheetBytes));
      }
    }
    const fed = await feeding;
    if (fed) throw fed;
    if (!spool) throw new FileError('malformed-xlsx', 'the workbook has no sheet');
    const sheetXml = guardXml(openSealedFile(spool.file, scratch.protector), limits, 'sheet');
    yield* rows(keepLongNumbersAsText(sheetXml), spool.sheetNo);
  } catch (error) {
    if (error instanceof FileError) throw error;
    // A ZIP or XML error: its message may quote the file's text, so only the kind is kept.
    throw new FileError('malformed-xlsx', 'the workbook is not a readable XLSX file');
  } finally {
    input.destroy();
    if (spool) fs.rmSync(spool.file, { force: true });
  }
}

/** A part name from the ZIP, shortened and stripped to safe characters for a message. */
function safeName(name: string): string {
  return name.replace(/[^\w./-]/g, '?').slice(0, 80);
}

/**
 * The shared strings as plain texts (rich text runs joined, phonetic runs skipped), counted and measured as they
 * are read so the table can never outgrow its limits.
 */
async function readSharedStrings(xml: AsyncIterable<string>, limits: ImportLimits): Promise<string[]> {
  const parseSax = excelRequire('./lib/utils/parse-sax.js') as (
    iterable: AsyncIterable<string>,
  ) => AsyncIterable<SaxEvent[]>;
  const strings: string[] = [];
  let chars = 0;
  let text: string | null = null;
  let inT = false;
  let inPhonetic = false;
  for await (const events of parseSax(xml)) {
    for (const { eventType, value } of events) {
      if (eventType === 'opentag') {
        const name = (value as { name: string }).name;
        if (name === 'si') text = '';
        else if (name === 't') inT = true;
        else if (name === 'rPh') inPhonetic = true;
      } else if (eventType === 'closetag') {
        const name = (value as { name: string }).name;
        if (name === 't') inT = false;
        else if (name === 'rPh') inPhonetic = false;
        else if (name === 'si' && text !== null) {
          strings.push(text);
          text = null;
          if (strings.length > limits.maxSharedStrings) {
            throw new FileError(
              'too-many-shared-strings',
              `the workbook has more than ${limits.maxSharedStrings} shared strings`,
            );
          }
        }
      } else if (inT && !inPhonetic && text !== null) {
        const piece = value as string;
        text += piece;
        chars += piece.length;
        if (text.length > limits.maxCellChars) {
          throw new FileError(
            'cell-too-long',
            `shared string ${strings.length + 1} is longer than ${limits.maxCellChars} characters`,
          );
        }
        if (chars > limits.maxSharedStringChars) {
          throw new FileError(
            'shared-strings-too-large',
            `the shared strings hold more than ${limits.maxSharedStringChars} characters`,
          );
        }
      }
    }
  }
  return strings;
}
