import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { residentIdCheckChar } from '../src/shared/identifiers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../src/testing/app.ts';

/**
 * `hutong verify` as a relying party runs it (issue 5 §4): against a running Hutong over HTTP, then offline from
 * its cache, and with `--trust` for a key given on the command line.
 */
const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-verify-'));
let t: TestApp;
let origin: string;
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function hutong(args: string[]): Promise<{ status: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(root, 'bin', 'hutong.js'), ...args],
      {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, HUTONG_DATA_DIR: work },
        timeout: 60_000,
      },
      (error, out, err) => resolve({ status: error ? Number(error.code ?? 1) : 0, out, err }),
    );
  });
}

let credentialFile: string;
let certificateId: string;

before(async () => {
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  t = await createTestApp({ env: { HUTONG_PUBLIC_URL: origin } });
  await t.app.listen({ port, host: '127.0.0.1' });
  const body = '31010119850505123';
  const idNumber = body + residentIdCheckChar(body);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: admin,
    payload: {
      type: 'mem.lv-electrician',
      number: `T${idNumber}`,
      holder: { name: '钱七', idType: 'resident', idNumber },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  certificateId = created.json().id;
  const credential = await t.app.inject({
    method: 'GET',
    url: `/api/v1/certificates/${certificateId}/credential`,
    headers: admin,
  });
  credentialFile = path.join(work, 'credential.json');
  fs.writeFileSync(credentialFile, credential.body); // the API's JSON; the bare JWS works too
});
after(async () => {
  await t.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('hutong verify', () => {
  it('offline with an empty cache: the issuer is unknown, exit 1', async () => {
    const r = await hutong(['verify', '--offline', '--cache', path.join(work, 'empty'), credentialFile]);
    assert.equal(r.status, 1, r.err);
    assert.match(r.out, /issuer\s+invalid \(unknown-issuer\)/);
  });

  it('online: verifies (exit 0) and --json prints the API’s answer; the cache is filled', async () => {
    const cache = path.join(work, 'cache');
    const r = await hutong(['verify', '--json', '--cache', cache, credentialFile]);
    assert.equal(r.status, 0, r.out + r.err);
    const json = JSON.parse(r.out);
    assert.equal(json.verified, true);
    assert.deepEqual(
      json.checks.map((c: { check: string; status: string }) => `${c.check}:${c.status}`),
      ['schema:valid', 'issuer:valid', 'signature:valid', 'validity:valid', 'status:valid'],
    );
    const apiAnswer = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials/verify',
      payload: { credential: JSON.parse(fs.readFileSync(credentialFile, 'utf8')).credential },
    });
    assert.deepEqual(json.checks, apiAnswer.json().checks);
    assert.ok(fs.readdirSync(cache).some((f) => f.startsWith('jwks-')));
  });

  it('offline from the cache: verifies; a stdin credential with a flipped byte does not', async () => {
    const r = await hutong(['verify', '--offline', '--cache', path.join(work, 'cache'), credentialFile]);
    assert.equal(r.status, 0, r.out + r.err);
    assert.match(r.out, /VERIFIED/);
  });

  it('after revocation: online says revoked (exit 1)', async () => {
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/v1/certificates/${certificateId}/revoke`,
      headers: admin,
      payload: { reason: '证书被撤销 test' },
    });
    assert.equal(revoke.statusCode, 200, revoke.body);
    const r = await hutong(['verify', '--cache', path.join(work, 'cache'), credentialFile]);
    assert.equal(r.status, 1);
    assert.match(r.out, /status\s+invalid \(revoked\)/);
  });

  it('--trust a verification method: signature checked with no network and no cache; status skipped', async () => {
    const did = (await t.app.inject({ method: 'GET', url: '/.well-known/did.json' })).json();
    const vmFile = path.join(work, 'vm.json');
    fs.writeFileSync(vmFile, JSON.stringify(did.verificationMethod[0]));
    const r = await hutong([
      'verify',
      '--offline',
      '--cache',
      path.join(work, 'none'),
      '--trust',
      vmFile,
      credentialFile,
    ]);
    assert.equal(r.status, 0, r.out + r.err);
    assert.match(r.out, /signature\s+valid/);
    assert.match(r.out, /status\s+skipped \(offline\)/);
  });
});
