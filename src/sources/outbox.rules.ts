import { createHmac } from 'node:crypto';
import type { IssuanceStatus } from './outbox.model.ts';

/**
 * Pure decisions of the issuance outbox (issue 7 §5): the request signature, what an answer means, and when to
 * try again. No I/O; the clock is passed in.
 */

/** `X-Hutong-Signature`: `sha256=` + hex HMAC-SHA256(secret, timestamp + "." + body). */
export function signRequest(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface RetryPolicy {
  /** Delay after the first failed attempt; doubled after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** Attempts before a retryable failure becomes `failed`. */
  maxAttempts: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 12,
};

/** Exponential backoff: base × 2^(attempts − 1), capped; a department's `Retry-After` may ask for longer. */
export function retryDelayMs(attempts: number, policy: RetryPolicy, retryAfterMs?: number): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attempts - 1);
  return Math.min(policy.maxDelayMs, Math.max(exponential, retryAfterMs ?? 0));
}

/** `Retry-After` as delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** One attempt's outcome as the worker saw it: an HTTP answer, or no answer at all. */
export type AttemptResult =
  | { kind: 'answer'; status: number; body: string; retryAfterMs?: number | undefined }
  | { kind: 'timeout'; afterMs: number }
  | { kind: 'network'; code: string };

export type Verdict =
  | { outcome: 'delivered'; reference: string | null; note: string | null }
  | { outcome: 'retry'; error: string; retryAfterMs?: number | undefined }
  | { outcome: 'failed'; error: string };

const MAX_REFERENCE = 200;

/**
 * What an attempt means (the protocol in ARCHITECTURE.md): 2xx delivered, with `{"reference"}` stored; 408, 429,
 * 5xx, timeouts and network errors are worth retrying; any other answer (4xx, a redirect, which is not followed)
 * will not change by itself and fails at once. Errors name the status or the error kind only: a department's
 * answer body may echo personal data, so it is never stored.
 */
export function judgeAttempt(result: AttemptResult): Verdict {
  if (result.kind === 'timeout') return { outcome: 'retry', error: `timeout after ${result.afterMs} ms` };
  if (result.kind === 'network') return { outcome: 'retry', error: `network error ${result.code}` };
  const { status } = result;
  if (status >= 200 && status < 300) {
    const reference = referenceOf(result.body);
    return reference
      ? { outcome: 'delivered', reference, note: null }
      : { outcome: 'delivered', reference: null, note: `HTTP ${status} without a reference` };
  }
  if (status === 408 || status === 429 || status >= 500)
    return { outcome: 'retry', error: `HTTP ${status}`, retryAfterMs: result.retryAfterMs };
  if (status >= 300 && status < 400)
    return { outcome: 'failed', error: `HTTP ${status}: redirects are not followed` };
  return { outcome: 'failed', error: `HTTP ${status}` };
}

function referenceOf(body: string): string | null {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null) return null;
    const reference = (value as { reference?: unknown }).reference;
    return typeof reference === 'string' && reference.length > 0 && reference.length <= MAX_REFERENCE
      ? reference
      : null;
  } catch {
    return null;
  }
}

export interface NextState {
  status: IssuanceStatus;
  nextAttemptAt: Date | null;
  lastError: string | null;
  deliveredAt: Date | null;
  reference: string | null;
}

/** The row after attempt number `attempts` (counted from 1) ended with `verdict` at `now`. */
export function nextState(verdict: Verdict, attempts: number, policy: RetryPolicy, now: Date): NextState {
  switch (verdict.outcome) {
    case 'delivered':
      return {
        status: 'delivered',
        nextAttemptAt: null,
        lastError: verdict.note,
        deliveredAt: now,
        reference: verdict.reference,
      };
    case 'failed':
      return {
        status: 'failed',
        nextAttemptAt: null,
        lastError: verdict.error,
        deliveredAt: null,
        reference: null,
      };
    case 'retry':
      if (attempts >= policy.maxAttempts)
        return {
          status: 'failed',
          nextAttemptAt: null,
          lastError: `${verdict.error}; gave up after ${attempts} attempts`,
          deliveredAt: null,
          reference: null,
        };
      return {
        status: 'pending',
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy, verdict.retryAfterMs)),
        lastError: verdict.error,
        deliveredAt: null,
        reference: null,
      };
  }
}
