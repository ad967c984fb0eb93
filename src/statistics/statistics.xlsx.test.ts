import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PassRateFigures } from './statistics.model.ts';
import { buildWorkbook } from './statistics.xlsx.ts';

/** The statistics workbook is safe to open (issue 17 §5): names typed by people are string cells, not formulas. */
const hostile = ['=1+1', '@SUM(A1)', '+1', '-2', '\t=cmd', '=HYPERLINK("http://x","y")'];
const named = (code: string) => ({ code, zh: code, en: code });

const passRates: PassRateFigures = {
  scope: { province: null, department: null },
  year: 2026,
  occupation: null,
  level: null,
  rule: { id: 'pass-rate', version: '1', z: 2, zs: [2], winsorize: 0.1, minCandidates: 1, minPeers: 1 },
  funnel: null,
  institutions: hostile.map((h, i) => ({
    id: `i${i}`,
    name: h,
    code: h,
    province: named(h),
    n: 10,
    passed: 5,
    rate: 0.5,
    inFunnel: false,
    z: null,
    limits: [],
    outlier: null,
  })),
  curves: [],
};

describe('statistics workbook', () => {
  it('writes formula-like names as string cells and numbers as numbers', async () => {
    const buffer = await buildWorkbook(
      {
        scope: { province: null, department: null },
        scopeName: '=全国',
        period: '2026',
        generatedAt: '2026-06-01T00:00:00.000Z',
        figures: ['pass-rates'],
      },
      { 'pass-rates': passRates },
    );
    const { default: excel } = await import('exceljs');
    const book = new excel.Workbook();
    await book.xlsx.load(buffer as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('机构通过率 Pass rates');
    assert.ok(sheet);
    hostile.forEach((h, i) => {
      const row = sheet.getRow(i + 2);
      for (const column of [1, 2, 3]) {
        const cell = row.getCell(column);
        assert.equal(cell.type, excel.ValueType.String, `${cell.address} ${h}`);
        assert.equal(cell.formula, undefined);
        assert.equal(cell.value, h);
      }
      assert.equal(row.getCell(4).type, excel.ValueType.Number);
    });
    const about = book.getWorksheet('说明 About');
    assert.equal(about?.getRow(2).getCell(2).type, excel.ValueType.String);
  });
});
