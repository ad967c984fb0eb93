import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { onFirstUse } from '../shared/lazy.ts';

/** SM2 in JavaScript, only for the gm profile. */
const smCrypto = onFirstUse<typeof import('sm-crypto-v2')>('sm-crypto-v2');

/**
 * The crypto profile (issue 18): the ONE place that names algorithms. Everything else asks this module for a
 * seal, an index, a chain hash or a signature by profile, and reads the algorithm back from what it stored.
 *
 * | use                         | international              | gm (国密)                                    |
 * |-----------------------------|----------------------------|----------------------------------------------|
 * | personal data at rest       | AES-256-GCM                | SM4-CTR + HMAC-SM3 tag (encrypt-then-MAC)    |
 * | data-key wrapping           | AES-256-GCM                | SM4-CTR + HMAC-SM3                           |
 * | key derivation (HKDF)       | HKDF-SHA-256               | HKDF-SM3                                     |
 * | blind indexes               | HMAC-SHA-256               | HMAC-SM3                                     |
 * | audit and archive chains    | SHA-256                    | SM3 (GB/T 32905)                             |
 * | second credential signature | —                          | SM2 with SM3 and Z (GB/T 32918.2, id 1234567812345678) |
 *
 * node:crypto has SM3 and SM4-CTR (OpenSSL) but no SM4-GCM, and its SM2 signing is plain ECDSA without the Z
 * value, so SM2 comes from `sm-crypto-v2` (built on @noble/curves); `sm-crypto` cross-checks it in the tests.
 */
export const CRYPTO_PROFILES = ['international', 'gm'] as const;
export type CryptoProfile = (typeof CRYPTO_PROFILES)[number];

export type HashAlgorithm = 'sha256' | 'sm3';
export type SealAlgorithm = 'aes-256-gcm' | 'sm4-ctr-hmac-sm3';

interface Suite {
  hash: HashAlgorithm;
  seal: SealAlgorithm;
  /** HKDF info prefix: the international labels are the ones keys were derived with before profiles existed. */
  kdfLabel: string;
}

const suites: Record<CryptoProfile, Suite> = {
  international: { hash: 'sha256', seal: 'aes-256-gcm', kdfLabel: 'hutong' },
  gm: { hash: 'sm3', seal: 'sm4-ctr-hmac-sm3', kdfLabel: 'hutong/gm' },
};

export function isCryptoProfile(value: unknown): value is CryptoProfile {
  return value === 'international' || value === 'gm';
}

export function hashAlgorithmOf(profile: CryptoProfile): HashAlgorithm {
  return suites[profile].hash;
}

export function sealAlgorithmOf(profile: CryptoProfile): SealAlgorithm {
  return suites[profile].seal;
}

export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return value === 'sha256' || value === 'sm3';
}

/** Hex digest for hash chains and content hashes. */
export function digestHex(algorithm: HashAlgorithm, data: string | Buffer): string {
  return createHash(algorithm).update(data).digest('hex');
}

/** The keyed hash behind blind indexes: HMAC over `domain ‖ 0x00 ‖ value`, base64url. */
export function blindIndex(profile: CryptoProfile, key: Buffer, domain: string, value: string): string {
  return createHmac(suites[profile].hash, key)
    .update(domain)
    .update('\u0000')
    .update(value)
    .digest('base64url');
}

/**
 * Blind-index versions, stored beside each rebuildable index (`index_version`): 1 = HMAC-SHA-256 under the
 * international index key, 2 = HMAC-SM3 under the gm index key.
 */
export type IndexVersion = 1 | 2;

export function indexVersionOf(profile: CryptoProfile): IndexVersion {
  return profile === 'gm' ? 2 : 1;
}

export function profileOfIndexVersion(version: number): CryptoProfile {
  if (version === 1) return 'international';
  if (version === 2) return 'gm';
  throw new Error(`unknown blind-index version ${version}`);
}

export type KeyPurpose = 'blind-index' | 'key-wrapping';

/** Keys derived from the master key; each purpose and profile gets its own. */
export function deriveMasterSubkey(profile: CryptoProfile, master: Buffer, purpose: KeyPurpose): Buffer {
  const suite = suites[profile];
  return Buffer.from(hkdfSync(suite.hash, master, Buffer.alloc(0), `${suite.kdfLabel}/${purpose}/v1`, 32));
}

// IVs come from a pool of CSPRNG bytes refilled 64 KiB at a time: one randomBytes call per IV was the largest
// single cost of a bulk import. Every IV is a fresh slice, never reused.
const IV_POOL_BYTES = 64 * 1024;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;
function nextIv(length: number): Buffer {
  if (ivOffset + length > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + length);
  ivOffset += length;
  return iv;
}

// SM4 has 128-bit keys; a 32-byte data key yields a separate encryption key and MAC key (HKDF-SM3).
const sm4Keys = new WeakMap<Buffer, { enc: Buffer; mac: Buffer }>();
function sm4KeysOf(key: Buffer) {
  let keys = sm4Keys.get(key);
  if (!keys) {
    const derive = (info: string, length: number) =>
      Buffer.from(hkdfSync('sm3', key, Buffer.alloc(0), info, length));
    keys = { enc: derive('hutong/gm/sm4-ctr/enc', 16), mac: derive('hutong/gm/hmac-sm3/mac', 32) };
    sm4Keys.set(key, keys);
  }
  return keys;
}

/** The label a sealed value carries between its key id and its body; AES-256-GCM values predate labels. */
const SM4_LABEL = 'sm4';

function sm4Tag(mac: Buffer, header: string, iv: Buffer, body: Buffer): Buffer {
  return createHmac('sm3', mac).update(header).update(iv).update(body).digest();
}

/**
 * Seals `plaintext` under a 32-byte key. Formats (the algorithm is read back from the value):
 * - AES-256-GCM: `<keyId>.<base64url(iv[12] | tag[16] | ciphertext)>`, the key id as authenticated data;
 * - SM4-CTR + HMAC-SM3: `<keyId>.sm4.<base64url(iv[16] | tag[32] | ciphertext)>`, the tag over
 *   `"<keyId>.sm4." ‖ iv ‖ ciphertext` (encrypt-then-MAC, separate encryption and MAC keys).
 */
export function seal(algorithm: SealAlgorithm, key: Buffer, keyId: string, plaintext: Buffer): string {
  if (algorithm === 'aes-256-gcm') {
    const iv = nextIv(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The key id is authenticated data: a ciphertext moved under another key id fails to open.
    cipher.setAAD(Buffer.from(keyId));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    return `${keyId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }
  const { enc, mac } = sm4KeysOf(key);
  const iv = nextIv(16);
  const cipher = createCipheriv('sm4-ctr', enc, iv);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const header = `${keyId}.${SM4_LABEL}.`;
  return `${header}${Buffer.concat([iv, sm4Tag(mac, header, iv, body), body]).toString('base64url')}`;
}

export interface SealedParts {
  keyId: string;
  algorithm: SealAlgorithm;
  body: string;
}

export function parseSealed(sealed: string): SealedParts {
  const parts = sealed.split('.');
  const [keyId, second, third] = parts;
  if (!keyId || !second) throw new Error('not a Hutong ciphertext');
  if (parts.length === 2) return { keyId, algorithm: 'aes-256-gcm', body: second };
  if (parts.length === 3 && second === SM4_LABEL && third)
    return { keyId, algorithm: 'sm4-ctr-hmac-sm3', body: third };
  throw new Error('not a Hutong ciphertext');
}

export function open(key: Buffer, sealed: string): Buffer {
  const { keyId, algorithm, body } = parseSealed(sealed);
  const raw = Buffer.from(body, 'base64url');
  if (algorithm === 'aes-256-gcm') {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
  }
  const { enc, mac } = sm4KeysOf(key);
  const iv = raw.subarray(0, 16);
  const tag = raw.subarray(16, 48);
  const ciphertext = raw.subarray(48);
  const expected = sm4Tag(mac, `${keyId}.${SM4_LABEL}.`, iv, ciphertext);
  if (tag.length !== 32 || !timingSafeEqual(tag, expected))
    throw new Error('Unsupported state or unable to authenticate data');
  const decipher = createDecipheriv('sm4-ctr', enc, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]);
}

/**
 * SM2 signatures (GB/T 32918.2): e = SM3(Z ‖ M) with Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA) and the
 * GM/T 0009 default ID `1234567812345678`. Signatures are raw r ‖ s (32 + 32 bytes, big-endian), not DER;
 * keys are hex: private 32 bytes, public uncompressed `04 ‖ x ‖ y`.
 */
export const SM2_DEFAULT_USER_ID = '1234567812345678';
/** Not a registered JOSE algorithm: named so a JOSE verifier cannot mistake it for one. */
export const SM2_JWS_ALG = 'SM2SM3';

export interface Sm2KeyPair {
  privateKey: string;
  publicKey: string;
}

export function generateSm2KeyPair(): Sm2KeyPair {
  const pair = smCrypto().sm2.generateKeyPairHex();
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}

export function sm2PublicKeyOf(privateKey: string): string {
  return smCrypto().sm2.getPublicKeyFromPrivateKey(privateKey);
}

/** Signs `message` (the Z value computed from `keys.publicKey`). `fixedK` exists for the standard's known-answer test only. */
export function sm2Sign(
  keys: Sm2KeyPair,
  message: Uint8Array,
  options: { userId?: string; fixedK?: bigint } = {},
): Buffer {
  const pointPool =
    options.fixedK === undefined
      ? undefined
      : [
          {
            k: options.fixedK,
            x1: BigInt(`0x${sm2PublicKeyOf(options.fixedK.toString(16).padStart(64, '0')).slice(2, 66)}`),
          },
        ];
  const hex = smCrypto().sm2.doSignature(message, keys.privateKey, {
    hash: true,
    der: false,
    publicKey: keys.publicKey,
    userId: options.userId ?? SM2_DEFAULT_USER_ID,
    ...(pointPool && { pointPool }),
  });
  return Buffer.from(hex, 'hex');
}

// A verifier sees few issuer keys: their precomputed multiplication tables make verification several times faster.
const precomputedKeys = new Map<string, ReturnType<typeof import('sm-crypto-v2').sm2.precomputePublicKey>>();
function precomputed(publicKey: string) {
  let point = precomputedKeys.get(publicKey);
  if (!point) {
    if (precomputedKeys.size >= 64) precomputedKeys.clear();
    point = smCrypto().sm2.precomputePublicKey(publicKey);
    precomputedKeys.set(publicKey, point);
  }
  return point;
}

export function sm2Verify(
  publicKey: string,
  message: Uint8Array,
  signature: Uint8Array,
  userId = SM2_DEFAULT_USER_ID,
): boolean {
  if (signature.length !== 64) return false;
  try {
    return smCrypto().sm2.doVerifySignature(
      message,
      Buffer.from(signature).toString('hex'),
      precomputed(publicKey),
      {
        hash: true,
        der: false,
        userId,
      },
    );
  } catch {
    return false;
  }
}

/** The hash new chain links use under a stored profile value (no profile recorded yet: international). */
export function chainHashOf(storedProfile: string | null | undefined): HashAlgorithm {
  return isCryptoProfile(storedProfile) ? suites[storedProfile].hash : 'sha256';
}
