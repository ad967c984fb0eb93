import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { generateSm2KeyPair } from '../protection/crypto-profile.ts';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { generateSigningKey, sm2PublicKeyHexOf, sm2SigningKeyOf } from './keys.ts';

// The independent SM2 implementation (see crypto-profile.test.ts).
const independent = createRequire(import.meta.url)('sm-crypto') as {
  sm2: {
    doVerifySignature(msg: string, signHex: string, publicKey: string, options: { hash: boolean }): boolean;
  };
};

interface JwsJson {
  payload: string;
  signatures: { protected: string; signature: string }[];
}

/** 互认决定书 and status-list credentials under the 国密 profile carry the SM2 signature too (issue 18). */
let t: TestApp;
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
let decisionId: string;
let sm2Key: string;
before(async () => {
  t = await createTestApp({
    env: { HUTONG_LOG_LEVEL: 'error', HUTONG_CRYPTO_PROFILE: 'gm' },
    signing: { ...(await generateSigningKey()), sm2: await sm2SigningKeyOf(generateSm2KeyPair().privateKey) },
  });
  const body = '31010119850606555';
  const idNumber = body + residentIdCheckChar(body);
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: admin,
    payload: {
      type: 'mem.lv-electrician',
      number: `T${idNumber}`,
      holder: { name: '赵六', idType: 'resident', idNumber },
      validFrom: '2024-03-01',
      validUntil: '2030-02-28',
      issuer: { region: '310000', organization: '上海市应急管理局' },
    },
  });
  assert.equal(created.statusCode, 201, created.body);
  // Written through the `certificates` view on a gm install: the table's default labels the index HMAC-SM3.
  const label = await sql<{
    v: number;
  }>`select index_version as v from certificate_rows where id = ${created.json().id}`.execute(t.db);
  assert.equal(Number(label.rows[0]?.v), 2);
  const decision = await t.app.inject({
    method: 'GET',
    url: `/api/v1/holders/${created.json().holder.id}/recognitions?region=310000`,
    headers: admin,
  });
  assert.equal(decision.statusCode, 200, decision.body);
  decisionId = decision.json().decisionId;
  const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as {
    keys: Record<string, string>[];
  };
  const key = jwks.keys.find((k) => k.crv === 'SM2');
  sm2Key = (key && sm2PublicKeyHexOf(key)) ?? '';
  assert.ok(sm2Key);
});
after(async () => {
  await t.close();
});

async function verify(credential: JwsJson) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/credentials/verify',
    payload: { credential: JSON.stringify(credential) },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    verified: boolean;
    checks: { check: string; status: string; reason?: string }[];
    signatures: { alg: string; status: string; reason?: string }[];
  };
}

function sm2Of(credential: JwsJson) {
  const sm2 = credential.signatures[1];
  assert.ok(sm2, 'an SM2 signature');
  assert.equal(JSON.parse(Buffer.from(sm2.protected, 'base64url').toString()).alg, 'SM2SM3');
  return sm2;
}

const independentlyValid = (credential: JwsJson) => {
  const sm2 = sm2Of(credential);
  return independent.sm2.doVerifySignature(
    `${sm2.protected}.${credential.payload}`,
    Buffer.from(sm2.signature, 'base64url').toString('hex'),
    sm2Key,
    { hash: true },
  );
};

describe('SM2 beside EdDSA on decision and status-list credentials (issue 18)', () => {
  it('signs the 互认决定书 with SM2 too; the verify API checks both and sm-crypto agrees', async () => {
    const url = `/api/v1/recognition/decisions/${decisionId}/credential`;
    const compact = await t.app.inject({ method: 'GET', url, headers: admin });
    assert.equal(compact.statusCode, 200, compact.body);
    assert.equal(compact.json().format, 'vc+jwt');
    const res = await t.app.inject({ method: 'GET', url: `${url}?serialization=json`, headers: admin });
    assert.equal(res.statusCode, 200, res.body);
    const json = res.json() as { id: string; format: string; credential: JwsJson };
    assert.equal(json.format, 'vc+jws-json');
    // The same stored credential: its JOSE signature is the compact one.
    assert.equal(json.id, compact.json().id);
    const [jose] = json.credential.signatures;
    assert.equal(
      `${jose?.protected}.${json.credential.payload}.${jose?.signature}`,
      compact.json().credential,
    );
    assert.ok(independentlyValid(json.credential));
    const result = await verify(json.credential);
    assert.equal(result.verified, true, JSON.stringify(result));
    assert.deepEqual(
      result.signatures.map((s) => [s.alg, s.status]),
      [
        ['EdDSA', 'valid'],
        ['SM2SM3', 'valid'],
      ],
    );
    // A flipped bit in the SM2 signature is caught although the EdDSA one holds.
    const sm2 = sm2Of(json.credential);
    const raw = Buffer.from(sm2.signature, 'base64url');
    raw[5] = (raw[5] ?? 0) ^ 1;
    const forged = await verify({
      payload: json.credential.payload,
      signatures: [json.credential.signatures[0] ?? sm2, { ...sm2, signature: raw.toString('base64url') }],
    });
    assert.equal(forged.verified, false);
    assert.deepEqual(
      forged.signatures.map((s) => s.status),
      ['valid', 'invalid'],
    );
  });

  it('serves the status list with both signatures; each verifies', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/credentials/status/revocation/0?serialization=json',
    });
    assert.equal(res.statusCode, 200, res.body);
    const json = res.json() as { format: string; credential: JwsJson };
    assert.equal(json.format, 'vc+jws-json');
    const compact = await t.app.inject({ method: 'GET', url: '/api/v1/credentials/status/revocation/0' });
    const [jose] = json.credential.signatures;
    assert.equal(`${jose?.protected}.${json.credential.payload}.${jose?.signature}`, compact.body);
    assert.ok(independentlyValid(json.credential));
    const result = await verify(json.credential);
    assert.deepEqual(
      result.signatures.map((s) => [s.alg, s.status]),
      [
        ['EdDSA', 'valid'],
        ['SM2SM3', 'valid'],
      ],
      JSON.stringify(result),
    );
  });
});
