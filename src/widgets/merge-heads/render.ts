/**
 * Everything the merging widget shows below its controls, built from its state with
 * the real merge code (src/attention/merge.ts). The same functions render the static
 * HTML at build time (linkedom) and redraw in the page; when only numbers change, the
 * page refills the heatmaps in place (updateMergeHeads), which fits in a frame.
 */
import { MERGE_KINDS, mergeParameterCount, type MergeKind } from '../../attention';
import { mergeSignal, opposingHeadsExample, type MergeSignal, type OpposingHeads } from '../../attention/demos';
import { BARS_MAX, MERGE_COLORS, mergeSignalBars, updateMergeSignalBars, type SignalBar, type SignalBarsOptions } from '../../charts/bars';
import { heatmap, updateHeatmap, type HeatmapOptions } from '../../charts/heatmap';
import { t } from '../../i18n/strings';
import { chartFigure, h, numberTable } from '../common/dom';
import type { MergeHeadsState } from './state';

const s = t.merging;

/** What the widget computes for a state. */
export interface MergeHeadsComputed {
  ex: OpposingHeads;
  signals: Record<MergeKind, MergeSignal>;
  /** Parameters of each merge for this layer, without bias (the demonstration has none). */
  params: Record<MergeKind, number>;
}

/** Run the demonstration and every merge on it. */
export function computeMergeHeads(state: MergeHeadsState): MergeHeadsComputed {
  const ex = opposingHeadsExample({ seed: state.seed, dModel: state.dModel, h: state.h, r: state.r });
  const signals = Object.fromEntries(MERGE_KINDS.map((k) => [k, mergeSignal(k, ex.heads, ex)])) as Record<MergeKind, MergeSignal>;
  const params = Object.fromEntries(MERGE_KINDS.map((k) => [k, mergeParameterCount(k, { dModel: state.dModel, h: state.h, bias: false })])) as Record<MergeKind, number>;
  return { ex, signals, params };
}

/** The heatmaps the widget draws, in page order. */
export const MAPS = ['heads', 'output', 'silenced'] as const;
export type MapName = (typeof MAPS)[number];

/** Numbers as the widget prints them: a real minus sign, no "−0.000". */
export function num(v: number, digits = 2): string {
  if (!Number.isFinite(v)) return '—';
  const text = v.toFixed(digits);
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text.replace('-', '−');
}

/** Below this, a distance is a cancellation, not a number (float rounding). */
const ZERO = 1e-9;

/** Shape of what each merge hands to its projection, and that projection. */
function shapes(kind: MergeKind, n: number, state: MergeHeadsState): { merged: string; projection: string } {
  const dK = state.dModel / state.h;
  return kind === 'concat' || kind === 'gated'
    ? { merged: `${n} × ${state.dModel} (h·dₖ)`, projection: `W_O ${state.dModel} × ${state.dModel}` }
    : { merged: `${n} × ${dK} (dₖ)`, projection: `W_up ${dK} × ${state.dModel}` };
}

interface MapSpec { title: string; filename: string; values: number[][]; options: HeatmapOptions }

/** Columns of each output drawn as a map; wider outputs are in full in the tables (and the distance). */
export const OUTPUT_DIMS_SHOWN = 16;

function dimLabels(count: number): string[] {
  return Array.from({ length: count }, (_, c) => String(c + 1));
}

function mapSpecs(doc: Document, state: MergeHeadsState, c: MergeHeadsComputed): Record<MapName, MapSpec> {
  const { ex } = c;
  const tokens = [...ex.tokens];
  const n = tokens.length;
  const sig = c.signals[state.merge];
  const name = s.mergeNames[state.merge];
  const headCols = Array.from({ length: state.dModel }, (_, col) => (col % ex.dK === 0 ? `h${col / ex.dK + 1}` : ''));
  const shown = Math.min(state.dModel, OUTPUT_DIMS_SHOWN);
  const output = sig.output.to2DArray().map((row) => row.slice(0, shown));
  const silenced = sig.silenced.to2DArray().map((row) => row.slice(0, shown));
  const part = shown < state.dModel ? `, first ${shown} of ${state.dModel} dimensions drawn` : '';
  const dims = shown < state.dModel ? ` (dims 1–${shown} of ${state.dModel})` : '';
  let extent = 1e-12;
  for (const row of [...output, ...silenced]) for (const v of row) extent = Math.max(extent, Math.abs(v));
  const shared = { rowLabels: tokens, colLabels: dimLabels(shown), kind: 'signed' as const, domain: [-extent, extent] as const, xLabel: 'dimension', document: doc, maxWidth: 420, maxCell: 30, showValues: false };
  const r = num(state.r, 2).replace(/\.?0+$/, '');
  return {
    heads: {
      title: `Head outputs side by side, Concat(head₁ … head${toSub(state.h)})  (${n} × ${state.dModel}), head 2 = ${r} × head 1`,
      filename: 'head-outputs', values: ex.trace.concat.to2DArray(),
      options: {
        rowLabels: tokens, colLabels: headCols, kind: 'signed', xLabel: 'head', document: doc, maxWidth: 760, maxCell: 46, digits: 2, showValues: false,
        label: `The ${state.h} head outputs side by side, ${n} tokens by ${state.dModel} columns, ${ex.dK} per head; head 2 is ${r} times head 1. Red is positive, blue negative.`,
      },
    },
    output: {
      title: `${name}: heads as they are${dims}`, filename: `${state.merge}-output`, values: output,
      options: { ...shared, label: `Output of the merge “${name}” for the heads as they are: ${n} × ${state.dModel}${part}. Same colour scale as the silenced output beside it.` },
    },
    silenced: {
      title: `${name}: heads 1 and 2 silenced${dims}`, filename: `${state.merge}-silenced`, values: silenced,
      options: { ...shared, label: `Output of the merge “${name}” with heads 1 and 2 set to zero: ${n} × ${state.dModel}${part}. Distance from the output beside it: ${num(sig.distance, 3)}.` },
    },
  };
}

const SUBSCRIPTS = '₀₁₂₃₄₅₆₇₈₉';
const toSub = (v: number) => String(v).replace(/\d/g, (d) => SUBSCRIPTS[Number(d)]);

/** One paragraph on what the picture shows: does the chosen merge keep heads 1 and 2? */
export function summarize(state: MergeHeadsState, c: MergeHeadsComputed): string {
  const r = num(state.r, 2).replace(/\.?0+$/, '');
  const sig = c.signals[state.merge];
  const concat = c.signals.concat;
  const name = s.shortNames[state.merge];
  const lead = `Head 2 carries ${r} × head 1’s signal. `;
  const own = sig.distance < ZERO
    ? `${cap(name)}: heads 1 and 2 cancel exactly, so the output is the same as with both silenced (distance ${num(sig.distance, 3)}).`
    : `${cap(name)}: heads 1 and 2 move the output by ${num(sig.distance, 2)}, ${num(sig.relative, 2)} × what head 1 alone does.`;
  const versus = state.merge === 'concat' ? '' : ` Concatenation of the same heads: they move its output by ${num(concat.distance, 2)}, ${num(concat.relative, 2)} × head 1 alone.`;
  const zero = state.merge === 'weighted' ? ` The weighted average cancels at r = −α₁/α₂ = ${num(-c.ex.alpha[0] / c.ex.alpha[1], 2)}.` : '';
  return lead + own + versus + zero;
}

const cap = (text: string) => text[0].toUpperCase() + text.slice(1);

/** The distance read-out under the two outputs. */
export function describeDistance(state: MergeHeadsState, c: MergeHeadsComputed): string {
  const d = c.signals[state.merge].distance;
  return `Distance between the two outputs (Frobenius norm of their difference): ${num(d, 3)}${d < ZERO ? ': identical, this merge cannot tell heads 1 and 2 from silence.' : '.'}`;
}

/** Rows of the comparison table: one per merge, in lesson order. */
export function comparisonRows(state: MergeHeadsState, c: MergeHeadsComputed): string[][] {
  const n = c.ex.tokens.length;
  return MERGE_KINDS.map((kind) => {
    const shape = shapes(kind, n, state);
    return [
      s.mergeNames[kind] + (kind === state.merge ? s.shown : ''), shape.merged, shape.projection,
      c.params[kind].toLocaleString('en'), num(c.signals[kind].distance, 3), num(c.signals[kind].relative, 2),
    ];
  });
}

function comparisonTable(doc: Document, state: MergeHeadsState, c: MergeHeadsComputed): HTMLElement {
  const rows = comparisonRows(state, c);
  return h(doc, 'div', { class: 'table-scroll mh-compare', role: 'region', tabindex: 0, 'aria-label': s.comparison },
    h(doc, 'table', {},
      h(doc, 'caption', { class: 'table-caption' }, `${s.comparison} (the bars above, as numbers)`),
      h(doc, 'thead', {}, h(doc, 'tr', {}, ...s.columns.map((col) => h(doc, 'th', { scope: 'col' }, col)))),
      h(doc, 'tbody', {}, ...rows.map((row, i) =>
        h(doc, 'tr', { 'data-kind': MERGE_KINDS[i], class: MERGE_KINDS[i] === state.merge ? 'is-shown' : undefined },
          h(doc, 'th', { scope: 'row' }, h(doc, 'span', { class: 'mh-swatch', style: `background:${MERGE_COLORS[MERGE_KINDS[i]]}` }), row[0]),
          ...row.slice(1).map((cell) => h(doc, 'td', {}, cell)))))));
}

function barsSpec(doc: Document, state: MergeHeadsState, c: MergeHeadsComputed): { bars: SignalBar[]; options: SignalBarsOptions } {
  const values = MERGE_KINDS.map((kind) => `${s.shortNames[kind]} ${num(c.signals[kind].relative, 2)}`).join(', ');
  return {
    bars: MERGE_KINDS.map((kind) => ({ kind, label: s.shortNames[kind], value: c.signals[kind].relative })),
    options: {
      highlight: state.merge, document: doc,
      label: `How far heads 1 and 2 move each merge’s output, relative to head 1 alone (1 = dashed line, 0 = they cancel; bars stop at ${BARS_MAX}): ${values}.`,
    },
  };
}

function bars(doc: Document, state: MergeHeadsState, c: MergeHeadsComputed): SVGSVGElement {
  const spec = barsSpec(doc, state, c);
  return mergeSignalBars(spec.bars, spec.options);
}

function tables(doc: Document, state: MergeHeadsState, c: MergeHeadsComputed): HTMLElement[] {
  const specs = mapSpecs(doc, state, c);
  const sig = c.signals[state.merge];
  const tokens = [...c.ex.tokens];
  const cols = (count: number) => Array.from({ length: count }, (_, i) => String(i + 1));
  const headCols = Array.from({ length: state.dModel }, (_, col) => `h${Math.floor(col / c.ex.dK) + 1}·${(col % c.ex.dK) + 1}`);
  return [
    numberTable(doc, { caption: 'Head outputs side by side (columns: head·dimension)', corner: 'token', rowLabels: tokens, colLabels: headCols, values: specs.heads.values, digits: 3 }),
    numberTable(doc, { caption: `${specs.output.title}, every dimension`, corner: 'token', rowLabels: tokens, colLabels: cols(state.dModel), values: sig.output.to2DArray(), digits: 3 }),
    numberTable(doc, { caption: `${specs.silenced.title}, every dimension`, corner: 'token', rowLabels: tokens, colLabels: cols(state.dModel), values: sig.silenced.to2DArray(), digits: 3 }),
  ];
}

/** Options of {@link renderMergeHeads}. */
export interface RenderOptions {
  /** Build the tables now (true, the default, for the static page) or when opened. */
  tables?: boolean;
}

/** The whole output area, drawn from scratch. */
export function renderMergeHeads(doc: Document, state: MergeHeadsState, c = computeMergeHeads(state), { tables: withTables = true }: RenderOptions = {}): HTMLElement {
  const specs = mapSpecs(doc, state, c);
  const figure = (name: MapName) => chartFigure(doc, { title: specs[name].title, svg: heatmap(specs[name].values, specs[name].options), filename: specs[name].filename, attrs: { 'data-map': name } });
  return h(doc, 'div', { class: 'mh-output' },
    h(doc, 'p', { class: 'widget-summary mh-summary' }, summarize(state, c)),
    figure('heads'),
    h(doc, 'div', { class: 'mh-pair' }, figure('output'), figure('silenced')),
    h(doc, 'p', { class: 'mh-distance', 'aria-live': 'polite' }, describeDistance(state, c)),
    chartFigure(doc, { title: 'Heads 1 + 2 in each merge’s output, relative to head 1 alone', svg: bars(doc, state, c), filename: 'merge-signal', attrs: { 'data-map': 'bars' } }),
    comparisonTable(doc, state, c),
    h(doc, 'details', { class: 'alt', 'data-stale': !withTables }, h(doc, 'summary', {}, s.tables),
      ...(withTables ? tables(doc, state, c) : [0, 1, 2].map(() => h(doc, 'div', { class: 'table-scroll' })))),
  );
}

/**
 * Bring an output area drawn by {@link renderMergeHeads} up to `state` in place. Returns
 * false, changing nothing, when the heatmaps' layout differs (another d_model): then
 * render anew.
 */
export function updateMergeHeads(root: HTMLElement, state: MergeHeadsState, c = computeMergeHeads(state)): boolean {
  const doc = root.ownerDocument;
  const specs = mapSpecs(doc, state, c);
  // A refill that fails part-way is harmless: the caller then renders everything anew.
  for (const name of MAPS) {
    const svg = root.querySelector<SVGSVGElement>(`[data-map="${name}"] svg[data-heatmap]`);
    if (!svg || !updateHeatmap(svg, specs[name].values, specs[name].options)) return false;
  }
  for (const name of MAPS) {
    const fig = root.querySelector<HTMLElement>(`[data-map="${name}"]`)!;
    setText(fig.querySelector('.figure-title')!, specs[name].title);
    fig.setAttribute('data-filename', specs[name].filename);
  }
  setText(root.querySelector('.mh-summary')!, summarize(state, c));
  setText(root.querySelector('.mh-distance')!, describeDistance(state, c));
  const barsSvg = root.querySelector<SVGSVGElement>('[data-map="bars"] svg')!;
  const spec = barsSpec(doc, state, c);
  if (!updateMergeSignalBars(barsSvg, spec.bars, spec.options)) barsSvg.replaceWith(mergeSignalBars(spec.bars, spec.options));
  const rows = comparisonRows(state, c);
  root.querySelectorAll('.mh-compare tbody tr').forEach((tr, i) => {
    tr.classList.toggle('is-shown', MERGE_KINDS[i] === state.merge);
    const th = tr.querySelector('th')!;
    setText(th.lastChild!, rows[i][0]);
    tr.querySelectorAll('td').forEach((td, j) => setText(td, rows[i][j + 1]));
  });
  const details = root.querySelector<HTMLDetailsElement>('details.alt');
  if (details?.open) fillTables(details, state, c);
  else details?.setAttribute('data-stale', '');
  return true;
}

/** Redraw the tables of an output area (closed tables are filled when opened). */
export function fillTables(details: HTMLDetailsElement, state: MergeHeadsState, c: MergeHeadsComputed): void {
  const fresh = tables(details.ownerDocument, state, c);
  // Everything after the summary: a wide matrix comes as several tables, so count nothing.
  details.replaceChildren(details.querySelector('summary')!, ...fresh);
  details.removeAttribute('data-stale');
}

function setText(el: Element | Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

