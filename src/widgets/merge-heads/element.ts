/**
 * <merge-heads>: lesson 5's widget, on the shared widget base (common/element.ts:
 * validation next to controls, URL state, lazy start, input events). What is particular
 * here: refilling the heatmaps in place when only numbers change and tables filled when
 * opened. ↑/↓ stepping in the r and h boxes and the "new seed" button are part of those
 * fields (state.ts), wired by the base.
 */
import { Matrix } from 'ml-matrix';
import type { MergeKind, MergeParams } from '../../attention/merge';
import type { MergeSignal } from '../../attention/demos';
import { compareMatrices, describeDifference } from '../../cells/compare';
import { defineWidget, type EditHook, type WidgetElement } from '../common/element';
import { computeMergeHeads, fillTables, renderMergeHeads, updateMergeHeads, type MergeHeadsComputed } from './render';
import { crossCheck, DEFAULT_STATE, FIELDS, type MergeHeadsField, type MergeHeadsState } from './state';

interface Context {
  computed: MergeHeadsComputed | null;
}

function redraw(out: HTMLElement, state: MergeHeadsState, ctx: Context): void {
  draw(out, state, ctx, computeMergeHeads(state));
}

function draw(out: HTMLElement, state: MergeHeadsState, ctx: Context, computed: MergeHeadsComputed): void {
  ctx.computed = computed;
  const current = out.firstElementChild as HTMLElement | null;
  // Same layout: refill the charts in place (fast). Otherwise draw anew.
  if (current && updateMergeHeads(current, state, ctx.computed)) return;
  const details = out.querySelector<HTMLDetailsElement>('details.alt');
  out.replaceChildren(renderMergeHeads(document, state, ctx.computed, { tables: details?.open ?? false }));
  if (details?.open) out.querySelector<HTMLDetailsElement>('details.alt')!.open = true;
}

function setup(el: WidgetElement<MergeHeadsState, Context, MergeHeadsField>, ctx: Context): void {
  // Tables are refilled when opened, not on every update (they are hidden meanwhile).
  el.addEventListener('toggle', (event) => {
    const details = event.target as HTMLDetailsElement;
    if (details.open && details.hasAttribute('data-stale') && ctx.computed) fillTables(details, el.value, ctx.computed);
  }, true);
}

/** Which merge each code cell's function is, and the arguments it takes after the heads. */
const MERGE_FUNCTIONS: Record<string, { kind: MergeKind; args(p: MergeParams): unknown[] }> = {
  mergeConcat: { kind: 'concat', args: (p) => [p.wo] },
  mergeAverage: { kind: 'average', args: (p) => [p.wUp] },
  mergeWeighted: { kind: 'weighted', args: (p) => [p.alpha, p.wUp] },
  mergeGated: { kind: 'gated', args: (p) => [p.gates, p.wo] },
};

/**
 * Lesson 5's widget with a reader's merge: the three merges mergeSignal makes (the heads
 * as they are, heads 1 and 2 silenced, head 1 alone) run in the reader's function; the
 * other merges stay the course's.
 */
const edits: EditHook<MergeHeadsState, Context, MergeHeadsField> = {
  names: Object.keys(MERGE_FUNCTIONS),
  async redraw(out, state, ctx, el, name, call) {
    const course = computeMergeHeads(state);
    const { kind, args } = MERGE_FUNCTIONS[name];
    const { ex } = course;
    const heads = ex.heads;
    const zero = Matrix.zeros(heads[0].rows, heads[0].columns);
    const expected = course.signals[kind].output;
    const merge = async (hs: readonly Matrix[]) => {
      const m = await call([hs, ...args(ex)]);
      if (!Matrix.isMatrix(m)) throw new Error(`${name} returned ${m === null ? 'null' : typeof m}, not a Matrix`);
      const got = m as Matrix;
      if (got.rows !== expected.rows || got.columns !== expected.columns) throw new Error(`${name} returned ${got.rows} × ${got.columns}; the widget needs ${expected.rows} × ${expected.columns}`);
      return got;
    };
    // as mergeSignal does, with the reader's merge
    const output = await merge(heads);
    const silenced = await merge([zero, zero, ...heads.slice(2)]);
    const alone = await merge([heads[0], zero, ...heads.slice(2)]);
    const distance = Matrix.sub(output, silenced).norm('frobenius');
    const reference = Matrix.sub(alone, silenced).norm('frobenius');
    const signal: MergeSignal = { kind, output, silenced, distance, relative: reference > 0 ? distance / reference : NaN };
    el.drawForFrame(() => draw(out, state, ctx, { ...course, signals: { ...course.signals, [kind]: signal } }));
    const d = compareMatrices(output, expected);
    const what = `${kind} output`;
    return { what, text: describeDifference(d, what, (i) => `token ${i + 1}`, (j) => `column ${j + 1}`), maxAbsDiff: d.kind === 'values' ? d.maxAbsDiff : null };
  },
};

/** Register <merge-heads>. */
export function defineMergeHeads(): void {
  defineWidget({
    tag: 'merge-heads', defaults: DEFAULT_STATE, fields: FIELDS, cross: crossCheck,
    context: () => ({ computed: null }), redraw, setup, edits,
  });
}

export type MergeHeads = WidgetElement<MergeHeadsState, Context, MergeHeadsField>;
