import type { Check } from '../../credentials/vc-schema.ts';

/** A verification as the page receives it (`credential-types.ts: Verification`, restated so this file stands alone). */
export interface Verification {
  verified: boolean;
  checks: Check[];
  credential?: Record<string, unknown>;
  issuer?: { id: string; name?: string; trusted: boolean };
}

/**
 * What the verify page says about one verification, decided without React so it can be tested on its own. A
 * credential's claims — who issued it, to whom, for what — are facts only once its signature is checked: a forged
 * payload can name any issuer (issue 17 §9), so without a valid signature the page shows them as unverified claims.
 */
export type Verdict = 'verified' | 'revoked' | 'suspended' | 'invalid';

export function verdictOf(result: Verification): Verdict {
  if (result.verified) return 'verified';
  const status = result.checks.find((c) => c.check === 'status' && c.status === 'invalid');
  if (status?.reason === 'revoked' || status?.reason === 'suspended') {
    // Revoked or suspended is the answer only when nothing else failed: a forged credential is just invalid.
    const others = result.checks.filter(
      (c) => c !== status && (c.status === 'invalid' || c.status === 'error'),
    );
    if (others.length === 0) return status.reason;
  }
  return 'invalid';
}

/**
 * `verified`: every check passed. `authentic`: signed by the issuer (and the QR's digest agrees) but not valid now —
 * revoked, suspended, expired — so the content is what the issuer wrote. `unverified`: nobody vouches for the content.
 */
export type ClaimsStanding = 'verified' | 'authentic' | 'unverified';

export interface VerificationViewModel {
  verdict: Verdict;
  claims: ClaimsStanding;
  /** The line under the verdict: the issuer as a fact, or what the credential claims, marked unverified. */
  issuer: { text: string; isClaim: boolean } | null;
}

export function isAuthentic(result: Verification): boolean {
  const signed = result.checks.some((c) => c.check === 'signature' && c.status === 'valid');
  const digestBroken = result.checks.some((c) => c.check === 'digest' && c.status === 'invalid');
  return signed && !digestBroken;
}

/** The issuer as the payload claims it (for an unverified line): its id, never a name it gives itself. */
function claimedIssuerId(result: Verification): string | null {
  const issuer = result.credential?.issuer;
  if (typeof issuer === 'string' && issuer.length > 0) return issuer;
  const id = issuer && typeof issuer === 'object' ? (issuer as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 ? id : (result.issuer?.id ?? null);
}

export function verificationViewModel(result: Verification): VerificationViewModel {
  const verdict = verdictOf(result);
  const authentic = isAuthentic(result);
  const claims: ClaimsStanding = result.verified ? 'verified' : authentic ? 'authentic' : 'unverified';
  if (claims !== 'unverified') {
    const text = result.issuer?.name ?? result.issuer?.id ?? null;
    return { verdict, claims, issuer: text ? { text, isClaim: false } : null };
  }
  const claimed = claimedIssuerId(result);
  return { verdict, claims, issuer: claimed ? { text: claimed, isClaim: true } : null };
}

/** The page's words for the claims' standing (zh first, en beside it, as the check texts). */
export const claimsNotes: Record<Exclude<ClaimsStanding, 'verified'>, { zh: string; en: string }> = {
  authentic: {
    zh: '以下内容由签发方签名，但凭证当前无效。',
    en: 'Signed by the issuer, but the credential is not valid now.',
  },
  unverified: {
    zh: '未通过验证：以下内容是凭证自称的，未经证实，不能作为事实。',
    en: 'Not verified: what follows is what the credential claims, not an established fact.',
  },
};
export const claimedIssuerLabel = { zh: '自称签发方（未经验证）', en: 'Claimed issuer (unverified)' };
