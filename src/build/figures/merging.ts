/**
 * Lesson 5's figures and numbers (merging heads). Everything is computed by
 * src/attention/merge.ts at build time.
 */
import { MERGE_KINDS, mergeParameterCount, type MergeKind } from '../../attention';
import { mergeSignal, opposingHeadsExample } from '../../attention/demos';
import { MERGE_COLORS } from '../../charts/bars';
import { lineChart } from '../../charts/lines';
import { formatCount } from '../../charts/format';
import type { FigureMap, NumberMap, RenderedFigure } from './types';

/** The lesson's demonstration: the widget's default layer (seed 3, d_model 16, h 4). */
export const DEMO = { seed: 3, dModel: 16, h: 4 } as const;
/** Values of r in the figure of the relative signal against r. */
export const DEMO_RS = Array.from({ length: 17 }, (_, i) => -2 + i * 0.25);

const demoCache = new Map<number, Record<MergeKind, ReturnType<typeof mergeSignal>>>();
/** Every merge's signal on the demonstration at head 2 = r × head 1, computed once per r. */
export function demoSignals(r: number): Record<MergeKind, ReturnType<typeof mergeSignal>> {
  if (!demoCache.has(r)) {
    const ex = opposingHeadsExample({ ...DEMO, r });
    demoCache.set(r, Object.fromEntries(MERGE_KINDS.map((k) => [k, mergeSignal(k, ex.heads, ex)])) as Record<MergeKind, ReturnType<typeof mergeSignal>>);
  }
  return demoCache.get(r)!;
}

/** α₁/α₂ of the demonstration's weighted average: it cancels at r = −α₁/α₂. */
export function demoWeightedZero(): number {
  const ex = opposingHeadsExample({ ...DEMO, r: 1 });
  return -ex.alpha[0] / ex.alpha[1];
}

const fmt = (v: number, d = 3) => Number(v.toFixed(d));
const H_SWEEP = [1, 2, 4, 8, 16, 32, 64] as const;

export const mergingFigures = {
  /** How far heads 1 and 2 move each merge's output, against r. */
  'merging-cancel': (document?: Document): RenderedFigure => {
    const series = MERGE_KINDS.map((kind) => ({
      name: kind, color: MERGE_COLORS[kind], dashed: kind === 'gated',
      points: DEMO_RS.map((r) => ({ x: r, y: demoSignals(r)[kind].relative })),
    }));
    return {
      svg: lineChart(series, {
        label: 'Effect of heads 1 and 2 on each merge’s output, relative to head 1 alone, against r where head 2 = r × head 1. Averaging falls to 0 at r = −1, the weighted average at another negative r; concatenation and gating stay above 0.',
        xLabel: 'r (head 2 = r × head 1)', yLabel: 'heads 1 + 2 ÷ head 1 alone', document,
      }),
      table: {
        caption: `Heads 1 + 2 relative to head 1 alone (seed ${DEMO.seed}, d_model ${DEMO.dModel}, h ${DEMO.h})`,
        columns: ['r', ...MERGE_KINDS],
        rows: DEMO_RS.filter((r) => Number.isInteger(r * 2)).map((r) => [r, ...MERGE_KINDS.map((k) => fmt(demoSignals(r)[k].relative))]),
      },
    };
  },
  /** Parameters of each merge against h at d_model = 512. */
  'merging-params': (document?: Document): RenderedFigure => {
    const count = (kind: MergeKind, h: number) => mergeParameterCount(kind, { dModel: 512, h, bias: false });
    return {
      svg: lineChart(
        (['concat', 'average'] as const).map((kind) => ({ name: kind, color: MERGE_COLORS[kind], points: H_SWEEP.map((h) => ({ x: h, y: count(kind, h) })) })),
        {
          label: 'Parameters of the merge at d_model = 512 against h, both axes logarithmic: concatenation’s W_O stays at 262,144 whatever h is; averaging’s W_up shrinks as 512²/h.',
          xLabel: 'h', yLabel: 'parameters (no bias)', xType: 'log', yType: 'log', document,
        },
      ),
      table: {
        caption: 'Parameters of the merge at d_model = 512, without bias',
        columns: ['h', 'dₖ', ...MERGE_KINDS],
        rows: H_SWEEP.map((h) => [h, 512 / h, ...MERGE_KINDS.map((k) => formatCount(count(k, h)))]),
      },
    };
  },
} satisfies FigureMap;

const at = (r: number, kind: MergeKind) => demoSignals(r)[kind];

/** Numbers lesson 5 quotes, computed by the code, never typed in. */
export const mergingNumbers = {
  'merging.params.concat.512.8': () => formatCount(mergeParameterCount('concat', { dModel: 512, h: 8 })),
  'merging.params.average.512.8': () => formatCount(mergeParameterCount('average', { dModel: 512, h: 8 })),
  'merging.params.weighted.512.8': () => formatCount(mergeParameterCount('weighted', { dModel: 512, h: 8 })),
  'merging.params.gated.512.8': () => formatCount(mergeParameterCount('gated', { dModel: 512, h: 8 })),
  'merging.distance.concat.-1': () => at(-1, 'concat').distance.toFixed(2),
  'merging.distance.average.-1': () => at(-1, 'average').distance.toFixed(3),
  'merging.relative.concat.-1': () => at(-1, 'concat').relative.toFixed(2),
  'merging.weightedZero': () => demoWeightedZero().toFixed(2).replace('-', '−'),
} satisfies NumberMap;
