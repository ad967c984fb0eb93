import assert from 'node:assert/strict';
import type { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { exportCsv, exportXlsx } from './registry.export.ts';
import type { CertificateView } from './registry.model.ts';

/** Exports are safe to open (issue 17 §5): what a department's file carried must not run as a formula. */
const hostile = ['=1+1', '@SUM(A1)', '+1', '-2', '\t=cmd', '\r=cmd', '=HYPERLINK("http://x","y")'];

function makeCertificateView(over: Partial<CertificateView> = {}): CertificateView {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    type: 'mem.lv-electrician',
    department: 'mem',
    number: 'T440524188001010014',
    holder: { id: 'h1', name: '王五', idType: 'resident', idNumber: '440524188001010014' },
    validFrom: '2024-03-01',
    validUntil: '2030-02-28',
    status: 'active',
    effectiveStatus: 'valid',
    review: { status: 'not-required', reviewedOn: null, reviewedUntil: null },
    issuer: { region: '310000', organization: '上海市应急管理局', organizationCode: null },
    occupation: null,
    level: null,
    createdAt: '2024-03-01T00:00:00.000Z',
    updatedAt: '2024-03-01T00:00:00.000Z',
    version: 1,
    ...over,
  } as CertificateView;
}

const rows = [
  ...hostile.map((h) =>
    makeCertificateView({
      holder: { id: 'h', name: h, idType: 'resident', idNumber: '440524188001010014' },
      issuer: { region: '310000', organization: h, organizationCode: h },
    }),
  ),
  makeCertificateView(),
];

async function* iterate(views: CertificateView[]): AsyncIterable<CertificateView> {
  yield* views;
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

describe('registry export', () => {
  it('CSV: cells that would start a formula get a leading quote, the rest is unchanged', async () => {
    const text = (await collect(exportCsv(iterate(rows)))).toString('utf8');
    const records = parse(text, { bom: true, columns: true, relax_column_count: false }) as Array<
      Record<string, string>
    >;
    assert.equal(records.length, rows.length);
    hostile.forEach((h, i) => {
      const r = records[i];
      assert.ok(r);
      assert.equal(r.holder_name, `'${h}`);
      assert.equal(r.issuer_org, `'${h}`);
      assert.equal(r.issuer_org_code, `'${h}`);
    });
    const plain = records.at(-1);
    assert.equal(plain?.holder_name, '王五');
    assert.equal(plain?.id_number, '440524188001010014');
    assert.equal(plain?.certificate_number, 'T440524188001010014');
    for (const r of records)
      for (const cell of Object.values(r)) assert.doesNotMatch(cell, /^[=+\-@\t\r]/, `cell ${cell}`);
  });

  it('XLSX: the same values are string cells, never formulas', async () => {
    const { default: excel } = await import('exceljs');
    const book = new excel.Workbook();
    await book.xlsx.load((await collect(await exportXlsx(iterate(rows)))) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    assert.ok(sheet);
    let checked = 0;
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      row.eachCell((cell) => {
        assert.equal(cell.type, excel.ValueType.String, `row ${n} ${cell.address}`);
        assert.equal(cell.formula, undefined);
        checked += 1;
      });
    });
    assert.ok(checked > rows.length * 10);
    const second = sheet.getRow(2);
    assert.equal(second.getCell(3).value, hostile[0], 'the value itself is kept as typed');
    assert.equal(sheet.getRow(rows.length + 1).getCell(5).value, '440524188001010014');
  });
});
