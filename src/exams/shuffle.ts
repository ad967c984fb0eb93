/**
 * Stable per-candidate shuffling (issue 7 §2: "each candidate's item and option order shuffled and stable across
 * reloads"). Pure and deterministic: the seed (e.g. the attempt's stored seed, or an HMAC of the registration id)
 * is hashed with SHA-256 into the state of sfc32, a small seeded PRNG, and Fisher–Yates permutes with it. Each
 * item's options draw from their own stream (seed + item id), so an item's option order does not depend on which
 * other items the paper holds.
 */
import { createHash } from 'node:crypto';

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 32-bit state words from SHA-256 of the key. */
export function seededRandom(key: string): () => number {
  const digest = createHash('sha256').update(key, 'utf8').digest();
  let a = digest.readUInt32LE(0);
  let b = digest.readUInt32LE(4);
  let c = digest.readUInt32LE(8);
  let d = digest.readUInt32LE(12);
  return () => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A Fisher–Yates permutation of a copy of `values`. */
export function shuffled<T>(values: readonly T[], random: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

export interface ShuffledPaper {
  order: string[];
  options: Record<string, string[]>;
}

export function shuffledPaper(
  seed: string,
  items: readonly { itemId: string; options: readonly { id: string }[] }[],
): ShuffledPaper {
  const order = shuffled(
    items.map((i) => i.itemId),
    seededRandom(`items:${seed}`),
  );
  const options: Record<string, string[]> = {};
  for (const item of items)
    options[item.itemId] = shuffled(
      item.options.map((o) => o.id),
      seededRandom(`options:${seed}:${item.itemId}`),
    );
  return { order, options };
}
