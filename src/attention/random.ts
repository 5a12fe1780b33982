import { cosTurn, log } from './exactmath';

/** A seeded source of uniform numbers in [0, 1). */
export type Rng = () => number;

/**
 * Mulberry32: a small, fast seeded generator. The same seed gives the same
 * sequence in Node, in a Worker and in the page.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal samples by the Box–Muller transform. */
export function gaussian(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log is finite
  const v = rng();
  return Math.sqrt(-2 * log(u)) * cosTurn(v);
}

/** FNV-1a hash of a string, to seed per-token randomness (same word → same vector). */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
