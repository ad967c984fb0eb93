import {
  accountAddressLimits,
  type FailureRecord,
  gateLogin,
  isForgotten,
  isUnderAttack,
  type LoginGate,
  loginThrottlePolicy,
  recordFailure,
  type ThrottleKind,
} from './login-throttle.rules.ts';

/**
 * The login throttle's state, kept in the server's memory: it is short-lived by nature (minutes), a restart
 * forgetting it costs an attacker's window at most, and a database row per failed attempt would let a stranger
 * make every login write. One instance per app (created by the accounts plugin); a deployment with several server
 * processes behind one address would need a shared store.
 */
export interface LoginThrottle {
  check(username: string, address: string, now: Date): LoginGate;
  /** Counts a failure on all three keys; returns the delays that this failure started. */
  fail(username: string, address: string, now: Date): ThrottleFailure;
  succeed(username: string, address: string, now: Date): void;
  list(now: Date): ThrottleEntry[];
}

export interface ThrottleFailure {
  accountFailures: number;
  accountAddressFailures: number;
  addressFailures: number;
  isUnderAttack: boolean;
  isKnownAddress: boolean;
  /** The delays set by this failure, if any (the audit records them). */
  started: { kind: ThrottleKind; until: Date }[];
}

export interface ThrottleEntry {
  kind: ThrottleKind | 'account';
  username: string | null;
  address: string | null;
  failures: number;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

// Caps so that a stranger spraying usernames or addresses cannot grow the maps without bound.
const MAX_RECORDS = 100_000;
const MAX_KNOWN_ADDRESSES = 20;
const KNOWN_ADDRESS_MS = 90 * 86_400_000;

function pairKey(username: string, address: string): string {
  return `${username}\u0000${address}`;
}

function capped(map: Map<string, FailureRecord>, now: Date): void {
  if (map.size < MAX_RECORDS) return;
  for (const [key, record] of map) if (isForgotten(record, now)) map.delete(key);
  // Still full: drop the oldest entries (a Map iterates in insertion order).
  for (const key of map.keys()) {
    if (map.size < MAX_RECORDS * 0.9) break;
    map.delete(key);
  }
}

export function createLoginThrottle(): LoginThrottle {
  const byAddress = new Map<string, FailureRecord>();
  const byPair = new Map<string, FailureRecord>();
  const byAccount = new Map<string, FailureRecord>();
  const knownAddresses = new Map<string, Map<string, Date>>();

  const isKnown = (username: string, address: string, now: Date) => {
    const seen = knownAddresses.get(username)?.get(address);
    return seen !== undefined && now.getTime() - seen.getTime() < KNOWN_ADDRESS_MS;
  };

  const put = (map: Map<string, FailureRecord>, key: string, record: FailureRecord, now: Date) => {
    map.delete(key);
    capped(map, now);
    map.set(key, record);
  };

  return {
    check(username, address, now) {
      return gateLogin(
        { address: byAddress.get(address), accountAddress: byPair.get(pairKey(username, address)) },
        now,
      );
    },

    fail(username, address, now) {
      const account = byAccount.get(username);
      const isKnownAddress = isKnown(username, address, now);
      const pairLimits = accountAddressLimits(account, isKnownAddress, now);
      const pair = recordFailure(byPair.get(pairKey(username, address)), now, pairLimits);
      const addr = recordFailure(byAddress.get(address), now, loginThrottlePolicy.address);
      const acct = recordFailure(account, now, {
        freeFailures: Number.POSITIVE_INFINITY,
        firstDelayMs: 0,
        maxDelayMs: 0,
      });
      put(byPair, pairKey(username, address), pair, now);
      put(byAddress, address, addr, now);
      put(byAccount, username, acct, now);
      const started: ThrottleFailure['started'] = [];
      if (addr.lockedUntil) started.push({ kind: 'address', until: addr.lockedUntil });
      if (pair.lockedUntil) started.push({ kind: 'account-address', until: pair.lockedUntil });
      return {
        accountFailures: acct.failures,
        accountAddressFailures: pair.failures,
        addressFailures: addr.failures,
        isUnderAttack: isUnderAttack(acct, now),
        isKnownAddress,
        started,
      };
    },

    succeed(username, address, now) {
      // The address's own count stays: logging in to one's own account must not reset a spraying address.
      byPair.delete(pairKey(username, address));
      const known = knownAddresses.get(username) ?? new Map<string, Date>();
      known.delete(address);
      known.set(address, now);
      for (const key of known.keys()) {
        if (known.size <= MAX_KNOWN_ADDRESSES) break;
        known.delete(key);
      }
      knownAddresses.delete(username);
      if (knownAddresses.size >= MAX_RECORDS) {
        const oldest = knownAddresses.keys().next();
        if (!oldest.done) knownAddresses.delete(oldest.value);
      }
      knownAddresses.set(username, known);
    },

    list(now) {
      const entries: ThrottleEntry[] = [];
      for (const [address, r] of byAddress) {
        if (!isForgotten(r, now)) entries.push({ kind: 'address', username: null, address, ...r });
      }
      for (const [key, r] of byPair) {
        if (isForgotten(r, now)) continue;
        const [username = '', address = ''] = key.split('\u0000');
        entries.push({ kind: 'account-address', username, address, ...r });
      }
      for (const [username, r] of byAccount) {
        if (!isForgotten(r, now)) entries.push({ kind: 'account', username, address: null, ...r });
      }
      return entries.sort((a, b) => b.lastFailureAt.getTime() - a.lastFailureAt.getTime());
    },
  };
}
