import {
  blindIndex,
  type CryptoProfile,
  deriveMasterSubkey,
  open,
  parseSealed,
  seal,
  sealAlgorithmOf,
} from './crypto-profile.ts';

/**
 * Personal data at rest (issue 3 §2, issue 18): ID numbers and other personal data are sealed under a data key
 * that carries a key id, and found through a keyed "blind index". The index key is derived from the master key
 * and never rotates (lookups must keep working during a rotation); data keys rotate (`hutong keys rotate`).
 * Which algorithms seal, index and wrap is the crypto profile's decision (`crypto-profile.ts`): each sealed value
 * names its algorithm, so values of both profiles open side by side.
 */
export interface DataKey {
  id: string;
  key: Buffer; // 32 bytes
}

export interface Protector {
  readonly currentKeyId: string;
  /** The profile new values are sealed and indexed under. */
  readonly profile: CryptoProfile;
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Keyed hash for exact lookups; `domain` separates uses (`id:resident`, `number:mem.lv-electrician`). */
  index(domain: string, value: string): string;
}

export function deriveHmacKey(master: Buffer, profile: CryptoProfile = 'international'): Buffer {
  return deriveMasterSubkey(profile, master, 'blind-index');
}

/** The key that wraps data keys stored in the database. */
export function deriveWrappingKey(master: Buffer, profile: CryptoProfile = 'international'): Buffer {
  return deriveMasterSubkey(profile, master, 'key-wrapping');
}

/** Seals under the profile's algorithm (international: AES-256-GCM). */
export function sealWithKey(
  key: Buffer,
  keyId: string,
  plaintext: Buffer,
  profile: CryptoProfile = 'international',
): string {
  return seal(sealAlgorithmOf(profile), key, keyId, plaintext);
}

/** Opens a value sealed under either profile: the value names its algorithm. */
export function openWithKey(key: Buffer, sealed: string): Buffer {
  return open(key, sealed);
}

/** The profile a sealed value was made under. */
export function profileOfSealed(sealed: string): CryptoProfile {
  return parseSealed(sealed).algorithm === 'aes-256-gcm' ? 'international' : 'gm';
}

/** Opens a wrapped data key with the master key, whichever profile wrapped it. */
export function openDataKey(master: Buffer, wrapped: string): Buffer {
  return open(deriveWrappingKey(master, profileOfSealed(wrapped)), wrapped);
}

export function keyIdOf(sealed: string): string {
  return parseSealed(sealed).keyId;
}

export function createProtector(
  hmacKey: Buffer,
  keys: ReadonlyMap<string, Buffer>,
  currentKeyId: string,
  profile: CryptoProfile = 'international',
  /** An install migrated to gm keeps its blind indexes' algorithm (they cannot all be rebuilt: issue 18). */
  indexProfile: CryptoProfile = profile,
): Protector {
  const current = keys.get(currentKeyId);
  if (!current) throw new Error(`current data key ${currentKeyId} is not in the keyring`);
  const algorithm = sealAlgorithmOf(profile);
  return {
    currentKeyId,
    profile,
    encrypt: (plaintext) => seal(algorithm, current, currentKeyId, Buffer.from(plaintext, 'utf8')),
    decrypt: (sealed) => {
      const keyId = keyIdOf(sealed);
      const key = keys.get(keyId);
      if (!key) throw new Error(`data key ${keyId} is not available`);
      return open(key, sealed).toString('utf8');
    },
    index: (domain, value) => blindIndex(indexProfile, hmacKey, domain, value),
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
