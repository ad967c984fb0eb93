import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

/**
 * A package loaded on first use instead of at start-up (issue 16 §6: start-up < 1.5 s): for the ones only some
 * requests or some configurations need (QR codes, SMTP, SM2, QTI files). Synchronous, so callers stay as they are.
 */
export function onFirstUse<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => {
    loaded ??= load(name) as T;
    return loaded;
  };
}
