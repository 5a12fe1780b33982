/**
 * The numbers of lesson 4's FLOPs chart, computed with src/attention's forwardFlops: where
 * the two terms cross, the range of n shown, and the points of the lines. Used by the
 * build's figure and by the calculator, which draw them with src/charts/flops.ts.
 */
import { forwardFlops } from '../attention';
import type { FlopsChartData, FlopsPoint } from '../charts/flops';

/**
 * The smallest n (searched over whole numbers) at which the attention term 4·n²·d reaches
 * the projection term 8·n·d² of forwardFlops; the algebra says n = 2d.
 */
export function flopsCrossing(dModel: number): number {
  let lo = 1;
  let hi = 1;
  const attentionWins = (n: number) => {
    const f = forwardFlops({ n, dModel });
    return f.attention >= f.projections;
  };
  while (!attentionWins(hi)) hi *= 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (attentionWins(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The range of n the FLOPs chart shows: from 2d/16 to 2d·8 around the crossing, widened
 * (with a factor of 2 to spare) when n lies outside, and never below one token. While n
 * stays inside, the range does not move, so the chart can be kept and only its marker moved.
 */
export function flopsDomain(dModel: number, n?: number): [number, number] {
  const crossing = flopsCrossing(dModel);
  let lo = crossing / 16;
  let hi = crossing * 8;
  if (n !== undefined && n < crossing / 8) lo = n / 2;
  if (n !== undefined && n > crossing * 4) hi = n * 2;
  return [Math.max(1, lo), hi];
}

/** Both terms of forwardFlops at one n. */
export function flopsAt(dModel: number, n: number): FlopsPoint {
  const f = forwardFlops({ n, dModel });
  return { n, projections: f.projections, attention: f.attention };
}

/** The lines' points: both ends of the range and every power of two between. */
export function flopsPoints(dModel: number, n?: number): FlopsPoint[] {
  const [lo, hi] = flopsDomain(dModel, n);
  const ns = [lo];
  for (let x = 2 ** Math.floor(Math.log2(lo) + 1); x < hi; x *= 2) ns.push(x);
  ns.push(hi);
  return ns.map((x) => flopsAt(dModel, x));
}

/** Everything the FLOPs chart draws for this d_model, with n marked when given. */
export function flopsChartData(dModel: number, n?: number): FlopsChartData {
  return {
    dModel,
    points: flopsPoints(dModel, n),
    crossing: flopsAt(dModel, flopsCrossing(dModel)),
    marker: n === undefined ? undefined : flopsAt(dModel, n),
  };
}
