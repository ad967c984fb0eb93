/**
 * A counter of in-process writes to what a resolved policy is made of (published pack versions, province
 * designations). The public evaluate route caches resolved policies (issue 16 §6: two database round trips per
 * request through PGlite's one session); a write bumps the counter after it commits, so the next request
 * resolves afresh. Writes by other processes (another server on the same PostgreSQL) are picked up when the
 * cache entry's short lifetime ends.
 */
let generation = 0;

export function policyGeneration(): number {
  return generation;
}

/** Call after a transaction that publishes a pack version or changes a designation has committed. */
export function policyInputsChanged(): void {
  generation += 1;
}
