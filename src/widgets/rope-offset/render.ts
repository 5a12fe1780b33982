/**
 * What <rope-offset> shows below its controls: the RoPE score against the offset, unshifted
 * and shifted, a readout proving the two equal, and what RoPE leaves alone (V, lengths).
 * The same functions render the static HTML at build time (linkedom) and redraw in the page.
 */
import { offsetLegend, offsetScoresChart } from '../../charts/offsets';
import { t } from '../../i18n/strings';
import { chartFigure, h, numberTable } from '../common/dom';
import { ropeOffsetModel, type RopeOffsetModel } from './model';
import type { RopeOffsetState } from './state';

const s = t.generating.rope;

const num = (v: number, digits = 3) => {
  const text = v.toFixed(digits);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
};
const count = (v: number) => v.toLocaleString('en-US');

/** Run the example for a state. */
export const computeRopeOffset = (state: RopeOffsetState): RopeOffsetModel => ropeOffsetModel(state);

/** The readout: the two series agree (to rounding), with the number. */
export function describeEquality(state: RopeOffsetState, model: RopeOffsetModel): string {
  const at0 = model.offsets.indexOf(0);
  return `Largest difference between the two series over the ${model.offsets.length} offsets: ${model.maxDifference.toExponential(1)} (rounding). ` +
    `Moving both positions by ${count(state.shift)} changes no score: the score depends on m − n only. At offset 0 it is q·k = ${num(model.reference[at0])} at any position.`;
}

/** What RoPE does not change: the values, and the lengths of q and k. */
export function describeInvariants(state: RopeOffsetState, model: RopeOffsetModel): string {
  return `Only q and k are turned; v is not rotated, so what a head reads from a token is the same at every position — RoPE changes only how much it attends. ` +
    `Turning keeps lengths: ‖q‖ = ${num(model.norms.q)}, and after turning by position ${count(state.shift + 2 * state.span)}, ${num(model.norms.rotated)}. ` +
    `d_k = ${state.dK} gives ${state.dK / 2} pairs, turning by θ_i = ${count(state.base)}^(−2i/${state.dK}) radians per position.`;
}

/** Options of {@link renderRopeOffset}. */
export interface RenderOptions {
  /** Chart width in px (the page passes its own width; the build draws 560). */
  width?: number;
}

/** The whole output area for a state. */
export function renderRopeOffset(doc: Document, state: RopeOffsetState, model = computeRopeOffset(state), { width }: RenderOptions = {}): HTMLElement {
  const label = `RoPE score (R_m q)·(R_n k) against the offset m − n from −${state.span} to ${state.span}, d_k = ${state.dK}, base ${count(state.base)}: ` +
    `a line with the key at position ${state.span}, and circles with both positions shifted by ${count(state.shift)}; the circles sit on the line. ` +
    `A dashed line marks q·k without rotation, ${num(model.plain)}.`;
  const svg = offsetScoresChart({ offsets: model.offsets, reference: model.reference, shifted: model.shifted, shift: state.shift, plain: model.plain }, { label, width, document: doc });
  const every = Math.max(1, Math.ceil(model.offsets.length / 33)); // at most 33 rows
  const rows = model.offsets.map((o, i) => ({ o, i })).filter(({ o }) => o % every === 0);
  return h(doc, 'div', { class: 'ro-output' },
    chartFigure(doc, {
      title: `Score against offset, d_k = ${state.dK}, base ${count(state.base)}`, svg, filename: 'rope-offset', attrs: { 'data-map': 'offsets' },
      legend: offsetLegend({ span: state.span, shift: state.shift, document: doc }),
    }),
    h(doc, 'p', { class: 'ro-equal', 'data-equal': '', 'aria-live': 'polite' }, describeEquality(state, model)),
    h(doc, 'p', { class: 'ro-note', 'data-invariants': '' }, describeInvariants(state, model)),
    h(doc, 'details', { class: 'alt' }, h(doc, 'summary', {}, s.tables),
      numberTable(doc, {
        caption: `Scores at ${rows.length} of the offsets`, corner: 'm − n', digits: 4,
        rowLabels: rows.map(({ o }) => (o < 0 ? `−${-o}` : String(o))), colLabels: ['positions from 0', `shifted by ${count(state.shift)}`],
        values: rows.map(({ i }) => [model.reference[i], model.shifted[i]]),
      })),
  );
}
