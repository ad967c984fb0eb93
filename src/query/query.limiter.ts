import { createMemoryCounters } from '../limits/limits.memory.ts';
import type { SharedCounters } from '../limits/limits.model.ts';

/**
 * A limit per queried identifier (issue 5 §1): rotating client addresses must not let a scraper probe one person's
 * ID number without end. Keys are blind-index hashes, never the identifiers themselves. A fixed window per key in
 * the shared counters (issue 16 §4), so the limit holds across API processes; in memory they are bounded.
 */
export interface IdentifierLimiter {
  /** Records a hit; resolves to the seconds to wait when over the limit, else null. */
  hit(key: string, now: number): Promise<number | null>;
}

export function createIdentifierLimiter(
  max: number,
  windowMs: number,
  counters: SharedCounters = createMemoryCounters(),
  namespace = 'id:',
): IdentifierLimiter {
  return {
    async hit(key, now) {
      const { count, resetAt } = await counters.hit(namespace + key, windowMs, now);
      return count > max ? Math.max(1, Math.ceil((resetAt - now) / 1000)) : null;
    },
  };
}
