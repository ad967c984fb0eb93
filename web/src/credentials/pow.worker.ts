import { solvePow } from './pow-solve';

/** Solves a proof-of-work off the main thread, reporting progress at most ten times a second. */
export interface PowRequest {
  challenge: string;
  bits: number;
}
export type PowMessage =
  | { type: 'progress'; hashes: number }
  | { type: 'done'; nonce: string; hashes: number; ms: number };

self.onmessage = async (event: MessageEvent<PowRequest>) => {
  const { challenge, bits } = event.data;
  const started = performance.now();
  let reported = started;
  const solution = await solvePow(challenge, bits, (hashes) => {
    const now = performance.now();
    if (now - reported < 100) return;
    reported = now;
    self.postMessage({ type: 'progress', hashes } satisfies PowMessage);
  });
  self.postMessage({ type: 'done', ...solution, ms: performance.now() - started } satisfies PowMessage);
};
