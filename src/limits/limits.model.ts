/**
 * Counters that every API process shares (issue 16 §4): per-address and per-identifier limits and single-use
 * proof-of-work challenges must hold across processes and machines, or a scraper multiplies its allowance by the
 * number of processes behind the load balancer. Two implementations: PostgreSQL (unlogged tables, several processes)
 * and memory (the embedded store: one process per data directory, so memory is already exact).
 */
export interface SharedCounters {
  /** Counts one hit on `key` in its fixed window of `windowMs`: the hits so far and when the window ends (ms). */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
  /** Marks `id` used until `expiresAt` (ms); false when it was used already. */
  spend(id: string, expiresAt: number, now: number): Promise<boolean>;
}
