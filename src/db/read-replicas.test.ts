import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { loadConfig } from '../config.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { freePort } from '../testing/processes.ts';
import { openReadReplicas, type ReadReplicas } from './read-replicas.ts';
import type { Database } from './schema.ts';

/**
 * Issue 16 §3: public reads from a streaming replica, and the fall back to the primary when it cannot be reached.
 * CI starts a real standby of its PostgreSQL server (`pg_basebackup -R`) and names it in HUTONG_TEST_READ_URL.
 */
const primaryUrl = process.env.DATABASE_URL;
const standbyUrl = process.env.HUTONG_TEST_READ_URL;

/** `url` pointed at database `name`. */
function onDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function databaseName(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db);
  return rows[0]?.name as string;
}

async function inRecovery(db: Kysely<Database>): Promise<boolean> {
  const { rows } = await sql<{ r: boolean }>`select pg_is_in_recovery() as r`.execute(db);
  return rows[0]?.r === true;
}

describe('DATABASE_READ_URL configuration', () => {
  it('takes several replicas and needs the primary', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@p:5432/h',
      DATABASE_READ_URL: 'postgres://u@r1:5432/h, postgresql://u@r2:5432/h',
    });
    assert.deepEqual(config.databaseReadUrls, ['postgres://u@r1:5432/h', 'postgresql://u@r2:5432/h']);
    assert.deepEqual(loadConfig({}).databaseReadUrls, []);
    assert.throws(() => loadConfig({ DATABASE_READ_URL: 'postgres://u@r1/h' }), /need DATABASE_URL/);
    assert.throws(
      () => loadConfig({ DATABASE_URL: 'postgres://u@p/h', DATABASE_READ_URL: 'mysql://r1/h' }),
      /DATABASE_READ_URL/,
    );
  });
});

describe('a replica that cannot be reached (PostgreSQL)', {
  skip: !primaryUrl && 'PostgreSQL only: the embedded store has no replicas',
}, () => {
  it('reads from the primary, warns once without the password, and leaves the replica alone for a while', async () => {
    const dead = `postgres://reader:s3cret-pw@127.0.0.1:${await freePort()}/nowhere`;
    const warnings: string[] = [];
    const replicas = openReadReplicas([dead], primaryUrl as string, (m) => warnings.push(m));
    try {
      assert.equal(await inRecovery(replicas.db), false, 'answered by the primary');
      assert.equal(await inRecovery(replicas.db), false);
      assert.equal(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0] as string, /read replica 127\.0\.0\.1:\d+\/nowhere cannot be reached/);
      assert.doesNotMatch(warnings[0] as string, /s3cret|reader/);
    } finally {
      await replicas.close();
    }
  });
});

describe('public reads from a streaming replica (PostgreSQL primary + standby)', {
  skip:
    !(primaryUrl && standbyUrl) && 'needs DATABASE_URL and HUTONG_TEST_READ_URL (a standby; CI starts one)',
}, () => {
  let t: TestApp;
  let replicas: ReadReplicas | undefined;
  const warnings: string[] = [];
  before(async () => {
    t = await createTestApp({
      openReadDb: async (db) => {
        const name = await databaseName(db);
        replicas = openReadReplicas(
          [onDatabase(standbyUrl as string, name)],
          onDatabase(primaryUrl as string, name),
          (m) => warnings.push(m),
        );
        return replicas.db;
      },
    });
  });
  after(async () => {
    // The replica's pool first: dropping the test database on the primary ends the standby's sessions on it.
    await replicas?.close();
    await t?.close();
  });

  it('answers the public query from the standby, which lags the primary by its replay', async () => {
    assert.equal(await inRecovery((replicas as ReadReplicas).db), true, 'the read path is the standby');
    // Replay paused on the standby: a write on the primary is not there until it resumes, so an answer that
    // includes it could only have come from the primary.
    const standby = new pg.Client({ connectionString: standbyUrl });
    await standby.connect();
    try {
      await standby.query('select pg_wal_replay_pause()');
      const mem = await t.tokenFor('department-admin', { department: 'mem' });
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/v1/certificates',
        headers: { authorization: `Bearer ${mem}` },
        payload: {
          type: 'mem.lv-electrician',
          number: 'T11010519491231002X',
          holder: { name: '阿依古丽·买买提', idType: 'resident', idNumber: '11010519491231002X' },
          validFrom: '2024-03-01',
          validUntil: '2030-02-28',
          issuer: { region: '310000', organization: '上海市应急管理局' },
        },
      });
      assert.equal(created.statusCode, 201, created.body);
      const search = () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/public/certificates/search',
          payload: { name: '阿依古丽·买买提', number: 'T11010519491231002X' },
        });
      assert.equal((await search()).statusCode, 404, 'not yet on the standby');
      await standby.query('select pg_wal_replay_resume()');
      let res = await search();
      for (let i = 0; i < 100 && res.statusCode === 404; i++) {
        await sleep(100);
        res = await search();
      }
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().items[0].type, 'mem.lv-electrician');
      assert.deepEqual(warnings, [], 'the standby answered every read');
    } finally {
      await standby.query('select pg_wal_replay_resume()').catch(() => undefined);
      await standby.end();
    }
  });
});
