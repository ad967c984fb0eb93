import { ApiError } from '../api';
import { credentialApi } from '../credential-api';
import type { PowMessage, PowRequest } from './pow.worker';
import { solvePow } from './pow-solve';

/**
 * The proof-of-work the public query asks of anonymous callers (issue 5 §1): fetch a challenge, solve it in a Web
 * Worker so the page stays responsive, and hand back the `x-hutong-pow` header value. `onProgress` gets the
 * fraction of the expected work done (2^bits hashes on average), capped below 1.
 */
export type PowProgress = (fraction: number) => void;

function solveInWorker(task: PowRequest, onProgress: PowProgress): Promise<string> {
  const expected = 2 ** task.bits;
  if (typeof Worker === 'undefined')
    return solvePow(task.challenge, task.bits, (h) => onProgress(Math.min(0.95, h / expected))).then(
      (s) => s.nonce,
    );
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./pow.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<PowMessage>) => {
      const message = event.data;
      if (message.type === 'progress') {
        onProgress(Math.min(0.95, message.hashes / expected));
        return;
      }
      worker.terminate();
      onProgress(1);
      resolve(message.nonce);
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the security check could not run'));
    };
    worker.postMessage(task);
  });
}

/** The header value for one public request; null when the server asks for no challenge. */
export async function solveChallenge(onProgress: PowProgress): Promise<string | null> {
  let challenge: Awaited<ReturnType<typeof credentialApi.challenge>>;
  try {
    challenge = await credentialApi.challenge();
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
  if (challenge.bits <= 0) return `${challenge.challenge}:0`;
  const nonce = await solveInWorker({ challenge: challenge.challenge, bits: challenge.bits }, onProgress);
  return `${challenge.challenge}:${nonce}`;
}

/**
 * Runs a public call with a fresh solution. A challenge is single-use and lives five minutes, so a 428 (expired,
 * or spent by a retry) gets one more fresh challenge.
 */
export async function withChallenge<T>(
  call: (pow: string | null) => Promise<T>,
  onProgress: PowProgress,
): Promise<T> {
  try {
    return await call(await solveChallenge(onProgress));
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 428)) throw error;
    return call(await solveChallenge(onProgress));
  }
}
