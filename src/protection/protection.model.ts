import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (issue 3 §2): ID numbers are encrypted with AES-256-GCM under a data key that carries a
 * key id, and found through an HMAC-SHA256 "blind index". The HMAC key is derived from the master key and never
 * rotates (lookups must keep working during a rotation); data keys rotate (`hutong keys rotate`).
 *
 * Ciphertext format: `<keyId>.<base64url(iv[12] | tag[16] | ciphertext)>`.
 */
export interface DataKey {
  id: string;
  key: Buffer; // 32 bytes
}

export interface Protector {
  readonly currentKeyId: string;
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Keyed hash for exact lookups; `domain` separates uses (`id:resident`, `number:mem.lv-electrician`). */
  index(domain: string, value: string): string;
}

export function deriveHmacKey(master: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hutong/blind-index/v1', 32));
}

/** The key that wraps data keys stored in the database. */
export function deriveWrappingKey(master: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'hutong/key-wrapping/v1', 32));
}

// IVs come from a pool of CSPRNG bytes refilled 64 KiB at a time: one randomBytes call per IV was the largest
// single cost of a bulk import. Every IV is a fresh slice, never reused.
const IV_POOL_BYTES = 64 * 1024;
let ivPool = Buffer.alloc(0);
let ivOffset = 0;
function nextIv(): Buffer {
  if (ivOffset + 12 > ivPool.length) {
    ivPool = randomBytes(IV_POOL_BYTES);
    ivOffset = 0;
  }
  const iv = ivPool.subarray(ivOffset, ivOffset + 12);
  ivOffset += 12;
  return iv;
}

export function sealWithKey(key: Buffer, keyId: string, plaintext: Buffer): string {
  const iv = nextIv();
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  // The key id is authenticated data: a ciphertext moved under another key id fails to open.
  cipher.setAAD(Buffer.from(keyId));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return `${keyId}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

export function openWithKey(key: Buffer, sealed: string): Buffer {
  const dot = sealed.indexOf('.');
  const keyId = sealed.slice(0, dot);
  const raw = Buffer.from(sealed.slice(dot + 1), 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(keyId));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

export function keyIdOf(sealed: string): string {
  const dot = sealed.indexOf('.');
  if (dot <= 0) throw new Error('not a Hutong ciphertext');
  return sealed.slice(0, dot);
}

export function createProtector(
  hmacKey: Buffer,
  keys: ReadonlyMap<string, Buffer>,
  currentKeyId: string,
): Protector {
  const current = keys.get(currentKeyId);
  if (!current) throw new Error(`current data key ${currentKeyId} is not in the keyring`);
  return {
    currentKeyId,
    encrypt: (plaintext) => sealWithKey(current, currentKeyId, Buffer.from(plaintext, 'utf8')),
    decrypt: (sealed) => {
      const key = keys.get(keyIdOf(sealed));
      if (!key) throw new Error(`data key ${keyIdOf(sealed)} is not available`);
      return openWithKey(key, sealed).toString('utf8');
    },
    index: (domain, value) =>
      createHmac('sha256', hmacKey).update(domain).update('\u0000').update(value).digest('base64url'),
  };
}

/**
 * Masks an ID number for display: the first 4 and last 4 characters stay (`3101**********123X`, issue 3 §2).
 * Short numbers (passports) keep only their last 3.
 */
export function maskIdNumber(value: string): string {
  if (value.length >= 12) return `${value.slice(0, 4)}${'*'.repeat(value.length - 8)}${value.slice(-4)}`;
  if (value.length > 4) return `${'*'.repeat(value.length - 3)}${value.slice(-3)}`;
  return '*'.repeat(value.length);
}
