/**
 * The rules a credential must meet before its signature is worth checking: W3C VC-JOSE-COSE §3.1 (typ `vc+jwt`,
 * cty `vc` when present, no unsecured credential, no `vc`/`vp` claims, `iss` agreeing with `issuer`) and the VC 2.0
 * data model (§4). The same rules as the server's (src/credentials/verify.ts), so the browser's answer and the
 * server's agree. No imports: this file also runs under node:test.
 */
export type CheckName = 'digest' | 'schema' | 'issuer' | 'signature' | 'validity' | 'status';
export type CheckStatus = 'valid' | 'invalid' | 'error' | 'skipped';

/** One check of a verification: a value with a reason code, never a bare boolean. */
export interface Check {
  check: CheckName;
  status: CheckStatus;
  reason?: string;
  message?: string;
}

export const VC_CONTEXT_V2 = 'https://www.w3.org/ns/credentials/v2';
export const acceptedAlgorithms = ['EdDSA', 'ES256', 'ES384', 'ES512'];

export const invalid = (check: CheckName, reason: string, message?: string): Check => ({
  check,
  status: 'invalid',
  reason,
  ...(message ? { message } : {}),
});

export function issuerIdOf(payload: Record<string, unknown>): string | null {
  const issuer = payload.issuer;
  if (typeof issuer === 'string' && issuer.length > 0) return issuer;
  if (issuer && typeof issuer === 'object') {
    const id = (issuer as { id?: unknown }).id;
    if (typeof id === 'string' && id.length > 0) return id;
  }
  return null;
}

/** The first rule the header or payload breaks, or null. */
export function schemaProblem(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
): Check | null {
  const alg = header.alg;
  if (alg === undefined || alg === 'none') return invalid('schema', 'unsecured');
  if (typeof alg !== 'string' || !acceptedAlgorithms.includes(alg))
    return invalid('schema', 'unsupported-algorithm', String(alg));
  if (header.typ !== 'vc+jwt') return invalid('schema', 'wrong-typ', String(header.typ));
  if (header.cty !== undefined && header.cty !== 'vc')
    return invalid('schema', 'wrong-cty', String(header.cty));
  if (header.crit !== undefined) return invalid('schema', 'unsupported-crit');
  if ('vc' in payload || 'vp' in payload) return invalid('schema', 'forbidden-claim');
  const context = payload['@context'];
  if (!Array.isArray(context) || context[0] !== VC_CONTEXT_V2) return invalid('schema', 'wrong-context');
  const types = payload.type;
  if (!Array.isArray(types) || !types.includes('VerifiableCredential'))
    return invalid('schema', 'not-a-credential');
  const issuer = issuerIdOf(payload);
  if (issuer === null) return invalid('schema', 'missing-issuer');
  if (payload.iss !== undefined && payload.iss !== issuer) return invalid('schema', 'issuer-mismatch');
  const subject = payload.credentialSubject;
  if (subject === null || typeof subject !== 'object') return invalid('schema', 'missing-subject');
  for (const field of ['validFrom', 'validUntil'] as const) {
    const value = payload[field];
    if (value !== undefined && (typeof value !== 'string' || Number.isNaN(Date.parse(value))))
      return invalid('schema', 'bad-date', field);
  }
  return null;
}

/** validFrom ≤ now ≤ validUntil (VC 2.0 §4.9). */
export function validityCheck(payload: Record<string, unknown>, now: Date): Check {
  const from = typeof payload.validFrom === 'string' ? Date.parse(payload.validFrom) : null;
  const until = typeof payload.validUntil === 'string' ? Date.parse(payload.validUntil) : null;
  if (from !== null && now.getTime() < from)
    return invalid('validity', 'not-yet-valid', String(payload.validFrom));
  if (until !== null && now.getTime() > until)
    return invalid('validity', 'expired', String(payload.validUntil));
  // 复审 (issue 13 item 5), as src/credentials/verify.ts: past reviewedUntil (Beijing time) it is 待复审.
  const subject = payload.credentialSubject as { certificate?: { reviewedUntil?: unknown } } | undefined;
  const reviewedUntil = subject?.certificate?.reviewedUntil;
  if (reviewedUntil !== undefined) {
    const end =
      typeof reviewedUntil === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(reviewedUntil)
        ? Date.parse(`${reviewedUntil}T23:59:59+08:00`)
        : Number.NaN;
    if (Number.isNaN(end)) return invalid('validity', 'bad-review-date', String(reviewedUntil));
    if (now.getTime() > end) return invalid('validity', 'review-overdue', reviewedUntil as string);
  }
  return { check: 'validity', status: 'valid' };
}

export interface StatusEntry {
  statusPurpose: string;
  statusListIndex: number;
  statusListCredential: string;
}

/** The credential's Bitstring Status List entries; null when `credentialStatus` is malformed. */
export function statusEntries(payload: Record<string, unknown>): StatusEntry[] | null {
  const raw = payload.credentialStatus;
  if (raw === undefined) return [];
  const entries: StatusEntry[] = [];
  for (const entry of Array.isArray(raw) ? raw : [raw]) {
    if (!entry || typeof entry !== 'object') return null;
    const { type, statusPurpose, statusListIndex, statusListCredential } = entry as Record<string, unknown>;
    if (type !== 'BitstringStatusListEntry') continue; // another status mechanism: not understood, not a failure
    if (typeof statusPurpose !== 'string' || typeof statusListCredential !== 'string') return null;
    if (typeof statusListIndex !== 'string' || !/^\d+$/.test(statusListIndex)) return null;
    entries.push({ statusPurpose, statusListIndex: Number(statusListIndex), statusListCredential });
  }
  return entries;
}

/** A status purpose whose bit is set, as the reason code the status check reports. */
export function reasonOfSetBit(purpose: string): string {
  if (purpose === 'revocation') return 'revoked';
  if (purpose === 'suspension') return 'suspended';
  return purpose;
}

/** Verified when the signature holds and no check is invalid or in error (skipped checks alone do not fail). */
export function isVerified(checks: Check[]): boolean {
  return (
    checks.some((c) => c.check === 'signature' && c.status === 'valid') &&
    checks.every((c) => c.status === 'valid' || c.status === 'skipped')
  );
}
