import { createPublicKey, type KeyObject } from 'node:crypto';
import type { VerifyResult } from './credential.model.ts';
import type { CredentialDeps } from './issue.service.ts';
import { publishedKeys, sm2PublicKeyHexOf } from './keys.ts';
import { fetchText } from './remote.ts';
import { statusBit } from './status.service.ts';
import { bitAt, decodeList, type StatusPurpose, statusPurposes } from './status-list.ts';
import { findKey, pickKey } from './trusted.model.ts';
import { trustedKeysOf } from './trusted.service.ts';
import { type KeyResolution, type StatusEntry, type StatusLookup, verifyCompact } from './verify.ts';
import { type Sm2KeyResolution, verifyCredentialText } from './verify-json.ts';

/**
 * `POST /credentials/verify` (issue 5 §4): Hutong's own credentials are checked against its published keys and
 * its status lists read straight from the database (always current); a trusted issuer's against its registered
 * keys and its status list fetched over HTTP (cached for a few minutes, and itself verified).
 */
export interface Verifier {
  /** A compact JWS, or a JWS JSON serialization (issue 18: its SM2 signature checked too). */
  verify(credential: string): Promise<VerifyResult>;
}

const REMOTE_TTL_MS = 5 * 60_000;

export function createVerifier(deps: CredentialDeps): Verifier {
  const own = new Map<string, KeyObject>();
  const remoteLists = new Map<string, { at: number; bits: Uint8Array | 'invalid' }>();
  const ownListPrefix = `${deps.publicUrl}/api/v1/credentials/status/`;

  async function ownKey(kid: string | undefined): Promise<KeyResolution> {
    const thumbprint = kid?.startsWith(`${deps.did}#`) ? kid.slice(deps.did.length + 1) : undefined;
    if (!thumbprint) return { kind: 'unknown-key' };
    if (!own.has(thumbprint)) {
      for (const k of await publishedKeys(deps.db)) {
        if (sm2PublicKeyHexOf(k.jwk)) continue; // SM2 keys sign beside JOSE (issue 18), never as a JOSE alg
        own.set(
          k.thumbprint,
          createPublicKey({ key: k.jwk as import('node:crypto').JsonWebKey, format: 'jwk' }),
        );
      }
    }
    const key = own.get(thumbprint);
    return key ? { kind: 'key', key, trusted: true } : { kind: 'unknown-key' };
  }

  async function resolveKey(issuer: string, kid: string | undefined): Promise<KeyResolution> {
    if (issuer === deps.did) return ownKey(kid);
    const trusted = await trustedKeysOf(deps.db, issuer);
    if (!trusted) return { kind: 'unknown-issuer' };
    const key = pickKey(trusted.keys, kid);
    return key ? { kind: 'key', key, issuerName: trusted.name, trusted: true } : { kind: 'unknown-key' };
  }

  async function resolveSm2Key(issuer: string, kid: string | undefined): Promise<Sm2KeyResolution> {
    if (issuer === deps.did) {
      const thumbprint = kid?.startsWith(`${deps.did}#`) ? kid.slice(deps.did.length + 1) : undefined;
      const found = (await publishedKeys(deps.db)).find((k) => k.thumbprint === thumbprint);
      const publicKey = found ? sm2PublicKeyHexOf(found.jwk) : null;
      return publicKey ? { kind: 'key', publicKey } : { kind: 'unknown-key' };
    }
    const trusted = await trustedKeysOf(deps.db, issuer);
    const found = trusted ? findKey(trusted.keys, kid) : undefined;
    const publicKey = found ? sm2PublicKeyHexOf(found.jwk) : null;
    return publicKey ? { kind: 'key', publicKey } : { kind: 'unknown-key' };
  }

  async function remoteBits(issuer: string, url: string): Promise<Uint8Array | 'invalid' | 'unavailable'> {
    const hit = remoteLists.get(url);
    if (hit && deps.clock.now().getTime() - hit.at < REMOTE_TTL_MS) return hit.bits;
    let jwt: string;
    try {
      jwt = await fetchText(url, 'application/vc+jwt, application/jwt');
    } catch {
      return 'unavailable';
    }
    const bits = await listBits(jwt, issuer, url, { now: deps.clock.now(), resolveKey });
    remoteLists.set(url, { at: deps.clock.now().getTime(), bits });
    return bits;
  }

  async function status(issuer: string, entry: StatusEntry): Promise<StatusLookup> {
    const index = Number(entry.statusListIndex);
    if (issuer === deps.did && entry.statusListCredential.startsWith(ownListPrefix)) {
      const [purpose, list] = entry.statusListCredential.slice(ownListPrefix.length).split('/');
      if (!statusPurposes.includes(purpose as StatusPurpose) || !/^\d+$/.test(list ?? ''))
        return 'invalid-list';
      return (await statusBit(deps, purpose as StatusPurpose, Number(list), index)) ? 'set' : 'clear';
    }
    const bits = await remoteBits(issuer, entry.statusListCredential);
    if (bits === 'invalid') return 'invalid-list';
    if (bits === 'unavailable') return bits;
    const bit = bitAt(bits, index);
    return bit === undefined ? 'invalid-list' : bit ? 'set' : 'clear';
  }

  return {
    verify: (text) =>
      verifyCredentialText(text, { now: deps.clock.now(), resolveKey, resolveSm2Key, status }),
  };
}

/**
 * A status list credential's bits, once it verifies as signed by the credential's own issuer and is for the URL
 * it was fetched from; 'invalid' otherwise.
 */
export async function listBits(
  jwt: string,
  issuer: string,
  url: string,
  env: {
    now: Date;
    resolveKey: (
      issuer: string,
      kid: string | undefined,
      alg: 'EdDSA',
    ) => Promise<KeyResolution> | KeyResolution;
  },
): Promise<Uint8Array | 'invalid'> {
  const result = await verifyCompact(jwt, {
    now: env.now,
    resolveKey: (iss, kid, alg) =>
      iss === issuer ? env.resolveKey(iss, kid, alg as 'EdDSA') : { kind: 'unknown-issuer' },
    status: () => 'clear',
  });
  const subject = result.credential?.credentialSubject as { encodedList?: unknown } | undefined;
  const signed = result.checks.some((c) => c.check === 'signature' && c.status === 'valid');
  if (!signed || result.credential?.id !== url || typeof subject?.encodedList !== 'string') return 'invalid';
  try {
    return decodeList(subject.encodedList);
  } catch {
    return 'invalid';
  }
}
