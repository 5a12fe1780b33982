/**
 * What <flash-tiles> shows below its controls, from its state: one query row's scores with
 * the tiles marked, the running max, sum and rescaling at the current tile, and the partial
 * output next to the exact one. The same functions render the static HTML at build time
 * (linkedom) and redraw in the page.
 */
import { tileScoresChart } from '../../charts/tiles';
import { t } from '../../i18n/strings';
import { chartFigure, h, numberTable } from '../common/dom';
import { EXAMPLE, flashTilesModel, tileCount, type FlashTilesModel } from './model';
import type { FlashTilesState } from './state';

const s = t.generating.flash;

/** Signed number for reading: a real minus sign, fixed digits; −∞ written out. */
export function num(v: number, digits = 3): string {
  if (v === -Infinity) return '−∞';
  const text = v.toFixed(digits);
  return text.startsWith('-') ? `−${text.slice(1)}` : text;
}

/** Keys of tile `tile` (0-based), 1-based for reading: "keys 4–6" or "key 8". */
function keyRange(start: number, end: number): string {
  return end - start === 1 ? `key ${start + 1}` : `keys ${start + 1}–${end}`;
}

/** Run the example for a state. */
export const computeFlashTiles = (state: FlashTilesState): FlashTilesModel => flashTilesModel(state);

/** One sentence on what the current tile did to the watched row. */
export function describeStep(state: FlashTilesState, model: FlashTilesModel): string {
  const i = state.row - 1;
  const step = model.steps[state.step - 1];
  const total = model.steps.length;
  const keys = keyRange(step.start, step.end);
  const row = step.scores.getRow(i);
  const visible = row.filter((x) => x !== -Infinity);
  const head = `Tile ${state.step} of ${total} (${keys}), query ${state.row}: `;
  if (visible.length === 0) {
    return `${head}every key in this tile is in the query's future, so the causal mask hides the whole tile: m, ℓ and the accumulator stay as they were.`;
  }
  const tileMax = Math.max(...visible);
  if (step.mBefore[i] === -Infinity) {
    return `${head}the first keys seen. m starts at this tile's largest score, ${num(tileMax)}; ℓ = Σ exp(s − m) = ${num(step.lAfter[i])}.`;
  }
  if (step.mAfter[i] > step.mBefore[i]) {
    return `${head}this tile's largest score, ${num(tileMax)}, beats the running max ${num(step.mBefore[i])}. ` +
      `So m rises to ${num(step.mAfter[i])}, and the old sum and the accumulator are multiplied by exp(${num(step.mBefore[i])} − ${num(step.mAfter[i])}) = ${num(step.rescale[i], 4)} before this tile's terms are added.`;
  }
  return `${head}this tile's largest score, ${num(tileMax)}, does not beat the running max ${num(step.mBefore[i])}: m stays, the rescaling factor is exp(0) = 1, and this tile's terms exp(s − m) are simply added.`;
}

/** The ledger of the current tile for the watched row: m, the factor, ℓ, before → after, with the numbers. */
function ledger(doc: Document, state: FlashTilesState, model: FlashTilesModel): HTMLElement {
  const i = state.row - 1;
  const step = model.steps[state.step - 1];
  const added = step.lAfter[i] - step.rescale[i] * step.lBefore[i];
  const item = (name: string, key: string, value: string, note: string) =>
    h(doc, 'div', { class: 'ft-item' }, h(doc, 'dt', {}, name), h(doc, 'dd', { 'data-ledger': key }, value, h(doc, 'small', {}, note)));
  const factor = step.mBefore[i] === -Infinity ? 'exp(−∞) = 0' : `exp(${num(step.mBefore[i])} − ${num(step.mAfter[i])}) = ${num(step.rescale[i], 4)}`;
  return h(doc, 'dl', { class: 'ft-ledger', 'aria-label': `Query ${state.row}, tile ${state.step}: the running statistics` },
    item('running max m', 'm', `${num(step.mBefore[i])} → ${num(step.mAfter[i])}`, 'the largest score seen so far'),
    item('factor', 'factor', factor, 'exp(m before − m after): multiplies the old ℓ and the accumulator'),
    item('running sum ℓ', 'l', `${num(step.rescale[i], 4)} × ${num(step.lBefore[i])} + ${num(added)} = ${num(step.lAfter[i])}`, 'factor × ℓ before + Σ exp(s − m after) over this tile'));
}

/** The partial output acc/ℓ after this tile next to the exact output, and their largest difference. */
function outputs(doc: Document, state: FlashTilesState, model: FlashTilesModel): HTMLElement {
  const i = state.row - 1;
  const step = model.steps[state.step - 1];
  const partial = step.partial.getRow(i);
  const exact = model.exact.getRow(i);
  const diff = Math.max(...partial.map((p, c) => Math.abs(p - exact[c])));
  const last = state.step === model.steps.length;
  return h(doc, 'div', { class: 'ft-outputs' },
    numberTable(doc, {
      caption: `Output of query ${state.row} (d_v = ${EXAMPLE.dV})`, corner: 'output', digits: 3,
      rowLabels: [`partial (acc / ℓ, tile ${state.step})`, 'exact (all keys)'],
      colLabels: Array.from({ length: EXAMPLE.dV }, (_, c) => String(c + 1)),
      values: [partial, exact],
    }),
    h(doc, 'p', { class: 'ft-diff', 'data-diff': '' },
      last
        ? `After the last tile the partial output is the exact output: largest difference ${diff.toExponential(1)} (rounding).`
        : `Largest difference so far: ${num(diff)}. The partial output is the attention over ${keyRange(0, step.end)} only; it becomes exact after the last tile.`),
  );
}

/** Every tile of the watched row: the text alternative of the stepping. */
function tilesTable(doc: Document, state: FlashTilesState, model: FlashTilesModel): HTMLElement {
  const i = state.row - 1;
  return numberTable(doc, {
    caption: `Query ${state.row}: the running statistics after each tile`, corner: 'tile', digits: 4,
    rowLabels: model.steps.map((st) => `${st.tile + 1} (${keyRange(st.start, st.end)})`),
    colLabels: ['m after', 'factor', 'ℓ after'],
    values: model.steps.map((st) => [st.mAfter[i], st.rescale[i], st.lAfter[i]]),
  });
}

/** The chart of the watched row at the current tile. */
export function tileFigure(doc: Document, state: FlashTilesState, model: FlashTilesModel, width?: number): HTMLElement {
  const i = state.row - 1;
  const step = model.steps[state.step - 1];
  const label = `Scores of query ${state.row} against the ${EXAMPLE.n} keys, in tiles of ${state.tileSize}; tile ${state.step} (${keyRange(step.start, step.end)}) is current. ` +
    `Running max before it ${num(step.mBefore[i])}, after it ${num(step.mAfter[i])}.`;
  const svg = tileScoresChart({ scores: model.scores.getRow(i), tileSize: state.tileSize, tile: state.step - 1, mBefore: step.mBefore[i], mAfter: step.mAfter[i] }, { label, width, document: doc });
  return chartFigure(doc, {
    title: `Query ${state.row}: scores q·k/√${EXAMPLE.dK}, tile ${state.step} of ${model.steps.length}`, svg, filename: 'flash-tiles',
    attrs: { 'data-map': 'tiles', tabindex: 0, 'aria-label': `${label} ${s.keysHint}` },
  });
}

/** Options of {@link renderFlashTiles}. */
export interface RenderOptions {
  /** Chart width in px (the page passes its own width; the build draws 560). */
  width?: number;
}

/** The whole output area for a state. */
export function renderFlashTiles(doc: Document, state: FlashTilesState, model = computeFlashTiles(state), { width }: RenderOptions = {}): HTMLElement {
  return h(doc, 'div', { class: 'ft-output' },
    h(doc, 'p', { class: 'ft-summary', 'aria-live': 'polite' }, describeStep(state, model)),
    tileFigure(doc, state, model, width),
    h(doc, 'div', { class: 'ft-numbers' }, ledger(doc, state, model), outputs(doc, state, model)),
    h(doc, 'details', { class: 'alt' }, h(doc, 'summary', {}, s.tables), tilesTable(doc, state, model)),
  );
}

/** The Previous / Next controls of the custom `step` field, with "tile k of T" between them (ids under `key`). */
export function stepControls(doc: Document, key: string, state: FlashTilesState): HTMLElement {
  const total = tileCount(state.tileSize);
  return h(doc, 'div', { class: 'control ft-steps', role: 'group', 'aria-label': s.step },
    h(doc, 'span', { class: 'control-label' }, s.step),
    h(doc, 'div', { class: 'control-row' },
      h(doc, 'button', { class: 'btn', type: 'button', id: `${key}-prev`, 'data-step': 'prev', 'aria-disabled': String(state.step <= 1) }, s.prev),
      h(doc, 'span', { class: 'ft-step-of', 'data-step-of': '', 'aria-live': 'polite' }, s.stepOf(state.step, total)),
      h(doc, 'button', { class: 'btn', type: 'button', id: `${key}-next`, 'data-step': 'next', 'aria-disabled': String(state.step >= total) }, s.next)));
}

/** Bring the step controls up to the state (after any change). */
export function syncStepControls(root: Element, state: FlashTilesState): void {
  const total = tileCount(state.tileSize);
  const prev = root.querySelector<HTMLButtonElement>('[data-step="prev"]');
  const next = root.querySelector<HTMLButtonElement>('[data-step="next"]');
  const of = root.querySelector('[data-step-of]');
  // aria-disabled, not disabled: a button that disables itself would drop the keyboard focus
  prev?.setAttribute('aria-disabled', String(state.step <= 1));
  next?.setAttribute('aria-disabled', String(state.step >= total));
  if (of) of.textContent = s.stepOf(state.step, total);
}
