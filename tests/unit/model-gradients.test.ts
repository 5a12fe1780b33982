// The lab model on the training engine: its backward pass against central finite
// differences, and its forward pass against the plain ml-matrix reference.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { multiHeadAttention } from '../../src/attention';
import { backward, crossEntropy, forward, initParams, layerWeights, namedWeights, toMatrix, type ModelConfig, type ModelParams } from '../../src/training';

const config: ModelConfig = { vocab: 5, seqLen: 6, dModel: 8, h: 2, layers: 2, dHidden: 12, causal: true };
const tokens = [1, 4, 0, 2, 2, 3];
const targets = [-1, 3, 1, 0, 4, 2];
const tokens2 = [3, 3, 1, 0, 4, 2];
const targets2 = [-1, 0, 0, 2, 1, 1];

function lossOf(p: ModelParams, mask = [[1, 1], [1, 0.5]]) {
  return crossEntropy(forward(p, config, [tokens, tokens2], mask).logits, config.vocab, [...targets, ...targets2]).loss;
}

/** The model on one sequence, composed from the reference functions of src/attention and plain ml-matrix. */
function referenceLogits(p: ModelParams, c: ModelConfig, seq: readonly number[], mask: number[][]): Matrix {
  const E = toMatrix(p.tokenEmbedding);
  const P = toMatrix(p.positionEmbedding);
  let x = new Matrix(seq.map((t, i) => E.getRow(t).map((v, j) => v + P.get(i, j))));
  p.layers.forEach((layer, l) => {
    x = Matrix.add(x, multiHeadAttention(x, layerWeights(p, l), { h: c.h, causal: c.causal, headMask: mask[l] }).output);
    if (layer.mlp) {
      const hidden = x.mmul(toMatrix(layer.mlp.w1)).addRowVector(Array.from(layer.mlp.b1.data)); // (n, dModel)·(dModel, dHidden)
      const relu = hidden.apply((i, j) => hidden.set(i, j, Math.max(0, hidden.get(i, j))));
      x = Matrix.add(x, relu.mmul(toMatrix(layer.mlp.w2)).addRowVector(Array.from(layer.mlp.b2.data))); // (n, dHidden)·(dHidden, dModel)
    }
  });
  return x.mmul(toMatrix(p.readout.w)).addRowVector(Array.from(p.readout.b.data)); // (n, dModel)·(dModel, vocab)
}

describe('model backward pass', () => {
  it('matches finite differences for every matrix (sampled entries) and every ξ, on a packed batch of two', () => {
    const p = initParams(config, 7);
    const mask = [[1, 1], [1, 0.5]];
    const f = forward(p, config, [tokens, tokens2], mask);
    const { dLogits } = crossEntropy(f.logits, config.vocab, [...targets, ...targets2]);
    const g = backward(p, config, f, dLogits);
    const grads = new Map(namedWeights(g.params));
    const eps = 1e-6;
    for (const [name, w] of namedWeights(p)) {
      for (const [i, j] of [[0, 0], [w.rows - 1, w.columns - 1], [Math.floor(w.rows / 2), Math.floor(w.columns / 3)]]) {
        const k = i * w.columns + j;
        const old = w.data[k];
        w.data[k] = old + eps;
        const up = lossOf(p, mask);
        w.data[k] = old - eps;
        const down = lossOf(p, mask);
        w.data[k] = old;
        const numeric = (up - down) / (2 * eps);
        expect(Math.abs(grads.get(name)!.data[k] - numeric), `${name}[${i},${j}]`).toBeLessThan(1e-6);
      }
    }
    for (let l = 0; l < 2; l++) {
      for (let h = 0; h < 2; h++) {
        const up = mask.map((r) => [...r]);
        up[l][h] += eps;
        const down = mask.map((r) => [...r]);
        down[l][h] -= eps;
        const numeric = (lossOf(p, up) - lossOf(p, down)) / (2 * eps);
        expect(Math.abs(g.headMask[l][h] - numeric), `ξ[${l}][${h}]`).toBeLessThan(1e-6);
      }
    }
  });
  it('refuses a configuration whose h does not divide d_model', () => {
    expect(() => initParams({ ...config, h: 3 }, 1)).toThrow(/dModel \(8\) must be divisible by h \(3\)/);
  });
});

describe('forward pass on the engine', () => {
  it('equals the model composed from the reference functions, sequence by sequence (≤ 1e-10)', () => {
    for (const c of [config, { ...config, layers: 1, dHidden: 0, causal: false, h: 4 }, { ...config, h: 1 }, { ...config, h: 8 }]) {
      const p = initParams(c, 11);
      const mask = Array.from({ length: c.layers }, (_, l) => Array.from({ length: c.h }, (_, hd) => (hd + l) % 3 === 1 ? 0 : 1));
      const both = forward(p, c, [tokens, tokens2], mask).logits;
      [tokens, tokens2].forEach((seq, b) => {
        const ref = referenceLogits(p, c, seq, mask);
        for (let i = 0; i < seq.length; i++) for (let j = 0; j < c.vocab; j++) {
          expect(Math.abs(both[(b * seq.length + i) * c.vocab + j] - ref.get(i, j))).toBeLessThan(1e-10);
        }
      });
    }
  });
  it('a batch gives each sequence the logits it gets alone', () => {
    const p = initParams(config, 3);
    const both = forward(p, config, [tokens, tokens2]).logits;
    const one = forward(p, config, [tokens2]).logits;
    for (let k = 0; k < 6 * 5; k++) expect(Math.abs(both[6 * 5 + k] - one[k])).toBeLessThan(1e-12);
  });
  it('says what is wrong with a batch', () => {
    const p = initParams(config, 3);
    expect(() => forward(p, config, [])).toThrow(/the batch is empty/);
    expect(() => forward(p, config, [[1, 2], [1]])).toThrow(/every sequence of a batch must have 2 tokens/);
    expect(() => forward(p, config, [[1, 9]])).toThrow(/token 9 is outside the vocabulary 0–4/);
    expect(() => forward(p, config, [[1, 2]], [[1, 1]])).toThrow(/2 rows of 2 heads/);
  });
});
