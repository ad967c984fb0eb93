import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { type Part, sheet, skeleton, zip } from './import.hostile-files.ts';
import { importLimits } from './import.limits.ts';
import { failInterruptedImports } from './import.service.ts';
import { header, uploadAndWait } from './import.test-helpers.ts';
import { INSTANCE_ID, leaseOf } from './import.workdir.ts';

/**
 * Hostile files and leftovers (issue 17 §1, §2, §8). Each file is generated here. Nothing is timed: a file that
 * took quadratic time or unbounded memory would time the suite out or kill it, and each must end with its code.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-hostile-'));
const dataDir = path.join(root, 'data');
const workDir = path.join(dataDir, 'imports');
// Everything the import writes must go under the data directory: TMPDIR is a directory of its own, checked empty.
const tmpDir = path.join(root, 'tmp');
let t: TestApp;
let mem: string;

const id = '440524188001010014';
const memCells = [
  'mem.lv-electrician',
  `T${id}`,
  '张三',
  'resident',
  id,
  '2024-03-01',
  '2030-02-28',
  'valid',
  '310000',
  '上海市应急管理局',
  '',
  '',
];
const headerCells = header.split(',');

function leftovers(): string[] {
  const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);
  return [...list(workDir).map((n) => `imports/${n}`), ...list(tmpDir).map((n) => `tmp/${n}`)];
}

before(async () => {
  fs.mkdirSync(tmpDir, { recursive: true });
  process.env.TMPDIR = tmpDir;
  t = await createTestApp({ env: { HUTONG_DATA_DIR: dataDir } });
  mem = await t.tokenFor('department-admin', { department: 'mem' });
});
after(async () => {
  await t.close();
  fs.rmSync(root, { recursive: true, force: true });
});

const xlsx = (parts: Part[]) => zip([...skeleton, ...parts]);

describe('hostile files', () => {
  it('refuses shared strings that expand without end, before memory runs out', async () => {
    // 17 bytes per string, deflated ~1000:1: the same shape as the 5 MB file that expanded to 2 GB.
    const count = importLimits.maxSharedStrings + 10;
    const strings = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>a</t></si>'.repeat(count)}</sst>`;
    const file = xlsx([
      ['xl/worksheets/sheet1.xml', sheet([headerCells, memCells])],
      ['xl/sharedStrings.xml', strings],
    ]);
    const job = await uploadAndWait(t.app, mem, 'bomb.xlsx', file);
    assert.equal(job.status, 'failed');
    assert.match(job.message, /^文件未能读完.*\(too-many-shared-strings: /);
    assert.equal(job.errors[0]?.code, 'too-many-shared-strings');
    assert.deepEqual(leftovers(), []);
  });

  it('ends at a 50 MB cell that never closes, with its row and column', async () => {
    const open = `<row r="2"><c r="A2" t="inlineStr"><is><t>${'4'.repeat(50 * 1024 * 1024)}`;
    const xml = sheet([headerCells]).replace('</sheetData>', open);
    const job = await uploadAndWait(t.app, mem, 'long.xlsx', xlsx([['xl/worksheets/sheet1.xml', xml]]));
    assert.equal(job.status, 'failed');
    assert.match(job.message, /^文件未能读完.*\(cell-too-long: /);
    assert.deepEqual(
      [job.errors[0]?.row, job.errors[0]?.column, job.errors[0]?.code],
      [2, 'A', 'cell-too-long'],
    );
    assert.doesNotMatch(job.message, /4444/);
  });

  it('reports a 400-digit cell as a row error, not as a failure of the import', async () => {
    const cells = [...memCells] as Array<string | { raw: string }>;
    cells[4] = { raw: `<c r="%REF%"><v>${'9'.repeat(400)}</v></c>` };
    const job = await uploadAndWait(
      t.app,
      mem,
      'digits.xlsx',
      xlsx([['xl/worksheets/sheet1.xml', sheet([headerCells, cells])]]),
    );
    assert.equal(job.status, 'failed');
    assert.doesNotMatch(job.message, /unexpectedly/);
    assert.equal(job.invalid, 1);
    assert.ok(
      job.errors.some((e: { row: number; column: string }) => e.row === 2 && e.column === 'id_number'),
      JSON.stringify(job.errors),
    );
  });

  it('reports malformed CSV quoting at its row and column, without the cell', async () => {
    const good = memCells.join(',');
    const bad = memCells.map((c, i) => (i === 4 ? `${c}"x` : c)).join(',');
    const job = await uploadAndWait(t.app, mem, 'quotes.csv', [header, good, bad, good].join('\n'));
    assert.equal(job.status, 'failed');
    assert.match(job.message, /^文件未能读完.*\(malformed-csv: /);
    const error = job.errors.find((e: { code: string }) => e.code === 'malformed-csv');
    assert.deepEqual([error?.row, error?.column], [3, 'id_number'], JSON.stringify(job.errors));
    assert.doesNotMatch(JSON.stringify(job), /440524/);
    assert.match(error.message, /line 3/);
  });

  it('reports a cell beyond the cell limit as a row error', async () => {
    const cells = memCells.map((c, i) => (i === 2 ? 'x'.repeat(importLimits.maxCellChars + 1) : c));
    const job = await uploadAndWait(t.app, mem, 'wide.csv', [header, cells.join(',')].join('\n'));
    assert.equal(job.status, 'failed');
    assert.equal(job.invalid, 1);
    assert.deepEqual(
      job.errors
        .filter((e: { code: string }) => e.code === 'cell-too-long')
        .map((e: { row: number; column: string }) => [e.row, e.column]),
      [[2, 'holder_name']],
      JSON.stringify(job.errors),
    );
  });

  it('imports a clean XLSX whose sheet comes before its shared strings, and leaves no file behind', async () => {
    const strings = memCells.map((c) => `<si><t>${c}</t></si>`).join('');
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${strings}</sst>`;
    const shared = memCells.map((_, i) => ({ raw: `<c r="%REF%" t="s"><v>${i}</v></c>` }));
    const file = xlsx([
      ['xl/worksheets/sheet1.xml', sheet([headerCells, shared])],
      ['xl/sharedStrings.xml', sst],
    ]);
    const job = await uploadAndWait(t.app, mem, 'clean.xlsx', file);
    assert.equal(job.status, 'succeeded', JSON.stringify(job));
    assert.equal(job.created + job.unchanged, 1);
    assert.deepEqual(leftovers(), []);
  });

  it('leaves no file behind after a failed import', async () => {
    const job = await uploadAndWait(t.app, mem, 'bad.csv', `${header}\nnot,a,certificate\n`);
    assert.equal(job.status, 'failed');
    assert.deepEqual(leftovers(), []);
  });
});

describe('interrupted jobs and orphans', () => {
  const job = async (worker: string) => {
    const jobId = crypto.randomUUID();
    await t.db
      .insertInto('imports')
      .values({
        id: jobId,
        status: 'running',
        filename: 'x.csv',
        format: 'csv',
        file_sha256: '',
        accept_valid: false,
        created_by: 'test',
        worker,
        created_at: new Date(),
      })
      .execute();
    fs.mkdirSync(path.join(workDir, jobId), { recursive: true });
    fs.writeFileSync(path.join(workDir, jobId, 'upload.sealed'), 'x');
    return jobId;
  };
  const status = async (jobId: string) =>
    (await t.db.selectFrom('imports').select('status').where('id', '=', jobId).executeTakeFirstOrThrow())
      .status;

  it('fails jobs whose lease ran out, removes their files and orphans, keeps live ones', async () => {
    const dead = await job(`other/${crypto.randomUUID()}/${Date.now() - 1}`);
    const legacy = await job('somehost:1'); // a PID-based worker of an older version: PID 1 in a container
    const live = await job(`other/${crypto.randomUUID()}/${Date.now() + 60_000}`);
    const mine = await job(leaseOf());
    const partial = path.join(workDir, crypto.randomUUID());
    fs.mkdirSync(partial);
    fs.utimesSync(partial, new Date(0), new Date(0));
    const oldUpload = path.join(workDir, `${crypto.randomUUID()}.upload`);
    fs.writeFileSync(oldUpload, 'old plaintext upload');
    fs.utimesSync(oldUpload, new Date(0), new Date(0));

    assert.equal(await failInterruptedImports(t.registry, { workDir }), 2);
    assert.deepEqual(
      [await status(dead), await status(legacy), await status(live), await status(mine)],
      ['failed', 'failed', 'running', 'running'],
    );
    assert.deepEqual(leftovers().sort(), [`imports/${live}`, `imports/${mine}`].sort());
    assert.ok(mine && INSTANCE_ID);

    // At start-up on PGlite (one process per data directory) a lease that has not run out is no proof of life.
    assert.equal(await failInterruptedImports(t.registry, { workDir, exclusive: true }), 1);
    assert.equal(await status(live), 'failed');
    assert.equal(await status(mine), 'running');
    assert.deepEqual(leftovers(), [`imports/${mine}`]);
    await t.db.updateTable('imports').set({ status: 'failed' }).where('id', '=', mine).execute();
    fs.rmSync(path.join(workDir, mine), { recursive: true });
  });
});
