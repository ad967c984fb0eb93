import assert from 'node:assert/strict';
import { createCipheriv, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import {
  blindIndex,
  deriveMasterSubkey,
  digestHex,
  generateSm2KeyPair,
  open,
  parseSealed,
  SM2_DEFAULT_USER_ID,
  seal,
  sm2PublicKeyOf,
  sm2Sign,
  sm2Verify,
} from './crypto-profile.ts';

// The independent implementation for cross-verification: sm-crypto (JS, jsbn), not the @noble/curves-based
// sm-crypto-v2 that the profile signs with.
interface SmCrypto {
  sm2: {
    doSignature(
      msg: string | number[],
      privateKey: string,
      options: { hash: boolean; userId?: string },
    ): string;
    doVerifySignature(
      msg: string | number[],
      signHex: string,
      publicKey: string,
      options: { hash: boolean; userId?: string },
    ): boolean;
  };
  sm3(input: string | number[]): string;
  sm4: { encrypt(input: number[], key: number[], options: { padding: 'none'; output: 'array' }): number[] };
}
const independent = createRequire(import.meta.url)('sm-crypto') as SmCrypto;

const hex = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'hex');

describe('SM3 (GB/T 32905-2016 Annex A)', () => {
  it('hashes "abc" to the standard’s digest, as sm-crypto does', () => {
    const expected = '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0';
    assert.equal(digestHex('sm3', 'abc'), expected);
    assert.equal(independent.sm3('abc'), expected);
  });

  it('hashes the 512-bit example (abcd × 16)', () => {
    assert.equal(
      digestHex('sm3', 'abcd'.repeat(16)),
      'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
    );
  });
});

describe('SM4 (GB/T 32907-2016 Annex A)', () => {
  const key = hex('0123456789abcdeffedcba9876543210');
  it('encrypts the example block to the standard’s ciphertext (OpenSSL and sm-crypto agree)', () => {
    const cipher = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
    const out = Buffer.concat([cipher.update(key), cipher.final()]);
    assert.equal(out.toString('hex'), '681edf34d206965e86b3e94f536e4246');
    const theirs = independent.sm4.encrypt([...key], [...key], { padding: 'none', output: 'array' });
    assert.equal(Buffer.from(theirs).toString('hex'), '681edf34d206965e86b3e94f536e4246');
  });

  it('SM4-CTR keystream equals SM4 of the counter block (the mode the profile seals with)', () => {
    const iv = randomBytes(16);
    const zeros = Buffer.alloc(16);
    const ctr = createCipheriv('sm4-ctr', key, iv);
    const stream = Buffer.concat([ctr.update(zeros), ctr.final()]);
    const theirs = independent.sm4.encrypt([...iv], [...key], { padding: 'none', output: 'array' });
    assert.equal(stream.toString('hex'), Buffer.from(theirs).toString('hex'));
  });
});

describe('sealing under both profiles', () => {
  const key = randomBytes(32);
  for (const algorithm of ['aes-256-gcm', 'sm4-ctr-hmac-sm3'] as const) {
    it(`${algorithm}: round-trips, names its algorithm, refuses tampering and a moved key id`, () => {
      const sealed = seal(algorithm, key, 'k1', Buffer.from('11010519491231002X'));
      assert.equal(parseSealed(sealed).algorithm, algorithm);
      assert.equal(parseSealed(sealed).keyId, 'k1');
      assert.equal(open(key, sealed).toString(), '11010519491231002X');
      assert.notEqual(sealed, seal(algorithm, key, 'k1', Buffer.from('11010519491231002X')));
      const { body } = parseSealed(sealed);
      const raw = Buffer.from(body, 'base64url');
      raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
      assert.throws(() => open(key, sealed.replace(body, raw.toString('base64url'))));
      assert.throws(() => open(key, sealed.replace(/^k1\./, 'k2.')));
      assert.throws(() => open(randomBytes(32), sealed));
    });
  }

  it('SM4 values carry the label `sm4` and a 32-byte HMAC-SM3 tag', () => {
    const sealed = seal('sm4-ctr-hmac-sm3', key, 'k1', Buffer.from('x'));
    assert.match(sealed, /^k1\.sm4\.[A-Za-z0-9_-]+$/);
    assert.equal(Buffer.from(parseSealed(sealed).body, 'base64url').length, 16 + 32 + 1);
  });

  it('derives different keys and blind indexes per profile', () => {
    const master = randomBytes(32);
    const intl = deriveMasterSubkey('international', master, 'blind-index');
    const gm = deriveMasterSubkey('gm', master, 'blind-index');
    assert.notDeepEqual(intl, gm);
    assert.notDeepEqual(gm, deriveMasterSubkey('gm', master, 'key-wrapping'));
    assert.notEqual(blindIndex('international', intl, 'd', 'v'), blindIndex('gm', intl, 'd', 'v'));
    assert.equal(blindIndex('gm', gm, 'd', 'v'), blindIndex('gm', gm, 'd', 'v'));
  });
});

describe('SM2 signatures (GB/T 32918.2 with Z, GM/T 0009 default user id)', () => {
  // GM/T 0003.5-2012 附录A (the curve is the one GB/T 32918.5-2017 recommends): the signature example on the
  // recommended curve with a fixed k, message "message digest", user id 1234567812345678. (The
  // example in GB/T 32918.2 Annex A uses a test curve that sm-crypto-v2 cannot be given; this one is on the
  // curve in use.)
  const annex = {
    privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
    k: 0x59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21n,
    r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
    s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
    // The published public key (x, y).
    publicKey:
      '04' +
      '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' +
      'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  };

  it('verifies the published (r, s) under the published public key, and not another message', () => {
    assert.equal(sm2PublicKeyOf(annex.privateKey), annex.publicKey);
    const published = Buffer.from(annex.r + annex.s, 'hex');
    assert.ok(sm2Verify(annex.publicKey, message, published));
    assert.equal(sm2Verify(annex.publicKey, Buffer.from('message digesT'), published), false);
  });
  const message = Buffer.from('message digest');

  it('reproduces the standard’s signature from its key and k', () => {
    const keys = { privateKey: annex.privateKey, publicKey: sm2PublicKeyOf(annex.privateKey) };
    const signature = sm2Sign(keys, message, { fixedK: annex.k });
    assert.equal(signature.toString('hex'), annex.r + annex.s);
    assert.ok(sm2Verify(keys.publicKey, message, signature));
    assert.ok(
      independent.sm2.doVerifySignature('message digest', annex.r + annex.s, keys.publicKey, {
        hash: true,
        userId: SM2_DEFAULT_USER_ID,
      }),
    );
  });

  it('cross-verifies with sm-crypto both ways, and refuses another message, key or user id', () => {
    for (let i = 0; i < 5; i++) {
      const keys = generateSm2KeyPair();
      const payload = randomBytes(40 + i).toString('base64url');
      const ours = sm2Sign(keys, Buffer.from(payload));
      assert.equal(ours.length, 64);
      assert.ok(
        independent.sm2.doVerifySignature(payload, ours.toString('hex'), keys.publicKey, { hash: true }),
        'sm-crypto verifies ours',
      );
      const theirs = independent.sm2.doSignature(payload, keys.privateKey, { hash: true });
      assert.ok(
        sm2Verify(keys.publicKey, Buffer.from(payload), Buffer.from(theirs, 'hex')),
        'we verify theirs',
      );
      assert.equal(sm2Verify(keys.publicKey, Buffer.from(`${payload}x`), ours), false);
      assert.equal(sm2Verify(generateSm2KeyPair().publicKey, Buffer.from(payload), ours), false);
      assert.equal(sm2Verify(keys.publicKey, Buffer.from(payload), ours, 'ALICE123@YAHOO.COM'), false);
    }
  });
});
