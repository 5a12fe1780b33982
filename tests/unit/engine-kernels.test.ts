// The engine's product loop adds each entry's terms in ml-matrix's order, so its products
// equal the reference's bit for bit (this is what keeps the lab's results unchanged and
// Node equal to the Worker). Checked on shapes that exercise every remainder of the loop.
import { describe, expect, it } from 'vitest';
import { Matrix } from 'ml-matrix';
import { mulberry32, randomMatrix } from '../../src/attention';
import { mm, mmTAAdd, mmTBAdd, productAdd } from '../../src/training/engine';

const flat = (m: Matrix) => Float64Array.from(m.to1DArray());
const rng = mulberry32(5);
const shapes = [[1, 1, 1], [3, 5, 2], [4, 4, 4], [5, 7, 3], [9, 2, 6], [16, 64, 64], [7, 13, 11]];

describe('engine products', () => {
  for (const [m, k, p] of shapes) {
    it(`(${m}×${k})·(${k}×${p}): a·b, aᵀ·b and a·bᵀ equal mmul exactly`, () => {
      const a = randomMatrix(m, k, rng);
      const b = randomMatrix(k, p, rng);
      const out = new Float64Array(m * p);
      mm(out, flat(a), flat(b), m, k, p);
      expect(Array.from(out)).toEqual(a.mmul(b).to1DArray()); // (m, k)·(k, p)
      const aT = a.transpose(); // (k, m)
      const ta = new Float64Array(m * p);
      mmTAAdd(ta, flat(aT), flat(b), k, m, p);
      expect(Array.from(ta)).toEqual(aT.transpose().mmul(b).to1DArray());
      const bT = b.transpose(); // (p, k)
      const tb = new Float64Array(m * p);
      mmTBAdd(tb, flat(a), flat(bT), m, k, p);
      expect(Array.from(tb)).toEqual(a.mmul(bT.transpose()).to1DArray());
    });
  }
  it('productAdd reads blocks of wider matrices through offsets and strides, and adds into out', () => {
    const wide = randomMatrix(6, 10, rng); // take rows 1–4, columns 3–7 as A (4×5)
    const b = randomMatrix(5, 3, rng);
    const out = new Float64Array(4 * 3).fill(1);
    productAdd(out, 0, 3, flat(wide), 1 * 10 + 3, 10, 1, flat(b), 0, 3, 4, 5, 3);
    const want = Matrix.add(wide.subMatrix(1, 4, 3, 7).mmul(b), Matrix.ones(4, 3)).to1DArray();
    Array.from(out).forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-12));
  });
});
