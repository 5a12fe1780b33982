/** Lesson 1's figures and numbers: the seeded √d_k experiment. */
import { scalingExperiment, type ScalingRow } from '../../attention/demos';
import { lineChart } from '../../charts/lines';
import { palette } from '../../charts/palette';
import type { FigureMap, NumberMap, RenderedFigure } from './types';

/** The head widths of the √d_k experiment in lesson 1. */
export const SCALING_DKS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] as const;

let scalingCache: ScalingRow[] | null = null;
/** The seeded √d_k experiment of lesson 1 (seed 1), computed once per build. */
export function scalingRows(): ScalingRow[] {
  scalingCache ??= scalingExperiment({ dKs: SCALING_DKS, seed: 1 });
  return scalingCache;
}

const fmt = (v: number, d = 3) => Number(v.toFixed(d));

export const scalingFigures = {
  /** Variance of q·k against d_k, scaled and unscaled. */
  'scaling-variance': (document?: Document): RenderedFigure => {
    const rows = scalingRows();
    return {
      svg: lineChart(
        [
          { name: 'q·k', color: palette.unscaled, points: rows.map((r) => ({ x: r.dK, y: r.variance })) },
          { name: 'q·k / √dₖ', color: palette.scaled, points: rows.map((r) => ({ x: r.dK, y: r.scaledVariance })) },
        ],
        {
          label: 'Variance of the dot product q·k against d_k on log–log axes: unscaled it grows in proportion to d_k, divided by √d_k it stays near 1.',
          xLabel: 'dₖ', yLabel: 'variance', xType: 'log', yType: 'log', document,
        },
      ),
      table: {
        caption: 'Sample variance of q·k over 4000 random pairs (seed 1)',
        columns: ['dₖ', 'var(q·k)', 'var(q·k / √dₖ)'],
        rows: rows.map((r) => [r.dK, fmt(r.variance, 2), fmt(r.scaledVariance)]),
      },
    };
  },
  /** How peaked the softmax gets, against d_k. */
  'scaling-peak': (document?: Document): RenderedFigure => {
    const rows = scalingRows();
    return {
      svg: lineChart(
        [
          { name: 'unscaled', color: palette.unscaled, points: rows.map((r) => ({ x: r.dK, y: r.peakUnscaled })) },
          { name: 'scaled', color: palette.scaled, points: rows.map((r) => ({ x: r.dK, y: r.peakScaled })) },
        ],
        {
          label: 'Average largest attention weight over 10 keys against d_k: unscaled scores approach 1 (one key takes all), scaled scores stay well below.',
          xLabel: 'dₖ', yLabel: 'largest weight', xType: 'log', yDomain: [0, 1], document,
        },
      ),
      table: {
        caption: 'Mean largest softmax weight over 10 keys, 400 random queries (seed 1)',
        columns: ['dₖ', 'unscaled', 'scaled by 1/√dₖ'],
        rows: rows.map((r) => [r.dK, fmt(r.peakUnscaled), fmt(r.peakScaled)]),
      },
    };
  },
} satisfies FigureMap;

const row = (dK: number) => {
  const r = scalingRows().find((x) => x.dK === dK);
  if (!r) throw new Error(`the scaling experiment has no d_k = ${dK}; it has ${SCALING_DKS.join(', ')}`);
  return r;
};

/** Numbers the lessons quote from the experiments above, computed, never typed in. */
export const scalingNumbers = {
  'scaling.variance.64': () => row(64).variance.toFixed(1),
  'scaling.scaledVariance.64': () => row(64).scaledVariance.toFixed(2),
  'scaling.peakUnscaled.64': () => row(64).peakUnscaled.toFixed(2),
  'scaling.peakScaled.64': () => row(64).peakScaled.toFixed(2),
  'scaling.peakUnscaled.512': () => row(512).peakUnscaled.toFixed(2),
  'scaling.peakScaled.512': () => row(512).peakScaled.toFixed(2),
} satisfies NumberMap;
