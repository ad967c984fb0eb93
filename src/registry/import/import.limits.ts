/**
 * What an uploaded file may cost (issue 17 §1). Any department admin can upload, so a file is read in bounded
 * memory and time whatever it holds: each limit is checked while the file streams, and crossing one ends the job
 * with a `FileError` that names the limit, and the row and column where known. Sized for the largest real
 * department files (a million rows of 14 columns) with room to spare; change them here.
 */
export const importLimits = {
  /** Data rows in a file (header excluded). */
  maxRows: 2_000_000,
  /** Cells in one row, and the highest column an XLSX cell may name: Excel's own limit (16,384 columns). */
  maxCellsPerRow: 16_384,
  /** Characters in one cell: Excel's own limit (32,767). */
  maxCellChars: 32_767,
  /** Characters in one CSV record (all its cells). */
  maxRowChars: 256 * 1024,
  /** Entries in an XLSX (ZIP) file. */
  maxZipEntries: 10_000,
  /** Decompressed bytes of the whole XLSX, of one worksheet or the shared strings, and of any other part. */
  maxDecompressedBytes: 4 * 1024 ** 3,
  maxSheetBytes: 3 * 1024 ** 3,
  maxPartBytes: 32 * 1024 ** 2,
  /** Shared strings (an XLSX's table of distinct texts, kept in memory while the sheet is read). */
  maxSharedStrings: 3_000_000,
  maxSharedStringChars: 96 * 1024 ** 2,
} as const;
export type ImportLimits = { -readonly [K in keyof typeof importLimits]: number };

/** File-level errors: the job fails with the code, and the report holds one row naming it. */
export type FileErrorCode =
  /** A decompressed XLSX part, the whole XLSX or its entry count is over its limit (a "zip bomb"). */
  | 'file-too-large'
  /** More data rows than `maxRows`. */
  | 'too-many-rows'
  /** A cell longer than `maxCellChars` (for XLSX, also any run of text between two tags). */
  | 'cell-too-long'
  /** A CSV record longer than `maxRowChars`. */
  | 'row-too-long'
  /** A row with more than `maxCellsPerRow` cells, or an XLSX cell beyond that column. */
  | 'too-many-cells'
  /** More shared strings than `maxSharedStrings`. */
  | 'too-many-shared-strings'
  /** Shared strings holding more than `maxSharedStringChars` characters in all. */
  | 'shared-strings-too-large'
  /** CSV quoting that cannot be read (a quote misplaced or never closed): the file is not read past it. */
  | 'malformed-csv'
  /** An XLSX whose ZIP or XML cannot be read. */
  | 'malformed-xlsx';

/**
 * A file the import stops reading. Messages name the limit and the place, never a cell's content: they are stored
 * in the error report and may be logged.
 */
export class FileError extends Error {
  constructor(
    readonly code: FileErrorCode,
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

/** `row 12, column C`: where a file error happened, as far as it is known. */
export function placeOf(row?: number, column?: string): string {
  const parts = [row !== undefined && `row ${row}`, column && `column ${column}`].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}
