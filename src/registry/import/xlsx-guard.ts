import { StringDecoder } from 'node:string_decoder';
import { FileError, type ImportLimits, placeOf } from './import.limits.ts';

// A cell's text in XML may be longer than the text itself: `&quot;` is six characters for one.
const ENTITY_SLACK = 6;
const MAX_TAG_CHARS = 64 * 1024;
const MAX_COLUMN = 16_384;

/**
 * Bounds a part's XML before any XML parser sees it (issue 17 §1): the parsers exceljs uses gather a text node or
 * a tag whole, so one 50 MB cell with no closing tag would be read whole. This scans each chunk once, with
 * `indexOf` jumps, and stops at a run of text longer than a cell may be or a tag longer than 64 KiB. In a worksheet
 * (`sheet`) it also counts rows and the cells of each row and checks each cell's column, so the place of an error is
 * known; in other parts it names the part.
 */
export async function* guardXml(
  chunks: AsyncIterable<Buffer>,
  limits: ImportLimits,
  part: 'sheet' | 'shared-strings' | 'other',
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const maxRun = limits.maxCellChars * ENTITY_SLACK;
  let inTag = false;
  let run = 0;
  let tag = '';
  let tagLength = 0;
  let rows = 0;
  let rowNumber: number | undefined;
  let cells = 0;
  let column: string | undefined;

  const tooLong = () =>
    new FileError(
      'cell-too-long',
      part === 'sheet'
        ? `a cell is longer than ${limits.maxCellChars} characters${placeOf(rowNumber, column)}`
        : `a text in the workbook's ${part === 'shared-strings' ? 'shared strings' : 'parts'} is longer than ${limits.maxCellChars} characters`,
      rowNumber,
      column,
    );
  const onTag = () => {
    if (part !== 'sheet') return;
    if (/^row[\s>/]/.test(tag)) {
      rows += 1;
      const r = /\sr="(\d{1,10})"/.exec(tag);
      rowNumber = r ? Number(r[1]) : (rowNumber ?? 0) + 1;
      cells = 0;
      column = undefined;
      // The header row is not a data row.
      if (rows > limits.maxRows + 1) {
        throw new FileError('too-many-rows', `the sheet has more than ${limits.maxRows} rows`, rowNumber);
      }
    } else if (/^c[\s>/]/.test(tag)) {
      cells += 1;
      const ref = /\sr="([A-Z]{1,8})\d*"/.exec(tag);
      column = ref?.[1];
      if (cells > limits.maxCellsPerRow || (column && columnIndex(column) > MAX_COLUMN)) {
        throw new FileError(
          'too-many-cells',
          `a row has more than ${limits.maxCellsPerRow} cells or a cell beyond column XFD${placeOf(rowNumber, column)}`,
          rowNumber,
          column,
        );
      }
    } else if (/^col[\s/]/.test(tag)) {
      const max = /\smax="(\d+)"/.exec(tag);
      if (max && Number(max[1]) > MAX_COLUMN) {
        throw new FileError('too-many-cells', 'a column range goes beyond column XFD');
      }
    }
  };

  const scan = (text: string) => {
    let i = 0;
    while (i < text.length) {
      if (!inTag) {
        const lt = text.indexOf('<', i);
        run += (lt < 0 ? text.length : lt) - i;
        if (run > maxRun) throw tooLong();
        if (lt < 0) return;
        inTag = true;
        tag = '';
        tagLength = 0;
        i = lt + 1;
      } else {
        const gt = text.indexOf('>', i);
        const end = gt < 0 ? text.length : gt;
        // The tag's name and first attributes are enough to place a row or a cell.
        if (tag.length < 200) tag += text.slice(i, Math.min(end, i + 200 - tag.length));
        tagLength += end - i;
        if (tagLength > MAX_TAG_CHARS) {
          throw new FileError('malformed-xlsx', `a tag is longer than ${MAX_TAG_CHARS} characters`);
        }
        if (gt < 0) return;
        onTag();
        inTag = false;
        run = 0;
        i = gt + 1;
      }
    }
  };

  for await (const chunk of chunks) {
    const text = decoder.write(chunk);
    scan(text);
    yield text;
  }
  const rest = decoder.end();
  scan(rest);
  if (rest) yield rest;
}

/** `A` → 1, `XFD` → 16384. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
