import { createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/**
 * Trusted issuers (issue 5 §5): other systems' keys Hutong accepts credentials from — a JWKS URL, a did:web, or a
 * W3C verification method document (`type: JsonWebKey` with `publicKeyJwk`). Only public keys of the four accepted
 * algorithms' curves are kept.
 */
export const registerTrustedIssuerSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    /** The issuer id its credentials carry; required with a JWKS URL, taken from the DID otherwise. */
    issuer: z.string().trim().min(1).max(500).optional(),
    jwksUrl: z.url().optional(),
    did: z
      .string()
      .regex(/^did:web:/, 'only did:web is resolved')
      .optional(),
    verificationMethod: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((v) => [v.jwksUrl, v.did, v.verificationMethod].filter((x) => x !== undefined).length === 1, {
    message: 'give exactly one of jwksUrl, did, verificationMethod',
    path: ['jwksUrl'],
  })
  .refine((v) => v.jwksUrl === undefined || v.issuer !== undefined, {
    message: 'with a JWKS URL, name the issuer id its credentials carry',
    path: ['issuer'],
  });
export type RegisterTrustedIssuer = z.infer<typeof registerTrustedIssuerSchema>;

export interface TrustedKey {
  /** As the issuer names it: a kid from its JWKS, or a verification method id (`did:…#key-1`). */
  kid: string | null;
  jwk: Record<string, unknown>;
}

const CURVES = new Set(['Ed25519', 'P-256', 'P-384', 'P-521']);

/** A public JWK of an accepted curve, with any private part dropped; null otherwise. */
export function acceptablePublicJwk(jwk: unknown): Record<string, unknown> | null {
  if (!jwk || typeof jwk !== 'object') return null;
  const { kty, crv, x, y } = jwk as Record<string, unknown>;
  if (typeof crv !== 'string' || !CURVES.has(crv) || typeof x !== 'string') return null;
  if (kty === 'OKP' && crv === 'Ed25519') return { kty, crv, x };
  if (kty === 'EC' && crv !== 'Ed25519' && typeof y === 'string') return { kty, crv, x, y };
  return null;
}

export function keysFromJwks(doc: unknown): TrustedKey[] {
  const keys = (doc as { keys?: unknown })?.keys;
  if (!Array.isArray(keys)) return [];
  return keys.flatMap((k) => {
    const jwk = acceptablePublicJwk(k);
    const kid = (k as { kid?: unknown }).kid;
    return jwk ? [{ kid: typeof kid === 'string' ? kid : null, jwk }] : [];
  });
}

export function keysFromVerificationMethods(methods: unknown[]): TrustedKey[] {
  return methods.flatMap((m) => {
    const vm = m as { id?: unknown; type?: unknown; publicKeyJwk?: unknown };
    if (vm?.type !== 'JsonWebKey' && vm?.type !== 'JsonWebKey2020') return [];
    const jwk = acceptablePublicJwk(vm.publicKeyJwk);
    return jwk && typeof vm.id === 'string' ? [{ kid: vm.id, jwk }] : [];
  });
}

/** A did:web document's keys (its verificationMethod entries used for assertions). */
export function keysFromDidDocument(doc: unknown, did: string): TrustedKey[] {
  const d = doc as { id?: unknown; verificationMethod?: unknown };
  if (d?.id !== did || !Array.isArray(d.verificationMethod)) return [];
  return keysFromVerificationMethods(d.verificationMethod).map((k) => ({
    ...k,
    kid: k.kid?.startsWith('#') ? `${did}${k.kid}` : k.kid,
  }));
}

/** The key a credential's `kid` names: its full id, or its fragment; the only key when there is no kid. */
export function pickKey(keys: TrustedKey[], kid: string | undefined): KeyObject | null {
  const fragment = (s: string) => (s.includes('#') ? s.slice(s.indexOf('#') + 1) : s);
  const found =
    kid === undefined
      ? keys.length === 1
        ? keys[0]
        : undefined
      : (keys.find((k) => k.kid === kid) ??
        keys.find((k) => k.kid !== null && fragment(k.kid) === fragment(kid)));
  if (!found) return null;
  try {
    return createPublicKey({ key: found.jwk as import('node:crypto').JsonWebKey, format: 'jwk' });
  } catch {
    return null;
  }
}

export const trustedIssuerViewSchema = z.object({
  id: z.string(),
  issuer: z.string(),
  name: z.string(),
  sourceKind: z.enum(['jwks-url', 'did-web', 'verification-method']),
  source: z.string(),
  keys: z.array(z.object({ kid: z.string().nullable(), kty: z.string(), crv: z.string() })),
  fetchedAt: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TrustedIssuerView = z.infer<typeof trustedIssuerViewSchema>;
