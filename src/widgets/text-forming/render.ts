/**
 * The "watch it form" charts of lesson 10, from a run's snapshots: the best previous-token
 * and induction scores, and the losses (training, first copy, second copy), against the
 * training step. The lesson's static figures (src/build/figures/text.ts, the shipped run) and
 * the live widget (a small run in a Worker) draw with these same functions.
 */
import { lineChart } from '../../charts/lines';
import { SERIES } from '../../charts/palette';
import type { FormingPoint } from '../../training/text';

/** Colours of the curves, the same in the static figures and the live widget. */
/** Best scores and losses over all heads, not one head: the text colour and vermillion ({@link SERIES}), never a head's colour. */
export const FORMING_COLORS = { previous: SERIES.main, induction: SERIES.second, training: SERIES.main, first: SERIES.second, second: SERIES.main } as const;

/** Best previous-token (layer 1) and induction (last layer) score at each snapshot. */
export function formingScoresChart(points: readonly FormingPoint[], o: { label: string; document?: Document; width?: number; steps?: number }): SVGSVGElement {
  return lineChart([
    { name: 'previous-token', color: FORMING_COLORS.previous, points: points.map((p) => ({ x: p.step, y: p.previous })) },
    { name: 'induction', color: FORMING_COLORS.induction, points: points.map((p) => ({ x: p.step, y: p.induction })) },
  ], { label: o.label, xLabel: 'training step', yLabel: 'score (mean weight)', yDomain: [0, 1], xDomain: o.steps ? [0, o.steps] : undefined, width: o.width ?? 560, height: 260, document: o.document });
}

/** Training loss and the loss on each copy of repeated random tokens at each snapshot. */
export function formingLossChart(points: readonly FormingPoint[], o: { label: string; document?: Document; width?: number; steps?: number }): SVGSVGElement {
  return lineChart([
    { name: 'training', color: FORMING_COLORS.training, dashed: true, points: points.map((p) => ({ x: p.step, y: p.trainLoss })) },
    { name: 'first copy', color: FORMING_COLORS.first, points: points.map((p) => ({ x: p.step, y: p.first })) },
    { name: 'second copy', color: FORMING_COLORS.second, points: points.map((p) => ({ x: p.step, y: p.second })) },
  ], { label: o.label, xLabel: 'training step', yLabel: 'loss (nats per character)', yDomain: [0, 5.5], xDomain: o.steps ? [0, o.steps] : undefined, width: o.width ?? 560, height: 280, document: o.document });
}

/**
 * Where induction forms in a run: the last point whose induction score is below a quarter of
 * the last one, and the first that reaches half of it (null before it does).
 */
export function formedBetween(points: readonly FormingPoint[]): { before: FormingPoint; after: FormingPoint } | null {
  if (points.length < 2) return null;
  const final = points[points.length - 1].induction;
  const after = points.findIndex((p) => p.induction >= final / 2);
  if (after <= 0) return null;
  let before = after;
  while (before > 0 && points[before].induction >= final / 4) before--;
  return { before: points[before], after: points[after] };
}
