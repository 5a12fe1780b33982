// The K/V cache of real models (src/lib/kvMemory.ts): the breakdown multiplies back to the
// whole, the numbers equal 2 · layers · kvHeads · d_head · bytes · tokens worked by hand from
// the sources' configurations, and the sweep over K/V heads is proportional to them.
import { describe, expect, it } from 'vitest';
import { kvCacheReport, kvReadSweep, PRECISIONS } from '../../src/lib/kvMemory';
import { decoderModels, modelById } from '../../src/lib/models';

describe('kvCacheReport', () => {
  it('Llama 2 70B in float16: 320 KiB per token, 1.25 GiB at its 4,096-token context, 8× that with 64 K/V heads', () => {
    const r = kvCacheReport(modelById('llama2-70b'), { tokens: 4096 });
    expect(r).toMatchObject({ layers: 80, h: 64, kvHeads: 8, groupSize: 8, dHead: 128, bytesPerValue: 2 });
    expect(r.perVector).toBe(128 * 2);
    expect(r.perHeadToken).toBe(2 * 128 * 2);
    expect(r.perLayerToken).toBe(2 * 8 * 128 * 2);
    expect(r.perToken).toBe(2 * 80 * 8 * 128 * 2); // 327,680 B = 320 KiB
    expect(r.perToken).toBe(320 * 1024);
    expect(r.context).toBe(1.25 * 1024 ** 3);
    expect(r.contextIfMha / r.context).toBe(8);
  });

  it('the breakdown multiplies back: vector × 2 × K/V heads × layers × tokens', () => {
    for (const m of decoderModels()) {
      for (const { bytes } of PRECISIONS) {
        const r = kvCacheReport(m, { tokens: 1000, bytesPerValue: bytes });
        expect(r.perHeadToken, m.id).toBe(2 * r.perVector);
        expect(r.perLayerToken, m.id).toBe(r.kvHeads * r.perHeadToken);
        expect(r.perToken, m.id).toBe(r.layers * r.perLayerToken);
        expect(r.context, m.id).toBe(1000 * r.perToken);
        expect(r.contextIfMha, m.id).toBe(r.groupSize * r.context);
      }
    }
  });

  it('uses the head width the source sets: Gemma 7B caches 256-wide heads, not 3072 / 16 = 192', () => {
    expect(kvCacheReport(modelById('gemma-7b'), { tokens: 1 }).perToken).toBe(2 * 28 * 16 * 256 * 2); // 448 KiB
    expect(kvCacheReport(modelById('gemma-2b'), { tokens: 8192 }).context).toBe(2 * 18 * 1 * 256 * 2 * 8192); // MQA: 144 MiB
    expect(kvCacheReport(modelById('gpt2-small'), { tokens: 1 }).perToken).toBe(36_864); // lesson 4's number
  });

  it('refuses a context that is not a whole number of tokens', () => {
    expect(() => kvCacheReport(modelById('gpt2-small'), { tokens: 0 })).toThrow(/tokens must be a whole number ≥ 1, got 0/);
    expect(() => kvReadSweep(modelById('gpt2-small'), { tokens: 1.5 })).toThrow(RangeError);
  });
});

describe('kvReadSweep', () => {
  it('runs over the divisors of h from MHA to MQA, proportional to the K/V heads, marking the model’s own', () => {
    const d = kvReadSweep(modelById('llama2-70b'), { tokens: 4096 });
    expect(d.rows.map((r) => r.name)).toEqual(['MHA', 'GQA-32', 'GQA-16', 'GQA-8', 'GQA-4', 'GQA-2', 'MQA']);
    expect(d.rows.filter((r) => r.isModel).map((r) => r.kvHeads)).toEqual([8]);
    const mqa = d.rows.at(-1)!.bytes;
    for (const r of d.rows) expect(r.bytes).toBe(r.kvHeads * mqa);
    expect(d.rows.find((r) => r.isModel)!.bytes).toBe(kvCacheReport(modelById('llama2-70b'), { tokens: 4096 }).context);
    expect(kvReadSweep(modelById('gpt2-small'), { tokens: 1024 }).rows.map((r) => r.kvHeads)).toEqual([12, 6, 4, 3, 2, 1]);
  });
});
