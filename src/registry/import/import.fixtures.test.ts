import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { projectRoot } from '../../config.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { uploadAndWait } from './import.test-helpers.ts';

/** The committed department files: CSVs, and XLSX files saved by Gnumeric (another program than ours). */
const fixtures = path.join(import.meta.dirname, 'fixtures');
const read = (name: string) => fs.readFileSync(path.join(fixtures, name));

let t: TestApp;
let admin: string;
before(async () => {
  t = await createTestApp();
  admin = await t.tokenFor('system-admin');
});
after(async () => {
  await t.close();
});

describe('import of committed fixtures', () => {
  it('reads the Gnumeric XLSX whose 18-digit IDs are number cells from the cells’ original text', async () => {
    const job = await uploadAndWait(t.app, admin, 'gnumeric-made.xlsx', read('gnumeric-made.xlsx'));
    assert.equal(job.status, 'succeeded', JSON.stringify(job.errors));
    assert.equal(job.created, 8);
    const search = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates/search',
      headers: { authorization: `Bearer ${admin}` },
      payload: { idNumber: '310115198506123411' },
    });
    assert.ok(
      search.json().items.length >= 1,
      'the full 18 digits were kept (a rounded …123400 would not match)',
    );
  });

  it('finds the text-ID variant of the same sheet identical (nothing changes)', async () => {
    const job = await uploadAndWait(t.app, admin, 'gnumeric-text-ids.xlsx', read('gnumeric-text-ids.xlsx'));
    assert.equal(job.status, 'succeeded', JSON.stringify(job.errors));
    assert.deepEqual([job.created, job.updated, job.unchanged], [0, 0, 8]);
  });

  it('reports with-errors.csv by row and column, and clean.csv then changed.csv update one row', async () => {
    const bad = await uploadAndWait(t.app, admin, 'with-errors.csv', read('with-errors.csv'));
    assert.equal(bad.status, 'failed');
    const where = bad.errors.map(
      (e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`,
    );
    assert.ok(where.includes('4:id_number:id-check-digit'), where.join(' '));
    assert.ok(where.includes('5:certificate_type:unknown-type'), where.join(' '));
    const clean = await uploadAndWait(t.app, admin, 'clean.csv', read('clean.csv'));
    assert.equal(clean.created, 5, JSON.stringify(clean.errors));
    const changed = await uploadAndWait(t.app, admin, 'changed.csv', read('changed.csv'));
    assert.deepEqual([changed.created, changed.updated, changed.unchanged], [0, 1, 4]);
  });
});

describe('the CLI imports the same file with the same result as the API', () => {
  it('hutong import clean.csv, twice, into an embedded store', () => {
    // On PostgreSQL the CLI's run against the server is covered by import.crash.test.ts.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-cli-import-'));
    const run = () =>
      spawnSync(
        process.execPath,
        [path.join(projectRoot, 'bin', 'hutong.js'), 'import', path.join(fixtures, 'clean.csv')],
        {
          cwd: projectRoot,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: process.env.HOME, HUTONG_DATA_DIR: dataDir },
          timeout: 120_000,
        },
      );
    try {
      const first = run();
      assert.equal(first.status, 0, first.stderr);
      assert.match(first.stdout, /succeeded: 5 rows, 5 created, 0 updated, 0 unchanged, 0 invalid/);
      const second = run();
      assert.match(second.stdout, /succeeded: 5 rows, 0 created, 0 updated, 5 unchanged, 0 invalid/);
      const errors = spawnSync(
        process.execPath,
        [path.join(projectRoot, 'bin', 'hutong.js'), 'import', path.join(fixtures, 'with-errors.csv')],
        {
          cwd: projectRoot,
          encoding: 'utf8',
          env: { PATH: process.env.PATH, HOME: process.env.HOME, HUTONG_DATA_DIR: dataDir },
        },
      );
      assert.equal(errors.status, 1);
      assert.match(errors.stdout, /row 4 id_number: id-check-digit/);
      assert.match(errors.stdout, /row 5 certificate_type: unknown-type/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
