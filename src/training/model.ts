/**
 * The lab's model: its configuration, seeded initial parameters and, from the training
 * engine (./engine), its forward and backward passes. The parameters are the typed
 * structure of ./params.ts.
 */
import type { Matrix } from 'ml-matrix';
import { gaussian, headDim, mulberry32, type MhaWeights } from '../attention';
import { allocateParams, toMatrix, type ModelParams } from './params';
import type { EngineConfig } from './engine';

export { forward, backward, fullMask, type HeadMask, type ForwardResult, type ModelGradients, type LayerCache } from './engine';

/** Size of the lab's model. */
export interface ModelConfig extends EngineConfig {
  /** Number of distinct tokens. */
  vocab: number;
  /** Tokens per sequence (learned position embeddings for each). */
  seqLen: number;
  dModel: number;
  /** Heads per attention layer; must divide dModel (the course's convention d_k = d_model / h). */
  h: number;
  /** Attention layers (each: attention + residual, then MLP + residual). */
  layers: number;
  /** Hidden width of each layer's MLP; 0 for no MLP. */
  dHidden: number;
  /** Attend only to earlier positions. */
  causal: boolean;
}

/** Check a configuration, with messages that say what would work. */
export function checkConfig(c: ModelConfig): void {
  for (const [name, v] of Object.entries({ vocab: c.vocab, seqLen: c.seqLen, dModel: c.dModel, h: c.h, layers: c.layers })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive whole number, got ${v}`);
  }
  if (!Number.isInteger(c.dHidden) || c.dHidden < 0) throw new RangeError(`dHidden must be 0 (no MLP) or a positive whole number, got ${c.dHidden}`);
  headDim(c.dModel, c.h);
}

/**
 * Seeded initial parameters: N(0, 1/fan_in) weights, zero biases, N(0, 0.5²) embeddings,
 * drawn in storage order from one generator.
 */
export function initParams(c: ModelConfig, seed: number): ModelParams {
  checkConfig(c);
  const rng = mulberry32(seed);
  const p = allocateParams(c);
  const fill = (data: Float64Array, std: number) => { for (let i = 0; i < data.length; i++) data[i] = std * gaussian(rng); };
  fill(p.tokenEmbedding.data, 0.5);
  fill(p.positionEmbedding.data, 0.5);
  for (const layer of p.layers) {
    for (const w of [layer.wq, layer.wk, layer.wv, layer.wo]) fill(w.data, 1 / Math.sqrt(c.dModel));
    if (layer.mlp) {
      fill(layer.mlp.w1.data, 1 / Math.sqrt(c.dModel));
      fill(layer.mlp.w2.data, 1 / Math.sqrt(c.dHidden));
    }
  }
  fill(p.readout.w.data, 1 / Math.sqrt(c.dModel));
  return p;
}

/** Attention weights of layer l as ml-matrix copies, as `multiHeadAttention` takes them. */
export function layerWeights(p: ModelParams, l: number): MhaWeights {
  const layer = p.layers[l];
  const [wq, wk, wv, wo]: Matrix[] = [layer.wq, layer.wk, layer.wv, layer.wo].map(toMatrix);
  return { wq, wk, wv, wo };
}
