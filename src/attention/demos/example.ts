import { Matrix } from 'ml-matrix';
import { hashString, mulberry32 } from '../random';
import { randomMatrix } from '../randomMatrix';
import { scaledDotProductAttention, type AttentionTrace } from '../scaledDotProduct';

/** Split a sentence into tokens at white space. */
export function tokenize(sentence: string): string[] {
  return sentence.trim().split(/\s+/).filter((t) => t.length > 0);
}

/**
 * Toy embeddings: each distinct word (case-insensitive) gets a fixed N(0, 1) vector
 * drawn from a generator seeded by the word and the seed, so "the" and "The" share a
 * vector and repeated words give repeated rows. No positions are added.
 *
 * @returns a new (n, dModel) matrix, one row per token.
 */
export function embedTokens(tokens: readonly string[], dModel: number, seed: number): Matrix {
  const x = new Matrix(tokens.length, dModel);
  tokens.forEach((token, i) => {
    const row = randomMatrix(1, dModel, mulberry32(hashString(token.toLowerCase()) ^ seed));
    x.setRow(i, row.getRow(0));
  });
  return x;
}

/** Options for {@link oneHeadExample}. */
export interface OneHeadOptions {
  tokens: readonly string[];
  /** Seed of the embeddings and projections. */
  seed: number;
  /** Width of the token vectors. Default 16. */
  dModel?: number;
  /** Width of queries and keys (and values) of the head. */
  dK: number;
  /** Divide the scores by √d_k. Default true. */
  scaled?: boolean;
  /**
   * Multiply the token vectors by this. Default 1. Scores grow with its square, so a
   * large factor shows what large logits do to the softmax.
   */
  xScale?: number;
}

/** Inputs, projections and the attention trace of one head on a sentence. */
export interface OneHeadExample extends AttentionTrace {
  x: Matrix;
  q: Matrix;
  k: Matrix;
  v: Matrix;
}

/**
 * One attention head on a sentence: embed the tokens, project with seeded
 * W_Q, W_K, W_V (entries N(0, 1/d_model), so q and k have unit-variance components),
 * then scaled dot-product attention.
 */
export function oneHeadExample({ tokens, seed, dModel = 16, dK, scaled = true, xScale = 1 }: OneHeadOptions): OneHeadExample {
  const x = Matrix.mul(embedTokens(tokens, dModel, seed), xScale);
  const rng = mulberry32(seed);
  const std = 1 / Math.sqrt(dModel);
  const wq = randomMatrix(dModel, dK, rng, std);
  const wk = randomMatrix(dModel, dK, rng, std);
  const wv = randomMatrix(dModel, dK, rng, std);
  const q = x.mmul(wq); // (n, dModel)·(dModel, dK) → (n, dK)
  const k = x.mmul(wk); // (n, dModel)·(dModel, dK) → (n, dK)
  const v = x.mmul(wv); // (n, dModel)·(dModel, dK) → (n, dK)
  return { x, q, k, v, ...scaledDotProductAttention(q, k, v, { scaled }) };
}
