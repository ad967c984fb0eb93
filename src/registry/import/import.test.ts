import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { header, uploadAndWait } from './import.test-helpers.ts';

let t: TestApp;
let mem: string;

const people = ['11010519491231002X', '440524188001010014', '34052419800101001X', '370101190102039973'];
const memRow = (id: string, until = '2030-02-28', status = 'valid') =>
  `mem.lv-electrician,T${id},张三,resident,${id},2024-03-01,${until},${status},310000,上海市应急管理局,,`;

before(async () => {
  t = await createTestApp();
  mem = await t.tokenFor('department-admin', { department: 'mem' });
});
after(async () => {
  await t.close();
});

describe('import', () => {
  const clean = [header, ...people.map((id) => memRow(id))].join('\n');

  it('imports a clean file', async () => {
    const job = await uploadAndWait(t.app, mem, 'clean.csv', clean);
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.deepEqual([job.total, job.created, job.updated, job.unchanged, job.invalid], [4, 4, 0, 0, 0]);
    assert.equal(job.written, 4);
  });

  it('changes nothing when the same file comes again', async () => {
    const job = await uploadAndWait(t.app, mem, 'clean.csv', clean);
    assert.deepEqual([job.status, job.created, job.updated, job.unchanged], ['succeeded', 0, 0, 4]);
    const n = await t.db
      .selectFrom('certificates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 4);
  });

  it('updates a changed row and records its history', async () => {
    const changed = [
      header,
      memRow(people[0] as string, '2030-12-31'),
      ...people.slice(1).map((id) => memRow(id)),
    ].join('\n');
    const job = await uploadAndWait(t.app, mem, 'changed.csv', changed);
    assert.deepEqual([job.created, job.updated, job.unchanged], [0, 1, 3]);
    const history = await t.db
      .selectFrom('certificate_history')
      .select(['action', 'before', 'after'])
      .where('action', '=', 'import.update')
      .execute();
    assert.equal(history.length, 1);
    const [entry] = history as Array<{ before: { validUntil: string }; after: { validUntil: string } }>;
    assert.equal(entry?.before.validUntil, '2030-02-28');
    assert.equal(entry?.after.validUntil, '2030-12-31');
  });

  const withErrors = [
    header,
    memRow('11010519491231002X'),
    'mem.lv-electrician,T110105194912310021,李四,resident,110105194912310021,2024-03-01,2030-02-28,valid,310000,上海市应急管理局,,',
    'mem.no-such-type,X1,王五,resident,440524188001010014,2024-03-01,2030-02-28,valid,310000,上海市应急管理局,,',
    'mem.lv-electrician,T34052419800101001X,钱七,resident,34052419800101001X,2024-02-30,2030-02-28,valid,310000,上海市应急管理局,,',
    'mem.hv-electrician,T440524188001010014,赵六,resident,440524188001010014,2025-01-01,2031-01-01,valid,310000,上海市应急管理局,,',
  ].join('\n');

  it('writes nothing from a file with an invalid row, and reports row, column and code', async () => {
    const before = await t.db.selectFrom('certificates').select('id').execute();
    const job = await uploadAndWait(t.app, mem, 'errors.csv', withErrors);
    assert.equal(job.status, 'failed');
    assert.equal(job.written, 0);
    assert.ok(job.invalid >= 2);
    // 导入记录 shows the message to officials: Chinese first, English beside.
    assert.match(
      job.message,
      new RegExp(`^${job.invalid} 行无效.* ${job.invalid} invalid rows: nothing was written`),
    );
    const after = await t.db.selectFrom('certificates').select('id').execute();
    assert.equal(after.length, before.length);
    const codes = job.errors.map(
      (e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`,
    );
    assert.ok(codes.includes('3:id_number:id-check-digit'), codes.join(' '));
    assert.ok(codes.includes('4:certificate_type:unknown-type'), codes.join(' '));
    assert.ok(!JSON.stringify(job).includes('110105194912310021'), 'no ID number in the report');
    const report = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${job.id}/errors.csv`,
      headers: { authorization: `Bearer ${mem}` },
    });
    assert.equal(report.statusCode, 200);
    const lines = report.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    assert.equal(lines[0], 'row,column,code,message');
    assert.equal(lines.length - 1, job.errorCount);
  });

  it('writes the valid rows with acceptValid and reports the rest', async () => {
    const job = await uploadAndWait(t.app, mem, 'errors.csv', withErrors, true);
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.equal(job.created, 1, 'the new hv-electrician row');
    assert.ok(job.invalid >= 2);
  });

  it('takes the departments’ Chinese headers and refuses a file without required columns', async () => {
    const zh = `证书类型,证书编号,姓名,证件类型,证件号码,有效期起,有效期至,状态,发证地区,发证机关\nmem.fusion-welding,T${people[2]},钱七,resident,${(people[2] as string).toLowerCase()},2023-06-01,2029-05-31,valid,310000,上海市应急管理局`;
    const job = await uploadAndWait(t.app, mem, 'zh.csv', zh);
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.equal(job.created, 1);
    const bad = await uploadAndWait(t.app, mem, 'bad.csv', 'certificate_type,holder_name\nx,y');
    assert.equal(bad.status, 'failed');
    assert.equal(bad.errors[0].code, 'header');
  });

  it('reports an 18-digit ID number that a spreadsheet stored as a number, and reads date cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('证书');
    ws.addRow(header.split(','));
    ws.addRow([
      'mem.brazing',
      `T${people[3]}`,
      '孙八',
      'resident',
      Number(people[3]),
      new Date(Date.UTC(2024, 0, 5)),
      new Date(Date.UTC(2030, 0, 4)),
      'valid',
      '310000',
      '上海市应急管理局',
    ]);
    ws.addRow([
      'mem.brazing',
      `T${people[1]}`,
      '周九',
      'resident',
      people[1],
      new Date(Date.UTC(2024, 0, 5)),
      new Date(Date.UTC(2030, 0, 4)),
      'valid',
      310000,
      '上海市应急管理局',
    ]);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await uploadAndWait(t.app, mem, 'numbers.xlsx', buffer, true);
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.equal(job.created, 1);
    assert.equal(job.errors[0].code, 'stored-as-number');
    assert.equal(job.errors[0].column, 'id_number');
    assert.equal(job.errors[0].row, 2);
    const row = await t.db
      .selectFrom('certificates')
      .select(['valid_from', 'valid_until'])
      .where('type', '=', 'mem.brazing')
      .executeTakeFirstOrThrow();
    assert.deepEqual([row.valid_from, row.valid_until], ['2024-01-05', '2030-01-04']);
  });

  it('scopes imports: rows of another department are refused', async () => {
    const samr = await t.tokenFor('department-admin', { department: 'samr' });
    const job = await uploadAndWait(t.app, samr, 'clean.csv', clean, true);
    assert.equal(job.created, 0);
    assert.equal(job.errors[0].code, 'out-of-scope');
    const other = await t.app.inject({
      method: 'GET',
      url: `/api/v1/imports/${job.id}`,
      headers: { authorization: `Bearer ${mem}` },
    });
    assert.equal(other.statusCode, 404, 'one admin cannot read another’s import');
  });

  it('leaves no ID number in clear text anywhere in the database', async () => {
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(t.db);
    let dump = '';
    for (const { table_name } of tables.rows) {
      const rows = await sql<{ r: string }>`select t::text as r from ${sql.table(table_name)} t`.execute(
        t.db,
      );
      dump += rows.rows.map((r) => r.r).join('\n');
    }
    assert.ok(dump.length > 1000);
    for (const id of people) {
      assert.ok(!dump.includes(id), `${id} appears in clear text`);
      assert.ok(!dump.includes(id.slice(4, 14)), `the middle digits of ${id} appear`);
    }
    assert.ok(dump.includes('1101**********002X'), 'masked forms are stored for display');
  });
});
