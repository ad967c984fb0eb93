/** The clock is passed in, never read from `Date.now()` inside rules, so tests can fix time. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(iso: string): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at) };
}

/** Today as `YYYY-MM-DD` in China Standard Time, the civil date every certificate date refers to. */
export function todayInChina(clock: Clock): string {
  const shifted = new Date(clock.now().getTime() + 8 * 3600_000);
  return shifted.toISOString().slice(0, 10);
}
