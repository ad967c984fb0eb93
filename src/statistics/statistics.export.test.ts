import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { fixedClock } from '../shared/clock.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { NOW, seedFigures, type Tokens } from './statistics.test-fixtures.ts';

/** 跟踪分析 (issue 8 §4): the XLSX export opens with exceljs and carries the numbers of the JSON routes. */
let t: TestApp;
let tokens: Tokens;

async function _get<T>(url: string, token: string = tokens.national): Promise<T> {
  const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as T;
}

before(async () => {
  t = await createTestApp({ clock: fixedClock(NOW.toISOString()) });
  tokens = await seedFigures(t);
});
after(async () => {
  await t?.close();
});

describe('export', () => {
  async function workbook(url: string, token: string) {
    const res = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="statistics-.*\.xlsx"/);
    const { default: excel } = await import('exceljs');
    const book = new excel.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    return book;
  }
  const rowsOf = (book: Awaited<ReturnType<typeof workbook>>, name: string) => {
    const sheet = book.getWorksheet(name);
    assert.ok(sheet, `sheet ${name}`);
    const rows: unknown[][] = [];
    sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  };

  it('writes every figure, a sheet per table, with the numbers of the JSON routes', async () => {
    const book = await workbook('/api/v1/statistics/export.xlsx?year=2026', tokens.national);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      [
        '说明 About',
        '证书按部门 By department',
        '证书按类型 By type',
        '证书按省份 By province',
        '互认按规则 By rule',
        '互认按省份 By province',
        '互认按月 By month',
        '跨地区流动 Flows',
        '机构通过率 Pass rates',
        '预警按规则 By rule',
        '预警按状态 By status',
        '预警按时长 By age',
        '咨询投诉概况 Tickets',
        '咨询投诉按主题 By topic',
        '咨询投诉按规则 By rule',
        '咨询投诉按省份 By province',
        '咨询投诉按部门 By department',
        '咨询投诉按证书 By type',
        '咨询投诉按月 By month',
      ],
    );
    const departments = rowsOf(book, '证书按部门 By department');
    assert.deepEqual(departments[0]?.slice(0, 4), [
      '部门 Department',
      '代码 Code',
      '合计 Total',
      '有效 Valid',
    ]);
    assert.deepEqual(
      departments.find((r) => r[1] === 'mem'),
      ['应急管理部', 'mem', 4, 2, 0, 0, 1, 1],
    );
    const months = rowsOf(book, '互认按月 By month');
    assert.deepEqual(
      months.map((r) => r[0]),
      ['月份 Month', '2026-10', '2026-11', '2026-12'],
    );
    const rates = rowsOf(book, '机构通过率 Pass rates');
    const outlier = rates.find((r) => r.at(-1) === '偏低 Below');
    assert.deepEqual(outlier?.slice(3, 6), [20, 2, 0.1]);
    const flows = rowsOf(book, '跨地区流动 Flows');
    assert.deepEqual(flows.find((r) => r[1] === '320000' && r[3] === '310000')?.slice(4), [2, 1]);
    const ages = rowsOf(book, '预警按时长 By age');
    assert.deepEqual(
      ages.slice(1).map((r) => r[2]),
      [1, 1, 1],
    );
  });

  it('writes only the figures asked for, in the caller’s scope', async () => {
    const book = await workbook('/api/v1/statistics/export.xlsx?figures=certificates', tokens.sh);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ['说明 About', '证书按部门 By department', '证书按类型 By type', '证书按省份 By province'],
    );
    assert.deepEqual(rowsOf(book, '证书按省份 By province').slice(1), [
      ['上海市', '310000', 2, 1, 0, 0, 1, 0],
    ]);
    assert.match(String(rowsOf(book, '说明 About')[1]?.[1]), /上海市 Shanghai/);
  });
});
