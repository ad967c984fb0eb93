import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { createScratchPostgres } from '../testing/database.ts';
import { openDatabase } from './database.ts';

const adminUrl = process.env.DATABASE_URL;

describe('PostgreSQL pool', () => {
  it('survives a server-side termination of an idle connection', {
    skip: adminUrl ? false : 'PostgreSQL only: runs when DATABASE_URL is set (CI runs it)',
  }, async () => {
    const scratch = await createScratchPostgres(adminUrl as string, 'hutong_pool');
    const handle = await openDatabase({ databaseUrl: scratch.url });
    try {
      await handle.db.selectNoFrom((eb) => eb.val(1).as('x')).execute();
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      const name = new URL(scratch.url).pathname.slice(1);
      await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]);
      await admin.end();
      await new Promise((r) => setTimeout(r, 300));
      const again = await handle.db.selectNoFrom((eb) => eb.val(2).as('x')).execute();
      assert.equal(Number(again[0]?.x), 2, 'the pool replaced the dropped connection');
    } finally {
      await handle.close();
      await scratch.drop();
    }
  });
});
