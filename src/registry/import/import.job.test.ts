import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Principal } from '../../accounts/accounts.model.ts';
import { residentIdCheckChar } from '../../shared/identifiers.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { type ImportJobData, importJob, storeUpload } from './import.job.ts';
import { openImport } from './import.merge.ts';
import { createSealStream } from './import.seal.ts';
import { createImportJob, failInterruptedImports, MAX_RUNS } from './import.service.ts';
import { header } from './import.test-helpers.ts';

/**
 * An import as a job (issue 16 §2), its handler called as a worker calls it: the upload waits in the database
 * sealed, the job runs it once however often it is delivered, and leaves neither the upload nor a file behind.
 */
let t: TestApp;
let dir: string;
const admin: Principal = {
  via: 'session',
  userId: null,
  username: 'job-test',
  role: 'system-admin',
  department: null,
  province: null,
  institution: null,
  holderId: null,
};
const ID_NUMBER = '11010519491231002X';
let serial = 0;
/** A different holder per import, so each writes one new certificate. */
function nextIdNumber(): string {
  serial += 1;
  if (serial === 1) return ID_NUMBER;
  const body = `1101051949123${String(serial).padStart(4, '0')}`;
  return body + residentIdCheckChar(body);
}

before(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-import-job-'));
});
after(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function queuedImport(): Promise<ImportJobData> {
  const plain = path.join(dir, 'plain.csv');
  const idNumber = nextIdNumber();
  fs.writeFileSync(
    plain,
    `${header}\nmem.lv-electrician,T${idNumber},张三,resident,${idNumber},2024-03-01,2030-02-28,valid,310000,上海市应急管理局,,\n`,
  );
  const sealed = path.join(dir, 'upload.sealed');
  await pipeline(
    fs.createReadStream(plain),
    createSealStream(t.keyring.protector()),
    fs.createWriteStream(sealed),
  );
  fs.rmSync(plain);
  const data: ImportJobData = {
    importId: crypto.randomUUID(),
    principal: { ...admin, source: null },
    actor: { actorId: null, actorLabel: 'job-test', requestId: null },
    filename: 'one.csv',
    acceptValid: false,
    format: 'csv',
    sha256: 'f'.repeat(64),
  };
  await t.db.transaction().execute(async (trx) => {
    await createImportJob(
      { ...t.registry, db: trx },
      admin,
      {
        id: data.importId,
        filePath: sealed,
        filename: data.filename,
        format: 'csv',
        sha256: data.sha256,
        acceptValid: false,
      },
      data,
    );
    await storeUpload(trx, data.importId, sealed);
  });
  fs.rmSync(sealed);
  return data;
}

describe('an import as a job (issue 16 §2)', () => {
  it('keeps the upload sealed in the database, runs it once, and leaves nothing behind', async () => {
    const data = await queuedImport();
    const chunks = await t.db
      .selectFrom('import_uploads')
      .select('chunk')
      .where('import_id', '=', data.importId)
      .execute();
    assert.ok(chunks.length > 0, 'the upload is in the database');
    for (const c of chunks) assert.ok(!Buffer.from(c.chunk).includes(ID_NUMBER), 'sealed, not in clear');

    const workDir = path.join(dir, 'imports');
    const job = importJob(t.registry, workDir);
    const first = await job.run(data, { id: 'j1', attempt: 0 });
    assert.deepEqual(first, { status: 'succeeded', total: 1 });
    const row = await t.db
      .selectFrom('imports')
      .select(['status', 'created'])
      .where('id', '=', data.importId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(row, { status: 'succeeded', created: 1 });

    // Delivered again (a lease ran out, a retry): the import is no longer queued, so nothing runs twice.
    assert.deepEqual(await job.run(data, { id: 'j1', attempt: 1 }), { skipped: 'not queued' });
    const left = await t.db
      .selectFrom('import_uploads')
      .select('seq')
      .where('import_id', '=', data.importId)
      .execute();
    assert.equal(left.length, 0, 'the upload is dropped when the job ends');
    assert.deepEqual(
      fs.existsSync(workDir) ? fs.readdirSync(workDir) : [],
      [],
      'no file left in the work dir',
    );
  });

  /** The import as a process that died while running it leaves it: running, its lease lapsed, its rows open. */
  async function dieWhileRunning(importId: string, attempts: number): Promise<void> {
    await t.db
      .updateTable('imports')
      .set({ status: 'running', attempts, worker: `gone/${crypto.randomUUID()}/${Date.now() - 1}` })
      .where('id', '=', importId)
      .execute();
    await openImport(t.db, importId);
  }
  const uploadChunks = async (importId: string) =>
    (await t.db.selectFrom('import_uploads').select('seq').where('import_id', '=', importId).execute())
      .length;

  it('queues an interrupted import again from its stored upload, and it is written once (issue 16 §1)', async () => {
    const data = await queuedImport();
    const job = importJob(t.registry, path.join(dir, 'imports'));
    await dieWhileRunning(data.importId, 0);
    // A second delivery of the dead run's job while it is still running must not take its upload away.
    assert.deepEqual(await job.run(data, { id: 'j2', attempt: 1 }), { skipped: 'not queued' });
    assert.ok((await uploadChunks(data.importId)) > 0, 'the upload stays while the import is not over');

    const sent: unknown[] = [];
    const found = await failInterruptedImports(t.registry, {
      requeue: async (db, jobData) => {
        // In the requeue's transaction the import is queued already: the job and the status commit together.
        const row = await db
          .selectFrom('imports')
          .select('status')
          .where('id', '=', data.importId)
          .executeTakeFirst();
        assert.equal(row?.status, 'queued');
        sent.push(jobData);
      },
    });
    assert.equal(found, 1);
    assert.deepEqual(sent, [data], 'the job is sent again with its own data');
    const queued = await t.db
      .selectFrom('imports')
      .select(['status', 'attempts', 'message'])
      .where('id', '=', data.importId)
      .executeTakeFirstOrThrow();
    assert.equal(queued.status, 'queued');
    assert.equal(queued.attempts, 1);
    assert.match(queued.message ?? '', /^导入中断.*Interrupted.*run 2 of 3/);
    const open = await sql`select id from import_open where id = ${data.importId}::uuid`.execute(t.db);
    assert.equal(open.rows.length, 0, 'the dead run’s rows are swept before it runs again');

    assert.deepEqual(await job.run(data, { id: 'j3', attempt: 0 }), { status: 'succeeded', total: 1 });
    const done = await t.db
      .selectFrom('imports')
      .select(['status', 'created'])
      .where('id', '=', data.importId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(done, { status: 'succeeded', created: 1 });
    assert.equal(await uploadChunks(data.importId), 0);
  });

  it(`fails an import interrupted ${MAX_RUNS} times, and one \`hutong import\` cannot queue`, async () => {
    const data = await queuedImport();
    // `hutong import` (no requeue) leaves an upload's import that may run again to a server.
    await dieWhileRunning(data.importId, 0);
    assert.equal(await failInterruptedImports(t.registry), 0);
    await dieWhileRunning(data.importId, MAX_RUNS - 1);
    let sent = 0;
    assert.equal(
      await failInterruptedImports(t.registry, {
        requeue: async () => {
          sent += 1;
        },
      }),
      1,
    );
    assert.equal(sent, 0);
    const row = await t.db
      .selectFrom('imports')
      .select(['status', 'message'])
      .where('id', '=', data.importId)
      .executeTakeFirstOrThrow();
    assert.equal(row.status, 'failed');
    assert.match(row.message ?? '', /^导入中断.*Interrupted/);
    assert.equal(await uploadChunks(data.importId), 0, 'its upload is dropped');
  });

  it('refuses job data that is not an import’s', () => {
    const job = importJob(t.registry, dir);
    assert.equal(job.data.safeParse({ importId: 'x' }).success, false);
  });
});
