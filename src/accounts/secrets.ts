import type { CryptoProfile } from '../protection/crypto-profile.ts';
import { digestHex, hashAlgorithmOf } from '../protection/crypto-profile.ts';
import type { Protector } from '../protection/protection.model.ts';

/**
 * How the install hashes what it keeps only as a hash (issue 18 §1): session ids and API tokens by the current
 * profile's hash (SHA-256, or SM3 in gm), passwords by its password scheme (`password.ts`). An install migrated to
 * gm still finds the sessions and tokens it issued before under their SHA-256, until they expire or are revoked:
 * a secret's hash cannot be recomputed without the secret. A fresh gm install never computes a SHA-256 here.
 */
export interface SecretHashing {
  /** The profile new password hashes are made under. */
  profile: CryptoProfile;
  /** The digest stored for a new session id or API token. */
  digest(secret: string): string;
  /** Every digest a presented secret may be stored under: the current one first. */
  candidates(secret: string): string[];
}

export function secretHashing(profile: CryptoProfile, installedAs: CryptoProfile = profile): SecretHashing {
  const current = hashAlgorithmOf(profile);
  const original = hashAlgorithmOf(installedAs);
  return {
    profile,
    digest: (secret) => digestHex(current, secret),
    candidates: (secret) =>
      original === current
        ? [digestHex(current, secret)]
        : [digestHex(current, secret), digestHex(original, secret)],
  };
}

export const secretHashingOf = (protector: Protector): SecretHashing =>
  secretHashing(protector.profile, protector.indexProfile);
