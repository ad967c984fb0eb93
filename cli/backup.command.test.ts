import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { readBackupHeader } from '../src/backup/backup.file.ts';
import { readConfiguredKeys } from '../src/backup/backup.keys.ts';
import { snapshotServingPglite } from '../src/backup/backup.pglite.ts';
import { createBackup } from '../src/backup/backup.service.ts';
import { loadConfig } from '../src/config.ts';
import { type Running, startServer } from '../src/runtime.ts';
import { residentIdCheckChar } from '../src/shared/identifiers.ts';
import { createScratchPostgres } from '../src/testing/database.ts';

/**
 * Round trip of `hutong backup` / `hutong restore` on the configured engine (PGlite, or PostgreSQL when
 * DATABASE_URL is set): a seeded store with a revoked certificate and issued credentials is backed up while a
 * server takes writes, restored into a new store, and a server on the restored store must answer as before.
 */
const root = path.resolve(import.meta.dirname, '..');
const adminUrl = process.env.DATABASE_URL;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-backup-'));
const dirs = { source: path.join(work, 'a'), fromLive: path.join(work, 'b'), withKeys: path.join(work, 'c') };
const scratch: Record<string, { url: string; drop(): Promise<void> }> = {};
const PASSPHRASE = 'a long backup passphrase';
const passphraseFile = path.join(work, 'passphrase');

function env(store: keyof typeof dirs): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    HUTONG_DATA_DIR: dirs[store],
    HUTONG_LOG_LEVEL: 'silent',
    HUTONG_DEMO: '0',
    HUTONG_SUPERVISION_INTERVAL_MS: '0',
    HUTONG_OUTBOX_INTERVAL_MS: '0',
    HUTONG_PUBLIC_POW_BITS: '0',
    // The load is the test's own (verifications under a backup): the public rate limit is tested elsewhere.
    HUTONG_PUBLIC_RATE_LIMIT: '100000',
    PORT: '0',
    ...(scratch[store] && { DATABASE_URL: scratch[store].url }),
  };
}

function hutong(store: keyof typeof dirs, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [path.join(root, 'bin', 'hutong.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...env(store), ...extra },
    timeout: 180_000,
  });
  return { status: r.status, out: r.stdout, err: r.stderr };
}

/** The CLI as a child that does not block this process (the server here keeps serving meanwhile). */
function hutongAsync(store: keyof typeof dirs, args: string[]) {
  return new Promise<{ status: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'hutong.js'), ...args], {
      cwd: root,
      env: env(store),
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c;
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c;
    });
    child.on('close', (status) => resolve({ status, out, err }));
  });
}

async function start(store: keyof typeof dirs): Promise<Running> {
  return startServer(loadConfig(env(store)));
}

async function login(app: Running['app'], username: string, password: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password },
  });
  const cookie = res.cookies.find((c) => c.name === 'hutong_session');
  return { status: res.statusCode, cookie: cookie ? `hutong_session=${cookie.value}` : '' };
}

async function verify(app: Running['app'], credential: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/credentials/verify',
    payload: { credential },
  });
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as {
    verified: boolean;
    checks: { check: string; status: string; reason?: string }[];
  };
  return { verified: body.verified, status: body.checks.find((c) => c.check === 'status')?.reason ?? null };
}

async function certificateIds(app: Running['app'], cookie: string): Promise<string[]> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/certificates/search',
    headers: { cookie },
    payload: {},
  });
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as { items: { id: string; status: string }[] }).items.map((c) => `${c.id}:${c.status}`);
}

before(async () => {
  fs.writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  if (adminUrl)
    for (const store of Object.keys(dirs))
      scratch[store] = await createScratchPostgres(adminUrl, 'hutong_bk');
});
after(async () => {
  fs.rmSync(work, { recursive: true, force: true });
  for (const s of Object.values(scratch)) await s.drop();
});

describe(`hutong backup / restore (${adminUrl ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('restores a backup taken under load to a server that answers the same and verifies the same', async () => {
    const password = 'correct horse battery staple';
    const user = ['--username', 'mem-admin', '--role', 'department-admin', '--department', 'mem'];
    const createdUser = hutong('source', ['users', 'create', ...user], { HUTONG_PASSWORD: password });
    assert.equal(createdUser.status, 0, createdUser.err);

    // The source server: three certificates, one revoked, credentials issued for a valid and the revoked one.
    let running = await start('source');
    let credentials: { valid: string; revoked: string };
    let before: string[];
    const liveBackup = path.join(work, 'live.hbk');
    const offlineBackup = path.join(work, 'offline.hbk');
    try {
      const admin = await login(running.app, 'mem-admin', password);
      assert.equal(admin.status, 200);
      const created: string[] = [];
      for (const serial of ['101', '102', '103']) {
        const body = `31010119900101${serial}`;
        const idNumber = body + residentIdCheckChar(body);
        const res = await running.app.inject({
          method: 'POST',
          url: '/api/v1/certificates',
          headers: { cookie: admin.cookie },
          payload: {
            type: 'mem.lv-electrician',
            number: `T${idNumber}`,
            holder: { name: '李四', idType: 'resident', idNumber },
            validFrom: '2024-03-01',
            validUntil: '2030-02-28',
            issuer: { region: '310000', organization: '上海市应急管理局' },
          },
        });
        assert.equal(res.statusCode, 201, res.body);
        created.push((res.json() as { id: string }).id);
      }
      const [validId, revokedId] = created;
      assert.ok(validId && revokedId);
      const credentialOf = async (id: string) => {
        const res = await running.app.inject({
          method: 'GET',
          url: `/api/v1/certificates/${id}/credential`,
          headers: { cookie: admin.cookie },
        });
        assert.equal(res.statusCode, 200, res.body);
        return (res.json() as { credential: string }).credential;
      };
      credentials = { valid: await credentialOf(validId), revoked: await credentialOf(revokedId) };
      const revoked = await running.app.inject({
        method: 'POST',
        url: `/api/v1/certificates/${revokedId}/revoke`,
        headers: { cookie: admin.cookie },
        payload: { reason: '备份测试 backup test' },
      });
      assert.equal(revoked.statusCode, 200, revoked.body);
      assert.deepEqual(await verify(running.app, credentials.valid), { verified: true, status: null });
      assert.deepEqual(await verify(running.app, credentials.revoked), {
        verified: false,
        status: 'revoked',
      });
      before = await certificateIds(running.app, admin.cookie);

      // Load: logins (sessions + audit rows) and verifications keep coming while the backup is taken.
      let loading = true;
      let requests = 0;
      const load = (async () => {
        while (loading) {
          await Promise.all([
            login(running.app, 'mem-admin', password),
            verify(running.app, credentials.valid),
            certificateIds(running.app, admin.cookie),
          ]);
          requests += 3;
        }
      })();
      await new Promise((r) => setTimeout(r, 300));
      if (adminUrl) {
        const r = await hutongAsync('source', ['backup', liveBackup]);
        assert.equal(r.status, 0, r.err);
      } else {
        // PGlite: the CLI cannot open a directory a server holds, and says what to do instead.
        const refused = hutong('source', ['backup', liveBackup]);
        assert.equal(refused.status, 1);
        assert.match(refused.err, /held by a running Hutong server/);
        const config = loadConfig(env('source'));
        const pgdata = path.join(dirs.source, 'pgdata');
        await createBackup(liveBackup, {
          engine: 'pglite',
          keys: await readConfiguredKeys(config),
          includeKeys: [],
          now: new Date(),
          snapshot: (payload) => snapshotServingPglite(running.handle.bulk, pgdata, work, payload),
        });
      }
      loading = false;
      await load;
      assert.ok(requests > 0, 'the load ran during the backup');
    } finally {
      await running.close();
    }

    // With the server stopped, the CLI backs up and may seal the keys in with a passphrase.
    const offline = hutong('source', [
      'backup',
      offlineBackup,
      '--include-keys',
      '--passphrase-file',
      passphraseFile,
    ]);
    assert.equal(offline.status, 0, offline.err);
    assert.match(offline.out, /keys included, sealed with the passphrase: master, signing/);
    assert.equal(readBackupHeader(liveBackup).manifest.keys.included, null, 'keys stay out unless asked');
    const masterKey = fs.readFileSync(path.join(dirs.source, 'keys', 'master.key'), 'utf8');
    for (const f of [liveBackup, offlineBackup]) {
      const text = fs.readFileSync(f).toString('latin1');
      assert.ok(!text.includes(masterKey.trim()), `${f} must not hold the master key in clear`);
      assert.ok(!text.includes('PRIVATE KEY'), `${f} must not hold the signing key in clear`);
    }

    // Restore of the live backup into an empty store: it names the master key it needs and that none is here.
    const noKey = hutong('fromLive', ['restore', liveBackup]);
    assert.equal(noKey.status, 0, noKey.err);
    assert.match(noKey.out, /master key needed: mk-[0-9a-f]{32} — no key is configured here/);
    assert.match(noKey.err, /action needed: configure master key mk-/);
    assert.match(noKey.out, /row counts match the backup/);
    assert.match(noKey.out, /audit log OK/);
    const again = hutong('fromLive', ['restore', liveBackup]);
    assert.equal(again.status, 1);
    assert.match(again.err, /not empty/);
    fs.mkdirSync(path.join(dirs.fromLive, 'keys'), { recursive: true });
    fs.writeFileSync(path.join(dirs.fromLive, 'keys', 'master.key'), masterKey, { mode: 0o600 });

    // Restore with the sealed keys: a wrong passphrase is refused before anything is written.
    const wrongPass = path.join(work, 'wrong');
    fs.writeFileSync(wrongPass, 'not the passphrase at all\n');
    const refused = hutong('withKeys', ['restore', offlineBackup, '--passphrase-file', wrongPass]);
    assert.equal(refused.status, 1);
    assert.match(refused.err, /passphrase does not open/);
    assert.ok(!fs.existsSync(path.join(dirs.withKeys, 'pgdata', 'PG_VERSION')));
    const withKeys = hutong('withKeys', ['restore', offlineBackup, '--passphrase-file', passphraseFile]);
    assert.equal(withKeys.status, 0, withKeys.err);
    assert.match(withKeys.out, /key written: .*master\.key/);
    assert.match(withKeys.out, /master key needed: mk-\S+ — the configured key matches/);
    assert.match(withKeys.out, /signing key at backup: \S+ — the configured key matches/);

    for (const store of ['fromLive', 'withKeys'] as const) {
      const audit = hutong(store, ['audit', 'verify']);
      assert.equal(audit.status, 0, audit.out + audit.err);
      running = await start(store);
      try {
        const admin = await login(running.app, 'mem-admin', password);
        assert.equal(admin.status, 200, `login works on the ${store} store`);
        assert.deepEqual(await certificateIds(running.app, admin.cookie), before);
        assert.deepEqual(await verify(running.app, credentials.valid), { verified: true, status: null });
        assert.deepEqual(await verify(running.app, credentials.revoked), {
          verified: false,
          status: 'revoked',
        });
      } finally {
        await running.close();
      }
    }
  });
});
