import assert from 'node:assert/strict';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { describe, it } from 'node:test';
import { CompactSign } from 'jose';
import { bitAt, decodeList, encodeList } from './status-list.ts';
import { type VerifyEnvironment, verifyCompact } from './verify.ts';

const ed = generateKeyPairSync('ed25519');
const p256 = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const ISSUER = 'did:web:issuer.example';

const credential = (extra: Record<string, unknown> = {}) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  issuer: ISSUER,
  validFrom: '2024-01-01T00:00:00Z',
  validUntil: '2030-01-01T00:00:00Z',
  credentialSubject: { name: '张三' },
  ...extra,
});

async function sign(payload: object, header: Record<string, unknown> = {}, key: KeyObject = ed.privateKey) {
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'EdDSA', typ: 'vc+jwt', kid: `${ISSUER}#k1`, ...header })
    .sign(key);
}

const env = (over: Partial<VerifyEnvironment> = {}): VerifyEnvironment => ({
  now: new Date('2026-11-29T00:00:00Z'),
  resolveKey: (issuer, _kid, alg) =>
    issuer !== ISSUER
      ? { kind: 'unknown-issuer' }
      : { kind: 'key', key: alg === 'EdDSA' ? ed.publicKey : p256.publicKey, trusted: true },
  status: () => 'clear',
  ...over,
});

const reasonOf = async (jws: string, check: string, e = env()) =>
  (await verifyCompact(jws, e)).checks.find((c) => c.check === check)?.reason;

describe('VC-JOSE-COSE strictness (issue 5 §4)', () => {
  it('accepts a well-formed EdDSA and ES256 credential', async () => {
    assert.equal((await verifyCompact(await sign(credential()), env())).verified, true);
    const es = await sign(credential(), { alg: 'ES256' }, p256.privateKey);
    assert.equal((await verifyCompact(es, env())).verified, true);
  });

  const cases: [string, () => Promise<string>, string][] = [
    ['typ other than vc+jwt', () => sign(credential(), { typ: 'JWT' }), 'wrong-typ'],
    ['cty other than vc', () => sign(credential(), { cty: 'json' }), 'wrong-cty'],
    ['the vc claim', () => sign({ ...credential(), vc: {} }), 'forbidden-claim'],
    ['the vp claim', () => sign({ ...credential(), vp: {} }), 'forbidden-claim'],
    [
      'iss disagreeing with issuer',
      () => sign({ ...credential(), iss: 'did:web:other.example' }),
      'issuer-mismatch',
    ],
    [
      'a VC 1.1 context',
      () => sign(credential({ '@context': ['https://www.w3.org/2018/credentials/v1'] })),
      'wrong-context',
    ],
    ['no VerifiableCredential type', () => sign(credential({ type: ['Other'] })), 'not-a-credential'],
    ['a bad date', () => sign(credential({ validUntil: 'soon' })), 'bad-date'],
    [
      'an unsupported algorithm',
      async () => `${b64({ alg: 'HS256', typ: 'vc+jwt' })}.${b64(credential())}.sig`,
      'unsupported-algorithm',
    ],
    [
      'an unsecured credential',
      async () => `${b64({ alg: 'none', typ: 'vc+jwt' })}.${b64(credential())}.`,
      'unsecured',
    ],
    ['not a JWS at all', async () => 'hello', 'malformed'],
  ];
  for (const [name, make, reason] of cases) {
    it(`refuses ${name} (${reason})`, async () => {
      const result = await verifyCompact(await make(), env());
      assert.equal(result.verified, false);
      assert.equal(result.checks[0]?.check, 'schema');
      assert.equal(result.checks[0]?.reason, reason);
    });
  }

  it('cty "vc" is allowed', async () => {
    assert.equal((await verifyCompact(await sign(credential(), { cty: 'vc' }), env())).verified, true);
  });

  it('an unknown issuer is an issuer check failure, not an exception', async () => {
    const jws = await sign(credential({ issuer: 'did:web:stranger.example' }));
    assert.equal(await reasonOf(jws, 'issuer'), 'unknown-issuer');
  });

  it('a key of the wrong type for the algorithm fails the signature', async () => {
    const jws = await sign(credential(), { alg: 'ES256' }, p256.privateKey);
    const wrong = env({ resolveKey: () => ({ kind: 'key', key: ed.publicKey, trusted: true }) });
    assert.equal(await reasonOf(jws, 'signature', wrong), 'bad-signature');
  });

  it('validity: not yet valid, expired', async () => {
    assert.equal(
      await reasonOf(await sign(credential({ validFrom: '2027-01-01T00:00:00Z' })), 'validity'),
      'not-yet-valid',
    );
    assert.equal(
      await reasonOf(await sign(credential({ validUntil: '2025-01-01T00:00:00Z' })), 'validity'),
      'expired',
    );
  });

  it('status: revoked wins over suspended; unavailable is an error; offline is skipped and still verifies', async () => {
    const entry = (purpose: string) => ({
      type: 'BitstringStatusListEntry',
      statusPurpose: purpose,
      statusListIndex: '7',
      statusListCredential: `https://issuer.example/status/${purpose}`,
    });
    const jws = await sign(credential({ credentialStatus: [entry('suspension'), entry('revocation')] }));
    assert.equal(await reasonOf(jws, 'status', env({ status: () => 'set' })), 'revoked');
    const down = await verifyCompact(jws, env({ status: () => 'unavailable' }));
    assert.equal(down.verified, false);
    assert.equal(down.checks.find((c) => c.check === 'status')?.status, 'error');
    const offline = await verifyCompact(jws, env({ status: () => 'skipped' }));
    assert.equal(offline.verified, true);
    assert.equal(offline.checks.find((c) => c.check === 'status')?.status, 'skipped');
  });
});

describe('bitstring status list encoding', () => {
  it('round-trips, index 0 being the left-most bit', () => {
    const bits = new Uint8Array(16_384);
    bits[0] = 0b1000_0000;
    bits[1] = 0b0000_0001;
    const back = decodeList(encodeList(bits));
    assert.equal(bitAt(back, 0), true);
    assert.equal(bitAt(back, 1), false);
    assert.equal(bitAt(back, 15), true);
    assert.equal(bitAt(back, 131_072), undefined);
    assert.ok(encodeList(bits).startsWith('u'));
  });
});

function b64(v: object): string {
  return Buffer.from(JSON.stringify(v)).toString('base64url');
}
