import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { ensurePgliteSnapshot } from '../testing/database.ts';
import { type DatabaseHandle, openDatabase, pgliteParsers } from './database.ts';

/**
 * The embedded dialect specifically (so it runs on PGlite even when the suite targets PostgreSQL): concurrent
 * transactions must queue, not interleave, on PGlite's single session.
 */
let handle: DatabaseHandle;
before(async () => {
  const snapshot = await ensurePgliteSnapshot();
  const pglite = await PGlite.create({
    loadDataDir: new Blob([fs.readFileSync(snapshot)]),
    parsers: pgliteParsers,
  });
  handle = await openDatabase({ pglite });
  await sql`create table counter (id int primary key, n int not null, d date)`.execute(handle.db);
  await sql`insert into counter values (1, 0, '2026-02-28')`.execute(handle.db);
});
after(async () => {
  await handle.close();
});

describe('PGlite dialect', () => {
  it('serialises concurrent read-modify-write transactions (no lost update)', async () => {
    const workers = Array.from({ length: 25 }, () =>
      handle.db.transaction().execute(async (trx) => {
        const row = await sql<{ n: number }>`select n from counter where id = 1`.execute(trx);
        await new Promise((r) => setTimeout(r, 1));
        await sql`update counter set n = ${(row.rows[0]?.n ?? 0) + 1} where id = 1`.execute(trx);
      }),
    );
    await Promise.all(workers);
    const final = await sql<{ n: number }>`select n from counter where id = 1`.execute(handle.db);
    assert.equal(final.rows[0]?.n, 25);
  });

  it('rolls back a failed transaction and releases the connection for the next one', async () => {
    await assert.rejects(
      handle.db.transaction().execute(async (trx) => {
        await sql`update counter set n = 999 where id = 1`.execute(trx);
        throw new Error('boom');
      }),
    );
    const row = await sql<{ n: number }>`select n from counter where id = 1`.execute(handle.db);
    assert.equal(row.rows[0]?.n, 25);
  });

  it('returns date columns as YYYY-MM-DD strings and counts as numbers', async () => {
    const row = await sql<{ d: unknown; c: unknown }>`select d, count(*) over () as c from counter`.execute(
      handle.db,
    );
    assert.equal(row.rows[0]?.d, '2026-02-28');
    assert.equal(row.rows[0]?.c, 1);
  });

  it('reports affected rows', async () => {
    const result = await handle.db
      .updateTable('users')
      .set({ display_name: 'x' })
      .where('username', '=', 'none')
      .executeTakeFirst();
    assert.equal(result.numUpdatedRows, 0n);
  });
});

describe('PGlite dialect, prepared reads', () => {
  it('answers a repeated parameterised select the same through its prepared statement', async () => {
    await sql`create table prep (id int primary key, t text, d date, at timestamptz, ok boolean)`.execute(
      handle.db,
    );
    await sql`insert into prep values (1, 'it''s', '2026-02-28', '2026-02-28T10:00:00Z', true), (2, null, null, null, false)`.execute(
      handle.db,
    );
    const read = (t: string | null, at: Date, ok: boolean) =>
      sql<{ id: number; t: string | null; d: string | null }>`
        select id, t, d from prep where (t = ${t} or ${t}::text is null) and (at is null or at <= ${at}) and ok = ${ok}
        order by id`.execute(handle.db);
    const at = new Date('2026-03-01T00:00:00Z');
    for (let i = 0; i < 4; i++) {
      assert.deepEqual((await read("it's", at, true)).rows, [{ id: 1, t: "it's", d: '2026-02-28' }]);
      assert.deepEqual((await read("x'); drop table prep; --", at, true)).rows, []);
      assert.deepEqual((await read(null, at, false)).rows, [{ id: 2, t: null, d: null }]);
    }
    const prepared = await sql<{ n: number }>`select count(*) as n from pg_prepared_statements`.execute(
      handle.db,
    );
    assert.ok((prepared.rows[0]?.n ?? 0) >= 1, 'the repeated select was prepared');
  });

  it('prepares nothing inside a transaction, and a schema change re-plans', async () => {
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) {
        const r = await sql<{ id: number }>`select id from prep where id = ${1} and 1 = ${1}`.execute(trx);
        assert.equal(r.rows[0]?.id, 1);
      }
    });
    const star = () => sql<Record<string, unknown>>`select * from prep where id = ${1}`.execute(handle.db);
    await star();
    await star();
    await sql`alter table prep add column extra int default 7`.execute(handle.db);
    assert.equal((await star()).rows[0]?.extra, 7);
    assert.equal((await star()).rows[0]?.extra, 7);
  });
});
