import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import {
  generateSigningKey,
  loadSm2SigningKey,
  RETIRED_KEYS_DIR,
  rotateSm2SigningKey,
  SM2_SIGNING_KEY_FILE,
  type Sm2SigningKey,
} from './keys.ts';

let t: TestApp;
let dataDir: string;
let first: Sm2SigningKey;
let token: string;
before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-sm2-rotate-'));
  first = await loadSm2SigningKey(undefined, dataDir);
  t = await createTestApp({
    env: { HUTONG_LOG_LEVEL: 'error', HUTONG_CRYPTO_PROFILE: 'gm' },
    signing: { ...(await generateSigningKey()), sm2: first },
  });
  token = await t.tokenFor('department-admin', { department: 'mem' });
});
after(async () => {
  await t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

async function issuedCredential(): Promise<string> {
  const body = '31010119900101666';
  const idNumber = body + residentIdCheckChar(body);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      type: 'mem.lv-electrician',
      number: `T${idNumber}`,
      holder: { name: '王五', idType: 'resident', idNumber },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/v1/certificates/${created.json().id}/credential?serialization=json`,
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.statusCode, 200, res.body);
  return JSON.stringify(res.json().credential);
}

async function verify(credential: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/credentials/verify',
    payload: { credential },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { verified: boolean; signatures: { alg: string; kid?: string; status: string }[] };
}

describe('hutong keys rotate-sm2 (issue 18)', () => {
  it('makes a new SM2 key, retires the old one, and credentials it signed keep verifying', async () => {
    const credential = await issuedCredential();
    const before = await verify(credential);
    assert.equal(before.verified, true);
    const rotated = await rotateSm2SigningKey(t.db, dataDir, new Date());
    assert.notEqual(rotated.thumbprint, first.thumbprint);
    // The data directory now holds the new private key; the old public key is kept for reference.
    assert.equal(
      fs.readFileSync(path.join(dataDir, SM2_SIGNING_KEY_FILE), 'utf8').trim(),
      rotated.keys.privateKey,
    );
    assert.deepEqual(
      JSON.parse(fs.readFileSync(path.join(dataDir, RETIRED_KEYS_DIR, `${first.thumbprint}.json`), 'utf8')),
      first.publicJwk,
    );
    const keys = await t.db.selectFrom('credential_keys').select(['kid', 'retired_at']).execute();
    const state = (kid: string) => keys.find((k) => k.kid === kid)?.retired_at;
    assert.ok(state(first.thumbprint), 'the old SM2 key is retired');
    assert.equal(state(rotated.thumbprint), null, 'the new SM2 key is active');
    assert.equal(state(t.signing.thumbprint), null, 'the Ed25519 key is untouched');
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as {
      keys: { kid: string; crv: string }[];
    };
    const sm2 = jwks.keys.filter((k) => k.crv === 'SM2').map((k) => k.kid.split('#')[1]);
    assert.deepEqual(sm2.sort(), [first.thumbprint, rotated.thumbprint].sort());
    const afterwards = await verify(credential);
    assert.equal(afterwards.verified, true, JSON.stringify(afterwards));
    assert.deepEqual(
      afterwards.signatures.map((s) => [s.alg, s.status]),
      [
        ['EdDSA', 'valid'],
        ['SM2SM3', 'valid'],
      ],
    );
    // A second rotation retires the second key too; the first stays published.
    const third = await rotateSm2SigningKey(t.db, dataDir, new Date());
    const active = await t.db
      .selectFrom('credential_keys')
      .select('kid')
      .where('retired_at', 'is', null)
      .execute();
    assert.deepEqual(active.map((k) => k.kid).sort(), [t.signing.thumbprint, third.thumbprint].sort());
    assert.equal((await verify(credential)).verified, true);
  });
});
