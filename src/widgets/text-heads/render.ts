/**
 * Everything the text-heads widget shows below its controls, computed by analyseText
 * (src/training/text/analyse.ts) on the shipped text model: the loss on each character
 * with repeated spans marked, the drawn head's map, every head's small map and detector
 * scores, and a table position by position (top keys, guesses, loss). The same functions
 * draw the static HTML at build time (linkedom, checkpoint imported) and redraw in the page
 * (checkpoint fetched); when the text keeps its length the maps are refilled in place.
 */
import { colorLegend } from '../../charts/heatmap';
import { rasterMap, updateRasterMap, type RasterMapOptions } from '../../charts/raster';
import { palette } from '../../charts/palette';
import { t } from '../../i18n/strings';
import { topKeysOfRow, type AttendedKey, type ModelConfig, type ModelParams } from '../../training';
import { analyseText, repeatedTargets, type TextAnalysis } from '../../training/text';
import { chartFigure, h, scrollBox } from '../common/dom';
import type { TextHeadsState } from './state';

const s = t.textHeads;

/** The text model as the widget uses it. */
export interface TextHeadsModel {
  params: ModelParams;
  config: ModelConfig;
}

/** What the widget computes for a state. */
export interface TextHeadsView {
  state: TextHeadsState;
  analysis: TextAnalysis;
  /** repeated[i]: prediction i (of character i + 1) completes a span seen earlier. */
  repeated: boolean[];
  /** The drawn head's heaviest keys for query i (computed when asked: the table is often closed). */
  top(i: number): AttendedKey[];
  /** A detector whose scores come from the reader's edited code (its column says so). */
  edited?: string;
}

/** Keys listed per query, and guesses per position. */
export const TOP_K = 3;

/**
 * Run the model on the typed text under the state's mask. Throws a RangeError for text the
 * model cannot read (the state check stops it first). Given the previous view, a state with
 * the same text and mask (another head drawn) reuses its analysis instead of running the model.
 */
export function computeView(model: TextHeadsModel, state: TextHeadsState, previous: TextHeadsView | null = null): TextHeadsView {
  const reuse = previous && previous.state.text === state.text && previous.state.mask.every((row, l) => row.every((v, hd) => v === state.mask[l][hd]));
  const analysis = reuse ? previous.analysis : analyseText(model.params, model.config, state.text, { mask: state.mask, top: TOP_K });
  const map = analysis.maps[state.layer - 1][state.head - 1];
  const tops: AttendedKey[][] = [];
  return {
    state, analysis, repeated: reuse ? previous.repeated : repeatedTargets(analysis.tokens),
    top: (i) => (tops[i] ??= topKeysOfRow(map[i], i, TOP_K)),
  };
}

/** Numbers as the widget prints them. */
export const num = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
/** A character as a label: the space made visible. */
export const shown = (ch: string) => (ch === ' ' ? s.space : ch);

const mean = (xs: readonly number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);

/** The one-paragraph reading of the whole text. */
export function summarize(v: TextHeadsView): string {
  const { losses } = v.analysis;
  const inRepeat = mean(losses.filter((_, i) => v.repeated[i]));
  const rest = mean(losses.filter((_, i) => !v.repeated[i]));
  const off = v.state.mask.flatMap((row, l) => row.flatMap((on, hd) => (on ? [] : [s.shortName(l + 1, hd + 1)])));
  const allOff = off.length === v.state.mask.flat().length;
  return s.summary(losses.length, num(v.analysis.meanLoss), inRepeat === null ? null : num(inRepeat), rest === null ? null : num(rest)) +
    (allOff ? ` ${s.allOff}` : off.length ? s.offSummary(off.join(', ')) : '');
}

/** Full-precision numbers of a view, for tests that compare the page with Node. */
export function viewData(v: TextHeadsView): string {
  return JSON.stringify({ losses: v.analysis.losses, scores: v.analysis.scores });
}

/** Largest loss the bars show in full (nats); a larger one is drawn at full height. */
export const LOSS_CAP = 6;

/** The text with a bar of the loss over each character (HTML, so it wraps at any width). */
function lossStrip(doc: Document, v: TextHeadsView): HTMLElement {
  const chars = [...v.analysis.text];
  const marked = v.repeated.filter(Boolean).length;
  return h(doc, 'figure', { class: 'th-loss', 'data-loss': '' },
    h(doc, 'p', { class: 'figure-title' }, s.lossTitle),
    h(doc, 'div', { class: 'th-strip', role: 'img', 'aria-label': s.lossLabel(chars.length, marked) },
      ...chars.map((ch, i) => lossCell(doc, ch, i === 0 ? null : v.analysis.losses[i - 1], i > 0 && v.repeated[i - 1]))),
    h(doc, 'p', { class: 'th-key' }, h(doc, 'span', { class: 'th-key-mark', 'aria-hidden': 'true' }), s.repeatKey, ' ', s.firstChar));
}

function lossCell(doc: Document, ch: string, loss: number | null, repeat: boolean): HTMLElement {
  const height = loss === null ? 0 : Math.min(loss, LOSS_CAP) / LOSS_CAP;
  return h(doc, 'span', { class: `th-c${repeat ? ' is-repeat' : ''}`, style: `--loss:${height.toFixed(3)}` },
    h(doc, 'span', { class: 'th-bar' }),
    h(doc, 'span', { class: 'th-ch' }, shown(ch)));
}

/** Row and column labels of a map over n characters: position:character on every few rows, so they never overlap. */
export function mapLabels(text: string): string[] {
  const chars = [...text];
  const every = Math.max(1, Math.ceil(chars.length / 12));
  return chars.map((ch, i) => (i % every === 0 ? `${i}:${shown(ch)}` : ''));
}

/** One head's map, rows as views into the forward pass's weights (the raster map reads them as they are). */
const rowsOf = (v: TextHeadsView, layer: number, head: number) => v.analysis.maps[layer][head];

// The maps are drawn as images (charts/raster.ts): 64 × 64 cells in SVG rects, nine times,
// cost far more than a frame to refill.
function mainOptions(doc: Document, v: TextHeadsView): RasterMapOptions {
  const labels = mapLabels(v.analysis.text);
  return {
    rowLabels: labels, colLabels: labels, xLabel: 'key', yLabel: 'query', document: doc, causal: true,
    maxWidth: 380, maxCell: 30, minCell: 3, label: s.mapLabel(v.state.layer, v.state.head, v.analysis.tokens.length),
  };
}

function miniOptions(doc: Document, v: TextHeadsView, layer: number, head: number): RasterMapOptions {
  const blank = v.analysis.tokens.map(() => '');
  return { rowLabels: blank, colLabels: blank, document: doc, maxWidth: 140, maxCell: 16, minCell: 1, causal: true, label: miniLabel(v, layer, head) };
}

const scoreOf = (v: TextHeadsView, name: string, layer: number, head: number) => v.analysis.scores[name]?.[layer]?.[head] ?? NaN;
const isOff = (v: TextHeadsView, layer: number, head: number) => v.state.mask[layer][head] === 0;
const miniLabel = (v: TextHeadsView, layer: number, head: number) =>
  s.miniLabel(layer + 1, head + 1, num(scoreOf(v, 'previousToken', layer, head)), num(scoreOf(v, 'induction', layer, head)), isOff(v, layer, head));
const miniScores = (v: TextHeadsView, layer: number, head: number) =>
  `prev ${num(scoreOf(v, 'previousToken', layer, head))} · ind ${num(scoreOf(v, 'induction', layer, head))}`;

function swatch(doc: Document, head: number): HTMLElement {
  return h(doc, 'span', { class: 'hm-swatch', style: `background:${palette.heads[head % palette.heads.length]}`, 'aria-hidden': 'true' });
}

function grid(doc: Document, v: TextHeadsView, c: ModelConfig): HTMLElement {
  const items: HTMLElement[] = [];
  for (let l = 0; l < c.layers; l++) {
    for (let hd = 0; hd < c.h; hd++) {
      const o = miniOptions(doc, v, l, hd);
      const pressed = l === v.state.layer - 1 && hd === v.state.head - 1;
      items.push(h(doc, 'button', {
        type: 'button', class: `hm-pick${isOff(v, l, hd) ? ' is-off' : ''}`, 'data-layer': l + 1, 'data-head': hd + 1,
        'aria-pressed': pressed ? 'true' : 'false', 'aria-label': o.label,
      },
      h(doc, 'span', { class: 'hm-pick-title' }, swatch(doc, hd), s.shortName(l + 1, hd + 1), isOff(v, l, hd) ? h(doc, 'small', { class: 'th-off' }, ` ${s.off}`) : null),
      rasterMap(rowsOf(v, l, hd), o),
      h(doc, 'span', { class: 'hm-pick-roles' }, miniScores(v, l, hd))));
    }
  }
  return h(doc, 'div', { class: 'hm-grid-wrap' },
    h(doc, 'p', { class: 'figure-title' }, s.gridTitle),
    h(doc, 'div', { class: 'hm-grid', style: `--hm-cols:${c.h}` }, ...items));
}

/** Rows of the detector table: one per head. */
export function scoreRows(v: TextHeadsView, c: ModelConfig): string[][] {
  const rows: string[][] = [];
  for (let l = 0; l < c.layers; l++) {
    for (let hd = 0; hd < c.h; hd++) rows.push([s.shortName(l + 1, hd + 1), num(scoreOf(v, 'previousToken', l, hd)), num(scoreOf(v, 'induction', l, hd)), isOff(v, l, hd) ? s.off : s.on]);
  }
  return rows;
}

function scoreTable(doc: Document, v: TextHeadsView, c: ModelConfig): HTMLElement {
  const chosen = (v.state.layer - 1) * c.h + v.state.head - 1;
  return scrollBox(doc, s.scoresCaption,
    h(doc, 'table', { class: 'th-scores' },
      h(doc, 'caption', { class: 'table-caption' }, s.scoresCaption),
      h(doc, 'thead', {}, h(doc, 'tr', {}, ...s.scoresColumns.map((col, k) => h(doc, 'th', { scope: 'col' }, col, editedColumn(v, k) ? ` ${s.yours}` : '')))),
      h(doc, 'tbody', {}, ...scoreRows(v, c).map((row, k) =>
        h(doc, 'tr', { class: scoreRowClass(v, c, k, chosen) },
          h(doc, 'th', { scope: 'row' }, swatch(doc, k % c.h), row[0]),
          ...row.slice(1).map((cell) => h(doc, 'td', {}, cell)))))));
}

/** Whether column k of the detector table shows the reader's detector. */
const editedColumn = (v: TextHeadsView, k: number) => (k === 1 && v.edited === 'previousToken') || (k === 2 && v.edited === 'induction');

/** Keys under this weight are left out of the top-keys column (they would read 0.00). */
export const SHOWN_WEIGHT = 0.005;

/** Rows of the positions table: position, character, top keys of the drawn head, guesses, next character, loss. */
export function positionRows(v: TextHeadsView): string[][] {
  const chars = [...v.analysis.text];
  return chars.map((ch, i) => {
    const keys = v.top(i).filter((k, r) => r === 0 || k.weight >= SHOWN_WEIGHT).map((k) => `${k.key}:${shown(chars[k.key])} ${num(k.weight)}`).join(', ');
    const guesses = v.analysis.guesses[i].map((g) => `${shown(g.char)} ${Math.round(g.p * 100)}%`).join(', ');
    const last = i === chars.length - 1;
    return [String(i), shown(ch), keys, guesses, last ? '—' : shown(chars[i + 1]), last ? '—' : num(v.analysis.losses[i])];
  });
}

/**
 * The table of every position, in a <details> closed at first. 64 rows refilled on every
 * change cost a frame of layout, so in the page a closed table is left empty (`data-stale`)
 * and filled when opened; the build fills it (`fill`), for readers without JavaScript.
 */
function positionsTable(doc: Document, v: TextHeadsView, open: boolean, fill: boolean): HTMLElement {
  const caption = s.positionsCaption(v.state.layer, v.state.head);
  return h(doc, 'details', { class: 'alt th-positions-wrap', open, 'data-stale': !fill },
    h(doc, 'summary', {}, s.positionsTitle),
    scrollBox(doc, caption,
      h(doc, 'table', { class: 'th-positions' },
        h(doc, 'caption', { class: 'table-caption' }, caption),
        h(doc, 'thead', {}, h(doc, 'tr', {}, ...s.positionsColumns.map((col) => h(doc, 'th', { scope: 'col' }, col)))),
        h(doc, 'tbody', {}, ...(fill ? positionTrs(doc, v) : [])))));
}

function positionTrs(doc: Document, v: TextHeadsView): HTMLElement[] {
  return positionRows(v).map((row, i) =>
    h(doc, 'tr', { class: i > 0 && v.repeated[i] ? 'is-repeat' : undefined },
      h(doc, 'th', { scope: 'row' }, row[0]), ...row.slice(1).map((cell) => h(doc, 'td', {}, cell))));
}

const legendCache = new WeakMap<Document, SVGSVGElement>();
function legend(doc: Document): SVGSVGElement {
  if (!legendCache.has(doc)) legendCache.set(doc, colorLegend('weights', { label: 'Colour key of the weights: white at 0, dark blue at 1.', document: doc }));
  return legendCache.get(doc)!.cloneNode(true) as SVGSVGElement;
}

/** The whole output area, drawn from scratch. */
export function renderTextHeads(doc: Document, model: TextHeadsModel, v: TextHeadsView, { positionsOpen = false, fillClosed = false }: { positionsOpen?: boolean; fillClosed?: boolean } = {}): HTMLElement {
  const o = mainOptions(doc, v);
  return h(doc, 'div', { class: 'th-output', 'data-view': viewData(v) },
    h(doc, 'p', { class: 'widget-summary th-summary' }, summarize(v)),
    lossStrip(doc, v),
    h(doc, 'div', { class: 'th-maps' },
      chartFigure(doc, {
        title: s.mapTitle(v.state.layer, v.state.head), svg: rasterMap(rowsOf(v, v.state.layer - 1, v.state.head - 1), o),
        filename: `text-layer${v.state.layer}-head${v.state.head}`, legend: legend(doc), attrs: { 'data-map': 'head' },
      }),
      scoreTable(doc, v, model.config)),
    h(doc, 'p', { class: 'th-next', 'aria-live': 'polite' }, nextText(v)),
    grid(doc, v, model.config),
    positionsTable(doc, v, positionsOpen, positionsOpen || fillClosed));
}

/**
 * Bring an output area drawn by {@link renderTextHeads} up to a new view in place. Returns
 * false, changing nothing, when the text's length changed (the maps' layout differs): then
 * render anew.
 */
export function updateTextHeads(root: HTMLElement, model: TextHeadsModel, v: TextHeadsView): boolean {
  const doc = root.ownerDocument;
  const mainSvg = root.querySelector<SVGSVGElement>('[data-map="head"] svg[data-raster-map]');
  const picks = [...root.querySelectorAll<HTMLButtonElement>('.hm-pick')];
  const strip = root.querySelector('.th-strip');
  const n = v.analysis.tokens.length;
  if (!mainSvg || !strip || strip.children.length !== n || picks.length !== model.config.layers * model.config.h) return false;
  const o = mainOptions(doc, v);
  const minis = picks.map((pick) => pick.querySelector<SVGSVGElement>('svg[data-raster-map]'));
  const mini = (k: number) => [Number(picks[k].dataset.layer) - 1, Number(picks[k].dataset.head) - 1] as const;
  // Check every layout first, so a refused refill changes nothing.
  if (!mainSvg.getAttribute('data-raster-map') || minis.some((svg) => !svg)) return false;
  if (!updateRasterMap(mainSvg, rowsOf(v, v.state.layer - 1, v.state.head - 1), o)) return false;
  minis.forEach((svg, k) => updateRasterMap(svg!, rowsOf(v, ...mini(k)), miniOptions(doc, v, ...mini(k))));
  // The maps are refilled; the rest is refilled in place too (a rebuilt 64-row table costs a frame of layout).
  root.setAttribute('data-view', viewData(v));
  setText(root.querySelector('.th-summary')!, summarize(v));
  fillLossStrip(root.querySelector('.th-loss')!, v);
  const fig = root.querySelector<HTMLElement>('[data-map="head"]')!;
  setText(fig.querySelector('.figure-title')!, s.mapTitle(v.state.layer, v.state.head));
  fig.setAttribute('data-filename', `text-layer${v.state.layer}-head${v.state.head}`);
  fillScoreTable(root.querySelector<HTMLTableElement>('.th-scores')!, v, model.config);
  for (const pick of picks) {
    const [l, hd] = [Number(pick.dataset.layer) - 1, Number(pick.dataset.head) - 1];
    pick.setAttribute('aria-pressed', l === v.state.layer - 1 && hd === v.state.head - 1 ? 'true' : 'false');
    pick.setAttribute('aria-label', miniLabel(v, l, hd));
    pick.classList.toggle('is-off', isOff(v, l, hd));
    const title = pick.querySelector('.hm-pick-title')!;
    title.querySelector('.th-off')?.remove();
    if (isOff(v, l, hd)) title.append(h(doc, 'small', { class: 'th-off' }, ` ${s.off}`));
    setText(pick.querySelector('.hm-pick-roles')!, miniScores(v, l, hd));
  }
  setText(root.querySelector('.th-next')!, nextText(v));
  const details = root.querySelector<HTMLDetailsElement>('details.th-positions-wrap')!;
  if (details.hasAttribute('open')) fillPositions(details, v);
  else {
    captionPositions(details, v);
    details.querySelector('.th-positions tbody')!.replaceChildren(); // filled when opened
    details.setAttribute('data-stale', '');
  }
  return true;
}

/** What the model guesses after the last character, and where the drawn head looks from there. */
export function nextText(v: TextHeadsView): string {
  const last = v.analysis.tokens.length - 1;
  const chars = [...v.analysis.text];
  const guesses = v.analysis.guesses[last].map((g) => `“${shown(g.char)}” ${Math.round(g.p * 100)}%`).join(', ');
  const keys = v.top(last).filter((k, r) => r === 0 || k.weight >= SHOWN_WEIGHT).map((k) => `${k.key}:${shown(chars[k.key])} ${num(k.weight)}`).join(', ');
  return s.next(guesses, s.shortName(v.state.layer, v.state.head), keys);
}

/** Refill the positions table of a drawing (same length) for a view. */
export function fillPositions(details: HTMLDetailsElement, v: TextHeadsView): void {
  const positions = details.querySelector<HTMLTableElement>('.th-positions')!;
  details.removeAttribute('data-stale');
  captionPositions(details, v);
  const body = positions.querySelector('tbody')!;
  if (body.children.length === v.analysis.tokens.length) fillRows(positions, positionRows(v), (tr, i) => setClass(tr, i > 0 && v.repeated[i] ? 'is-repeat' : undefined));
  else body.replaceChildren(...positionTrs(positions.ownerDocument, v));
}

/** Name the positions table for the drawn head. */
function captionPositions(details: Element, v: TextHeadsView): void {
  const caption = s.positionsCaption(v.state.layer, v.state.head);
  setText(details.querySelector('.th-positions caption')!, caption);
  details.querySelector('.table-scroll')?.setAttribute('aria-label', caption);
}

/** Refill the loss strip of a text of the same length: bar heights, marks and characters. */
function fillLossStrip(fig: Element, v: TextHeadsView): void {
  const chars = [...v.analysis.text];
  const strip = fig.querySelector('.th-strip')!;
  strip.setAttribute('aria-label', s.lossLabel(chars.length, v.repeated.filter(Boolean).length));
  [...strip.children].forEach((cell, i) => {
    const loss = i === 0 ? null : v.analysis.losses[i - 1];
    const style = `--loss:${(loss === null ? 0 : Math.min(loss, LOSS_CAP) / LOSS_CAP).toFixed(3)}`;
    if (cell.getAttribute('style') !== style) cell.setAttribute('style', style);
    setClass(cell, `th-c${i > 0 && v.repeated[i - 1] ? ' is-repeat' : ''}`);
    setText(cell.querySelector('.th-ch')!, shown(chars[i]));
  });
}

/** Refill the detector table (same heads): its numbers, the drawn and switched-off rows, the edited columns. */
function fillScoreTable(table: HTMLTableElement, v: TextHeadsView, c: ModelConfig): void {
  const chosen = (v.state.layer - 1) * c.h + v.state.head - 1;
  table.querySelectorAll('thead th').forEach((th, k) => setText(th, `${s.scoresColumns[k]}${editedColumn(v, k) ? ` ${s.yours}` : ''}`));
  fillRows(table, scoreRows(v, c), (tr, k) => setClass(tr, scoreRowClass(v, c, k, chosen)));
}

/** Write rows of text into a table's body in place (same number of rows); the row header's last text node is its label. */
function fillRows(table: HTMLTableElement, rows: readonly string[][], each: (tr: HTMLTableRowElement, i: number) => void): void {
  table.querySelectorAll<HTMLTableRowElement>('tbody tr').forEach((tr, i) => {
    setText(tr.querySelector('th')!.lastChild!, rows[i][0]);
    tr.querySelectorAll('td').forEach((td, j) => setText(td, rows[i][j + 1]));
    each(tr, i);
  });
}

/** Classes of row k of the detector table, as a fresh drawing writes them. */
const scoreRowClass = (v: TextHeadsView, c: ModelConfig, k: number, chosen: number) =>
  [k === chosen ? 'is-shown' : '', v.state.mask[Math.floor(k / c.h)][k % c.h] === 0 ? 'is-off' : ''].filter(Boolean).join(' ') || undefined;

/** Set (or remove, with undefined) an element's class attribute, writing only a change. */
function setClass(el: Element, cls: string | undefined): void {
  if (cls === undefined) el.removeAttribute('class');
  else if (el.getAttribute('class') !== cls) el.setAttribute('class', cls);
}

function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
