import type { Matrix } from 'ml-matrix';
import { multiHeadAttention, type MhaTrace, type MhaWeights } from '../multiHead';
import { initAttentionWeights } from '../variants';
import { embedTokens } from './example';

/** Options of {@link crossAttentionExample}. */
export interface CrossAttentionOptions {
  /** Tokens of the sequence the queries come from (a decoder's target so far). */
  queries: readonly string[];
  /** Tokens of the sequence the keys and values come from (an encoder's source). */
  keys: readonly string[];
  /** Seed of the embeddings and of W_Q, W_K, W_V, W_O. */
  seed: number;
  /** Width of the token vectors. Default 16. */
  dModel?: number;
  /** Heads. Default 4. */
  h?: number;
}

/** The inputs, the weights and everything multiHeadAttention computed. */
export interface CrossAttentionExample extends MhaTrace {
  /** (n_q, d_model) embeddings of the query tokens. */
  x: Matrix;
  /** (n_k, d_model) embeddings of the key/value tokens. */
  context: Matrix;
  weights: MhaWeights;
}

/**
 * Lesson 9's cross-attention on two sentences: seeded toy embeddings (no positions), seeded
 * untrained W_Q, W_K, W_V, W_O, then multiHeadAttention with the second sentence as the
 * context. Each head's map is n_q × n_k. The weights are random, so the maps show the shapes
 * and the mechanics, not a learned alignment.
 */
export function crossAttentionExample({ queries, keys, seed, dModel = 16, h = 4 }: CrossAttentionOptions): CrossAttentionExample {
  const x = embedTokens(queries, dModel, seed); // (n_q, dModel)
  const context = embedTokens(keys, dModel, seed); // (n_k, dModel)
  const weights = initAttentionWeights({ dModel, h, seed, bias: false });
  return { x, context, weights, ...multiHeadAttention(x, weights, { h, context }) };
}
