/**
 * exp, log and cos(2πv) that give the same bits in every JavaScript engine.
 *
 * Why: `Math.exp`, `Math.log`, `Math.cos` and `**` are only required to be close to the
 * true value, and engines differ in the last bit (Node 20 and a 2026 Chromium do, for
 * all four). Training is chaotic: a one-bit difference in step 1 grows, and after a few
 * hundred steps the browser's model is not Node's. These versions use only +, −, ×, ÷
 * and comparisons, which IEEE 754 fixes exactly, so the same seed trains the same model
 * in Node, in a Worker and in the page. They are accurate to about one unit in the last
 * place, which is all softmax and cross-entropy need.
 */

const LN2_HI = 6.93147180369123816490e-01; // ln 2 rounded so that k · LN2_HI is exact for |k| < 2^11
const LN2_LO = 1.90821492927058770002e-10; // ln 2 − LN2_HI
const INV_LN2 = 1.44269504088896338700e+00;

const bits = new DataView(new ArrayBuffer(8));

/** 2^k for a whole k in [−1022, 1023], built from its bits (exact). */
function pow2(k: number): number {
  bits.setUint32(0, (k + 1023) << 20);
  bits.setUint32(4, 0);
  return bits.getFloat64(0);
}

/** e^x. */
export function exp(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x > 709.78) return Infinity;
  if (x < -745.2) return 0;
  // x = k·ln 2 + r with |r| ≤ ln 2 / 2; r is computed in two parts so it stays exact.
  const k = Math.round(x * INV_LN2);
  const r = x - k * LN2_HI - k * LN2_LO;
  // e^r by its Taylor series: |r| ≤ 0.347, so 17 terms reach below 2^−53.
  let sum = 1;
  let term = 1;
  for (let i = 1; i <= 17; i++) {
    term = (term * r) / i;
    sum += term;
  }
  // Scale by 2^k in two steps so that k near the ends of the range does not overflow 2^k itself.
  const half = k >> 1;
  return sum * pow2(half) * pow2(k - half);
}

/** Natural logarithm of x. */
export function log(x: number): number {
  if (Number.isNaN(x) || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return Infinity;
  // x = 2^k · m with m in [√½, √2).
  let k = 0;
  let m = x;
  if (m < 2.2250738585072014e-308) { // subnormal: bring it into the normal range first
    m *= 18014398509481984; // 2^54
    k -= 54;
  }
  bits.setFloat64(0, m);
  const hi = bits.getUint32(0);
  k += ((hi >>> 20) & 0x7ff) - 1023;
  bits.setUint32(0, (hi & 0x000fffff) | 0x3ff00000); // the same mantissa with exponent 0: m in [1, 2)
  m = bits.getFloat64(0);
  if (m > Math.SQRT2) {
    m /= 2;
    k += 1;
  }
  // log m = 2·atanh(s) with s = (m − 1)/(m + 1), |s| ≤ 0.172: s + s³/3 + s⁵/5 + …
  const s = (m - 1) / (m + 1);
  const s2 = s * s;
  let power = s;
  let series = s;
  for (let i = 3; i <= 41; i += 2) {
    power *= s2;
    series += power / i;
  }
  return k * LN2_HI + (2 * series + k * LN2_LO);
}

/**
 * cos(2πv) for v in [0, 1), as the Box–Muller transform needs it. The turn is cut into
 * quarters exactly (v is a fraction of a turn), then a Taylor series runs on |angle| ≤ π/4.
 */
export function cosTurn(v: number): number {
  let u = v - Math.floor(v); // in [0, 1)
  // cos is symmetric about ½ turn: fold into [0, ½].
  if (u > 0.5) u = 1 - u;
  // Now pick the octant: cos(2πu) for u in [0, ½].
  if (u <= 0.125) return cosSeries(2 * Math.PI * u);
  if (u <= 0.375) return sinSeries(2 * Math.PI * (0.25 - u));
  return -cosSeries(2 * Math.PI * (0.5 - u));
}

function cosSeries(a: number): number {
  const a2 = a * a;
  let term = 1;
  let sum = 1;
  for (let i = 2; i <= 20; i += 2) {
    term = (-term * a2) / (i * (i - 1));
    sum += term;
  }
  return sum;
}

function sinSeries(a: number): number {
  const a2 = a * a;
  let term = a;
  let sum = a;
  for (let i = 3; i <= 21; i += 2) {
    term = (-term * a2) / (i * (i - 1));
    sum += term;
  }
  return sum;
}
