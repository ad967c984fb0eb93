import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, it } from 'node:test';
import type { Principal } from '../../accounts/accounts.model.ts';
import { createTestApp, type TestApp } from '../../testing/app.ts';
import { type ImportJobData, importJob, storeUpload } from './import.job.ts';
import { createSealStream } from './import.seal.ts';
import { createImportJob } from './import.service.ts';
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
  fs.writeFileSync(
    plain,
    `${header}\nmem.lv-electrician,T${ID_NUMBER},张三,resident,${ID_NUMBER},2024-03-01,2030-02-28,valid,310000,上海市应急管理局,,\n`,
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
    await createImportJob({ ...t.registry, db: trx }, admin, {
      id: data.importId,
      filePath: sealed,
      filename: data.filename,
      format: 'csv',
      sha256: data.sha256,
      acceptValid: false,
    });
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

  it('refuses job data that is not an import’s', () => {
    const job = importJob(t.registry, dir);
    assert.equal(job.data.safeParse({ importId: 'x' }).success, false);
  });
});
