import type { SharedCounters } from './limits.model.ts';

/**
 * One process's counters, bounded: a flood of distinct keys or challenge ids evicts the least recently used, so it
 * cannot exhaust memory (what is evicted is forgotten: a limit restarts, a challenge could be spent once more —
 * which costs a scraper no less than a fresh one).
 */
export function createMemoryCounters(maxKeys = 100_000): SharedCounters {
  const windows = new Map<string, { count: number; resetAt: number }>();
  const spent = new Map<string, number>();
  const bound = <V>(map: Map<string, V>) => {
    if (map.size <= maxKeys) return;
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  };
  return {
    async hit(key, windowMs, now) {
      const current = windows.get(key);
      const next =
        current && current.resetAt > now
          ? { count: current.count + 1, resetAt: current.resetAt }
          : { count: 1, resetAt: now + windowMs };
      windows.delete(key); // re-insert: Map order is insertion order, so the first key is the least recently used
      windows.set(key, next);
      bound(windows);
      return next;
    },
    async spend(id, expiresAt, now) {
      for (const [k, until] of spent) {
        if (until > now) break; // ids go in roughly in expiry order; the first live one stops the sweep
        spent.delete(k);
      }
      if (spent.has(id)) return false;
      spent.set(id, expiresAt);
      bound(spent);
      return true;
    },
  };
}
