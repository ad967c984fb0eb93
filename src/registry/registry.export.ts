import { PassThrough, type Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { neutraliseCsvCell } from '../shared/spreadsheet-cells.ts';

import type { CertificateView } from './registry.model.ts';

/** Export columns: the department data-file columns (design.md) plus the derived status as of today. */
const columns: Array<[header: string, value: (c: CertificateView) => string]> = [
  ['certificate_type', (c) => c.type],
  ['certificate_number', (c) => c.number],
  ['holder_name', (c) => c.holder.name],
  ['id_type', (c) => c.holder.idType],
  ['id_number', (c) => c.holder.idNumber],
  ['valid_from', (c) => c.validFrom],
  ['valid_until', (c) => c.validUntil ?? ''],
  ['status', (c) => c.status],
  ['effective_status', (c) => c.effectiveStatus],
  ['issuer_region', (c) => c.issuer.region],
  ['issuer_org', (c) => c.issuer.organization],
  ['issuer_org_code', (c) => c.issuer.organizationCode ?? ''],
  ['occupation', (c) => c.occupation ?? ''],
  ['level', (c) => c.level ?? ''],
  ['reviewed_until', (c) => c.review.reviewedUntil ?? ''],
];

export function exportCsv(rows: AsyncIterable<CertificateView>): Readable {
  const out = stringify({ header: true, columns: columns.map(([h]) => h), bom: true });
  void (async () => {
    try {
      for await (const c of rows) {
        // Names, organisations and numbers come from departments' files: none may open as a formula.
        const cells = columns.map(([, v]) => neutraliseCsvCell(v(c)));
        if (!out.write(cells)) await new Promise((r) => out.once('drain', r));
      }
      out.end();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

export async function exportXlsx(rows: AsyncIterable<CertificateView>): Promise<Readable> {
  const { default: excel } = await import('exceljs'); // loaded on first use, not at start-up
  const stream = new PassThrough();
  const workbook = new excel.stream.xlsx.WorkbookWriter({
    stream,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet('证书 Certificates');
  sheet.columns = columns.map(([header]) => ({ header, key: header, width: 20 }));
  void (async () => {
    try {
      for await (const c of rows) {
        // Every cell as text: ID numbers and certificate numbers must not become numbers, `=…` not a formula.
        sheet.addRow(columns.map(([, v]) => v(c))).commit();
      }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      stream.destroy(error as Error);
    }
  })();
  return stream;
}
