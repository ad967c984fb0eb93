import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createScratchPostgres, queryStore } from '../src/testing/database.ts';

/** The `hutong` command as a user runs it, against a data directory (PGlite) or a fresh PostgreSQL database. */
const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-cli-'));
const adminUrl = process.env.DATABASE_URL;
let scratch: Awaited<ReturnType<typeof createScratchPostgres>> | undefined;

function hutong(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [path.join(root, 'bin', 'hutong.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HUTONG_DATA_DIR: dataDir,
      ...(scratch && { DATABASE_URL: scratch.url }),
      ...env,
    },
    timeout: 120_000,
  });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

/** Edits one audit row behind the application's back, as an attacker with SQL access would. */
async function tamper(statement: string): Promise<void> {
  await queryStore({ url: scratch?.url, pgliteDir: path.join(dataDir, 'pgdata') }, statement);
}

before(async () => {
  if (adminUrl) scratch = await createScratchPostgres(adminUrl, 'hutong_cli');
});
after(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await scratch?.drop();
});

describe('hutong CLI', () => {
  it('migrates, creates users and tokens, and verifies then catches a tampered audit log', async () => {
    const migrate = hutong(['db', 'migrate']);
    assert.equal(migrate.status, 0, migrate.err);
    assert.match(migrate.out, /latest migration/);

    const bad = hutong(['users', 'create', '--username', 'ops', '--role', 'province-admin'], {
      HUTONG_PASSWORD: 'correct horse battery',
    });
    assert.equal(bad.status, 1);
    assert.match(bad.err, /province/);

    const created = hutong(['users', 'create', '--username', 'ops', '--role', 'system-admin'], {
      HUTONG_PASSWORD: 'correct horse battery',
    });
    assert.equal(created.status, 0, created.err);
    const second = hutong(
      ['users', 'create', '--username', 'mem-sync', '--role', 'department-admin', '--department', 'mem'],
      { HUTONG_PASSWORD: 'another long passphrase' },
    );
    assert.equal(second.status, 0, second.err);

    const token = hutong(['tokens', 'create', '--username', 'mem-sync', '--label', 'sync']);
    assert.equal(token.status, 0, token.err);
    assert.match(token.out.trim(), /^htk_[A-Za-z0-9_-]{40,}$/);

    const ok = hutong(['audit', 'verify']);
    assert.equal(ok.status, 0, ok.err);
    assert.match(ok.out, /audit log OK: 3 rows/);

    await tamper(`update audit_log set actor_label = 'somebody-else' where position = 2`);
    const broken = hutong(['audit', 'verify']);
    assert.equal(broken.status, 1);
    assert.match(broken.out, /BROKEN at position 2 .*edited/);
  });

  it('rotates the credential signing key: a new key signs, the old public key stays published', async () => {
    const first = hutong(['keys', 'rotate-signing']);
    assert.equal(first.status, 0, first.err);
    const second = hutong(['keys', 'rotate-signing']);
    assert.equal(second.status, 0, second.err);
    const kid = (out: string) => /signing key (\S+) is current/.exec(out)?.[1];
    assert.ok(kid(first.out) && kid(second.out) && kid(first.out) !== kid(second.out));
    const keyFile = path.join(dataDir, 'keys', 'signing-key.pem');
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
    const rows = await queryStore<{ kid: string; retired: boolean }>(
      { url: scratch?.url, pgliteDir: path.join(dataDir, 'pgdata') },
      'select kid, retired_at is not null as retired from credential_keys order by created_at',
    );
    assert.deepEqual(
      rows.map((r) => [r.kid, r.retired]),
      [
        [kid(first.out), true],
        [kid(second.out), false],
      ],
    );
    const refused = hutong(['keys', 'rotate-signing'], {
      HUTONG_SIGNING_KEY: fs.readFileSync(keyFile, 'utf8'),
    });
    assert.equal(refused.status, 1);
    assert.match(refused.err, /HUTONG_SIGNING_KEY is set/);
  });

  it('checks the catalog, and names the file of a broken copy', () => {
    const ok = hutong(['catalog', 'check']);
    assert.equal(ok.status, 0, ok.err);
    assert.match(ok.out, /catalog OK/);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-catalog-'));
    fs.cpSync(path.join(root, 'catalog'), copy, { recursive: true });
    const file = path.join(copy, 'departments.json');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"mohrss"', '"mohrss", "extra": 1, "x"'));
    const broken = hutong(['catalog', 'check', '--dir', copy]);
    fs.rmSync(copy, { recursive: true, force: true });
    assert.equal(broken.status, 1);
    assert.match(broken.err, /departments\.json/);
  });
});
