/**
 * What the calculator shows below its controls, computed from its state with the
 * counting functions of src/attention. The same functions draw the static HTML at build
 * time (linkedom) and redraw in the page. Drawing anew (tables and a Plot chart, then
 * style and layout) costs more than a frame, so the page refills the same elements in
 * place (updateCosts): new text in the cells, the chart's marker moved, the chart drawn
 * again only when d_model or the range of n changes.
 */
import {
  attentionMapEntries, countParameters, forwardFlops, headDim, initAttentionWeights, kvHeadSweep, parameterBreakdown,
  parameterCount, weightsPerHead, type FlopCount, type KvHeadRow, type ParameterBreakdown,
} from '../../attention';
import { flopsChart, updateFlopsChart, type FlopsPoint } from '../../charts/flops';
import { formatBytes, formatCount, formatSi } from '../../charts/format';
import { flopsChartData, flopsCrossing } from '../../lib/flops';
import { t } from '../../i18n/strings';
import { chartFigure, h } from '../common/dom';
import { LIMITS, type CostState } from './state';

const s = t.costs;

/** The weights instantiated and counted (d_model ≤ 64), or why not. */
export type InstantiatedCheck =
  | {
      ran: true;
      /** countParameters of the instantiated weights. */
      counted: number;
      /** Weights each head owns, cut from the instantiated matrices (weightsPerHead). */
      perHead: number[];
      /** Numbers in the bias vectors. */
      biases: number;
      /** The formula's count, parameterCount. */
      formula: number;
      /** counted, the per-head sum plus biases, and the formula are all equal. */
      agree: boolean;
    }
  | { ran: false; reason: string };

/** Everything the calculator shows, for one state. */
export interface CostReport {
  dK: number;
  /** Parameters of one layer by matrix. */
  breakdown: ParameterBreakdown;
  /** parameterCount of one layer (must equal breakdown.total). */
  perLayer: number;
  allLayers: number;
  /** Weights one head owns: 4·d_model·d_k. */
  perHead: number;
  check: InstantiatedCheck;
  flops: FlopCount;
  /** Smallest n where attention FLOPs reach the projections' (2·d_model). */
  crossing: number;
  /** Attention-map entries of one layer, h·n². */
  mapEntries: number;
  /** K/V heads from h down to 1. */
  kv: KvHeadRow[];
}

/** Run the counting functions on a state. The state must satisfy the cross-check. */
export function computeCosts(state: CostState): CostReport {
  const { dModel, h: heads, n, layers, bias, bytes } = state;
  const dK = headDim(dModel, heads);
  const breakdown = parameterBreakdown({ dModel, h: heads, bias });
  const perLayer = parameterCount({ dModel, h: heads, bias });
  const flops = forwardFlops({ n, dModel });
  return {
    dK, breakdown, perLayer, allLayers: perLayer * layers, perHead: 4 * dModel * dK,
    check: instantiatedCheck(state, perLayer),
    flops, crossing: flopsCrossing(dModel), mapEntries: attentionMapEntries({ n, h: heads }),
    kv: kvHeadSweep({ dModel, h: heads, layers, bias, bytesPerValue: bytes }),
  };
}

let lastCheck: { key: string; check: InstantiatedCheck } | null = null;
/** Instantiate and count once per size: typing n, layers or bytes does not change it. */
function instantiatedCheck(state: CostState, formula: number): InstantiatedCheck {
  const key = `${state.dModel}|${state.h}|${state.bias}`;
  if (lastCheck?.key !== key) lastCheck = { key, check: runCheck(state, formula) };
  return lastCheck.check;
}

function runCheck({ dModel, h: heads, bias }: CostState, formula: number): InstantiatedCheck {
  if (dModel > LIMITS.instantiateMax) {
    const numbers = 4 * dModel * dModel;
    return {
      ran: false,
      reason: `Instantiated check skipped: at d_model = ${formatCount(dModel)} the four matrices hold ${formatCount(numbers)} numbers ` +
        `(${formatBytes(8 * numbers)} as float64), too many to draw at random on every keystroke within a frame. ` +
        `Set d_model to ${LIMITS.instantiateMax} or less to build the weights and count them.`,
    };
  }
  const weights = initAttentionWeights({ dModel, h: heads, bias, seed: 1 });
  const counted = countParameters(weights);
  const perHead = weightsPerHead(weights, heads);
  const biases = [weights.bq, weights.bk, weights.bv, weights.bo].reduce((sum, b) => sum + (b?.length ?? 0), 0);
  const split = perHead.reduce((a, b) => a + b, 0) + biases;
  return { ran: true, counted, perHead, biases, formula, agree: counted === formula && split === formula };
}

/** A table as data: rendered once, then refilled in place with the same data. */
interface TableSpec {
  name: string;
  caption: string;
  head: string[];
  rows: string[][];
  className?: string;
  rowClass?: (i: number) => string | undefined;
  /** A wide table scrolls sideways on a phone: then its box must be reachable by keyboard. */
  scrollLabel?: string;
}

function table(doc: Document, o: TableSpec): HTMLElement {
  const scroll = o.scrollLabel ? { tabindex: 0, role: 'region', 'aria-label': o.scrollLabel } : {};
  return h(doc, 'div', { class: 'table-scroll', ...scroll },
    h(doc, 'table', { class: `cc-table${o.className ? ` ${o.className}` : ''}`, 'data-table': o.name },
      h(doc, 'caption', { class: 'table-caption' }, o.caption),
      h(doc, 'thead', {}, h(doc, 'tr', {}, ...o.head.map((c) => h(doc, 'th', { scope: 'col' }, c)))),
      h(doc, 'tbody', {}, ...o.rows.map((row, i) =>
        h(doc, 'tr', { class: o.rowClass?.(i) }, h(doc, 'th', { scope: 'row' }, row[0]), ...row.slice(1).map((c) => h(doc, 'td', {}, c)))))));
}

const setText = (el: Element | null, text: string) => {
  if (el && el.textContent !== text) el.textContent = text;
};

/** Refill a table drawn by {@link table} with new data of the same shape; false if the shape differs. */
function refillTable(root: Element, o: TableSpec): boolean {
  const t = root.querySelector(`table[data-table="${o.name}"]`);
  if (!t) return false;
  const rows = t.querySelectorAll('tbody tr');
  const head = t.querySelectorAll('thead th');
  if (rows.length !== o.rows.length || head.length !== o.head.length) return false;
  setText(t.querySelector('caption'), o.caption);
  head.forEach((th, j) => setText(th, o.head[j]));
  rows.forEach((tr, i) => {
    const cells = tr.children;
    for (let j = 0; j < cells.length; j++) setText(cells[j], o.rows[i][j]);
  });
  return true;
}

const sq = (d: number) => `${formatCount(d)}²`;

/** The parameters table: W_Q, W_K, W_V, W_O, biases, one layer, all layers. */
function parametersTable(state: CostState, r: CostReport): TableSpec {
  const d = formatCount(state.dModel);
  const square = `${d} × ${d}`;
  return {
    name: 'parameters',
    caption: s.parameters,
    head: [s.matrix, s.shape, s.count],
    rows: [
      ['W_Q', square, formatCount(r.breakdown.wq)],
      ['W_K', square, formatCount(r.breakdown.wk)],
      ['W_V', square, formatCount(r.breakdown.wv)],
      ['W_O', square, formatCount(r.breakdown.wo)],
      [s.biasesRow, state.bias ? `4 × ${d}` : s.biasesOff, formatCount(r.breakdown.biases)],
      [s.oneLayer, state.bias ? `4 · ${sq(state.dModel)} + 4 · ${d}` : `4 · ${sq(state.dModel)}`, formatCount(r.perLayer)],
      [s.allLayers(state.layers), `${state.layers} · ${formatCount(r.perLayer)}`, formatCount(r.allLayers)],
    ],
    rowClass: (i) => (i >= 5 ? 'cc-total' : undefined),
  };
}

/** One sentence on why h does not matter, with this state's numbers. */
export function headsSentence(state: CostState, r: CostReport): string {
  const d = formatCount(state.dModel);
  if (state.h === 1) {
    return `With h = 1 the single head owns all 4 · ${sq(state.dModel)} = ${formatCount(r.perHead)} weights. Any h that divides d_model splits the same matrices, so the count stays the same.`;
  }
  const heads = formatCount(state.h);
  return `Split into h = ${heads} heads of dₖ = ${formatCount(r.dK)}: each head owns a ${d} × ${formatCount(r.dK)} slice of W_Q, W_K and W_V and ${formatCount(r.dK)} row${r.dK === 1 ? '' : 's'} of W_O, ` +
    `4 · ${d} · ${formatCount(r.dK)} = ${formatCount(r.perHead)} weights. ${heads} × ${formatCount(r.perHead)} = ${formatCount(state.h * r.perHead)}, the same as one head of width ${d}: h does not change the count.`;
}

/** What the instantiated check found, in words. */
export function checkSentence(state: CostState, check: InstantiatedCheck): string {
  if (!check.ran) return check.reason;
  const d = formatCount(state.dModel);
  const split = `${formatCount(state.h)} × ${formatCount(check.perHead[0])}${check.biases ? ` + ${formatCount(check.biases)} biases` : ''}`;
  return `Instantiated check: initAttentionWeights built W_Q, W_K, W_V, W_O as ${d} × ${d} ml-matrix matrices${check.biases ? ' and four bias vectors' : ''}; ` +
    `countParameters counted ${formatCount(check.counted)}; cut into heads with splitHeads they hold ${split}; the formula gives ${formatCount(check.formula)}: ` +
    `${check.agree ? s.agree : s.disagree}.`;
}

/** The cost table: FLOPs of both terms, and the attention maps. */
function costTable(state: CostState, r: CostReport): TableSpec {
  const { n, dModel, h: heads, layers, bytes } = state;
  const flops = (v: number) => `${formatCount(v)} (${formatSi(v, 'FLOP')})`;
  return {
    name: 'cost',
    caption: s.cost,
    head: [s.term, s.formula, s.value],
    rows: [
      [s.projections, `8 · ${formatCount(n)} · ${sq(dModel)}`, flops(r.flops.projections)],
      [s.attention, `4 · ${formatCount(n)}² · ${formatCount(dModel)}`, flops(r.flops.attention)],
      [s.total, '', flops(r.flops.total)],
      [s.maps, `h · n² = ${heads} · ${formatCount(n)}²`, formatCount(r.mapEntries)],
      [s.mapsBytes, `${layers} · ${formatCount(r.mapEntries)} · ${bytes} B`, formatBytes(layers * r.mapEntries * bytes)],
    ],
    rowClass: (i) => (i === 2 ? 'cc-total' : undefined),
  };
}

/** Which term dominates at this n, and where they cross. */
export function costSentence(state: CostState, r: CostReport): string {
  const percent = (100 * r.flops.attention) / r.flops.total;
  const share = percent > 99 && percent < 100 ? 'over 99' : percent > 0 && percent < 1 ? 'under 1' : String(Math.round(percent));
  const lead = r.flops.attention > r.flops.projections ? 'the attention term dominates' : r.flops.attention < r.flops.projections ? 'the projections dominate' : 'the two terms are equal';
  return `At n = ${formatCount(state.n)}, ${lead}: attention is ${share}% of the FLOPs. The terms cross at n = 2 · d_model = ${formatCount(r.crossing)}; ` +
    `beyond it, doubling n doubles the projections but quadruples the attention.`;
}

/** The K/V sharing table: MHA, GQA, MQA rows for this configuration. */
function kvTable(state: CostState, r: CostReport): TableSpec {
  return {
    name: 'kv',
    caption: s.kvTitle,
    head: [s.kvHeads, s.variant, s.group, s.kvParams, s.layerParams, s.kvPerToken, s.kvForN(state.n)],
    rows: r.kv.map((row) => [
      String(row.kvHeads), row.name, String(row.groupSize),
      formatCount(row.parameters.wk + row.parameters.wv), formatCount(row.parameters.total),
      formatBytes(row.kvBytesPerToken), formatBytes(row.kvBytesPerToken * state.n),
    ]),
    className: 'cc-kv', scrollLabel: s.kvTitle,
  };
}

/** The chart's points as a table (its text alternative). */
function chartTable(dModel: number, points: readonly FlopsPoint[]): TableSpec {
  return {
    name: 'chart',
    caption: s.flopsTitle(dModel),
    head: ['n', s.projections, s.attention],
    rows: points.map((p) => [formatCount(p.n), formatCount(p.projections), formatCount(p.attention)]),
  };
}

/** A one-line summary of the state's counts. */
export function summarize(state: CostState, r: CostReport): string {
  return `One layer: ${formatCount(r.perLayer)} parameters; ${state.layers} layer${state.layers === 1 ? '' : 's'}: ${formatCount(r.allLayers)}. ` +
    `Forward pass on ${formatCount(state.n)} tokens: ${formatSi(r.flops.total, 'FLOP')} per layer.`;
}

/** Options of {@link renderCosts} and {@link updateCosts}. */
export interface RenderOptions {
  /** Open the chart's table (kept open across redraws in the page). */
  tableOpen?: boolean;
  /** Width of the chart in px. Default 560; the page passes the width it has (a phone has less). */
  chartWidth?: number;
}

const checkAttrs = (check: InstantiatedCheck) => ({
  class: `cc-note cc-check${check.ran ? (check.agree ? ' cc-ok' : ' cc-bad') : ''}`,
  'data-check': check.ran ? (check.agree ? 'agree' : 'disagree') : 'skipped',
});

/** The whole output area, drawn from scratch. */
export function renderCosts(doc: Document, state: CostState, report: CostReport = computeCosts(state), { tableOpen = false, chartWidth = 560 }: RenderOptions = {}): HTMLElement {
  const chart = flopsChartData(state.dModel, state.n);
  const svg = flopsChart(chart, { document: doc, width: chartWidth });
  const check = report.check;
  return h(doc, 'div', { class: 'cc-output' },
    h(doc, 'p', { class: 'widget-summary cc-summary' }, summarize(state, report)),
    h(doc, 'div', { class: 'cc-grid' },
      h(doc, 'div', { class: 'cc-part' },
        table(doc, parametersTable(state, report)),
        h(doc, 'p', { class: 'cc-note', 'data-part': 'heads' }, headsSentence(state, report)),
        h(doc, 'p', { ...checkAttrs(check), 'data-part': 'check' }, checkSentence(state, check))),
      h(doc, 'div', { class: 'cc-part' },
        table(doc, costTable(state, report)),
        h(doc, 'p', { class: 'cc-note', 'data-part': 'cost' }, costSentence(state, report)))),
    chartFigure(doc, { title: s.flopsTitle(state.dModel), svg, filename: 'flops-vs-n', attrs: { 'data-chart': 'flops' } }),
    h(doc, 'details', { class: 'alt', open: tableOpen }, h(doc, 'summary', {}, s.flopsTable), table(doc, chartTable(state.dModel, chart.points))),
    table(doc, kvTable(state, report)),
    h(doc, 'p', { class: 'cc-note' }, s.kvNote),
  );
}

/**
 * Bring an output area drawn by {@link renderCosts} up to `state` in place: the same
 * elements with new text, the chart's marker moved, or the chart (and its table) drawn
 * anew when d_model, the range of n or the chart's width changed, and the K/V table built anew when h has
 * other divisors. Returns false, having changed nothing, when `root` is not such an area.
 */
export function updateCosts(root: HTMLElement, state: CostState, report: CostReport = computeCosts(state), { chartWidth = 560 }: RenderOptions = {}): boolean {
  const doc = root.ownerDocument;
  const kvBox = root.querySelector('table[data-table="kv"]')?.parentElement;
  if (!kvBox || !root.querySelector('[data-chart="flops"] svg')) return false;
  refillTable(root, parametersTable(state, report));
  refillTable(root, costTable(state, report));
  const kv = kvTable(state, report);
  if (!refillTable(root, kv)) kvBox.replaceWith(table(doc, kv)); // another h: other K/V rows
  setText(root.querySelector('.cc-summary'), summarize(state, report));
  setText(root.querySelector('[data-part="heads"]'), headsSentence(state, report));
  setText(root.querySelector('[data-part="cost"]'), costSentence(state, report));
  const checkEl = root.querySelector('[data-part="check"]')!;
  for (const [k, v] of Object.entries(checkAttrs(report.check))) checkEl.setAttribute(k, v);
  setText(checkEl, checkSentence(state, report.check));
  const figure = root.querySelector('[data-chart="flops"]')!;
  const current = figure.querySelector('svg')!;
  const chart = flopsChartData(state.dModel, state.n);
  if (current.getAttribute('width') !== String(chartWidth) || !updateFlopsChart(current, chart)) {
    figure.querySelector('.figure-svg')!.replaceChildren(flopsChart(chart, { document: doc, width: chartWidth }));
    setText(figure.querySelector('.figure-title'), s.flopsTitle(state.dModel));
    const spec = chartTable(state.dModel, chart.points);
    if (!refillTable(root, spec)) root.querySelector('table[data-table="chart"]')!.parentElement!.replaceWith(table(doc, spec));
  }
  return true;
}
