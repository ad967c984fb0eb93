import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createMemoryCounters } from '../limits/limits.memory.ts';
import type { SharedCounters } from '../limits/limits.model.ts';
import { AppError } from '../shared/errors.ts';

/**
 * The public query's proof-of-work (issue 5 §1: "a challenge that needs no outside service … so bulk scraping costs
 * the scraper"). A challenge is stateless and signed: `v1.<id>.<expiresAtMs>.<bits>.<signature>`, the signature a
 * keyed HMAC over the rest. The client finds a decimal nonce such that SHA-256(`<challenge>:<nonce>`) starts with
 * at least `bits` zero bits and sends `x-hutong-pow: <challenge>:<nonce>`. At 16 bits a browser needs ~65,000
 * hashes (well under a second); a scraper pays that for every query.
 *
 * Signing with the keyring's HMAC key (not a per-process secret) lets any API process behind a load balancer check
 * a challenge another issued. Each challenge is single-use: its id is spent in the shared counters until it expires
 * (issue 16 §4: PostgreSQL, so a second process refuses it too; in memory, bounded, on the embedded store).
 */
export const POW_ALGORITHM = 'sha-256';
export const POW_HEADER = 'x-hutong-pow';
export const CHALLENGE_TTL_MS = 5 * 60_000;

export interface Challenge {
  challenge: string;
  bits: number;
  algorithm: typeof POW_ALGORITHM;
  expiresAt: string;
}

export type ChallengeFailure =
  | 'missing' // no x-hutong-pow header
  | 'malformed' // not `<challenge>:<nonce>` with a decimal nonce, or not a challenge of ours
  | 'signature' // the challenge was not issued by Hutong (or was altered)
  | 'expired' // older than its five minutes
  | 'too-easy' // issued for fewer bits than are now required
  | 'work' // SHA-256(challenge ":" nonce) has too few leading zero bits
  | 'spent'; // already used once
export type ChallengeCheck = { ok: true } | { ok: false; reason: ChallengeFailure };

/** Number of leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function powDigest(challenge: string, nonce: string): Buffer {
  return createHash('sha256').update(`${challenge}:${nonce}`).digest();
}

/** What a client does: the first decimal nonce that meets the challenge (tests, benches, the CLI). */
export function solveChallenge(challenge: string, bits: number): string {
  for (let nonce = 0; ; nonce++) {
    if (leadingZeroBits(powDigest(challenge, String(nonce))) >= bits) return String(nonce);
  }
}

export interface ChallengeIssuer {
  readonly bits: number;
  issue(now: Date): Challenge;
  /** Checks a solution and, when it holds, spends its challenge. */
  redeem(header: string | undefined, now: Date): Promise<ChallengeCheck>;
}

const CHALLENGE = /^v1\.([A-Za-z0-9_-]{22})\.(\d{1,15})\.(\d{1,2})\.([A-Za-z0-9_-]{43})$/;
const NONCE = /^\d{1,20}$/;

export function createChallengeIssuer(options: {
  bits: number;
  /** A keyed MAC (base64url, 43 characters): the keyring's HMAC. */
  sign: (payload: string) => string;
  ttlMs?: number;
  /** Where spent ids are kept; by default this process's memory, holding at most `maxSpent`. */
  counters?: SharedCounters;
  maxSpent?: number;
}): ChallengeIssuer {
  const ttlMs = options.ttlMs ?? CHALLENGE_TTL_MS;
  const counters = options.counters ?? createMemoryCounters(options.maxSpent ?? 100_000);

  return {
    bits: options.bits,
    issue(now) {
      const expires = now.getTime() + ttlMs;
      const payload = `v1.${randomBytes(16).toString('base64url')}.${expires}.${options.bits}`;
      return {
        challenge: `${payload}.${options.sign(payload)}`,
        bits: options.bits,
        algorithm: POW_ALGORITHM,
        expiresAt: new Date(expires).toISOString(),
      };
    },
    async redeem(header, now) {
      if (!header) return { ok: false, reason: 'missing' };
      const colon = header.lastIndexOf(':');
      const challenge = header.slice(0, colon);
      const nonce = header.slice(colon + 1);
      const m = CHALLENGE.exec(challenge);
      if (colon < 0 || !m || !NONCE.test(nonce)) return { ok: false, reason: 'malformed' };
      const [, id = '', expiresText = '', bitsText = '', signature = ''] = m;
      const expected = Buffer.from(options.sign(challenge.slice(0, -signature.length - 1)));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
        return { ok: false, reason: 'signature' };
      }
      const expires = Number(expiresText);
      if (expires <= now.getTime()) return { ok: false, reason: 'expired' };
      const bits = Number(bitsText);
      if (bits < options.bits) return { ok: false, reason: 'too-easy' };
      if (leadingZeroBits(powDigest(challenge, nonce)) < bits) return { ok: false, reason: 'work' };
      if (!(await counters.spend(`pow:${id}`, expires, now.getTime()))) return { ok: false, reason: 'spent' };
      return { ok: true };
    },
  };
}

export const CHALLENGE_MESSAGE =
  '需要先完成查询验证：GET /api/v1/public/challenge，找到使 SHA-256(challenge + ":" + nonce) 前 bits 位为 0 的十进制 nonce，' +
  '在请求头 x-hutong-pow 中提交 <challenge>:<nonce> · A proof-of-work is required: GET /api/v1/public/challenge, ' +
  'find a decimal nonce such that SHA-256(challenge + ":" + nonce) starts with `bits` zero bits, and send ' +
  'x-hutong-pow: <challenge>:<nonce>. Each challenge is good for one query within five minutes.';

/**
 * The check every public lookup by personal data makes (the query, and the printable credential by name + number):
 * anonymous callers spend one solved challenge; signed-in callers (an employer's API token, an admin) are exempt —
 * the work is a cost on anonymous bulk use.
 */
export async function assertChallengeSolved(
  issuer: ChallengeIssuer,
  request: { principal?: unknown; headers: Record<string, string | string[] | undefined> },
  now: Date,
): Promise<void> {
  if (issuer.bits === 0 || request.principal) return;
  const header = request.headers[POW_HEADER];
  const check = await issuer.redeem(typeof header === 'string' ? header : undefined, now);
  if (!check.ok)
    throw new AppError('challenge_required', CHALLENGE_MESSAGE, [
      { path: `headers.${POW_HEADER}`, message: check.reason },
    ]);
}
