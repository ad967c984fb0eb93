/**
 * Small encodings the verify pages need, with no imports so they run unchanged in the browser and under node:test.
 * base64url is RFC 4648 §5 without padding (JWS, the QR digest, Multibase `u`).
 */
export function base64urlToBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('not base64url');
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export function bytesToBase64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** base64url(SHA-256(text as UTF-8)): the digest a QR link carries after `#` (see src/credentials/qr.ts). */
export async function sha256Base64url(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return bytesToBase64url(new Uint8Array(digest));
}

/** The digest from a link's fragment against the one computed; padding and surrounding space are ignored. */
export function isSameDigest(expected: string, actual: string): boolean {
  const clean = (d: string) => d.trim().replace(/=+$/, '');
  return clean(expected).length > 0 && clean(expected) === clean(actual);
}

/** One part of a compact JWS as a JSON object, or null when it is not one. */
export function decodeJwsJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(new TextDecoder().decode(base64urlToBytes(part)));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** What a QR code or a pasted text holds: a link to a stored credential (`…/v/<id>#<digest>`) or a compact JWS. */
export type CredentialInput =
  | { kind: 'link'; credentialId: string; digest: string }
  | { kind: 'jws'; jws: string }
  | { kind: 'unknown' };

const LINK = /\/v\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})#([A-Za-z0-9_-]+=*)\s*$/i;
const JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

export function parseCredentialInput(text: string): CredentialInput {
  const trimmed = text.trim();
  const link = LINK.exec(trimmed);
  if (link?.[1] && link[2]) return { kind: 'link', credentialId: link[1].toLowerCase(), digest: link[2] };
  if (JWS.test(trimmed)) return { kind: 'jws', jws: trimmed };
  return { kind: 'unknown' };
}

/**
 * W3C Bitstring Status List v1.0 §3.2: `encodedList` is Multibase base64url (prefix `u`) of the GZIP-compressed
 * bitstring. These are the still-compressed bytes; the caller gunzips them.
 */
export function multibaseBytes(encoded: string): Uint8Array<ArrayBuffer> {
  if (!encoded.startsWith('u')) throw new Error('encodedList is not Multibase base64url (prefix u)');
  return base64urlToBytes(encoded.slice(1));
}

/** The bit at `index`, index 0 being the left-most (most significant) bit of the first byte; undefined past the end. */
export function bitAt(bits: Uint8Array, index: number): boolean | undefined {
  if (!Number.isInteger(index) || index < 0) return undefined;
  const byte = bits[Math.floor(index / 8)];
  if (byte === undefined) return undefined;
  return ((byte >> (7 - (index % 8))) & 1) === 1;
}
