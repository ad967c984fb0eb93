import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CompactSign, calculateJwkThumbprint, type JWK } from 'jose';
import { verifyFromCommandLine } from '../../cli/verify.command.ts';
import { createTestApp, TEST_ADMIN_TOKEN, type TestApp } from '../testing/app.ts';
import { findKey, keysFromDidDocument } from './trusted.model.ts';

/**
 * A credential's JOSE `kid` names its verification method by the method's full id, by its fragment, or by the
 * `kid` inside its `publicKeyJwk` (here the RFC 7638 thumbprint) — issue 17 §9. The issuer is a test double
 * serving a did:web document over HTTP; trusted issuers (the API) and `hutong verify` (online, offline, --trust)
 * resolve each form.
 */
const key = generateKeyPairSync('ed25519');
const other = generateKeyPairSync('ed25519');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hutong-kid-'));
let t: TestApp;
let server: http.Server;
let did: string;
let thumbprint: string;
let method: Record<string, unknown>;

before(async () => {
  t = await createTestApp();
  server = http.createServer((req, res) => {
    if (req.url !== '/.well-known/did.json') return res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'application/did+json' }).end(
      JSON.stringify({
        '@context': ['https://www.w3.org/ns/did/v1'],
        id: did,
        // A second key first, so "the only key" can never be what made a form pass.
        verificationMethod: [
          {
            id: '#other',
            type: 'JsonWebKey',
            controller: did,
            publicKeyJwk: { ...other.publicKey.export({ format: 'jwk' }), kid: 'other-thumb' },
          },
          method,
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  did = `did:web:${encodeURIComponent(`127.0.0.1:${(server.address() as AddressInfo).port}`)}`;
  const jwk = key.publicKey.export({ format: 'jwk' }) as JWK;
  thumbprint = await calculateJwkThumbprint(jwk);
  method = {
    id: `${did}#key-1`,
    type: 'JsonWebKey',
    controller: did,
    publicKeyJwk: { ...jwk, kid: thumbprint },
  };
});
after(async () => {
  server.close();
  fs.rmSync(work, { recursive: true, force: true });
  await t.close();
});

const sign = (kid: string, signer = key.privateKey) =>
  new CompactSign(
    new TextEncoder().encode(
      JSON.stringify({
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiableCredential', 'ElectronicCertificate'],
        issuer: did,
        validFrom: '2025-01-01T00:00:00+08:00',
        credentialSubject: { name: '王五', certificate: '特种设备作业人员证' },
      }),
    ),
  )
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid })
    .sign(signer);

const forms = () => ({
  'full id': `${did}#key-1`,
  fragment: '#key-1',
  'bare fragment': 'key-1',
  'publicKeyJwk kid (thumbprint)': thumbprint,
  'thumbprint as a DID URL': `${did}#${thumbprint}`,
});

describe('kid forms (issue 17 §9)', () => {
  it('findKey picks the same method for each form, and nothing for an unknown kid', () => {
    const keys = keysFromDidDocument({ id: did, verificationMethod: [method] }, did);
    for (const [form, kid] of Object.entries(forms()))
      assert.equal(findKey(keys, kid)?.kid, `${did}#key-1`, form);
    assert.equal(findKey(keys, 'key-2'), undefined);
    assert.equal(findKey(keys, `${did}#nope`), undefined);
  });

  it('a trusted did:web issuer verifies credentials naming its key in each form', async () => {
    const add = await t.app.inject({
      method: 'POST',
      url: '/api/v1/trusted-issuers',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
      payload: { name: '试验签发方 kid forms', did },
    });
    assert.equal(add.statusCode, 201, add.body);
    for (const [form, kid] of Object.entries(forms())) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/credentials/verify',
        payload: { credential: await sign(kid) },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().verified, true, `${form}: ${res.body}`);
    }
    // Named in a valid form but signed by another key: still refused.
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/v1/credentials/verify',
      payload: { credential: await sign(thumbprint, other.privateKey) },
    });
    assert.equal(forged.json().verified, false);
  });

  it('hutong verify resolves each form online (did:web), offline from its cache, and with --trust', async () => {
    const cacheDir = path.join(work, 'cache');
    const trustFile = path.join(work, 'vm.json');
    fs.writeFileSync(trustFile, JSON.stringify(method));
    for (const [form, kid] of Object.entries(forms())) {
      const jws = await sign(kid);
      const online = await verifyFromCommandLine(jws, { offline: false, cacheDir, trust: [] });
      assert.equal(online.verified, true, `online, ${form}: ${JSON.stringify(online.checks)}`);
      const offline = await verifyFromCommandLine(jws, { offline: true, cacheDir, trust: [] });
      assert.equal(offline.verified, true, `offline, ${form}: ${JSON.stringify(offline.checks)}`);
      const trusted = await verifyFromCommandLine(jws, {
        offline: true,
        cacheDir: path.join(work, 'empty'),
        trust: [trustFile],
      });
      assert.equal(trusted.verified, true, `--trust, ${form}: ${JSON.stringify(trusted.checks)}`);
    }
  });
});
