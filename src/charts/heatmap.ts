import * as Plot from '@observablehq/plot';
import { finalizeSvg, fitWidth, shortLabel } from './svg';
import { palette } from './palette';

/** Options of {@link heatmap}. */
export interface HeatmapOptions {
  /** Labels of the rows (queries), top to bottom. */
  rowLabels: readonly string[];
  /** Labels of the columns (keys, or dimensions), left to right. */
  colLabels: readonly string[];
  /** "weights": values in [0, 1], sequential blues. "signed": any values, diverging around 0. */
  kind: 'weights' | 'signed';
  /** Accessible name of the figure: what it shows. */
  label: string;
  /** Axis titles. */
  xLabel?: string;
  yLabel?: string;
  /** A cell to outline (keyboard focus), as [row, column]. */
  focus?: readonly [number, number] | null;
  /** Fixed colour domain, [min, max]; values beyond it take the end colours. Default [0, 1] for "weights", ±(largest |value|) for "signed". */
  domain?: readonly [number, number];
  /** Print the values in the cells when they fit. Default true. */
  showValues?: boolean;
  /** Decimals of printed values. Default 2. */
  digits?: number;
  /** Largest width in px. Default 640. */
  maxWidth?: number;
  /** Largest cell side in px. Default 46. */
  maxCell?: number;
  /** Smallest cell side in px, even if the map then overflows maxWidth. Default 8 (room for a focus outline); small overview maps of long texts go lower. */
  minCell?: number;
  /** The document to create elements in (a linkedom document at build time). */
  document?: Document;
  /**
   * Cells a mask hides (a key the query may not see): drawn grey in the text colour, with
   * `data-masked` and no printed value, whatever their value (−∞ scores, 0 weights).
   */
  masked?: (row: number, col: number) => boolean;
  /** Rows drawn faded, with `data-faded`: computed, then ignored (padding queries). */
  fadedRows?: readonly number[];
}

type Values = readonly (readonly number[])[];

/** Size in px of the values printed in cells (11 px: the smallest chart text the course uses). */
const VALUE_FONT = 11;
/** Width in px of one character of a printed value, at VALUE_FONT (digits in system-ui). */
const VALUE_CHAR = 6.4;
interface Cell { row: number; col: number; value: number }

/** Sizes and scales of a heatmap; two heatmaps with the same key share every position. */
/**
 * Room for a map's labels: the left margin for the row labels and y title, the top margin for
 * the (rotated when long) column labels and x title, the right margin for the last rotated
 * label, which leans right past the map. With `bare`, a side without labels gets
 * that many px instead of a label's room (the raster map's small maps have none).
 */
export function labelMargins(o: Pick<HeatmapOptions, 'rowLabels' | 'colLabels' | 'xLabel' | 'yLabel'>, cols: number, bare?: number): { rotate: boolean; marginLeft: number; marginTop: number; marginRight: number } {
  const longest = Math.max(0, ...o.colLabels.map((l) => shortLabel(l).length));
  const rotate = cols > 1 && longest > 3;
  const rowLongest = Math.max(0, ...o.rowLabels.map((l) => shortLabel(l).length));
  const left = bare !== undefined && rowLongest === 0 ? bare : 18 + rowLongest * 7.2;
  const top = bare !== undefined && longest === 0 ? bare : rotate ? 14 + longest * 5.2 : 24;
  const lastLongest = shortLabel(o.colLabels[cols - 1] ?? '').length;
  const marginRight = rotate ? Math.max(10, Math.round(5.4 * lastLongest + 6)) : 10; // cos 40° × ~7 px a character, + sin 40° × a glyph's height
  return { rotate, marginLeft: Math.round(left + (o.yLabel ? 14 : 0)), marginTop: Math.round(top + (o.xLabel ? 14 : 0)), marginRight };
}

function layoutOf(values: Values, o: HeatmapOptions) {
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  const { rotate, marginLeft, marginTop, marginRight } = labelMargins(o, cols);
  const maxWidth = fitWidth(o.maxWidth ?? 640);
  const cellSize = Math.max(o.minCell ?? 8, Math.min(o.maxCell ?? 46, (maxWidth - marginLeft - marginRight) / Math.max(cols, 1)));
  const digits = o.digits ?? 2;
  let maxAbs = 1e-12;
  for (const row of values) for (const v of row) if (Number.isFinite(v)) maxAbs = Math.max(maxAbs, Math.abs(v));
  const color = o.kind === 'weights' ? colorScale('weights', o.domain ?? [0, 1]) : colorScale('signed', o.domain ?? [-maxAbs, maxAbs]);
  // the value at which cells are dark enough to need white text
  const extent = o.kind === 'weights' ? (o.domain ?? [0, 1])[1] : o.domain ? Math.max(Math.abs(o.domain[0]), Math.abs(o.domain[1])) : maxAbs;
  // Values are printed at VALUE_FONT px only in cells wide enough for the longest the scale allows.
  const longest = (o.kind === 'signed' ? 1 : 0) + String(Math.floor(extent)).length + (digits > 0 ? 1 + digits : 0);
  const showValues = (o.showValues ?? true) && cellSize >= Math.max(30, VALUE_CHAR * longest + 6);
  // Labels that would touch (cells narrower than an upright label, or lower than a line of
  // text) are shown for every second, third… cell only; the table beside has them all.
  const colLongest = Math.max(1, ...o.colLabels.map((l) => shortLabel(l).length));
  const colStep = rotate ? Math.ceil(18 / cellSize) : Math.ceil((7 * colLongest + 3) / cellSize);
  const rowStep = Math.ceil(14 / cellSize);
  const key = [rows, cols, marginLeft, marginTop, marginRight, rotate, colStep, rowStep, cellSize.toFixed(3), showValues, digits, o.kind, o.xLabel, o.yLabel].join('|');
  return { rows, cols, rotate, marginLeft, marginTop, marginRight, colStep, rowStep, cellSize, digits, showValues, extent, color, key };
}

type Layout = ReturnType<typeof layoutOf>;

/** Plot colour-scale options of a map: blues for weights (over [0, 1] unless a domain is given), red–blue around 0 for signed values. */
export function colorScale(kind: HeatmapOptions['kind'], domain: readonly [number, number] = [-1, 1]): Plot.ScaleOptions {
  return kind === 'weights'
    ? { type: 'linear', scheme: 'blues', domain: [...domain], clamp: true }
    : { type: 'linear', scheme: 'rdbu', domain: [...domain], reverse: true, clamp: true };
}

/**
 * A colour key for a map: a strip of the scale's colours with its end and middle values,
 * drawn with Plot (rects, not a canvas, so it renders at build time too).
 */
export function colorLegend(kind: HeatmapOptions['kind'], { domain = [-1, 1] as readonly [number, number], label, width: preferred = 220, document }: { domain?: readonly [number, number]; label: string; width?: number; document?: Document }): SVGSVGElement {
  const width = fitWidth(preferred);
  const [lo, hi] = kind === 'weights' ? [0, 1] : domain;
  const steps = 40;
  const bins = Array.from({ length: steps }, (_, i) => ({ x1: lo + ((hi - lo) * i) / steps, x2: lo + ((hi - lo) * (i + 1)) / steps }));
  const svg = Plot.plot({
    document, width, height: 44, marginTop: 6, marginBottom: 22, marginLeft: 12, marginRight: 12,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '11px', background: 'transparent' },
    x: { domain: [lo, hi], ticks: [lo, (lo + hi) / 2, hi], tickFormat: (d: number) => (d < 0 ? `−${-d}` : d > 0 && kind === 'signed' ? `+${d}` : String(d)), label: null, tickSize: 4 },
    y: { axis: null },
    color: colorScale(kind, [lo, hi]),
    marks: [Plot.rectY(bins, { x1: 'x1', x2: 'x2', y: 1, fill: (d: { x1: number; x2: number }) => (d.x1 + d.x2) / 2 })],
  }) as SVGSVGElement;
  svg.setAttribute('class', `${svg.getAttribute('class') ?? ''} color-legend`.trim());
  return finalizeSvg(svg, label);
}

/** The tick label of row or column i: shortened, and blank between every `step`-th. */
const tickText = (labels: readonly string[], i: number, step: number) => (i % step === 0 ? shortLabel(labels[i] ?? '') : '');

const format = (v: number, digits: number) => (Number.isFinite(v) ? v.toFixed(digits) : v > 0 ? '∞' : '−∞');
/** Black or white text, whichever reads on the cell's colour. */
const textFill = (v: number, kind: HeatmapOptions['kind'], extent: number) =>
  (kind === 'weights' ? v > 0.55 * extent : Math.abs(v) > 0.6 * extent) ? 'white' : 'black';

/**
 * Rendered heatmaps by layout key, per document. Plot takes a few ms per map; a map whose
 * layout has been drawn before is a copy of that drawing refilled by {@link updateHeatmap}
 * (a tenth of the time), so a widget that goes back to an earlier shape redraws in a frame.
 * The copy is the same SVG a fresh render gives (tested).
 */
const templates = new WeakMap<Document, Map<string, SVGSVGElement>>();
const TEMPLATE_LIMIT = 96;

/** Forget the stored drawings (tests compare against fresh renders). */
export function clearHeatmapTemplates(doc: Document = globalThis.document): void {
  if (doc) templates.delete(doc);
}

/**
 * A labelled matrix as a grid of coloured cells: rows are queries (y), columns are keys
 * (x). Each cell <rect> carries data-row and data-col so a widget can point at it, and
 * the SVG records its layout so {@link updateHeatmap} can refill it in place.
 *
 * @param values rows × columns numbers, not modified.
 */
export function heatmap(input: Values, o: HeatmapOptions): SVGSVGElement {
  const values = unmasked(input, o);
  const L = layoutOf(values, o);
  const doc = o.document ?? globalThis.document;
  const stored = doc ? templates.get(doc)?.get(L.key) : undefined;
  if (stored) {
    const copy = stored.cloneNode(true) as SVGSVGElement;
    if (refill(copy, values, o, L)) return copy;
  }
  const svg = renderHeatmap(values, o, L);
  markCells(svg, o);
  if (doc) {
    const byKey = templates.get(doc) ?? new Map<string, SVGSVGElement>();
    if (byKey.size >= TEMPLATE_LIMIT) byKey.delete(byKey.keys().next().value!);
    byKey.set(L.key, svg.cloneNode(true) as SVGSVGElement);
    templates.set(doc, byKey);
  }
  return svg;
}

/** Draw a heatmap with Plot (see {@link heatmap}). */
function renderHeatmap(values: Values, o: HeatmapOptions, L: Layout): SVGSVGElement {
  const data: Cell[] = [];
  for (let row = 0; row < L.rows; row++) for (let col = 0; col < L.cols; col++) data.push({ row, col, value: values[row][col] });
  const marks: Plot.Markish[] = [
    Plot.cell(data, { x: 'col', y: 'row', fill: (d: Cell) => (Number.isFinite(d.value) ? d.value : null), inset: L.cellSize < 6 ? 0 : 0.5, className: 'hm-cells' }), // small cells touch: a gap would be a quarter of each
  ];
  if (L.showValues) {
    marks.push(
      Plot.text(data, {
        x: 'col', y: 'row', text: (d: Cell) => format(d.value, L.digits), fontSize: VALUE_FONT,
        fill: (d: Cell) => textFill(d.value, o.kind, L.extent), className: 'hm-values',
      }),
    );
  }
  // The focus outline is always drawn (hidden without a focus) so it can be moved in place.
  const [fRow, fCol] = o.focus ?? [0, 0];
  marks.push(Plot.cell([{ row: fRow, col: fCol }], { x: 'col', y: 'row', fill: 'none', stroke: 'currentColor', strokeWidth: 3, inset: 0.5, className: 'hm-focus' }));

  const svg = Plot.plot({
    document: o.document,
    width: L.marginLeft + L.cols * L.cellSize + L.marginRight,
    height: L.marginTop + L.rows * L.cellSize + 6,
    marginLeft: L.marginLeft, marginTop: L.marginTop, marginRight: L.marginRight, marginBottom: 6,
    padding: 0,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: {
      axis: 'top', domain: [...Array(L.cols).keys()], tickSize: 0, tickRotate: L.rotate ? -40 : 0,
      tickFormat: (i: number) => tickText(o.colLabels, i, L.colStep), label: o.xLabel ?? null, labelAnchor: 'right', labelArrow: 'none',
    },
    y: {
      domain: [...Array(L.rows).keys()], tickSize: 0, tickFormat: (i: number) => tickText(o.rowLabels, i, L.rowStep),
      label: o.yLabel ?? null, labelAnchor: 'top', labelArrow: 'none',
    },
    color: L.color,
    marks,
  }) as SVGSVGElement;

  svg.setAttribute('data-heatmap', L.key);
  const drawn = data.filter((d) => Number.isFinite(d.value)); // Plot draws no cell without a colour
  svg.querySelectorAll('g.hm-cells rect').forEach((rect, i) => {
    rect.setAttribute('data-row', String(drawn[i].row));
    rect.setAttribute('data-col', String(drawn[i].col));
  });
  for (const axis of ['x', 'y'] as const) {
    svg.querySelectorAll(`g[aria-label="${axis}-axis tick label"] text`).forEach((text) => text.setAttribute('data-tick', axis));
  }
  // A map's rows are queries and its columns keys: their axis titles take Q's and K's colours.
  svg.querySelectorAll('text:not([data-tick])').forEach((text) => {
    const role = axisRole(text.textContent ?? '');
    if (role && (text.textContent === o.xLabel || text.textContent === o.yLabel)) text.setAttribute('fill', palette[role]);
  });
  const focusRect = svg.querySelector('g.hm-focus rect');
  if (focusRect && !o.focus) focusRect.setAttribute('visibility', 'hidden');
  return finalizeSvg(svg, o.label);
}

/** Which of Q and K an axis title names ("query", "key position", "key (other sentence)"), if either. */
export function axisRole(title: string): 'q' | 'k' | undefined {
  if (/^quer(y|ies)\b/.test(title)) return 'q';
  if (/^keys?\b/.test(title)) return 'k';
  return undefined;
}

/**
 * Refill a heatmap made by {@link heatmap} with new values, labels and focus, without
 * re-rendering, when its layout is unchanged (same shape, margins and cell size).
 * Colours come from the same Plot scale options as a fresh render.
 *
 * @returns false (and leaves the SVG alone) when the layout differs: render anew.
 */
export function updateHeatmap(svg: SVGSVGElement, input: Values, o: HeatmapOptions): boolean {
  const values = unmasked(input, o);
  return refill(svg, values, o, layoutOf(values, o));
}

/** The values with every masked cell set to 0: a masked cell's colour and size never count. */
function unmasked(values: Values, o: HeatmapOptions): Values {
  const { masked } = o;
  return masked ? values.map((row, i) => row.map((v, j) => (masked(i, j) ? 0 : v))) : values;
}

const MASKED_OPACITY = '0.12';
const FADED_OPACITY = '0.3';

/**
 * Grey out the masked cells and fade the ignored rows of a drawn heatmap (and undo both
 * where they no longer apply), so a fresh render and a refill agree. The grey is the text
 * colour at low opacity: it reads on the light and the dark theme and in downloads.
 */
function markCells(svg: SVGSVGElement, o: HeatmapOptions): void {
  if (!o.masked && !o.fadedRows?.length && !svg.querySelector('g.hm-cells rect[data-masked], g.hm-cells rect[data-faded]')) return; // nothing to mark or undo
  const faded = new Set(o.fadedRows ?? []);
  const texts = svg.querySelectorAll('g.hm-values text');
  svg.querySelectorAll('g.hm-cells rect').forEach((rect, k) => {
    const [i, j] = [Number(rect.getAttribute('data-row')), Number(rect.getAttribute('data-col'))];
    const isMasked = o.masked?.(i, j) ?? false;
    const isFaded = !isMasked && faded.has(i);
    const text = texts[k];
    // Cleared, then set in a fixed order: a refill and a fresh render give the same markup.
    for (const name of ['data-masked', 'data-faded', 'fill-opacity']) rect.removeAttribute(name);
    text?.removeAttribute('visibility');
    if (isMasked) {
      rect.setAttribute('fill', 'currentColor');
      rect.setAttribute('fill-opacity', MASKED_OPACITY);
      rect.setAttribute('data-masked', '');
      text?.setAttribute('visibility', 'hidden');
    } else if (isFaded) {
      rect.setAttribute('fill-opacity', FADED_OPACITY);
      rect.setAttribute('data-faded', '');
      text?.setAttribute('fill', 'currentColor'); // the faded cell is pale: the text colour reads on it in both themes
    }
  });
}



/** {@link updateHeatmap} with the layout already worked out. */
function refill(svg: SVGSVGElement, values: Values, o: HeatmapOptions, L: Layout): boolean {
  if (svg.getAttribute('data-heatmap') !== L.key) return false;
  const flat = values.flat();
  const rects = svg.querySelectorAll('g.hm-cells rect');
  // Plot leaves out the cells of non-finite values: such maps are always drawn anew.
  if (rects.length !== flat.length || !flat.every(Number.isFinite)) return false;
  const color = Plot.scale({ color: L.color });
  rects.forEach((rect, i) => rect.setAttribute('fill', String(color.apply(flat[i]))));
  if (L.showValues) {
    // Write only what changed: every text write costs a layout.
    svg.querySelectorAll('g.hm-values text').forEach((text, i) => {
      const v = flat[i];
      setText(text, format(v, L.digits));
      const fill = textFill(v, o.kind, L.extent);
      if (text.getAttribute('fill') !== fill) text.setAttribute('fill', fill);
    });
  }
  svg.querySelectorAll('text[data-tick="x"]').forEach((text, i) => setText(text, tickText(o.colLabels, i, L.colStep)));
  svg.querySelectorAll('text[data-tick="y"]').forEach((text, i) => setText(text, tickText(o.rowLabels, i, L.rowStep)));
  markCells(svg, o);
  moveHeatmapFocus(svg, o.focus ?? null);
  svg.setAttribute('aria-label', o.label);
  return true;
}

function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

/** Move (or hide, with null) the focus outline of a heatmap to [row, column]. */
export function moveHeatmapFocus(svg: SVGSVGElement, focus: readonly [number, number] | null): void {
  const outline = svg.querySelector('g.hm-focus rect');
  if (!outline) return;
  const cell = focus && svg.querySelector(`g.hm-cells rect[data-row="${focus[0]}"][data-col="${focus[1]}"]`);
  if (!cell) {
    outline.setAttribute('visibility', 'hidden');
    return;
  }
  for (const attr of ['x', 'y', 'width', 'height']) outline.setAttribute(attr, cell.getAttribute(attr) ?? '0');
  outline.removeAttribute('visibility');
}
