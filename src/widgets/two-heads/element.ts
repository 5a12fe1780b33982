/**
 * <one-vs-two-heads>: lesson 2's comparison, on the shared widget base. A reader's edited
 * multiHeadAttention (its code cell on the page) runs in place of the course's for both
 * models, on the same hand-set weights.
 */
import { Matrix } from 'ml-matrix';
import type { MhaTrace } from '../../attention';
import { oneHeadWeights, twoHeadWeights, twoRelationsInput, twoRelationsTarget, type TwoRelationsResult } from '../../attention/demos';
import { compareMatrices, describeDifference } from '../../cells/compare';
import { defineWidget, type EditHook, type WidgetElement } from '../common/element';
import { computeTwoHeads, renderTwoHeads, updateTwoHeads } from './render';
import { DEFAULT_STATE, FIELDS, type TwoHeadsState, type TwoHeadsField } from './state';

function draw(out: HTMLElement, state: TwoHeadsState, computed: ReturnType<typeof computeTwoHeads>): void {
  const current = out.firstElementChild as HTMLElement | null;
  if (current && updateTwoHeads(current, state, computed)) return;
  out.replaceChildren(renderTwoHeads(document, state, computed));
}

/** Check what the reader's multiHeadAttention returned enough to draw it. */
function checkTrace(value: unknown, h: number, n: number, dModel: number): MhaTrace {
  const t = value as Partial<MhaTrace> | null;
  const name = 'multiHeadAttention';
  if (!t || typeof t !== 'object' || !Matrix.isMatrix(t.output)) throw new Error(`${name} must return { output, heads, … } as the course's does`);
  if (t.output.rows !== n || t.output.columns !== dModel) throw new Error(`${name} returned an output of ${t.output.rows} × ${t.output.columns}; the widget needs ${n} × ${dModel}`);
  if (!Array.isArray(t.heads) || t.heads.length !== h) throw new Error(`${name} returned ${Array.isArray(t.heads) ? t.heads.length : 'no'} heads for h = ${h}`);
  t.heads.forEach((head, i) => {
    if (!Matrix.isMatrix(head?.weights) || head.weights.rows !== n || head.weights.columns !== n) throw new Error(`heads[${i}].weights must be an ${n} × ${n} Matrix`);
  });
  return t as MhaTrace;
}

const edits: EditHook<TwoHeadsState, null, TwoHeadsField> = {
  names: ['multiHeadAttention'],
  async redraw(out, state, _ctx, el, _name, call) {
    const course = computeTwoHeads(state);
    const { tokens } = course;
    const x = twoRelationsInput(tokens);
    const target = twoRelationsTarget(tokens);
    const n = x.rows;
    const one = checkTrace(await call([x, oneHeadWeights(state.beta), { h: 1, causal: true }]), 1, n, x.columns);
    const two = checkTrace(await call([x, twoHeadWeights(state.beta), { h: 2, causal: true }]), 2, n, x.columns);
    const distances = (o: Matrix) => o.to2DArray().map((row, i) => Math.hypot(...row.map((v, c) => v - target.get(i, c))));
    const result: TwoRelationsResult = { target, one, two, distanceOne: distances(one.output), distanceTwo: distances(two.output) };
    el.drawForFrame(() => draw(out, state, { tokens, result }));
    const d1 = compareMatrices(one.output, course.result.one.output);
    const d2 = compareMatrices(two.output, course.result.two.output);
    const worse = (d: typeof d1) => (d.kind === 'shape' ? Infinity : Number.isNaN(d.maxAbsDiff) ? Infinity : d.maxAbsDiff);
    const [d, h] = worse(d2) >= worse(d1) ? [d2, 2] : [d1, 1];
    const text = describeDifference(d, `output at h = ${h}`, (i) => `position ${i} (${tokens[i]})`, (j) => `column ${j}`);
    return { what: `output at h = ${h}`, text, maxAbsDiff: d.kind === 'values' ? d.maxAbsDiff : null };
  },
};

export function defineTwoHeads(): void {
  defineWidget({
    tag: 'one-vs-two-heads', defaults: DEFAULT_STATE, fields: FIELDS, context: () => null,
    redraw(out, state) {
      draw(out, state, computeTwoHeads(state));
    },
    edits,
  });
}

export type TwoHeadsElement = WidgetElement<TwoHeadsState, null, TwoHeadsField>;
