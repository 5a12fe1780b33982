/**
 * Lesson 3's shape tracker: runs batchedMultiHeadAttention in shape-only mode (the same
 * code that computes values for small inputs) and lists every tensor it makes.
 */
import { traceShapes, type ShapeStep } from '../../attention/demos';
import { t } from '../../i18n/strings';
import { h, scrollBox } from '../common/dom';
import type { ShapeState } from './state';

const fmt = (v: number) => v.toLocaleString('en');

/** The Q, K and V rows name their tensor in its colour (global.css .q, .k, .v), as in every map and in the prose. */
const QKV_CLASS: Readonly<Record<string, string>> = { Q: 'q', K: 'k', V: 'v' };

/** Bytes in words: 1.5 MB, 3.2 GB. */
export function bytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${n >= 100 || i === 0 ? Math.round(n) : n.toFixed(1)} ${units[i]}`;
}

export function summarize(s: ShapeState, steps: readonly ShapeStep[]): string {
  const scores = steps.find((x) => x.name === 'scores')!;
  return `dₖ = d_model / h = ${fmt(s.dModel)} / ${fmt(s.h)} = ${fmt(s.dModel / s.h)}. ` +
    `The scores hold B·h·n² = ${fmt(scores.elements)} values (${bytes(scores.elements * 4)} in float32), ` +
    `against ${fmt(s.B * s.n * s.dModel)} for X itself.`;
}

export function renderShapes(doc: Document, s: ShapeState): HTMLElement {
  const steps = traceShapes(s);
  const th = (text: string) => h(doc, 'th', { scope: 'col' }, text);
  const highlight = new Set(['split', 'heads', 'scores', 'concat']);
  return h(doc, 'div', { class: 'st-output' },
    h(doc, 'p', { class: 'widget-summary' }, summarize(s, steps)),
    scrollBox(doc, t.shapes.tableCaption,
      h(doc, 'table', { class: 'shape-table' },
        h(doc, 'caption', { class: 'table-caption' }, t.shapes.tableCaption),
        h(doc, 'thead', {}, h(doc, 'tr', {}, th(t.shapes.step), th(t.shapes.operation), th(t.shapes.shape), th(t.shapes.axes), th(t.shapes.values))),
        h(doc, 'tbody', {}, ...steps.map((step) => h(doc, 'tr', { class: highlight.has(step.name) ? 'st-key' : undefined, 'data-step': step.name },
          h(doc, 'th', { scope: 'row', class: QKV_CLASS[step.name] }, step.name), h(doc, 'td', {}, step.op),
          h(doc, 'td', { class: 'st-shape' }, `(${step.shape.map(fmt).join(', ')})`),
          h(doc, 'td', { class: 'st-axes' }, `(${step.axes.join(', ')})`),
          h(doc, 'td', {}, fmt(step.elements))))))),
  );
}
