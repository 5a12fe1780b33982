import { kvCacheBytes } from '../../attention';
import type { KvCacheSize } from '../../attention/variants';
import { callReader, check, expectNumber, expectThrows } from './checks';
import type { CodingExercise, ReaderModule } from './types';

/** Run the reader's kvCacheBytes on `size` and compare with the course's, exactly. */
function compare(mod: ReaderModule, size: KvCacheSize): void {
  const got = callReader(mod, 'kvCacheBytes', [size], ['size']);
  expectNumber(got, kvCacheBytes(size), `kvCacheBytes(${JSON.stringify(size)})`);
}

export const kvCacheBytesExercise: CodingExercise = {
  id: 'kv-cache-bytes',
  lesson: '04-counting-parameters-and-cost',
  title: 'Bytes of the KV cache',
  task:
    'Write kvCacheBytes: the bytes a decoder keeps for the keys and values of every layer, for `tokens` tokens of `batch` sequences, ' +
    'with kvHeads K/V heads of width dHead per layer and bytesPerValue bytes per number (defaults: 2 bytes, 1 token, 1 sequence). ' +
    'Throw an error when a count is not a whole number ≥ 1 (tokens may be 0).',
  exports: ['kvCacheBytes'],
  course: { kvCacheBytes },
  starter: `/** Bytes of the key/value cache of a decoder. */
export function kvCacheBytes({ layers, kvHeads, dHead, bytesPerValue = 2, tokens = 1, batch = 1 }: {
  layers: number; kvHeads: number; dHead: number; bytesPerValue?: number; tokens?: number; batch?: number;
}): number {
  // TODO: per token, per layer, per K/V head: a key and a value of dHead numbers
  return 0;
}
`,
  hints: [
    'Each cached token stores, in every layer, one key and one value per K/V head: 2 · kvHeads · dHead numbers.',
    'Multiply by layers, bytes per number, tokens and batch.',
    'Multi-query attention (kvHeads = 1) divides the cache by h compared with multi-head attention (kvHeads = h).',
    'Validate before computing: Number.isInteger(x) && x >= 1 (tokens may be 0), and throw a RangeError naming the bad value.',
  ],
  solution: ['src/attention/variants.ts#wholeNumber', 'src/attention/variants.ts#kvCacheBytes'],
  checks: [
    check('defaults: one token, one sequence, 2 bytes (12 layers, 12 K/V heads of 64)', (mod) => compare(mod, { layers: 12, kvHeads: 12, dHead: 64 })),
    check('many tokens and sequences, float32 (32 layers, 32 heads of 128, 4096 tokens, batch 8)', (mod) => compare(mod, { layers: 32, kvHeads: 32, dHead: 128, bytesPerValue: 4, tokens: 4096, batch: 8 })),
    check('multi-query attention: one K/V head is h times smaller (24 layers, 16 → 1 heads of 64)', (mod) => {
      compare(mod, { layers: 24, kvHeads: 16, dHead: 64, tokens: 2048 });
      compare(mod, { layers: 24, kvHeads: 1, dHead: 64, tokens: 2048 });
    }),
    check('grouped-query attention, int8 (80 layers, 8 K/V heads of 128, 1 byte)', (mod) => compare(mod, { layers: 80, kvHeads: 8, dHead: 128, bytesPerValue: 1, tokens: 1000 })),
    check('zero tokens cache nothing', (mod) => compare(mod, { layers: 4, kvHeads: 2, dHead: 8, tokens: 0 })),
    check('throws for 0 K/V heads and for 1.5 layers', (mod) => {
      expectThrows(mod, 'kvCacheBytes', [{ layers: 4, kvHeads: 0, dHead: 8 }], 'kvHeads = 0');
      expectThrows(mod, 'kvCacheBytes', [{ layers: 1.5, kvHeads: 2, dHead: 8 }], 'layers = 1.5');
    }),
  ],
};
