import { StringDecoder } from 'node:string_decoder';
import type ExcelJS from 'exceljs';
import { FileError, importLimits } from './import.limits.ts';

/**
 * design.md: "an ID stored by a spreadsheet as a number has usually lost digits, so it is read from the cell's
 * original text where the file keeps it". Gnumeric and LibreOffice write such a cell as `<v>310115198506123411</v>`
 * — all 18 digits are in the file — but exceljs turns it into a double (…123400). This rewrites numeric cells of
 * 16 or more digits into string cells before exceljs parses the sheet XML, so their digits arrive intact — but only
 * when the digits cannot have come from a double: a program that wrote a float (Excel keeps 15 digits, JavaScript
 * 17) leaves a value that is exactly a double, such as 370101190102040000, whose lost digits no one can know. Those
 * stay numbers and are reported as `stored-as-number`. Digits beyond a double's range (a 400-digit cell) are text.
 */
const LONG_NUMBER_CELL = /<c ((?:(?! t=)[^>])*?)( t="n")?>\s*<v>(\d{16,})<\/v>\s*<\/c>/g;

/**
 * Linear in the input (issue 17 §1): only the text from the last unfinished cell on is carried to the next chunk,
 * and that carry is bounded — the XML guard before this bounds runs of text and tags, and a cell whose markup grows
 * past `maxCarry` characters ends the read.
 */
export async function* keepLongNumbersAsText(
  chunks: AsyncIterable<Buffer | string>,
  maxCarry = 8 * importLimits.maxCellChars,
): AsyncGenerator<Buffer> {
  const decoder = new StringDecoder('utf8');
  let carry = '';
  for await (const chunk of chunks) {
    const text = carry + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    const cut = completeUpTo(text);
    carry = text.slice(cut);
    if (carry.length > maxCarry) {
      throw new FileError('cell-too-long', `a cell's markup is longer than ${maxCarry} characters`);
    }
    if (cut > 0) yield Buffer.from(rewrite(text.slice(0, cut)));
  }
  const rest = carry + decoder.end();
  if (rest) yield Buffer.from(rewrite(rest));
}

/** The end of the text that holds only whole cells: before a cell that has not closed, or before a cut tag. */
function completeUpTo(text: string): number {
  const open = text.lastIndexOf('<c ');
  if (open > text.lastIndexOf('</c>')) return open;
  const lastTag = text.lastIndexOf('<');
  return lastTag >= 0 && text.indexOf('>', lastTag) < 0 ? lastTag : text.length;
}

function rewrite(xml: string): string {
  return xml.replace(LONG_NUMBER_CELL, (cell, attributes: string, _t, digits: string) => {
    const value = Number(digits);
    const fromDouble = Number.isFinite(value) && BigInt(digits) === BigInt(value);
    return fromDouble ? cell : `<c ${attributes} t="str"><v>${digits}</v></c>`;
  });
}

type SheetParser = (iterator: AsyncIterable<Buffer | string>, sheetNo: string) => Generator<unknown>;

/**
 * exceljs's streaming reader with the rewrite above applied to every worksheet (exceljs 4.4.0, pinned), for small
 * trusted-size files (registration batches). Department imports use `readFirstSheet` (`xlsx-reader.ts`), which
 * also bounds every part. exceljs is loaded on first use: it costs ~0.2 s at start-up otherwise.
 */
export async function createWorkbookReader(
  input: NodeJS.ReadableStream,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
): Promise<ExcelJS.stream.xlsx.WorkbookReader> {
  const { default: excel } = await import('exceljs');
  const reader = new excel.stream.xlsx.WorkbookReader(input as never, options);
  const internal = reader as unknown as { _parseWorksheet: SheetParser };
  const parse = internal._parseWorksheet.bind(reader);
  internal._parseWorksheet = (iterator, sheetNo) => parse(keepLongNumbersAsText(iterator), sheetNo);
  return reader;
}
