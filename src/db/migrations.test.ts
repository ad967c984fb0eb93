import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { createTestDatabase } from '../testing/database.ts';
import { type DatabaseHandle, migrateToLatest } from './database.ts';
import { migrations } from './migrations/index.ts';

let handle: DatabaseHandle;
before(async () => {
  handle = await createTestDatabase();
});
after(async () => {
  await handle.close();
});

describe('migrations', () => {
  it('go all the way down and up again on this engine', async () => {
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    assert.equal(down.error, undefined);
    const tables = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_name = 'users'`.execute(
      handle.db,
    );
    assert.equal(tables.rows[0]?.n, 0);
    const up = await migrator.migrateToLatest();
    assert.equal(up.error, undefined);
    assert.equal(up.results?.length, Object.keys(migrations).length);
  });

  it('start without the migrator when every migration is applied, and migrate when one is not', async () => {
    assert.deepEqual(await migrateToLatest(handle.db), { results: [] });
    // The newest migration undone, as on a data directory of the previous version.
    const names = Object.keys(migrations);
    const last = names.at(-1) as string;
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    assert.equal((await migrator.migrateTo(names.at(-2) as string)).error, undefined);
    const result = await migrateToLatest(handle.db);
    assert.deepEqual(
      result.results?.map((r) => [r.migrationName, r.status]),
      [[last, 'Success']],
    );
  });
});
