import { SM2_JWS_ALG, sm2Verify } from '../protection/crypto-profile.ts';
import type { Check, VerifyResult } from './credential.model.ts';
import { algorithms, issuerIdOf, parseCompactJws, type VerifyEnvironment, verifyCompact } from './verify.ts';

/**
 * Verification of every signature a credential carries (issue 18): a compact JWS as before, or a JWS JSON
 * serialization (RFC 7515 §7.2.1) whose JOSE signature is checked exactly as the compact form (all checks) and
 * whose SM2 signatures (`alg: "SM2SM3"`, GB/T 32918.2 with Z, raw r ‖ s, over `protected ‖ '.' ‖ payload`) are
 * checked against the issuer's published SM2 key. The answer lists which signatures were checked.
 */
export type Sm2KeyResolution = { kind: 'key'; publicKey: string } | { kind: 'unknown-key' };

export interface FullVerifyEnvironment extends VerifyEnvironment {
  /** The issuer's SM2 public key (hex `04‖x‖y`) for a kid; absent: SM2 signatures are reported as skipped. */
  resolveSm2Key?(issuer: string, kid: string | undefined): Sm2KeyResolution | Promise<Sm2KeyResolution>;
}

type SignatureReport = NonNullable<VerifyResult['signatures']>[number];

interface JsonSerialization {
  payload: string;
  signatures: { protected: string; signature: string }[];
}

const B64URL = /^[A-Za-z0-9_-]+$/;

function parseJsonSerialization(text: string): JsonSerialization | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  const inner = (doc as { credential?: unknown })?.credential;
  const body = (inner && typeof inner === 'object' ? inner : doc) as Record<string, unknown> | null;
  const payload = body?.payload;
  const signatures = body?.signatures;
  if (typeof payload !== 'string' || !B64URL.test(payload) || !Array.isArray(signatures)) return null;
  const entries = signatures.filter(
    (s): s is { protected: string; signature: string } =>
      typeof s?.protected === 'string' &&
      typeof s?.signature === 'string' &&
      B64URL.test(s.protected) &&
      B64URL.test(s.signature),
  );
  return entries.length === signatures.length && entries.length > 0 ? { payload, signatures: entries } : null;
}

function headerOf(b64: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(b64, 'base64url').toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const kidOf = (h: Record<string, unknown> | null) => (typeof h?.kid === 'string' ? h.kid : undefined);

export async function verifyCredentialText(text: string, env: FullVerifyEnvironment): Promise<VerifyResult> {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) {
    const result = await verifyCompact(trimmed, env);
    const parsed = parseCompactJws(trimmed);
    const header = parsed.ok ? parsed.jws.header : null;
    const signature = result.checks.find((c) => c.check === 'signature');
    return {
      ...result,
      signatures: [
        {
          alg: typeof header?.alg === 'string' ? header.alg : 'unknown',
          ...(kidOf(header) && { kid: kidOf(header) }),
          status: signature?.status ?? 'skipped',
          ...(signature?.reason && { reason: signature.reason }),
        },
      ],
    };
  }
  const json = parseJsonSerialization(trimmed);
  const malformed = (message: string): VerifyResult => ({
    verified: false,
    checks: [
      { check: 'schema', status: 'invalid', reason: 'malformed', message },
      ...(['issuer', 'signature', 'validity', 'status'] as const).map(
        (check): Check => ({ check, status: 'skipped', reason: 'not-checked' }),
      ),
    ],
  });
  if (!json)
    return malformed('not a JWS JSON serialization ({payload, signatures: [{protected, signature}]})');
  const headers = json.signatures.map((s) => headerOf(s.protected));
  const joseIndex = headers.findIndex((h) => typeof h?.alg === 'string' && h.alg in algorithms);
  const jose = json.signatures[joseIndex];
  if (!jose) return malformed('no JOSE signature (EdDSA or ES*) among the signatures');
  const result = await verifyCompact(`${jose.protected}.${json.payload}.${jose.signature}`, env);
  const joseCheck = result.checks.find((c) => c.check === 'signature');
  const reports: SignatureReport[] = [];
  const extraChecks: Check[] = [];
  const issuer = result.credential ? issuerIdOf(result.credential) : null;
  for (const [i, entry] of json.signatures.entries()) {
    const header = headers[i] ?? null;
    const alg = typeof header?.alg === 'string' ? header.alg : 'unknown';
    const kid = kidOf(header);
    const base = { alg, ...(kid && { kid }) };
    if (i === joseIndex) {
      reports.push({
        ...base,
        status: joseCheck?.status ?? 'skipped',
        ...(joseCheck?.reason && { reason: joseCheck.reason }),
      });
      continue;
    }
    if (alg !== SM2_JWS_ALG || header?.typ !== 'vc+jwt' || header.crit !== undefined) {
      reports.push({ ...base, status: 'skipped', reason: 'unsupported-algorithm' });
      continue;
    }
    if (!issuer || !env.resolveSm2Key) {
      reports.push({ ...base, status: 'skipped', reason: 'no-sm2-key-source' });
      continue;
    }
    const key = await env.resolveSm2Key(issuer, kid);
    if (key.kind !== 'key') {
      reports.push({ ...base, status: 'invalid', reason: 'unknown-key' });
      extraChecks.push({
        check: 'signature',
        status: 'invalid',
        reason: 'unknown-sm2-key',
        message: `no SM2 key ${kid ?? '(no kid)'} for ${issuer}`,
      });
      continue;
    }
    const ok = sm2Verify(
      key.publicKey,
      Buffer.from(`${entry.protected}.${json.payload}`, 'ascii'),
      Buffer.from(entry.signature, 'base64url'),
    );
    reports.push({ ...base, status: ok ? 'valid' : 'invalid', ...(!ok && { reason: 'bad-signature' }) });
    if (!ok)
      extraChecks.push({
        check: 'signature',
        status: 'invalid',
        reason: 'bad-sm2-signature',
        message: 'the SM2 signature does not match the credential and key',
      });
  }
  return {
    ...result,
    verified: result.verified && extraChecks.length === 0,
    checks: [...result.checks, ...extraChecks],
    signatures: reports,
  };
}
