import { pbkdf2, randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import type { CryptoProfile } from '../protection/crypto-profile.ts';

// scrypt from node:crypto (issue 2 §4): N=2^15, r=8, p=1 is ~50 ms here, the OWASP minimum for scrypt.
const N = 32768;
const r = 8;
const p = 1;
const KEY_LENGTH = 32;
/**
 * 国密 profile (issue 18): PBKDF2-HMAC-SM3, since scrypt is built on HMAC-SHA-256. 200,000 iterations is ~95 ms
 * here, a little above scrypt's cost above; GB/T 39786 sets no count, OWASP asks 600,000 of PBKDF2-HMAC-SHA-256
 * (SM3 is about half as fast here, so this is about a third of that work).
 */
const SM3_ITERATIONS = 200_000;
const MAX_SM3_ITERATIONS = 10_000_000;

/** The scheme a stored hash names first (`scrypt$…`, `pbkdf2-sm3$…`). */
export type PasswordScheme = 'scrypt' | 'pbkdf2-sm3';

export const passwordSchemeOf = (profile: CryptoProfile): PasswordScheme =>
  profile === 'gm' ? 'pbkdf2-sm3' : 'scrypt';

export const storedSchemeOf = (stored: string): string => stored.split('$', 1)[0] ?? '';

function deriveScrypt(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      password.normalize('NFC'),
      salt,
      KEY_LENGTH,
      { ...options, maxmem: 64 * 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

function deriveSm3(password: string, salt: Buffer, iterations: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(password.normalize('NFC'), salt, iterations, KEY_LENGTH, 'sm3', (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, profile: CryptoProfile): Promise<string> {
  const salt = randomBytes(16);
  if (passwordSchemeOf(profile) === 'pbkdf2-sm3') {
    const key = await deriveSm3(password, salt, SM3_ITERATIONS);
    return `pbkdf2-sm3$${SM3_ITERATIONS}$${salt.toString('base64url')}$${key.toString('base64url')}`;
  }
  const key = await deriveScrypt(password, salt, { N, r, p });
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Checks a password against a stored hash of either scheme (an install migrated to gm keeps older hashes). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  let expected: Buffer;
  let actual: Buffer;
  if (parts[0] === 'pbkdf2-sm3') {
    const [, iterations, salt, key] = parts;
    const count = Number(iterations);
    if (!salt || !key || !Number.isInteger(count) || count < 1 || count > MAX_SM3_ITERATIONS) return false;
    expected = Buffer.from(key, 'base64url');
    actual = await deriveSm3(password, Buffer.from(salt, 'base64url'), count);
  } else {
    const [scheme, n, rr, pp, salt, key] = parts;
    if (scheme !== 'scrypt' || !n || !rr || !pp || !salt || !key) return false;
    expected = Buffer.from(key, 'base64url');
    actual = await deriveScrypt(password, Buffer.from(salt, 'base64url'), {
      N: Number(n),
      r: Number(rr),
      p: Number(pp),
    });
  }
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Unknown usernames still pay for one hash of the install's scheme so response time does not reveal which
// accounts exist.
const dummyHashes = new Map<CryptoProfile, Promise<string>>();
export function dummyPasswordHash(profile: CryptoProfile): Promise<string> {
  let hash = dummyHashes.get(profile);
  if (!hash) {
    hash = hashPassword(randomBytes(16).toString('hex'), profile);
    dummyHashes.set(profile, hash);
  }
  return hash;
}
