import { timingSafeEqual } from 'node:crypto';
import type { Protector } from '../protection/protection.model.ts';

/**
 * A short-lived reference to one certificate that the public query hands out with each hosted result, so a person
 * who proved name + ID number can then print that certificate without sending personal data again (issue 5 §6).
 * It is an HMAC (the keyring's blind-index key, its own domain) over the certificate id and an expiry: it cannot
 * be forged, reveals nothing but an opaque id, and lapses after 30 minutes.
 */
export const REF_TTL_MS = 30 * 60_000;
const DOMAIN = 'credential-ref';

export function makeRef(protector: Protector, certificateId: string, now: Date): string {
  const body = `${certificateId}.${now.getTime() + REF_TTL_MS}`;
  return `${Buffer.from(body).toString('base64url')}.${protector.index(DOMAIN, body)}`;
}

/** The certificate id, or null when the ref is malformed, forged or expired. */
export function readRef(protector: Protector, ref: string, now: Date): string | null {
  const [encoded, mac] = ref.split('.');
  if (!encoded || !mac) return null;
  const body = Buffer.from(encoded, 'base64url').toString();
  const given = Buffer.from(mac);
  // During and after a blind-index rebuild (issue 18) a ref made under the previous version still holds.
  const matches = protector.indexes(DOMAIN, body).some((index) => {
    const expected = Buffer.from(index);
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
  if (!matches) return null;
  const [id, expiry] = body.split('.');
  if (!id || !expiry || Number(expiry) < now.getTime()) return null;
  return id;
}
