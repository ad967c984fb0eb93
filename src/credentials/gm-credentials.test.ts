import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { generateSm2KeyPair } from '../protection/crypto-profile.ts';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import { createTestApp, type TestApp } from '../testing/app.ts';
import { generateSigningKey, sm2PublicKeyHexOf, sm2SigningKeyOf } from './keys.ts';

// The independent SM2 implementation (see crypto-profile.test.ts).
const independent = createRequire(import.meta.url)('sm-crypto') as {
  sm2: {
    doVerifySignature(msg: string, signHex: string, publicKey: string, options: { hash: boolean }): boolean;
  };
};

let t: TestApp;
let mem: string;
before(async () => {
  const signing = {
    ...(await generateSigningKey()),
    sm2: await sm2SigningKeyOf(generateSm2KeyPair().privateKey),
  };
  t = await createTestApp({ env: { HUTONG_LOG_LEVEL: 'error', HUTONG_CRYPTO_PROFILE: 'gm' }, signing });
  mem = await t.tokenFor('department-admin', { department: 'mem' });
});
after(async () => {
  await t.close();
});

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

async function createCertificate() {
  const body = '31010119900101777';
  const idNumber = body + residentIdCheckChar(body);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/certificates',
    headers: auth(mem),
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
  return res.json().id as string;
}

interface JsonCredential {
  format: string;
  credential: { payload: string; signatures: { protected: string; signature: string }[] };
}

async function verify(credential: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/credentials/verify',
    payload: { credential },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as {
    verified: boolean;
    checks: { check: string; status: string; reason?: string }[];
    signatures: { alg: string; kid?: string; status: string; reason?: string }[];
  };
}

describe('credentials under the 国密 profile (issue 18 §3)', () => {
  let certificateId: string;
  let json: JsonCredential;
  before(async () => {
    certificateId = await createCertificate();
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${certificateId}/credential?serialization=json`,
      headers: auth(mem),
    });
    assert.equal(res.statusCode, 200, res.body);
    json = res.json() as JsonCredential;
  });

  it('keeps the compact vc+jwt unchanged and gives the JSON serialization with an SM2SM3 signature', async () => {
    const compact = await t.app.inject({
      method: 'GET',
      url: `/api/v1/certificates/${certificateId}/credential`,
      headers: auth(mem),
    });
    const c = compact.json() as { format: string; credential: string };
    assert.equal(c.format, 'vc+jwt');
    assert.equal(c.credential.split('.').length, 3);
    assert.equal(json.format, 'vc+jws-json');
    const [jose, sm2] = json.credential.signatures;
    assert.ok(jose && sm2);
    assert.equal(`${jose.protected}.${json.credential.payload}.${jose.signature}`, c.credential);
    const header = JSON.parse(Buffer.from(sm2.protected, 'base64url').toString()) as Record<string, string>;
    assert.equal(header.alg, 'SM2SM3');
    assert.match(header.kid ?? '', new RegExp(`#${t.signing.sm2?.thumbprint}$`));
    assert.equal(Buffer.from(sm2.signature, 'base64url').length, 64);
  });

  it('publishes the SM2 key in the JWKS and the did:web document; sm-crypto verifies the signature with it', async () => {
    const jwks = (await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as {
      keys: Record<string, string>[];
    };
    const key = jwks.keys.find((k) => k.crv === 'SM2');
    assert.ok(key);
    assert.equal(key.kty, 'EC');
    assert.equal(key.alg, 'SM2SM3');
    assert.ok(jwks.keys.some((k) => k.crv === 'Ed25519' && k.alg === 'EdDSA'));
    const did = (await t.app.inject({ method: 'GET', url: '/.well-known/did.json' })).json() as {
      verificationMethod: { id: string; publicKeyJwk: Record<string, string> }[];
    };
    assert.ok(did.verificationMethod.some((m) => m.publicKeyJwk.crv === 'SM2' && m.id === key.kid));
    const sm2 = json.credential.signatures[1];
    assert.ok(sm2);
    const publicKey = sm2PublicKeyHexOf(key);
    assert.ok(publicKey);
    assert.ok(
      independent.sm2.doVerifySignature(
        `${sm2.protected}.${json.credential.payload}`,
        Buffer.from(sm2.signature, 'base64url').toString('hex'),
        publicKey,
        { hash: true },
      ),
    );
  });

  it('verifies both signatures and says which were checked', async () => {
    const result = await verify(JSON.stringify(json));
    assert.equal(result.verified, true, JSON.stringify(result));
    assert.deepEqual(
      result.signatures.map((s) => [s.alg, s.status]),
      [
        ['EdDSA', 'valid'],
        ['SM2SM3', 'valid'],
      ],
    );
    const compact = json.credential.signatures[0];
    assert.ok(compact);
    const alone = await verify(`${compact.protected}.${json.credential.payload}.${compact.signature}`);
    assert.equal(alone.verified, true);
    assert.deepEqual(
      alone.signatures.map((s) => s.alg),
      ['EdDSA'],
    );
  });

  it('refuses a forged SM2 signature even when the EdDSA one is valid', async () => {
    const [jose, sm2] = json.credential.signatures;
    assert.ok(jose && sm2);
    const raw = Buffer.from(sm2.signature, 'base64url');
    raw[10] = (raw[10] ?? 0) ^ 1;
    const forged = {
      payload: json.credential.payload,
      signatures: [jose, { protected: sm2.protected, signature: raw.toString('base64url') }],
    };
    const result = await verify(JSON.stringify(forged));
    assert.equal(result.verified, false);
    assert.ok(result.checks.some((c) => c.reason === 'bad-sm2-signature'));
    assert.deepEqual(
      result.signatures.map((s) => s.status),
      ['valid', 'invalid'],
    );
  });
});
