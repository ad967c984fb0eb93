import type { FastifyRateLimitOptions, FastifyRateLimitStore } from '@fastify/rate-limit';
import type { SharedCounters } from './limits.model.ts';

type Result = { current: number; ttl: number };

/**
 * `@fastify/rate-limit`'s store over the shared counters, so the per-address limits of every route hold across API
 * processes (issue 16 §4). Keys are namespaced per route, as the plugin's own Redis store does.
 */
export function rateLimitStore(counters: SharedCounters, now: () => number = Date.now) {
  class SharedStore implements FastifyRateLimitStore {
    constructor(
      _options?: FastifyRateLimitOptions,
      private readonly prefix = 'rl:',
    ) {}

    incr(key: string, callback: (error: Error | null, result?: Result) => void, timeWindow: number): void {
      const at = now();
      counters.hit(this.prefix + key, timeWindow, at).then(
        ({ count, resetAt }) => callback(null, { current: count, ttl: Math.max(0, resetAt - at) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(routeOptions: { routeInfo?: { method?: string; url?: string }; method?: unknown; url?: unknown }) {
      const info = routeOptions.routeInfo ?? {};
      return new SharedStore(
        undefined,
        `${this.prefix}${String(info.method ?? routeOptions.method)}${String(info.url ?? routeOptions.url)}-`,
      );
    }
  }
  return SharedStore;
}
