// exp, log and cos(2πv) built from + − × ÷ only (src/attention/exactmath.ts): close to the
// engine's own functions, exact at the special values, and the same bits everywhere (the
// Worker test checks the last part by training the shipped model in Chromium).
import { describe, expect, it } from 'vitest';
import { cosTurn, exp, log, mulberry32 } from '../../src/attention';

const rng = mulberry32(5);
const ulps = (a: number, b: number) => Math.abs(a - b) / (Math.abs(b) * Number.EPSILON);

describe('exact elementary functions', () => {
  it('agree with Math.* to a few units in the last place', () => {
    let worst = { exp: 0, log: 0, cos: 0 };
    for (let i = 0; i < 20_000; i++) {
      const x = (rng() - 0.5) * 1400;
      worst.exp = Math.max(worst.exp, ulps(exp(x), Math.exp(x)));
      const y = Math.exp((rng() - 0.5) * 1400);
      worst.log = Math.max(worst.log, Math.abs(log(y) - Math.log(y)) / (Math.max(1, Math.abs(Math.log(y))) * Number.EPSILON));
      const v = rng();
      worst.cos = Math.max(worst.cos, Math.abs(cosTurn(v) - Math.cos(2 * Math.PI * v)) / Number.EPSILON);
    }
    expect(worst.exp).toBeLessThan(8);
    expect(worst.log).toBeLessThan(4);
    expect(worst.cos).toBeLessThan(8);
  });
  it('get the special values right', () => {
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(800)).toBe(Infinity);
    expect(exp(NaN)).toBeNaN();
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(log(5e-324)).toBeCloseTo(-744.44007192138, 9); // subnormal
    expect(cosTurn(0)).toBe(1);
    expect(cosTurn(0.5)).toBe(-1);
    expect(Math.abs(cosTurn(0.25))).toBeLessThan(1e-15);
  });
});
