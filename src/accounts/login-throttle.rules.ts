/**
 * Login throttling (issue 15 §7: no lock-out by strangers). Pure decisions over failure records; the clock is
 * passed in.
 *
 * Design: a failure is counted on three keys, and none of them can stop the real user's right password from an
 * address the attacker does not use.
 * - (account, address): five free failures, then a growing delay (30 s, 1 min, 2 min … 15 min) for that account
 *   from that address only — the right password from there is refused too, with 429 and Retry-After.
 * - address: ten free failures over any usernames, then a growing delay (1 min … 1 h) for every login from it —
 *   this stops one address from spraying many accounts.
 * - account: never refuses anything by itself. When an account has ten or more recent failures from all addresses,
 *   it is "under attack" and addresses that have not logged in to it before get one free failure instead of five,
 *   which slows a distributed guesser; a correct password from a new address still succeeds at once.
 * Unknown usernames are counted exactly like known ones, so the throttle does not reveal which accounts exist.
 */

export interface FailureRecord {
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export interface ThrottleLimits {
  /** Failures allowed before the first delay. */
  freeFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

export const loginThrottlePolicy = {
  /** A record is forgotten this long after its last failure or the end of its delay, whichever is later. */
  memoryMs: 15 * 60_000,
  accountAddress: { freeFailures: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  /** (account, address) limits for an address new to an account under attack. */
  accountAddressUnderAttack: { freeFailures: 1, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  address: { freeFailures: 10, firstDelayMs: 60_000, maxDelayMs: 60 * 60_000 },
  /** Recent failures (all addresses) from which an account counts as under attack. */
  accountUnderAttackFailures: 10,
} as const;

export function isForgotten(
  record: FailureRecord,
  now: Date,
  memoryMs = loginThrottlePolicy.memoryMs,
): boolean {
  const since = Math.max(record.lastFailureAt.getTime(), record.lockedUntil?.getTime() ?? 0);
  return now.getTime() - since > memoryMs;
}

/** The record after one more failure; from the (free + 1)-th failure on each failure doubles the delay. */
export function recordFailure(
  record: FailureRecord | undefined,
  now: Date,
  limits: ThrottleLimits,
): FailureRecord {
  const failures = (record && !isForgotten(record, now) ? record.failures : 0) + 1;
  const over = failures - limits.freeFailures - 1;
  const delayMs = over >= 0 ? Math.min(limits.firstDelayMs * 2 ** over, limits.maxDelayMs) : null;
  return {
    failures,
    lastFailureAt: now,
    lockedUntil: delayMs === null ? null : new Date(now.getTime() + delayMs),
  };
}

export function isUnderAttack(account: FailureRecord | undefined, now: Date): boolean {
  return (
    account !== undefined &&
    !isForgotten(account, now) &&
    account.failures >= loginThrottlePolicy.accountUnderAttackFailures
  );
}

/** The (account, address) limits: stricter only for an address new to an account under attack. */
export function accountAddressLimits(
  account: FailureRecord | undefined,
  isKnownAddress: boolean,
  now: Date,
): ThrottleLimits {
  return isUnderAttack(account, now) && !isKnownAddress
    ? loginThrottlePolicy.accountAddressUnderAttack
    : loginThrottlePolicy.accountAddress;
}

export type ThrottleKind = 'address' | 'account-address';

export type LoginGate =
  | { allowed: true }
  | { allowed: false; reason: ThrottleKind; until: Date; retryAfterSeconds: number };

/** Whether a login attempt may go on to the password check; the address delay is checked first. */
export function gateLogin(
  records: { address: FailureRecord | undefined; accountAddress: FailureRecord | undefined },
  now: Date,
): LoginGate {
  for (const [reason, record] of [
    ['address', records.address],
    ['account-address', records.accountAddress],
  ] as const) {
    if (record?.lockedUntil && record.lockedUntil > now) {
      return {
        allowed: false,
        reason,
        until: record.lockedUntil,
        retryAfterSeconds: Math.max(1, Math.ceil((record.lockedUntil.getTime() - now.getTime()) / 1000)),
      };
    }
  }
  return { allowed: true };
}
