/**
 * Everything the head-maps widget shows below its controls, computed with the trained
 * lab model (src/training/model.ts forward) and the role scores of src/training/roles.ts.
 * The same functions render the static HTML at build time (linkedom, checkpoint imported)
 * and redraw in the page (checkpoint fetched); when the number of tokens is unchanged the
 * maps are refilled in place (updateHeadMaps), which fits in a frame.
 */
import { colorLegend, heatmap, moveHeatmapFocus, updateHeatmap, type HeatmapOptions } from '../../charts/heatmap';
import { palette } from '../../charts/palette';
import { headNames, roleChart, roleChartOptions, roleValues } from '../../charts/roles';
import { t } from '../../i18n/strings';
import { attentionMaps, forward, headRoles, scoreLogits, targetsFor, topKeys, type AttendedKey, type ModelConfig, type ModelParams, type RoleScores, type Task } from '../../training';
import { chartFigure, h, numberTable, scrollBox } from '../common/dom';
import type { HeadMapsState } from './state';

const s = t.looking;

/** The trained model as the widget uses it. */
export interface HeadMapsModel {
  params: ModelParams;
  config: ModelConfig;
  task: Task;
  /** Role scores averaged over the held-out set, [layer][head]; null until computed. */
  heldOut: RoleScores[][] | null;
  /** Size of the held-out set. */
  heldOutSize: number;
}

/** What the widget computes for a state. */
export interface HeadMapsComputed {
  tokens: readonly number[];
  /** Every head's (n, n) weights: maps[layer][head]. */
  maps: number[][][][];
  /** Role scores of every head on this input: roles[layer][head]. */
  roles: RoleScores[][];
  /** The drawn head's three heaviest keys for each query. */
  top: AttendedKey[][];
  /** The model's answer at each position (argmax of its logits). */
  predictions: number[];
  /** The task's answer at each position (−1: not scored). */
  targets: number[];
}

/** A cell of the large map: [query row, key column]. */
export type Focus = readonly [number, number];

/** Keys listed per query. */
export const TOP_K = 3;

/** Run the model on the typed tokens and score every head. */
export function computeHeadMaps(model: HeadMapsModel, state: HeadMapsState): HeadMapsComputed {
  const f = forward(model.params, model.config, [state.tokens]);
  const maps = f.layers.map((_, l) => Array.from({ length: model.config.h }, (_, hd) => attentionMaps(f, l, hd).map((row) => Array.from(row))));
  const targets = targetsFor(model.task, state.tokens);
  const predictions = Array.from(scoreLogits(f.logits, model.config.vocab, targets).predicted);
  return {
    tokens: state.tokens, maps, roles: headRoles(f), predictions,
    targets, top: topKeys(maps[state.layer - 1][state.head - 1], TOP_K),
  };
}

/** Numbers as the widget prints them. */
export const num = (v: number, digits = 2) => (Number.isFinite(v) ? v.toFixed(digits) : '—');

/** position:token labels, so a repeated token is still told apart. */
export const tokenLabels = (tokens: readonly number[]) => tokens.map((tok, i) => `${i}:${tok}`);

/** Thresholds of the one-word role labels (a reading aid; the numbers are what count). */
export const ROLE_LABEL = { mostly: 0.5, broad: 0.5 } as const;

/** One word for what a head mostly does, from its role scores. */
export function roleLabel(r: RoleScores): string {
  if (r.previous >= ROLE_LABEL.mostly && r.previous >= r.first) return s.roles.previous;
  if (r.first >= ROLE_LABEL.mostly) return s.roles.first;
  return r.normalizedEntropy >= ROLE_LABEL.broad ? s.roles.broad : s.roles.other;
}

/** The one-paragraph reading of the drawn head on this input. */
export function summarize(state: HeadMapsState, c: HeadMapsComputed): string {
  const r = c.roles[state.layer - 1][state.head - 1];
  const n = c.tokens.length;
  let right = 0;
  c.targets.forEach((y, i) => { if (y >= 0 && c.predictions[i] === y) right++; });
  return `${s.headName(state.layer, state.head)}, queries 1–${n - 1}: on average ${num(r.previous)} of a query’s weight goes to the previous token and ${num(r.first)} to the first; ` +
    `entropy ${num(r.entropy)} nats (spread ${num(r.normalizedEntropy)} of the most possible). The model answers ${right} of ${n - 1} positions right.`;
}

/** Text read out for a focused cell of the large map. */
export function describeCell(state: HeadMapsState, c: HeadMapsComputed, [i, j]: Focus): string {
  const w = c.maps[state.layer - 1][state.head - 1][i][j];
  const hidden = j > i ? ' (hidden by the causal mask: a query sees only itself and earlier tokens)' : '';
  return `Query ${i}:${c.tokens[i]} → key ${j}:${c.tokens[j]}: weight ${num(w, 3)}${hidden}.`;
}

function mainMapOptions(doc: Document, state: HeadMapsState, c: HeadMapsComputed, focus: Focus | null): HeadMapsMapSpec {
  const labels = tokenLabels(c.tokens);
  return {
    values: c.maps[state.layer - 1][state.head - 1],
    options: {
      rowLabels: labels, colLabels: labels, kind: 'weights', xLabel: 'key', yLabel: 'query', focus, document: doc, masked: causalHidden,
      maxWidth: 400, maxCell: 42, digits: 2, label: s.mapLabel(state.layer, state.head, c.tokens.length),
    },
  };
}

interface HeadMapsMapSpec { values: number[][]; options: HeatmapOptions }

function miniOptions(doc: Document, layer: number, head: number, c: HeadMapsComputed): HeatmapOptions {
  const blank = c.tokens.map(() => '');
  const r = c.roles[layer][head];
  return {
    rowLabels: blank, colLabels: blank, kind: 'weights', document: doc, maxWidth: 150, maxCell: 16, showValues: false, masked: causalHidden,
    label: `${s.headName(layer + 1, head + 1)}: previous ${num(r.previous)}, first ${num(r.first)}, spread ${num(r.normalizedEntropy)}.`,
  };
}

/** The cells the model's causal mask hides: key after query. The heatmap greys them and prints no value, in a fresh render and a refill alike. */
const causalHidden = (row: number, col: number): boolean => col > row;

function rolesFigures(doc: Document, model: HeadMapsModel, c: HeadMapsComputed): HTMLElement {
  const held = model.heldOut;
  return h(doc, 'div', { class: 'hm-roles-charts' },
    chartFigure(doc, { title: s.rolesInputTitle, svg: roleChart(c.roles, s.rolesLabel('on this input'), doc), filename: 'role-scores-input', attrs: { 'data-map': 'roles-input' } }),
    held
      ? chartFigure(doc, { title: s.rolesHeldOutTitle(model.heldOutSize), svg: roleChart(held, s.rolesLabel(`averaged over ${model.heldOutSize} held-out sequences`), doc), filename: 'role-scores-held-out', attrs: { 'data-map': 'roles-held-out' } })
      : h(doc, 'p', { class: 'hm-pending', 'data-map': 'roles-held-out' }, s.pending));
}

/** Rows of the role table: one per head, this input then the held-out set. */
export function roleRows(model: HeadMapsModel, c: HeadMapsComputed): string[][] {
  const names = headNames(model.config.layers, model.config.h);
  const held = model.heldOut?.flat();
  return c.roles.flat().map((r, k) => {
    const hr = held?.[k];
    const pending = [s.pending, s.pending, s.pending, s.pending, s.pending];
    return [names[k], num(r.previous), num(r.first), num(r.entropy), num(r.normalizedEntropy),
      ...(hr ? [num(hr.previous), num(hr.first), num(hr.entropy), num(hr.normalizedEntropy), roleLabel(hr)] : pending)];
  });
}

function roleTable(doc: Document, state: HeadMapsState, model: HeadMapsModel, c: HeadMapsComputed): HTMLElement {
  const rows = roleRows(model, c);
  const chosen = (state.layer - 1) * model.config.h + state.head - 1;
  return scrollBox(doc, s.rolesCaption,
    h(doc, 'table', { class: 'hm-roles' },
      h(doc, 'caption', { class: 'table-caption' }, s.rolesCaption),
      h(doc, 'thead', {}, h(doc, 'tr', {}, ...s.rolesColumns(model.heldOutSize).map((col) => h(doc, 'th', { scope: 'col' }, col)))),
      h(doc, 'tbody', {}, ...rows.map((row, k) =>
        h(doc, 'tr', { class: k === chosen ? 'is-shown' : undefined },
          h(doc, 'th', { scope: 'row' }, swatch(doc, k % model.config.h), row[0]),
          ...row.slice(1).map((cell) => h(doc, 'td', {}, cell)))))));
}

function swatch(doc: Document, head: number): HTMLElement {
  return h(doc, 'span', { class: 'hm-swatch', style: `background:${palette.heads[head % palette.heads.length]}`, 'aria-hidden': 'true' });
}

/** Keys under this weight are left out of the top-keys column (they would read 0.00). */
export const SHOWN_WEIGHT = 0.005;

const keyText = (tokens: readonly number[], keys: readonly AttendedKey[]) =>
  keys.filter((k, r) => r === 0 || k.weight >= SHOWN_WEIGHT).map((k) => `${k.key}:${tokens[k.key]} ${num(k.weight)}`).join(', ');

/** Rows of the positions table: position, token, top keys, prediction, answer. */
export function positionRows(c: HeadMapsComputed): string[][] {
  return c.tokens.map((tok, i) => {
    const y = c.targets[i];
    const p = c.predictions[i];
    return [String(i), String(tok), keyText(c.tokens, c.top[i]), y < 0 ? s.notScored : `${p} ${p === y ? '✓' : '✗'}`, y < 0 ? '—' : String(y)];
  });
}

function positionsTable(doc: Document, state: HeadMapsState, c: HeadMapsComputed): HTMLElement {
  const caption = s.positionsCaption(state.layer, state.head);
  return scrollBox(doc, caption,
    h(doc, 'table', { class: 'hm-positions' },
      h(doc, 'caption', { class: 'table-caption' }, caption),
      h(doc, 'thead', {}, h(doc, 'tr', {}, ...s.positionsColumns.map((col) => h(doc, 'th', { scope: 'col' }, col)))),
      h(doc, 'tbody', {}, ...positionRows(c).map((row, i) =>
        h(doc, 'tr', { class: c.targets[i] >= 0 && c.predictions[i] !== c.targets[i] ? 'is-wrong' : undefined },
          h(doc, 'th', { scope: 'row' }, row[0]), ...row.slice(1).map((cell) => h(doc, 'td', {}, cell)))))));
}

function grid(doc: Document, state: HeadMapsState, model: HeadMapsModel, c: HeadMapsComputed): HTMLElement {
  const items: HTMLElement[] = [];
  for (let l = 0; l < model.config.layers; l++) {
    for (let hd = 0; hd < model.config.h; hd++) {
      const o = miniOptions(doc, l, hd, c);
      const svg = heatmap(c.maps[l][hd], o);
      const pressed = l === state.layer - 1 && hd === state.head - 1;
      items.push(h(doc, 'button', { type: 'button', class: 'hm-pick', 'data-layer': l + 1, 'data-head': hd + 1, 'aria-pressed': pressed ? 'true' : 'false', 'aria-label': o.label },
        h(doc, 'span', { class: 'hm-pick-title' }, swatch(doc, hd), s.shortName(l + 1, hd + 1)),
        svg,
        h(doc, 'span', { class: 'hm-pick-roles' }, pickRoles(c.roles[l][hd]))));
    }
  }
  return h(doc, 'div', { class: 'hm-grid-wrap' },
    h(doc, 'p', { class: 'figure-title' }, s.gridTitle),
    h(doc, 'p', { class: 'hm-hint' }, s.gridHint),
    h(doc, 'div', { class: 'hm-grid', style: `--hm-cols:${model.config.h}` }, ...items));
}

const pickRoles = (r: RoleScores) => `prev ${num(r.previous)} · first ${num(r.first)}`;

/** The weights table of the drawn head (text alternative of the large map). */
function weightsTable(doc: Document, state: HeadMapsState, c: HeadMapsComputed): HTMLElement {
  const labels = tokenLabels(c.tokens);
  return numberTable(doc, { caption: `${s.mapTitle(state.layer, state.head)}, as numbers`, corner: 'query \\ key', rowLabels: labels, colLabels: labels, values: c.maps[state.layer - 1][state.head - 1], digits: 3 });
}

const legendCache = new WeakMap<Document, SVGSVGElement>();
function legend(doc: Document): SVGSVGElement {
  if (!legendCache.has(doc)) legendCache.set(doc, colorLegend('weights', { label: 'Colour key of the weights: white at 0, dark blue at 1.', document: doc }));
  return legendCache.get(doc)!.cloneNode(true) as SVGSVGElement;
}

/** The whole output area, drawn from scratch. */
export function renderHeadMaps(doc: Document, state: HeadMapsState, model: HeadMapsModel, c = computeHeadMaps(model, state), focus: Focus | null = null): HTMLElement {
  const spec = mainMapOptions(doc, state, c, focus);
  const main = heatmap(spec.values, spec.options);
  return h(doc, 'div', { class: 'hm-output' },
    h(doc, 'p', { class: 'widget-summary hm-summary' }, summarize(state, c)),
    h(doc, 'div', { class: 'hm-main' },
      chartFigure(doc, {
        title: s.mapTitle(state.layer, state.head), svg: main, filename: `layer${state.layer}-head${state.head}`, legend: legend(doc),
        attrs: { 'data-map': 'head', tabindex: 0, 'aria-label': `${s.mapTitle(state.layer, state.head)}. ${t.mapKeysHint}` },
      }),
      positionsTable(doc, state, c)),
    h(doc, 'p', { class: 'hm-readout', 'aria-live': 'polite' }, focus ? describeCell(state, c, focus) : s.idleReadout),
    grid(doc, state, model, c),
    rolesFigures(doc, model, c),
    roleTable(doc, state, model, c),
    h(doc, 'details', { class: 'alt' }, h(doc, 'summary', {}, s.weightsTable), weightsTable(doc, state, c)),
  );
}

/**
 * Bring an output area drawn by {@link renderHeadMaps} up to `state` in place. Returns
 * false, changing nothing, when the maps' layout differs (another number of tokens):
 * then render anew.
 */
export function updateHeadMaps(root: HTMLElement, state: HeadMapsState, model: HeadMapsModel, c = computeHeadMaps(model, state), focus: Focus | null = null): boolean {
  const doc = root.ownerDocument;
  const mainSvg = root.querySelector<SVGSVGElement>('[data-map="head"] svg[data-heatmap]');
  const picks = [...root.querySelectorAll<HTMLButtonElement>('.hm-pick')];
  const spec = mainMapOptions(doc, state, c, focus);
  if (!mainSvg || picks.length !== model.config.layers * model.config.h || !updateHeatmap(mainSvg, spec.values, spec.options)) return false;
  for (const pick of picks) {
    const [l, hd] = [Number(pick.dataset.layer) - 1, Number(pick.dataset.head) - 1];
    const svg = pick.querySelector<SVGSVGElement>('svg[data-heatmap]');
    const o = miniOptions(doc, l, hd, c);
    if (!svg || !updateHeatmap(svg, c.maps[l][hd], o)) return false;
    pick.setAttribute('aria-pressed', l === state.layer - 1 && hd === state.head - 1 ? 'true' : 'false');
    pick.setAttribute('aria-label', o.label);
    setText(pick.querySelector('.hm-pick-roles')!, pickRoles(c.roles[l][hd]));
  }
  const fig = root.querySelector<HTMLElement>('[data-map="head"]')!;
  setText(fig.querySelector('.figure-title')!, s.mapTitle(state.layer, state.head));
  fig.setAttribute('aria-label', `${s.mapTitle(state.layer, state.head)}. ${t.mapKeysHint}`);
  fig.setAttribute('data-filename', `layer${state.layer}-head${state.head}`);
  setText(root.querySelector('.hm-summary')!, summarize(state, c));
  setText(root.querySelector('.hm-readout')!, focus ? describeCell(state, c, focus) : s.idleReadout);
  const rolesSvg = root.querySelector<SVGSVGElement>('[data-map="roles-input"] svg[data-heatmap]');
  if (rolesSvg) updateHeatmap(rolesSvg, roleValues(c.roles), roleChartOptions(c.roles, s.rolesLabel('on this input'), doc));
  const positions = root.querySelector<HTMLTableElement>('table.hm-positions')!;
  setText(positions.querySelector('caption')!, s.positionsCaption(state.layer, state.head));
  fillRows(positions, positionRows(c), (tr, i) => tr.classList.toggle('is-wrong', c.targets[i] >= 0 && c.predictions[i] !== c.targets[i]));
  fillRoleTable(root, state, model, c);
  const details = root.querySelector<HTMLDetailsElement>('details.alt');
  if (details?.open) fillWeightsTable(details, state, c);
  else details?.setAttribute('data-stale', ''); // filled when opened
  return true;
}

/** Put the held-out role chart and numbers in, once they are computed. */
export function showHeldOut(root: HTMLElement, state: HeadMapsState, model: HeadMapsModel, c: HeadMapsComputed): void {
  root.querySelector('.hm-roles-charts')?.replaceWith(rolesFigures(root.ownerDocument, model, c));
  fillRoleTable(root, state, model, c);
}

/**
 * Refill the role table's cells in place. The held-out columns do not depend on the input:
 * until they are scored in the page they keep what is there (the build's numbers for the
 * same checkpoint, matching the held-out chart beside them, or "…").
 */
function fillRoleTable(root: HTMLElement, state: HeadMapsState, model: HeadMapsModel, c: HeadMapsComputed): void {
  const chosen = (state.layer - 1) * model.config.h + state.head - 1;
  const rows = roleRows(model, c).map((row) => (model.heldOut ? row : row.slice(0, 5))); // name + the 4 columns of this input
  fillRows(root.querySelector<HTMLTableElement>('table.hm-roles')!, rows, (tr, k) => tr.classList.toggle('is-shown', k === chosen));
}

/** Write rows of text into a table's body in place (same number of rows); the row header's last text node is its label. */
function fillRows(table: HTMLTableElement, rows: readonly string[][], each: (tr: HTMLTableRowElement, i: number) => void): void {
  table.querySelectorAll<HTMLTableRowElement>('tbody tr').forEach((tr, i) => {
    const th = tr.querySelector('th')!;
    setText(th.lastChild!, rows[i][0]);
    tr.querySelectorAll('td').forEach((td, j) => j + 1 < rows[i].length && setText(td, rows[i][j + 1])); // a shorter row leaves the cells after it
    each(tr, i);
  });
}

/** Redraw the weights table of the drawn head (closed, it is filled when opened). */
export function fillWeightsTable(details: HTMLDetailsElement, state: HeadMapsState, c: HeadMapsComputed): void {
  details.querySelector('.table-scroll')?.replaceWith(weightsTable(details.ownerDocument, state, c));
  details.removeAttribute('data-stale');
}

/** Move the focus outline of the large map and the readout, without redrawing. */
export function focusHeadMaps(root: HTMLElement, state: HeadMapsState, c: HeadMapsComputed, focus: Focus): void {
  const svg = root.querySelector<SVGSVGElement>('[data-map="head"] svg[data-heatmap]');
  if (svg) moveHeatmapFocus(svg, focus);
  const readout = root.querySelector('.hm-readout');
  if (readout) readout.textContent = describeCell(state, c, focus);
}

function setText(el: Node, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}
