import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { CompactSign } from 'jose';
import { buildApp } from '../app.ts';
import { loadConfig } from '../config.ts';
import { residentIdCheckChar } from '../shared/identifiers.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp, testCatalog } from '../testing/app.ts';
import { generateSigningKey, publishedKeys, registerSigningKey } from './keys.ts';
import { encodeList } from './status-list.ts';

/**
 * Trusted issuers (issue 5 §5) and key rotation (§3). The other issuer is a test double on this machine speaking
 * the real protocols: a JWKS (RFC 7517), a did:web document, and a signed Bitstring Status List over HTTP.
 */
let t: TestApp;
let server: http.Server;
let origin: string;
let did: string;
const es256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const es384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
const revokedBits = new Uint8Array(16_384);
revokedBits[0] = 0b0100_0000; // index 1 revoked
const docs = new Map<string, () => Promise<string> | string>();

const sysadmin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

before(async () => {
  t = await createTestApp();
  server = http.createServer(async (req, res) => {
    const doc = docs.get(req.url ?? '');
    if (!doc) return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/json' }).end(await doc());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  did = `did:web:${encodeURIComponent(new URL(origin).host)}`;
  const jwk = (k: typeof es256) => k.publicKey.export({ format: 'jwk' });
  docs.set('/jwks.json', () => JSON.stringify({ keys: [{ ...jwk(es256), kid: 'dept-2026', alg: 'ES256' }] }));
  docs.set('/.well-known/did.json', () =>
    JSON.stringify({
      '@context': ['https://www.w3.org/ns/did/v1'],
      id: did,
      verificationMethod: [
        { id: `${did}#p384`, type: 'JsonWebKey', controller: did, publicKeyJwk: jwk(es384) },
      ],
    }),
  );
  docs.set('/status/1', () =>
    sign(
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        id: `${origin}/status/1`,
        type: ['VerifiableCredential', 'BitstringStatusListCredential'],
        issuer: did,
        credentialSubject: {
          type: 'BitstringStatusList',
          statusPurpose: 'revocation',
          encodedList: encodeList(revokedBits),
        },
      },
      'ES384',
      `${did}#p384`,
    ),
  );
});
after(async () => {
  server.close();
  await t.close();
});

function sign(payload: object, alg: 'ES256' | 'ES384', kid: string): Promise<string> {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg, typ: 'vc+jwt', kid })
    .sign(alg === 'ES256' ? es256.privateKey : es384.privateKey);
}

const credentialFrom = (issuer: string, extra: Record<string, unknown> = {}) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential', 'ElectronicCertificate'],
  issuer,
  validFrom: '2025-01-01T00:00:00+08:00',
  credentialSubject: { name: '王五', certificate: '特种设备作业人员证' },
  ...extra,
});

async function verify(credential: string) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/credentials/verify',
    payload: { credential },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { verified: boolean; checks: { check: string; status: string; reason?: string }[] };
}

describe('trusted issuers', () => {
  it('an ES256 credential of an unknown issuer does not verify; once its JWKS is trusted it does', async () => {
    const jws = await sign(credentialFrom('https://dept.example/issuer'), 'ES256', 'dept-2026');
    const before = await verify(jws);
    assert.equal(before.verified, false);
    assert.equal(before.checks.find((c) => c.check === 'issuer')?.reason, 'unknown-issuer');
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trusted-issuers',
      headers: sysadmin,
      payload: {
        name: '某省市场监管局电子证照',
        issuer: 'https://dept.example/issuer',
        jwksUrl: `${origin}/jwks.json`,
      },
    });
    assert.equal(add.statusCode, 201, add.body);
    assert.equal(add.json().keys[0].crv, 'P-256');
    assert.equal((await verify(jws)).verified, true);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'trusted-issuer.add')
      .execute();
    assert.equal(audit.length, 1);
  });

  it('a did:web issuer (ES384) with its own signed status list: index 1 revoked, index 2 valid', async () => {
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trusted-issuers',
      headers: sysadmin,
      payload: { name: '另一省的互通 Another Hutong', did },
    });
    assert.equal(add.statusCode, 201, add.body);
    const withStatus = (index: string) =>
      sign(
        credentialFrom(did, {
          credentialStatus: {
            type: 'BitstringStatusListEntry',
            statusPurpose: 'revocation',
            statusListIndex: index,
            statusListCredential: `${origin}/status/1`,
          },
        }),
        'ES384',
        `${did}#p384`,
      );
    const revoked = await verify(await withStatus('1'));
    assert.equal(revoked.checks.find((c) => c.check === 'status')?.reason, 'revoked');
    assert.equal((await verify(await withStatus('2'))).verified, true);
  });

  it('a verification method document (JsonWebKey) can be trusted directly; a bad one is a 400', async () => {
    const key = generateKeyPairSync('ed25519');
    const vm = {
      id: 'did:example:dept#key-1',
      type: 'JsonWebKey',
      controller: 'did:example:dept',
      publicKeyJwk: key.publicKey.export({ format: 'jwk' }),
    };
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trusted-issuers',
      headers: sysadmin,
      payload: { name: 'VM', verificationMethod: vm },
    });
    assert.equal(add.statusCode, 201, add.body);
    assert.equal(add.json().issuer, 'did:example:dept');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trusted-issuers',
      headers: sysadmin,
      payload: { name: 'VM', verificationMethod: { ...vm, publicKeyJwk: { kty: 'RSA', n: 'x', e: 'AQAB' } } },
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().error.details[0].path, 'body.verificationMethod');
  });

  it('an unreachable JWKS URL is a 502 naming it', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trusted-issuers',
      headers: sysadmin,
      payload: { name: 'gone', issuer: 'https://gone.example', jwksUrl: `${origin}/missing.json` },
    });
    assert.equal(res.statusCode, 502);
    assert.match(res.json().error.message, /missing\.json/);
  });
});

describe('signing key rotation', () => {
  it('keeps old credentials verifying and publishes both keys', async () => {
    const idNumber = `31010119900101555`;
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/certificates',
      headers: sysadmin,
      payload: {
        type: 'mem.lv-electrician',
        number: `T${idNumber}${residentIdCheckChar(idNumber)}`,
        holder: { name: '赵六', idType: 'resident', idNumber: idNumber + residentIdCheckChar(idNumber) },
        validFrom: '2024-03-01',
        validUntil: '2030-02-28',
        issuer: { region: '310000', organization: '上海市应急管理局' },
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const get = (app: typeof t.app) =>
      app.inject({ method: 'GET', url: `/api/v1/certificates/${id}/credential`, headers: sysadmin });
    const old = (await get(t.app)).json();

    const next = await generateSigningKey();
    await registerSigningKey(t.db, next, new Date());
    const rotated = await buildApp({
      config: loadConfig({ HUTONG_ADMIN_TOKEN: TEST_ADMIN_TOKEN, HUTONG_LOG_LEVEL: 'silent' }),
      db: t.db,
      engine: t.handle.engine,
      script: t.handle.script,
      catalog: testCatalog(),
      clock: t.clock,
      keyring: t.keyring,
      bulk: t.handle.bulk,
      signing: next,
    });
    try {
      const fresh = (await get(rotated)).json();
      assert.notEqual(fresh.id, old.id, 'a new key issues a new credential');
      const check = async (credential: string) =>
        (
          await rotated.inject({ method: 'POST', url: '/api/v1/credentials/verify', payload: { credential } })
        ).json();
      assert.equal((await check(old.credential)).verified, true);
      assert.equal((await check(fresh.credential)).verified, true);
      const jwks = (await rotated.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json();
      assert.equal(jwks.keys.length, 2);
      const keys = await publishedKeys(t.db);
      assert.deepEqual(
        keys.map((k) => k.retired),
        [true, false],
      );
    } finally {
      await rotated.close();
    }
  });
});
