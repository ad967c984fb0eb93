/**
 * A sliding-window limit per queried identifier (issue 5 §1): rotating client addresses must not let a scraper
 * probe one person's ID number without end. Keys are blind-index hashes, never the identifiers themselves; the
 * map is bounded (oldest keys evicted first) so a flood of distinct identifiers cannot exhaust memory.
 */
export interface IdentifierLimiter {
  /** Records a hit; returns the seconds to wait when over the limit, else null. */
  hit(key: string, now: number): number | null;
}

export function createIdentifierLimiter(max: number, windowMs: number, maxKeys = 100_000): IdentifierLimiter {
  const hits = new Map<string, number[]>();
  return {
    hit(key, now) {
      const recent = (hits.get(key) ?? []).filter((t) => now - t < windowMs);
      if (recent.length >= max) {
        hits.set(key, recent);
        return Math.ceil((windowMs - (now - (recent[0] ?? now))) / 1000);
      }
      recent.push(now);
      hits.delete(key); // re-insert: Map order is insertion order, so the first key is the least recently used
      hits.set(key, recent);
      if (hits.size > maxKeys) {
        const oldest = hits.keys().next().value;
        if (oldest !== undefined) hits.delete(oldest);
      }
      return null;
    },
  };
}
