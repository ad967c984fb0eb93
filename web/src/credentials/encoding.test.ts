import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { gunzipSync } from 'node:zlib';
import { encodeList, bitAt as serverBitAt } from '../../../src/credentials/status-list.ts';
import {
  base64urlToBytes,
  bitAt,
  bytesToBase64url,
  decodeJwsJson,
  isSameDigest,
  multibaseBytes,
  parseCredentialInput,
  sha256Base64url,
} from './encoding.ts';

describe('base64url and the QR digest', () => {
  it('round-trips bytes of every length and agrees with Node', () => {
    for (let n = 0; n < 40; n++) {
      const bytes = new Uint8Array(randomBytes(n));
      const text = bytesToBase64url(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64url'));
      assert.deepEqual(base64urlToBytes(text), bytes);
    }
    assert.throws(() => base64urlToBytes('a+b/'), /not base64url/);
  });

  it('computes the digest the server puts in a QR link (SHA-256 of the JWS as UTF-8)', async () => {
    const jws = 'eyJhbGciOiJFZERTQSJ9.eyLmnY7lm5sifQ.c2ln';
    assert.equal(await sha256Base64url(jws), createHash('sha256').update(jws).digest('base64url'));
  });

  it('compares digests exactly, ignoring only padding and surrounding space', () => {
    const table: Array<[string, string, boolean]> = [
      ['abc', 'abc', true],
      ['abc=', 'abc', true],
      [' abc ', 'abc', true],
      ['abd', 'abc', false],
      ['ABC', 'abc', false],
      ['', '', false],
    ];
    for (const [expected, actual, same] of table)
      assert.equal(isSameDigest(expected, actual), same, expected);
  });

  it('decodes a JWS part only when it is a JSON object', () => {
    const part = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    assert.deepEqual(decodeJwsJson(part({ name: '李四' })), { name: '李四' });
    assert.equal(decodeJwsJson(part([1])), null);
    assert.equal(decodeJwsJson(part('x')), null);
    assert.equal(decodeJwsJson('%%%'), null);
  });
});

describe('what a QR code or a pasted text holds', () => {
  it('tells a verify link (any origin) from a compact JWS and from anything else', () => {
    const id = '0b6f3c1e-9a4d-4c55-8e2b-0f1d2c3b4a59';
    assert.deepEqual(parseCredentialInput(`http://localhost:8080/v/${id}#AbC-_9`), {
      kind: 'link',
      credentialId: id,
      digest: 'AbC-_9',
    });
    assert.deepEqual(parseCredentialInput(` eyJh.eyJi.c2ln \n`), { kind: 'jws', jws: 'eyJh.eyJi.c2ln' });
    assert.deepEqual(parseCredentialInput('hello'), { kind: 'unknown' });
    assert.deepEqual(parseCredentialInput(`https://example.org/v/not-an-id#x`), { kind: 'unknown' });
  });
});

describe('Bitstring Status List', () => {
  it('reads the bits the server encodes (left-most bit first), and nothing past the end', () => {
    const bits = new Uint8Array(16);
    const set = [0, 7, 8, 77, 127];
    for (const i of set) bits[Math.floor(i / 8)] = (bits[Math.floor(i / 8)] ?? 0) | (0x80 >> (i % 8));
    const decoded = new Uint8Array(gunzipSync(multibaseBytes(encodeList(bits))));
    for (let i = 0; i < 128; i++) {
      assert.equal(bitAt(decoded, i), set.includes(i), `bit ${i}`);
      assert.equal(bitAt(decoded, i), serverBitAt(bits, i));
    }
    assert.equal(bitAt(decoded, 128), undefined);
    assert.equal(bitAt(decoded, -1), undefined);
    assert.throws(() => multibaseBytes('zabc'), /prefix u/);
  });
});
