import { verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { type Check, VC_CONTEXT_V2, type VerifyResult } from './credential.model.ts';

/**
 * Verification of a VC-JOSE credential (issue 5 §4), strictly by W3C VC-JOSE-COSE §3.1: `typ` is `vc+jwt`, `cty`
 * (when present) `vc`, no unsecured (`alg: none`) credential, no `vc`/`vp` claims, and `iss` agreeing with
 * `issuer`. Each check is a value with a reason code; nothing here throws for a credential that merely fails.
 *
 * The signature is checked with node:crypto directly rather than through `jose`: jose 6 verifies through
 * WebCrypto's async API, about 2.5× slower here (stack-notes §5), and the goal is ≥ 0.7× raw Ed25519
 * (design.md). The independent check with jose's `jwtVerify` lives in the interop test.
 */
export const algorithms = {
  EdDSA: { hash: null, kty: 'OKP', crv: 'Ed25519' },
  ES256: { hash: 'sha256', kty: 'EC', crv: 'P-256' },
  ES384: { hash: 'sha384', kty: 'EC', crv: 'P-384' },
  ES512: { hash: 'sha512', kty: 'EC', crv: 'P-521' },
} as const;
export type Algorithm = keyof typeof algorithms;

export type KeyResolution =
  | { kind: 'key'; key: KeyObject; issuerName?: string | undefined; trusted: boolean }
  | { kind: 'unknown-issuer' }
  | { kind: 'unknown-key' };

export interface StatusEntry {
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

/** `set`/`clear` from a list; `unavailable` when it could not be fetched; `skipped` when offline with no copy. */
export type StatusLookup = 'set' | 'clear' | 'unavailable' | 'skipped' | 'invalid-list';

export interface VerifyEnvironment {
  now: Date;
  resolveKey(issuer: string, kid: string | undefined, alg: Algorithm): KeyResolution | Promise<KeyResolution>;
  status(issuer: string, entry: StatusEntry): StatusLookup | Promise<StatusLookup>;
}

export interface ParsedJws {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: Buffer;
  signature: Buffer;
}

type Parse = { ok: true; jws: ParsedJws } | { ok: false; reason: string; message: string };

function decodeJson(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const B64URL = /^[A-Za-z0-9_-]*$/;

export function parseCompactJws(compact: string): Parse {
  const parts = compact.trim().split('.');
  if (parts.length !== 3 || !parts.every((p) => B64URL.test(p)))
    return { ok: false, reason: 'malformed', message: 'not a compact JWS (three base64url parts)' };
  const [h, p, s] = parts as [string, string, string];
  const header = decodeJson(h);
  if (!header)
    return { ok: false, reason: 'malformed', message: 'the protected header is not a JSON object' };
  const payload = decodeJson(p);
  if (!payload) return { ok: false, reason: 'malformed', message: 'the payload is not a JSON object' };
  return {
    ok: true,
    jws: { header, payload, signingInput: Buffer.from(`${h}.${p}`), signature: Buffer.from(s, 'base64url') },
  };
}

const fail = (check: Check['check'], reason: string, message: string): Check => ({
  check,
  status: 'invalid',
  reason,
  message,
});

/** The header and claim rules of VC-JOSE-COSE §3.1 and VC 2.0 §4; the first problem found, or null. */
export function schemaProblem(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): Check | null {
  const alg = header.alg;
  if (alg === undefined || alg === 'none')
    return fail('schema', 'unsecured', 'an unsecured credential (alg "none") is refused');
  if (typeof alg !== 'string' || !(alg in algorithms))
    return fail('schema', 'unsupported-algorithm', `algorithm ${String(alg)} is not accepted`);
  if (header.typ !== 'vc+jwt') return fail('schema', 'wrong-typ', 'the header typ must be "vc+jwt"');
  if (header.cty !== undefined && header.cty !== 'vc')
    return fail('schema', 'wrong-cty', 'cty, when present, is "vc"');
  if (header.crit !== undefined)
    return fail('schema', 'unsupported-crit', 'no critical header extension is understood');
  if ('vc' in payload || 'vp' in payload)
    return fail('schema', 'forbidden-claim', 'VC 2.0 secured with JOSE must not use the "vc" or "vp" claims');
  const context = payload['@context'];
  if (!Array.isArray(context) || context[0] !== VC_CONTEXT_V2)
    return fail('schema', 'wrong-context', `@context must start with ${VC_CONTEXT_V2}`);
  const types = payload.type;
  if (!Array.isArray(types) || !types.includes('VerifiableCredential'))
    return fail('schema', 'not-a-credential', 'type must include "VerifiableCredential"');
  if (issuerIdOf(payload) === null) return fail('schema', 'missing-issuer', 'issuer must be a URL or {id}');
  if (payload.iss !== undefined && payload.iss !== issuerIdOf(payload))
    return fail('schema', 'issuer-mismatch', 'the iss claim does not agree with issuer');
  const subject = payload.credentialSubject;
  if (subject === null || typeof subject !== 'object')
    return fail('schema', 'missing-subject', 'credentialSubject is required');
  for (const field of ['validFrom', 'validUntil'] as const) {
    const v = payload[field];
    if (v !== undefined && (typeof v !== 'string' || Number.isNaN(Date.parse(v))))
      return fail('schema', 'bad-date', `${field} is not an XML Schema dateTime`);
  }
  return null;
}

export function issuerIdOf(payload: Record<string, unknown>): string | null {
  const issuer = payload.issuer;
  if (typeof issuer === 'string' && issuer.length > 0) return issuer;
  if (issuer && typeof issuer === 'object' && typeof (issuer as { id?: unknown }).id === 'string')
    return (issuer as { id: string }).id;
  return null;
}

export function checkSignature(alg: Algorithm, key: KeyObject, jws: ParsedJws): boolean {
  const spec = algorithms[alg];
  const details = key.asymmetricKeyDetails;
  const matches =
    spec.kty === 'OKP'
      ? key.asymmetricKeyType === 'ed25519'
      : key.asymmetricKeyType === 'ec' && details?.namedCurve === nodeCurve[spec.crv];
  if (!matches) return false;
  try {
    return cryptoVerify(spec.hash, jws.signingInput, { key, dsaEncoding: 'ieee-p1363' }, jws.signature);
  } catch {
    return false;
  }
}
const nodeCurve: Record<string, string> = {
  'P-256': 'prime256v1',
  'P-384': 'secp384r1',
  'P-521': 'secp521r1',
};

function checkValidity(payload: Record<string, unknown>, now: Date): Check {
  const from = typeof payload.validFrom === 'string' ? Date.parse(payload.validFrom) : null;
  const until = typeof payload.validUntil === 'string' ? Date.parse(payload.validUntil) : null;
  if (from !== null && now.getTime() < from)
    return fail('validity', 'not-yet-valid', `valid from ${String(payload.validFrom)}`);
  if (until !== null && now.getTime() > until)
    return fail('validity', 'expired', `expired at ${String(payload.validUntil)}`);
  const reviewedUntil = reviewedUntilOf(payload);
  if (reviewedUntil !== undefined) {
    const end = /^\d{4}-\d{2}-\d{2}$/.test(reviewedUntil)
      ? Date.parse(`${reviewedUntil}T23:59:59+08:00`)
      : NaN;
    if (Number.isNaN(end))
      return fail('validity', 'bad-review-date', 'reviewedUntil is not a date YYYY-MM-DD');
    // 合法有效 needs asOf ≤ reviewedUntil (design.md; 令30 第二十一条, TSG Z6001-2019 第二十五条), Beijing time.
    if (now.getTime() > end)
      return fail('validity', 'review-overdue', `复审 overdue: reviewed until ${reviewedUntil} (待复审)`);
  }
  return { check: 'validity', status: 'valid' };
}

/** A Hutong certificate credential's `credentialSubject.certificate.reviewedUntil`, when it carries one. */
function reviewedUntilOf(payload: Record<string, unknown>): string | undefined {
  const subject = payload.credentialSubject as { certificate?: unknown } | undefined;
  const certificate = subject?.certificate;
  if (certificate === null || typeof certificate !== 'object') return undefined;
  const value = (certificate as { reviewedUntil?: unknown }).reviewedUntil;
  if (value === undefined) return undefined;
  return typeof value === 'string' ? value : '';
}

function statusEntries(payload: Record<string, unknown>): StatusEntry[] | null {
  const raw = payload.credentialStatus;
  if (raw === undefined) return [];
  const list = Array.isArray(raw) ? raw : [raw];
  const entries: StatusEntry[] = [];
  for (const e of list) {
    if (!e || typeof e !== 'object') return null;
    const { type, statusPurpose, statusListIndex, statusListCredential } = e as Record<string, unknown>;
    if (type !== 'BitstringStatusListEntry') continue; // other status mechanisms are not understood; not a failure
    if (typeof statusPurpose !== 'string' || typeof statusListCredential !== 'string') return null;
    if (typeof statusListIndex !== 'string' || !/^\d+$/.test(statusListIndex)) return null;
    entries.push({ statusPurpose, statusListIndex, statusListCredential });
  }
  return entries;
}

async function checkStatus(
  env: VerifyEnvironment,
  issuer: string,
  payload: Record<string, unknown>,
): Promise<Check> {
  const entries = statusEntries(payload);
  if (entries === null)
    return fail('status', 'malformed-status', 'credentialStatus is not a valid status entry');
  if (entries.length === 0) return { check: 'status', status: 'valid', reason: 'no-status-list' };
  const results = await Promise.all(entries.map(async (e) => ({ e, r: await env.status(issuer, e) })));
  const set =
    results.find((x) => x.r === 'set' && x.e.statusPurpose === 'revocation') ??
    results.find((x) => x.r === 'set');
  if (set) {
    const reason =
      set.e.statusPurpose === 'revocation'
        ? 'revoked'
        : set.e.statusPurpose === 'suspension'
          ? 'suspended'
          : set.e.statusPurpose;
    return fail('status', reason, `the ${set.e.statusPurpose} status list marks this credential`);
  }
  if (results.some((x) => x.r === 'invalid-list'))
    return fail('status', 'status-list-invalid', 'a status list did not verify against its issuer');
  if (results.some((x) => x.r === 'unavailable'))
    return {
      check: 'status',
      status: 'error',
      reason: 'status-unavailable',
      message: 'a status list could not be fetched',
    };
  if (results.every((x) => x.r === 'skipped'))
    return { check: 'status', status: 'skipped', reason: 'offline', message: 'no cached status list' };
  return { check: 'status', status: 'valid' };
}

export async function verifyCompact(compact: string, env: VerifyEnvironment): Promise<VerifyResult> {
  const parsed = parseCompactJws(compact);
  const skipped = (names: Check['check'][]): Check[] =>
    names.map((check) => ({ check, status: 'skipped', reason: 'not-checked' }));
  if (!parsed.ok) {
    return {
      verified: false,
      checks: [
        fail('schema', parsed.reason, parsed.message),
        ...skipped(['issuer', 'signature', 'validity', 'status']),
      ],
    };
  }
  const { header, payload } = parsed.jws;
  const problem = schemaProblem(header, payload);
  if (problem) {
    return {
      verified: false,
      checks: [problem, ...skipped(['issuer', 'signature', 'validity', 'status'])],
      credential: payload,
    };
  }
  const alg = header.alg as Algorithm;
  const issuer = issuerIdOf(payload) as string;
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const resolution = await env.resolveKey(issuer, kid, alg);
  const checks: Check[] = [{ check: 'schema', status: 'valid' }];
  if (resolution.kind === 'unknown-issuer') {
    checks.push(
      fail('issuer', 'unknown-issuer', `${issuer} is not a trusted issuer`),
      ...skipped(['signature']),
    );
  } else if (resolution.kind === 'unknown-key') {
    checks.push(
      { check: 'issuer', status: 'valid' },
      fail('signature', 'unknown-key', `no key ${kid ?? '(no kid)'} for ${issuer}`),
    );
  } else {
    checks.push({ check: 'issuer', status: 'valid' });
    checks.push(
      checkSignature(alg, resolution.key, parsed.jws)
        ? { check: 'signature', status: 'valid' }
        : fail('signature', 'bad-signature', 'the signature does not match the credential and key'),
    );
  }
  checks.push(checkValidity(payload, env.now));
  const signed = checks.some((c) => c.check === 'signature' && c.status === 'valid');
  checks.push(signed ? await checkStatus(env, issuer, payload) : (skipped(['status'])[0] as Check));
  // Only a signed credential's issuer has a name here: a forged payload's (or a name we hold for the id it
  // claims) must not read as the issuer's (issue 17 §9).
  const issuerName =
    resolution.kind === 'key' && signed
      ? (resolution.issuerName ??
        (typeof (payload.issuer as { name?: unknown })?.name === 'string'
          ? (payload.issuer as { name: string }).name
          : undefined))
      : undefined;
  return {
    verified: signed && checks.every((c) => c.status === 'valid' || c.status === 'skipped'),
    checks,
    credential: payload,
    issuer: {
      id: issuer,
      ...(issuerName ? { name: issuerName } : {}),
      trusted: resolution.kind !== 'unknown-issuer',
    },
  };
}
