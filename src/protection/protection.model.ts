import {
  blindIndex,
  type CryptoProfile,
  deriveMasterSubkey,
  type IndexVersion,
  indexVersionOf,
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
  /** The install's original profile: keyed hashes that cannot be recomputed keep its algorithm. */
  readonly indexProfile: CryptoProfile;
  encrypt(plaintext: string): string;
  decrypt(ciphertext: string): string;
  /** Keyed hash for exact lookups; `domain` separates uses (`id:resident`, `number:mem.lv-electrician`). */
  index(domain: string, value: string): string;
  /**
   * Every value a lookup must match: `index()` first, then the previous version while `hutong keys migrate`
   * rebuilds the blind indexes (rows not rebuilt yet carry it). One element outside a rebuild.
   */
  indexes(domain: string, value: string): string[];
  /** The version `index()` writes for rebuildable domains (`id:*`, `number:*`): 1 HMAC-SHA-256, 2 HMAC-SM3. */
  readonly indexVersion: IndexVersion;
}

/**
 * Domains whose keyed hashes move to a new index algorithm on `hutong keys migrate`: the registry's blind indexes
 * (`id:*`, `number:*`; rebuilt from the sealed value) and short-lived print references (`credential-ref`, checked
 * under both versions until they lapse). Every other domain keeps the install's original index algorithm
 * (`crypto_profile.index_profile`), because its stored values cannot be recomputed: a ticket's lookup code is
 * kept only as its keyed hash (`ticket:code`), an idempotency key only as a hash of the request.
 */
export function isRebuildableIndexDomain(domain: string): boolean {
  return domain.startsWith('id:') || domain.startsWith('number:') || domain === 'credential-ref';
}

/** The blind-index keys a protector holds for rebuildable domains (issue 18 §2). */
export interface IndexKeys {
  /** The version new rebuildable indexes are written under. */
  write: { profile: CryptoProfile; key: Buffer };
  /** A version lookups also match while rows still carry it. */
  fallback?: { profile: CryptoProfile; key: Buffer } | undefined;
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
  /** The algorithm of keyed hashes that cannot be recomputed (an install migrated to gm keeps its original). */
  indexProfile: CryptoProfile = profile,
  /** Rebuildable domains: their own (possibly newer) version; default: the same key and algorithm as the rest. */
  rebuildable: IndexKeys = { write: { profile: indexProfile, key: hmacKey } },
): Protector {
  const current = keys.get(currentKeyId);
  if (!current) throw new Error(`current data key ${currentKeyId} is not in the keyring`);
  const algorithm = sealAlgorithmOf(profile);
  return {
    currentKeyId,
    profile,
    indexProfile,
    encrypt: (plaintext) => seal(algorithm, current, currentKeyId, Buffer.from(plaintext, 'utf8')),
    decrypt: (sealed) => {
      const keyId = keyIdOf(sealed);
      const key = keys.get(keyId);
      if (!key) throw new Error(`data key ${keyId} is not available`);
      return open(key, sealed).toString('utf8');
    },
    indexVersion: indexVersionOf(rebuildable.write.profile),
    index: (domain, value) =>
      isRebuildableIndexDomain(domain)
        ? blindIndex(rebuildable.write.profile, rebuildable.write.key, domain, value)
        : blindIndex(indexProfile, hmacKey, domain, value),
    indexes: (domain, value) => {
      if (!isRebuildableIndexDomain(domain)) return [blindIndex(indexProfile, hmacKey, domain, value)];
      const { write, fallback } = rebuildable;
      const first = blindIndex(write.profile, write.key, domain, value);
      if (!fallback) return [first];
      const second = blindIndex(fallback.profile, fallback.key, domain, value);
      return second === first ? [first] : [first, second];
    },
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
