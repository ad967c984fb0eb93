import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accountAddressLimits,
  type FailureRecord,
  gateLogin,
  isForgotten,
  loginThrottlePolicy,
  recordFailure,
  type ThrottleLimits,
} from './login-throttle.rules.ts';

const now = new Date('2026-12-06T00:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms);

function failTimes(
  n: number,
  limits: ThrottleLimits = loginThrottlePolicy.accountAddress,
): FailureRecord | undefined {
  let record: FailureRecord | undefined;
  for (let i = 0; i < n; i++) record = recordFailure(record, now, limits);
  return record;
}

describe('recordFailure: growing delays after the free failures', () => {
  const cases: [failures: number, delayMs: number | null][] = [
    [1, null],
    [5, null],
    [6, 30_000],
    [7, 60_000],
    [8, 120_000],
    [20, 15 * 60_000],
  ];
  for (const [failures, delayMs] of cases) {
    it(`${failures} failures on (account, address) → ${delayMs === null ? 'no delay' : `${delayMs / 1000} s`}`, () => {
      const record = failTimes(failures);
      assert.equal(record?.failures, failures);
      assert.equal(record?.lockedUntil?.getTime() ?? null, delayMs === null ? null : now.getTime() + delayMs);
    });
  }
  it('an address gets ten free failures, then one minute', () => {
    assert.equal(failTimes(10, loginThrottlePolicy.address)?.lockedUntil, null);
    assert.deepEqual(failTimes(11, loginThrottlePolicy.address)?.lockedUntil, at(60_000));
  });
  it('forgets failures a quarter of an hour after the last one or after the delay ends', () => {
    const record = failTimes(6) as FailureRecord;
    assert.equal(isForgotten(record, at(30_000 + 15 * 60_000)), false);
    assert.equal(isForgotten(record, at(30_000 + 15 * 60_000 + 1)), true);
    assert.equal(
      recordFailure(record, at(30_000 + 15 * 60_000 + 1), loginThrottlePolicy.accountAddress).failures,
      1,
    );
  });
});

describe('accountAddressLimits: an account under attack slows only addresses new to it', () => {
  const attacked = failTimes(loginThrottlePolicy.accountUnderAttackFailures, {
    freeFailures: Number.POSITIVE_INFINITY,
    firstDelayMs: 0,
    maxDelayMs: 0,
  });
  const quiet = failTimes(3);
  const cases: [name: string, account: FailureRecord | undefined, isKnown: boolean, free: number][] = [
    ['no failures', undefined, false, 5],
    ['a few failures', quiet, false, 5],
    ['under attack, known address', attacked, true, 5],
    ['under attack, new address', attacked, false, 1],
  ];
  for (const [name, account, isKnown, free] of cases) {
    it(`${name} → ${free} free failures`, () => {
      assert.equal(accountAddressLimits(account, isKnown, now).freeFailures, free);
    });
  }
});

describe('gateLogin', () => {
  it('allows when no delay is in force, refuses with the seconds left otherwise, address first', () => {
    assert.deepEqual(gateLogin({ address: undefined, accountAddress: failTimes(5) }, now), { allowed: true });
    const pair = failTimes(6);
    const gate = gateLogin({ address: failTimes(3), accountAddress: pair }, at(10_000));
    assert.deepEqual(gate, {
      allowed: false,
      reason: 'account-address',
      until: at(30_000),
      retryAfterSeconds: 20,
    });
    const both = gateLogin(
      { address: failTimes(11, loginThrottlePolicy.address), accountAddress: pair },
      now,
    );
    assert.equal(both.allowed === false && both.reason, 'address');
    assert.deepEqual(gateLogin({ address: undefined, accountAddress: pair }, at(30_000)), { allowed: true });
  });
});
