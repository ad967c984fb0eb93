import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Principal } from '../../accounts/accounts.model.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../../testing/app.ts';
import type { ImportProgress } from './import.engine.ts';
import {
  createImportJob,
  executeImportJob,
  failInterruptedImports,
  type ImportRequest,
} from './import.service.ts';
import { header } from './import.test-helpers.ts';

/**
 * Imports written a chunk per short transaction (issue 17 §7): rows stay invisible until the flip, other requests
 * run between chunks, and a job that fails — in its last chunk or by dying — leaves nothing behind.
 */
let t: TestApp;
let dir: string;
const admin: Principal = {
  via: 'session',
  userId: null,
  username: 'chunk-test',
  role: 'system-admin',
  department: null,
  province: null,
  institution: null,
  holderId: null,
};
const ctx = () => ({ actorId: null, actorLabel: 'chunk-test', requestId: null, at: new Date() });

/** N valid resident ID numbers of one birth date, distinct by sequence (GB 11643 check character). */
function ids(n: number, start: number): string[] {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const checks = '10X98765432';
  return Array.from({ length: n }, (_, i) => {
    const body = `3101151990${String(1 + (Math.floor((start + i) / 999) % 12)).padStart(2, '0')}15${String(
      1 + ((start + i) % 999),
    ).padStart(3, '0')}`;
    const sum = [...body].reduce((s, d, k) => s + Number(d) * (weights[k] as number), 0);
    return body + checks[sum % 11];
  });
}
const row = (id: string, status = 'valid', until = '2030-02-28') =>
  `mem.lv-electrician,T${id},张三,resident,${id},2024-03-01,${until},${status},310000,上海市应急管理局,,`;

function file(name: string, rows: string[]): string {
  const f = path.join(dir, name);
  fs.writeFileSync(f, [header, ...rows].join('\n'));
  return f;
}

async function run(f: string, onProgress?: (p: ImportProgress) => void, acceptValid = false) {
  const request: ImportRequest = { filePath: f, filename: path.basename(f), acceptValid, chunkRows: 10 };
  const id = await createImportJob(t.registry, admin, request);
  const outcome = await executeImportJob(t.registry, ctx(), admin, id, request, onProgress);
  return { id, outcome };
}

const count = async (q: string) => Number((await sql.raw<{ n: number }>(q).execute(t.db)).rows[0]?.n);
const visible = () => count('select count(*)::int as n from certificates');
const allRows = () => count('select count(*)::int as n from certificate_rows');
/** Open jobs and staged rows: none once every job has ended. */
const pending = () =>
  count('select (select count(*) from import_open) + (select count(*) from import_staged_rows) as n');

before(async () => {
  t = await createTestApp();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-chunks-'));
});
after(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('imports in chunks', () => {
  it('keeps written rows invisible until the flip, and lets other queries run between chunks', async () => {
    const start = await visible();
    const seen: Array<{ visible: number; rows: number }> = [];
    let probe: Promise<number> | undefined;
    let probeDone = false;
    const { outcome } = await run(
      file(
        'many.csv',
        ids(95, 0).map((id) => row(id)),
      ),
      (p) => {
        if (p.phase !== 'writing' || p.rows !== 30) return;
        // Queued behind the import's next chunk: it must not wait for the whole import.
        probe = visible().then((n) => {
          probeDone = true;
          return n;
        });
        void Promise.all([visible(), allRows()]).then(([v, r]) => seen.push({ visible: v, rows: r }));
      },
    );
    assert.equal(outcome.status, 'succeeded', outcome.message ?? '');
    assert.deepEqual([outcome.created, outcome.updated, outcome.unchanged], [95, 0, 0]);
    assert.ok(probe, 'the import reported progress while writing');
    assert.ok(probeDone, 'a query issued during the write phase ran before the import ended');
    assert.equal(await probe, start, 'mid-import, none of its rows were visible');
    assert.ok((seen[0]?.rows ?? 0) >= start + 30, 'rows were written before the flip');
    assert.equal(await visible(), start + 95);
    assert.equal(await pending(), 0, 'no open job or staged row remains');
  });

  it('keeps a running import’s progress in its row, so a status request to any process shows it', async () => {
    // The job runs outside this app's import queue, as in another API process: the status route knows it only
    // from the row (issue 16 §4).
    let id = '';
    let during: Promise<{ status: string; progress: { rows: number; phase: string } | null }> | undefined;
    const status = async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/imports/${id}`,
        headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      });
      assert.equal(res.statusCode, 200, res.body);
      return res.json() as { status: string; progress: { rows: number; phase: string } | null };
    };
    const f = file(
      'progress.csv',
      ids(60, 500).map((n) => row(n)),
    );
    const request: ImportRequest = {
      filePath: f,
      filename: 'progress.csv',
      acceptValid: false,
      chunkRows: 10,
    };
    id = await createImportJob(t.registry, admin, request);
    const outcome = await executeImportJob(t.registry, ctx(), admin, id, request, (p) => {
      if (p.phase === 'writing' && p.rows === 30) during = status();
    });
    assert.equal(outcome.status, 'succeeded', outcome.message ?? '');
    const seen = await during;
    assert.equal(seen?.status, 'running');
    assert.ok(seen?.progress, 'progress read from the row while the import ran');
    assert.ok(['reading', 'writing'].includes(seen.progress.phase));
    const done = await status();
    assert.equal(done.status, 'succeeded');
    assert.equal(done.progress, null, 'cleared when the import ended');
    const stored = await t.db
      .selectFrom('imports')
      .select('progress')
      .where('id', '=', id)
      .executeTakeFirst();
    assert.equal(stored?.progress, null);
  });

  it('answers 409 to a registration of a number a running import holds', async () => {
    const token = await t.tokenFor('department-admin', { department: 'mem' });
    const people = ids(40, 5000);
    const first = people[0] as string;
    let answer: Promise<{ statusCode: number; body: string }> | undefined;
    const { outcome } = await run(
      file(
        'held.csv',
        people.map((id) => row(id)),
      ),
      (p) => {
        if (p.phase !== 'writing' || p.rows !== 20 || answer) return;
        answer = t.app.inject({
          method: 'POST',
          url: '/api/v1/certificates',
          headers: { authorization: `Bearer ${token}` },
          payload: {
            type: 'mem.lv-electrician',
            number: `T${first}`,
            holder: { name: '张三', idType: 'resident', idNumber: first },
            validFrom: '2024-03-01',
            validUntil: '2030-02-28',
            issuer: { region: '310000', organization: '上海市应急管理局' },
          },
        });
      },
    );
    assert.equal(outcome.status, 'succeeded');
    const res = await answer;
    assert.equal(res?.statusCode, 409, res?.body);
    assert.match(res?.body ?? '', /being imported/);
  });

  it('finds a duplicate across chunks and, all-or-nothing, sweeps what earlier chunks wrote', async () => {
    const start = [await visible(), await allRows(), await count('select count(*)::int as n from holders')];
    const people = ids(35, 1000);
    const rows = [...people.map((id) => row(id)), row(people[2] as string)];
    const { outcome, id } = await run(file('dup.csv', rows));
    assert.equal(outcome.status, 'failed');
    assert.equal(outcome.invalid, 1);
    const errors = await t.db.selectFrom('import_errors').selectAll().where('import_id', '=', id).execute();
    assert.deepEqual(
      errors.map((e) => [e.row, e.code]),
      [[37, 'duplicate-in-file']],
    );
    const end = [await visible(), await allRows(), await count('select count(*)::int as n from holders')];
    assert.deepEqual(end, start, 'no certificate and no new holder remain');
    assert.equal(await pending(), 0);
  });

  it('with acceptValid, writes the valid rows of every chunk and reports the duplicate', async () => {
    const start = await visible();
    const people = ids(25, 2000);
    const { outcome } = await run(
      file('dup-ok.csv', [...people.map((id) => row(id)), row(people[0] as string)]),
      undefined,
      true,
    );
    assert.equal(outcome.status, 'succeeded');
    assert.deepEqual([outcome.created, outcome.invalid], [25, 1]);
    assert.equal(await visible(), start + 25);
  });

  it('updates existing certificates at the flip, with history, and keeps a revocation’s status-list bit', async () => {
    const people = ids(12, 3000);
    await run(
      file(
        'base.csv',
        people.map((id) => row(id)),
      ),
    );
    const changed = people.map((id, i) =>
      i === 11 ? row(id, 'revoked') : i === 0 ? row(id, 'valid', '2031-01-01') : row(id),
    );
    const { outcome, id } = await run(file('changed.csv', changed));
    assert.deepEqual(
      [outcome.status, outcome.created, outcome.updated, outcome.unchanged],
      ['succeeded', 0, 2, 10],
    );
    const history = await t.db
      .selectFrom('certificate_history')
      .select('action')
      .where('import_id', '=', id)
      .execute();
    assert.equal(history.length, 2);
    const revoked = await t.db
      .selectFrom('certificates')
      .select(['status', 'status_index'])
      .where('number_masked', 'like', `%${(people[11] as string).slice(-4)}`)
      .where('status', '=', 'revoked')
      .executeTakeFirstOrThrow();
    const index = Number(revoked.status_index);
    const list = await t.db
      .selectFrom('status_lists')
      .select('bits')
      .where('purpose', '=', 'revocation')
      .where('list', '=', Math.floor(index / 131072))
      .executeTakeFirstOrThrow();
    const pos = index % 131072;
    const bits = list.bits as Buffer;
    assert.equal(
      ((bits[Math.floor(pos / 8)] as number) >> (7 - (pos % 8))) & 1,
      1,
      'the revocation bit is set',
    );
  });

  it('sweeps the rows of a job that died, at the next start', async () => {
    // A job that died mid-write: open, its rows written, its lease not this process's.
    const dead = '00000000-0000-4000-8000-00000000dead';
    await sql`insert into imports (id, status, filename, format, file_sha256, accept_valid, created_by, worker, created_at)
      values (${dead}::uuid, 'running', 'x.csv', 'csv', 'x', false, 'chunk-test', 'gone:1:0', now())`.execute(
      t.db,
    );
    await sql`insert into import_open (id) values (${dead}::uuid)`.execute(t.db);
    const [person] = ids(1, 4000) as [string];
    const holder = await sql<{
      id: string;
    }>`insert into holders (id, id_type, id_index, id_cipher, id_masked, name,
      created_at, updated_at, written_by_import) values (gen_random_uuid(), 'resident', ${`idx-${person}`},
      ${t.keyring.protector().encrypt(person)}, 'x', '某', now(), now(), ${dead}::uuid) returning id`.execute(
      t.db,
    );
    await sql`insert into certificate_rows (id, type, department, number_index, number_masked, holder_id, valid_from,
      status, issuer_region, issuer_org, created_at, updated_at, version, written_by_import, import_id)
      values (gen_random_uuid(), 'mem.lv-electrician', 'mem', ${`n-${person}`}, 'T***', ${holder.rows[0]?.id},
      '2024-01-01', 'valid', '310000', '上海市应急管理局', now(), now(), 1, ${dead}::uuid, ${dead}::uuid)`.execute(
      t.db,
    );
    const before = await visible();
    assert.equal(await count(`select count(*)::int as n from certificates where import_id = '${dead}'`), 0);
    await failInterruptedImports(t.registry, { exclusive: true });
    assert.equal(
      await count(`select count(*)::int as n from certificate_rows where import_id = '${dead}'`),
      0,
    );
    assert.equal(await count(`select count(*)::int as n from holders where id_index = 'idx-${person}'`), 0);
    assert.equal(await visible(), before);
    assert.equal(await pending(), 0);
  });
});
