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
  /** The public key; its own `kid` (a verification method's `publicKeyJwk.kid`, often the RFC 7638 thumbprint) kept. */
  jwk: Record<string, unknown>;
}

// SM2 (issue 18): a 国密 issuer's second key; kept so its SM2 signatures can be checked (never used for JOSE algs).
const CURVES = new Set(['Ed25519', 'P-256', 'P-384', 'P-521', 'SM2']);

/** A public JWK of an accepted curve, with any private part dropped (its `kid` kept); null otherwise. */
export function acceptablePublicJwk(jwk: unknown): Record<string, unknown> | null {
  if (!jwk || typeof jwk !== 'object') return null;
  const { kty, crv, x, y, kid } = jwk as Record<string, unknown>;
  if (typeof crv !== 'string' || !CURVES.has(crv) || typeof x !== 'string') return null;
  const named = typeof kid === 'string' && kid.length > 0 ? { kid } : {};
  if (kty === 'OKP' && crv === 'Ed25519') return { kty, crv, x, ...named };
  if (kty === 'EC' && crv !== 'Ed25519' && typeof y === 'string') return { kty, crv, x, y, ...named };
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

const fragmentOf = (s: string) => (s.includes('#') ? s.slice(s.indexOf('#') + 1) : s);

/**
 * The key a credential's JOSE `kid` names among one issuer's keys (issue 17 §9), tried in this order: the
 * verification method's full id (or the JWKS kid); the `kid` inside its `publicKeyJwk` (often the RFC 7638
 * thumbprint), whole or as the fragment of a DID URL (`did:web:…#<thumbprint>`); the method's fragment (`#key-1`,
 * `key-1`). With no kid, the issuer's only key. The keys are the issuer's already, so a looser form cannot pick
 * another issuer's key.
 */
export function findKey(keys: readonly TrustedKey[], kid: string | undefined): TrustedKey | undefined {
  if (kid === undefined) return keys.length === 1 ? keys[0] : undefined;
  const jwkKid = (k: TrustedKey) => (typeof k.jwk.kid === 'string' ? k.jwk.kid : null);
  return (
    keys.find((k) => k.kid === kid) ??
    keys.find((k) => jwkKid(k) === kid) ??
    keys.find((k) => jwkKid(k) !== null && jwkKid(k) === fragmentOf(kid)) ??
    keys.find((k) => k.kid !== null && fragmentOf(k.kid) === fragmentOf(kid))
  );
}

export function pickKey(keys: TrustedKey[], kid: string | undefined): KeyObject | null {
  const found = findKey(keys, kid);
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
