/**
 * What a decoder's K/V cache holds, and what one decoding step reads from it, for the real
 * models of content/models.json. Every number comes from {@link kvCacheBytes} in
 * src/attention: 2 (K and V) · layers · K/V heads · head width · bytes per value, per token.
 * Lesson 9's calculator and chart read these; nothing here is typed in.
 */
import { kvCacheBytes } from '../attention';
import { headWidth, kvHeadsOf, type ModelConfig } from './models';

/** Bytes per stored number the calculator offers, and their names. */
export const PRECISIONS = [
  { bytes: 4, name: 'float32' },
  { bytes: 2, name: 'float16 / bfloat16' },
  { bytes: 1, name: 'int8' },
] as const;

/** Options of {@link kvCacheReport} and {@link kvReadSweep}. */
export interface KvMemoryOptions {
  /** Tokens in the cache (the context so far). */
  tokens: number;
  /** Bytes per stored number. Default 2 (float16 or bfloat16). */
  bytesPerValue?: number;
}

/** One model's K/V cache, from one number up to the whole context. */
export interface KvCacheReport {
  layers: number;
  /** Query heads. */
  h: number;
  /** K/V heads per layer (h for multi-head attention, 1 for multi-query). */
  kvHeads: number;
  /** Query heads that share each K/V head, h / kvHeads. */
  groupSize: number;
  /** Width of one key (and one value) vector. */
  dHead: number;
  bytesPerValue: number;
  tokens: number;
  /** One key vector of one head of one layer: dHead · bytes. */
  perVector: number;
  /** One K/V head of one layer, key and value, for one token: 2 · dHead · bytes. */
  perHeadToken: number;
  /** One layer, every K/V head, one token: 2 · kvHeads · dHead · bytes. */
  perLayerToken: number;
  /** The whole model, one token: 2 · layers · kvHeads · dHead · bytes. */
  perToken: number;
  /** The whole model, `tokens` tokens: what one decoding step reads at this context. */
  context: number;
  /** The same model with h K/V heads (multi-head attention), for comparison. */
  contextIfMha: number;
}

function checkTokens(tokens: number): void {
  if (!Number.isInteger(tokens) || tokens < 1) throw new RangeError(`tokens must be a whole number ≥ 1, got ${tokens}`);
}

/**
 * The K/V cache of a model at a context length, broken down per vector, per head, per
 * layer and per token. Layers are the model's attention layers (decoder-only models cache
 * every one).
 *
 * @throws RangeError when tokens is not a whole number ≥ 1, or bytesPerValue is not whole.
 */
export function kvCacheReport(model: ModelConfig, { tokens, bytesPerValue = 2 }: KvMemoryOptions): KvCacheReport {
  checkTokens(tokens);
  const layers = model.attentionLayers;
  const kvHeads = kvHeadsOf(model);
  const dHead = headWidth(model);
  const perToken = kvCacheBytes({ layers, kvHeads, dHead, bytesPerValue });
  return {
    layers, h: model.h, kvHeads, groupSize: model.h / kvHeads, dHead, bytesPerValue, tokens,
    perVector: dHead * bytesPerValue,
    perHeadToken: kvCacheBytes({ layers: 1, kvHeads: 1, dHead, bytesPerValue }),
    perLayerToken: kvCacheBytes({ layers: 1, kvHeads, dHead, bytesPerValue }),
    perToken,
    context: kvCacheBytes({ layers, kvHeads, dHead, bytesPerValue, tokens }),
    contextIfMha: kvCacheBytes({ layers, kvHeads: model.h, dHead, bytesPerValue, tokens }),
  };
}

/** One bar of {@link kvReadSweep}: a way of sharing K/V heads. */
export interface KvReadRow {
  kvHeads: number;
  /** "MHA", "GQA-<kvHeads>" or "MQA". */
  name: string;
  /** Bytes of K and V one decoding step reads at this context, all layers. */
  bytes: number;
  /** The model's own configuration. */
  isModel: boolean;
}

/** What {@link kvReadSweep} returns: the bars and what they were computed for. */
export interface KvReadData {
  model: string;
  tokens: number;
  bytesPerValue: number;
  /** From h K/V heads (MHA) down to 1 (MQA), over the divisors of h. */
  rows: KvReadRow[];
}

/**
 * Bytes of the K/V cache that one decoding step reads, at a context of `tokens`, for every
 * way of sharing K/V heads the model's h allows: every layer's new query must be scored
 * against every cached key and mix every cached value, so the step reads the whole cache
 * (Shazeer 2019). Layers, head width and precision stay the model's; only the K/V heads vary.
 */
export function kvReadSweep(model: ModelConfig, { tokens, bytesPerValue = 2 }: KvMemoryOptions): KvReadData {
  checkTokens(tokens);
  const own = kvHeadsOf(model);
  const dHead = headWidth(model);
  const rows: KvReadRow[] = [];
  for (let kvHeads = model.h; kvHeads >= 1; kvHeads--) {
    if (model.h % kvHeads !== 0) continue;
    rows.push({
      kvHeads,
      name: kvHeads === model.h ? 'MHA' : kvHeads === 1 ? 'MQA' : `GQA-${kvHeads}`,
      bytes: kvCacheBytes({ layers: model.attentionLayers, kvHeads, dHead, bytesPerValue, tokens }),
      isModel: kvHeads === own,
    });
  }
  return { model: model.name, tokens, bytesPerValue, rows };
}
