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
