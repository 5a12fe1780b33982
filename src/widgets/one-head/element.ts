/**
 * <one-head-attention>: lesson 1's widget, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). What is particular
 * here: refilling the charts in place when only numbers change, a focus cell moved with
 * the arrow keys over the two maps, tables filled when opened. The "new seed" button is part of the seed field (state.ts).
 */
import { Matrix } from 'ml-matrix';
import type { AttentionTrace } from '../../attention';
import type { OneHeadExample } from '../../attention/demos';
import { compareMatrices, describeDifference } from '../../cells/compare';
import { defineWidget, type EditHook, type WidgetElement } from '../common/element';
import { computeOneHead, describeCell, fillTables, focusOneHead, renderOneHead, updateOneHead, type Focus } from './render';
import { DEFAULT_STATE, FIELDS, type OneHeadField, type OneHeadState } from './state';
import { cellAfterKey } from '../common/cellKeys';

interface Context {
  computed: ReturnType<typeof computeOneHead> | null;
  focus: Focus | null;
}

const isMap = (target: EventTarget | null) => {
  const map = (target as HTMLElement | null)?.getAttribute?.('data-map');
  return map === 'scores' || map === 'weights';
};

function redraw(out: HTMLElement, state: OneHeadState, ctx: Context): void {
  draw(out, state, ctx, computeOneHead(state));
}

/** Draw a computed result (the course's, or one made with the reader's function). */
function draw(out: HTMLElement, state: OneHeadState, ctx: Context, computed: ReturnType<typeof computeOneHead>): void {
  ctx.computed = computed;
  const n = ctx.computed.tokens.length;
  if (ctx.focus && (ctx.focus[0] >= n || ctx.focus[1] >= n)) ctx.focus = null;
  const current = out.firstElementChild as HTMLElement | null;
  // Same layout: refill the charts in place (fast). Otherwise draw anew.
  if (current && updateOneHead(current, state, ctx.focus, ctx.computed)) return;
  const refocus = (document.activeElement as HTMLElement | null)?.closest?.('[data-map]')?.getAttribute('data-map');
  const details = out.querySelector<HTMLDetailsElement>('details.alt');
  out.replaceChildren(renderOneHead(document, state, ctx.focus, ctx.computed, { tables: details?.open ?? false }));
  if (details?.open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
  if (refocus) out.querySelector<HTMLElement>(`[data-map="${refocus}"]`)?.focus();
}

function setup(el: WidgetElement<OneHeadState, Context, OneHeadField>, ctx: Context): void {
  const out = el.querySelector<HTMLElement>('[data-output]')!;
  const moveFocus = (focus: Focus) => {
    if (!ctx.computed) return;
    ctx.focus = focus;
    focusOneHead(out, ctx.computed.tokens, ctx.computed.result, focus);
  };
  el.addEventListener('keydown', (event) => {
    if (!isMap(event.target) || !ctx.computed) return;
    const next = cellAfterKey(event.key, ctx.focus, ctx.computed.tokens.length);
    if (!next) return;
    event.preventDefault();
    moveFocus(next);
  });
  // only the map itself, not its download buttons
  el.addEventListener('focusin', (event) => {
    if (isMap(event.target) && ctx.focus === null) moveFocus([0, 0]);
  });
  el.addEventListener('pointerover', (event) => {
    const rect = (event.target as Element).closest?.('rect[data-row]');
    if (!rect || !ctx.computed || !isMap(rect.closest('[data-map]'))) return;
    const readout = el.querySelector('.oh-readout');
    if (readout) readout.textContent = describeCell(ctx.computed.tokens, ctx.computed.result, [Number(rect.getAttribute('data-row')), Number(rect.getAttribute('data-col'))]);
  });
  // Tables are refilled when opened, not on every update (they are hidden meanwhile).
  el.addEventListener('toggle', (event) => {
    const details = event.target as HTMLDetailsElement;
    if (details.open && details.hasAttribute('data-stale') && ctx.computed) fillTables(details, ctx.computed.tokens, ctx.computed.result);
  }, true);
  el.querySelector('[data-action="reset"]')?.addEventListener('click', () => {
    ctx.focus = null;
  }, { capture: true });
}

/** What the reader's function must give back: a Matrix of the given shape. */
function matrixOf(value: unknown, name: string, rows: number, columns: number, what: string): Matrix {
  if (!Matrix.isMatrix(value)) throw new Error(`${name} returned ${value === null ? 'null' : typeof value}, not a Matrix for ${what}`);
  const m = value as Matrix;
  if (m.rows !== rows || m.columns !== columns) throw new Error(`${name} returned a ${m.rows} × ${m.columns} Matrix for ${what}; the widget needs ${rows} × ${columns}`);
  return m;
}

/**
 * Lesson 1's widget with the reader's softmax (a row function), softmaxRows or
 * scaledDotProductAttention: the course computes X, Q, K, V and the scores; the reader's
 * function does its part; what follows it is the course's (weights · V).
 */
const edits: EditHook<OneHeadState, Context, OneHeadField> = {
  names: ['scaledDotProductAttention', 'softmaxRows', 'softmax'],
  async redraw(out, state, ctx, el, name, call) {
    const course = computeOneHead(state);
    const { q, k, v, scores } = course.result;
    const n = scores.rows;
    let result: OneHeadExample;
    let what: string;
    if (name === 'scaledDotProductAttention') {
      const trace = (await call([q, k, v, { scaled: state.scaled, causal: state.causal }])) as Partial<AttentionTrace> | null;
      if (!trace || typeof trace !== 'object') throw new Error(`${name} returned ${typeof trace}, not { scores, weights, output }`);
      const weights = matrixOf(trace.weights, name, n, n, 'weights');
      result = { ...course.result, scores: matrixOf(trace.scores, name, n, n, 'scores'), weights, output: matrixOf(trace.output, name, n, v.columns, 'output') };
      what = 'output';
    } else {
      const weights = matrixOf(await call([scores], { rows: name === 'softmax' }), name, n, n, 'the weights');
      result = { ...course.result, weights, output: weights.mmul(v) }; // (n, n)·(n, dK) → (n, dK), as the course does
      what = 'attention weights';
    }
    el.drawForFrame(() => draw(out, state, ctx, { tokens: course.tokens, result }));
    const mine = what === 'output' ? result.output : result.weights;
    const theirs = what === 'output' ? course.result.output : course.result.weights;
    const d = compareMatrices(mine, theirs);
    const token = (i: number) => `“${course.tokens[i]}” (${i + 1})`;
    const text = describeDifference(d, what, (i) => `query ${token(i)}`, (j) => (what === 'output' ? `dimension ${j + 1}` : `key ${token(j)}`));
    return { what, text, maxAbsDiff: d.kind === 'values' ? d.maxAbsDiff : null };
  },
};

/** Register <one-head-attention>. */
export function defineOneHeadAttention(): void {
  defineWidget({
    tag: 'one-head-attention', defaults: DEFAULT_STATE, fields: FIELDS,
    context: () => ({ computed: null, focus: null }), redraw, setup, edits,
  });
}

export type OneHeadAttention = WidgetElement<OneHeadState, Context, OneHeadField>;
