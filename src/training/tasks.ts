import { mulberry32, type Rng } from '../attention';

/** One sequence and what the model should predict at each position (-1: not scored). */
export interface Example {
  tokens: number[];
  targets: number[];
}

/** A synthetic sequence task, deterministic from a seed. */
export interface Task {
  name: string;
  /** One sentence for the page. */
  description: string;
  vocab: number;
  seqLen: number;
  /** Draw one example. */
  sample(rng: Rng): Example;
}

/**
 * "Previous minus first": at every position i ≥ 1 the answer is (x[i−1] − x[0]) mod V.
 * Each answer needs two different positions at once (the previous token and the first
 * token), and in order: a blend of the two that forgets which is which cannot tell
 * a − b from b − a.
 */
export function previousMinusFirst({ vocab = 7, seqLen = 8 } = {}): Task {
  return {
    name: 'previous-minus-first',
    description: `Tokens are 0–${vocab - 1}. At every position after the first, predict (previous token − first token) mod ${vocab}.`,
    vocab,
    seqLen,
    sample(rng) {
      const tokens = Array.from({ length: seqLen }, () => Math.floor(rng() * vocab));
      const targets = tokens.map((_, i) => (i === 0 ? -1 : (((tokens[i - 1] - tokens[0]) % vocab) + vocab) % vocab));
      return { tokens, targets };
    },
  };
}

/** A fixed set of examples from a seed (the test set, or a batch). */
export function dataset(task: Task, size: number, seed: number): Example[] {
  const rng = mulberry32(seed);
  return Array.from({ length: size }, () => task.sample(rng));
}


/** Targets of a given token sequence under the task's rule. */
export function targetsFor(task: Task, tokens: readonly number[]): number[] {
  if (task.name === 'previous-minus-first') {
    return tokens.map((_, i) => (i === 0 ? -1 : (((tokens[i - 1] - tokens[0]) % task.vocab) + task.vocab) % task.vocab));
  }
  throw new Error(`no rule for task ${task.name}`);
}
