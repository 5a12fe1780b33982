// Lesson 9's exercises and numbers: every numeric answer is what the code computes from the
// models' configurations (content/models.json) or from the core functions, and every <Num>
// the lesson and its exercises quote exists in the registry.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Matrix } from 'ml-matrix';
import { onlineSoftmaxTrace } from '../../src/attention';
import { kvCacheReport } from '../../src/lib/kvMemory';
import { modelById } from '../../src/lib/models';
import { numbers } from '../../src/build/figures';
import { generatingNumbers } from '../../src/build/figures/generating';

const lesson = readFileSync('lessons/09-attention-while-generating.mdx', 'utf8');
const exercises = readFileSync('content/exercises/09-attention-while-generating.mdx', 'utf8');
const answer = (id: string) => {
  const match = exercises.match(new RegExp(`<Exercise id="${id}"[^>]*answer=\\{([\\d.]+)\\}`));
  expect(match, `numeric exercise ${id}`).not.toBeNull();
  return Number(match![1]);
};

describe('lesson 9 exercises', () => {
  it('K/V-cache answers are what kvCacheReport computes from content/models.json', () => {
    const llama = kvCacheReport(modelById('llama2-70b'), { tokens: 4096, bytesPerValue: 2 });
    expect(answer('l9-kv-token')).toBe(llama.perToken);
    expect(answer('l9-gqa-ratio')).toBe(llama.contextIfMha / llama.context);
    const gemma = kvCacheReport(modelById('gemma-7b'), { tokens: 8192, bytesPerValue: 2 });
    expect(answer('l9-gemma-context')).toBe(gemma.context / 2 ** 30);
    expect(exercises).toContain('Gemma 7B has 28 layers and 16 K/V heads of width 256');
    expect([gemma.layers, gemma.kvHeads, gemma.dHead]).toEqual([28, 16, 256]);
  });

  it('the online-softmax answer is the running sum onlineSoftmaxTrace keeps after the second tile', () => {
    // one query whose scaled scores are [1, 3, 5]: q = [1], keys [1], [3], [5] (d_k = 1, so no scaling)
    const { steps } = onlineSoftmaxTrace(new Matrix([[1]]), new Matrix([[1], [3], [5]]), new Matrix([[0], [0], [0]]), { tileSize: 2 });
    expect(steps.map((s) => s.mAfter[0])).toEqual([3, 5]);
    expect(Math.abs(steps[1].lAfter[0] - answer('l9-online'))).toBeLessThan(0.0005);
    expect(steps[1].lAfter[0]).toBeCloseTo(Math.exp(-4) + Math.exp(-2) + 1, 12);
  });

  it('the cross-attention answer is h · n_q · n_k', () => {
    expect(answer('l9-cross-entries')).toBe(8 * 7 * 12);
  });

  it('every number the lesson quotes exists, and the running example reads from content/models.json', () => {
    const ids = [...(lesson + exercises).matchAll(/<Num id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(Object.keys(numbers), id).toContain(id);
    expect(generatingNumbers['gen.model.token']()).toBe('320 KiB');
    expect(generatingNumbers['gen.model.full']()).toBe('1.25 GiB');
    expect(generatingNumbers['gen.model.intensity']()).toBe('8'); // 2h / (kvHeads · bytes) = 128 / 16
    expect(generatingNumbers['gen.model.intensityMha']()).toBe('1');
  });
});
