/**
 * Cells that are safe to open (issue 17 §5). A spreadsheet program reads a CSV cell that starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return as a formula (OWASP "CSV Injection"); such a cell is written with a single quote
 * in front, which the program shows as text and a reader of the file can strip. The full-width forms (`＝＋－＠`) are
 * treated the same: some CJK spreadsheet settings fold them to their ASCII forms.
 *
 * XLSX needs no prefix: a cell written from a string is a string cell, never a formula, and exporters only ever hand
 * exceljs strings, numbers and nulls (`SpreadsheetValue`), so nothing there can become a formula object.
 */
const formulaStart = /^[=+\-@\t\r＝＋－＠]/;

/** Whether a spreadsheet program would read the text as the start of a formula. */
export function isFormulaLike(value: string): boolean {
  return formulaStart.test(value);
}

/** The text of one CSV cell as it is safe to write: formula-like text gets a leading `'`, the rest is unchanged. */
export function neutraliseCsvCell(value: string): string {
  return isFormulaLike(value) ? `'${value}` : value;
}

/** What an XLSX exporter may put in a cell: plain values only (an object could be a formula). */
export type SpreadsheetValue = string | number | null;
