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
 * A 互认决定书 (issue 13 item 7) through `hutong verify` like a certificate: online, then offline from the cache of
 * the issuer's keys and its basis certificate's status lists; once the basis is revoked it no longer verifies.
 */
const root = path.resolve(import.meta.dirname, '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-verify-decision-'));
const cache = path.join(work, 'cache');
let t: TestApp;
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
let credentialFile: string;
let certificateId: string;

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

before(async () => {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  t = await createTestApp({ env: { HUTONG_PUBLIC_URL: `http://127.0.0.1:${port}` } });
  await t.app.listen({ port, host: '127.0.0.1' });
  const body = '31010119850606123';
  const idNumber = body + residentIdCheckChar(body);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: admin,
    payload: {
      type: 'mem.lv-electrician',
      number: `T${idNumber}`,
      holder: { name: '孙八', idType: 'resident', idNumber },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  certificateId = created.json().id;
  const decision = await t.app.inject({
    method: 'GET',
    url: `/api/v1/holders/${created.json().holder.id}/recognitions?region=310000`,
    headers: admin,
  });
  assert.equal(decision.statusCode, 200, decision.body);
  const credential = await t.app.inject({
    method: 'GET',
    url: `/api/v1/recognition/decisions/${decision.json().decisionId}/credential`,
    headers: admin,
  });
  assert.equal(credential.statusCode, 200, credential.body);
  credentialFile = path.join(work, 'decision.json');
  fs.writeFileSync(credentialFile, credential.body);
});
after(async () => {
  await t.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('hutong verify a 互认决定书', () => {
  it('verifies online, then offline from the cache', async () => {
    const online = await hutong(['verify', '--cache', cache, credentialFile]);
    assert.equal(online.status, 0, online.out + online.err);
    const offline = await hutong(['verify', '--offline', '--cache', cache, credentialFile]);
    assert.equal(offline.status, 0, offline.out + offline.err);
    assert.match(offline.out, /status\s+valid/);
  });

  it('after its basis certificate is revoked: online and then offline (refreshed cache) say revoked', async () => {
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/v1/certificates/${certificateId}/revoke`,
      headers: admin,
      payload: { reason: '证书被撤销 test' },
    });
    assert.equal(revoke.statusCode, 200, revoke.body);
    const online = await hutong(['verify', '--cache', cache, credentialFile]);
    assert.equal(online.status, 1);
    assert.match(online.out, /status\s+invalid \(revoked\)/);
    const offline = await hutong(['verify', '--offline', '--cache', cache, credentialFile]);
    assert.equal(offline.status, 1);
    assert.match(offline.out, /status\s+invalid \(revoked\)/);
  });
});
