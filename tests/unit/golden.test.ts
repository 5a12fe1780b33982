// Every case of tests/fixtures/mha-torch.json (PyTorch 1.13, float64, see
// mha-torch.README.md) must be reproduced to 1e-9: the output and each head's weights.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { multiHeadAttention } from '../../src/attention';
import { goldenCases, maxAbsDiff, weightsOf } from '../support/golden';

const cases = goldenCases();

describe('multiHeadAttention against PyTorch (float64)', () => {
  it('has the cases the fixture promises', () => expect(cases.length).toBeGreaterThanOrEqual(9));
  for (const c of cases) {
    it(`${c.name}: output and every head's weights to 1e-9`, () => {
      const trace = multiHeadAttention(new Matrix(c.x), weightsOf(c), { h: c.h, causal: c.causal, headMask: c.headMask });
      expect(maxAbsDiff(trace.output, c.expected.output)).toBeLessThan(1e-9);
      expect(trace.heads).toHaveLength(c.h);
      trace.heads.forEach((head, i) => expect(maxAbsDiff(head.weights, c.expected.attention[i])).toBeLessThan(1e-9));
    });
  }
});
