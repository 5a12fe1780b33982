/**
 * What the ablation widget draws: the head switches, the metrics under the current mask
 * against the full model, the model's answers on held-out sequences, and accuracy with
 * only the first k heads of each layer. Built with the DOM API so the same markup comes
 * from the build (linkedom) and from the page.
 */
import { lineChart, type Series } from '../../charts/lines';
import { palette, SERIES } from '../../charts/palette';
import { t } from '../../i18n/strings';
import { LAB_DEFAULTS, type Evaluation, type Example, type HeadMask, type TrainPoint } from '../../training';
import { chartFigure, h, scrollBox } from '../common/dom';
import { EXAMPLES_SHOWN, headName, SHAPE, type AblationState } from './state';

const s = t.ablation;

/** Everything one drawing needs: the metrics under the mask and the answers. */
export interface AblationView {
  state: AblationState;
  /** Under the state's mask, on the whole held-out set. */
  run: Evaluation & { predicted: ArrayLike<number> };
  /** Every head on. */
  full: Evaluation;
  /** The whole held-out set (the rows of `run.predicted`, seqLen per example). */
  examples: readonly Example[];
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
const signed = (v: number, digits: number) => (v > 0 ? `+${v.toFixed(digits)}` : v < 0 ? `−${(-v).toFixed(digits)}` : (0).toFixed(digits));

/** The layer × head switches (aria-pressed buttons in each head's colour). */
export function headSwitches(doc: Document, mask: HeadMask): HTMLElement {
  return h(doc, 'div', { class: 'ab-switches', role: 'group', 'aria-label': s.switchesLabel },
    ...mask.map((row, layer) => h(doc, 'div', { class: 'ab-layer', role: 'group', 'aria-label': s.layer(layer) },
      h(doc, 'span', { class: 'ab-layer-name', 'aria-hidden': 'true' }, s.layer(layer)),
      h(doc, 'span', { class: 'ab-chips' }, // wrapped chips line up with the first, not under the layer's name
        ...row.map((on, head) => h(doc, 'button', {
          type: 'button', class: 'ab-head', 'data-layer': layer, 'data-head': head, 'aria-pressed': on ? 'true' : 'false',
          'aria-label': headName(layer, head), style: `--head: ${palette.heads[head]}`,
        }, h(doc, 'span', { class: 'ab-swatch', 'aria-hidden': 'true' }), `H${head + 1}`, h(doc, 'small', { 'aria-hidden': 'true' }, on ? s.on : s.off)))))));
}

/** Bring the switches in line with a mask (after a click, a preset or a link). */
export function syncSwitches(root: ParentNode, mask: HeadMask): void {
  for (const b of root.querySelectorAll<HTMLButtonElement>('button.ab-head')) {
    const on = mask[Number(b.dataset.layer)]?.[Number(b.dataset.head)] === 1;
    b.setAttribute('aria-pressed', on ? 'true' : 'false');
    const small = b.querySelector('small');
    if (small) small.textContent = on ? s.on : s.off;
  }
}

/** A sentence about masks that leave a layer, or the whole model, without attention. */
export function maskNote(mask: HeadMask): string {
  if (mask.every((row) => row.every((v) => v === 0))) return s.allOff;
  const empty = mask.flatMap((row, layer) => (row.every((v) => v === 0) ? [layer] : []));
  return empty.length ? s.layerOff(empty.map((l) => l + 1)) : '';
}

/** The three metrics as text: [key, name, value, comparison]. */
function metricTexts(v: AblationView): [string, string, string, string][] {
  const { run, full, state } = v;
  const on = state.mask.flat().filter((x) => x === 1).length;
  return [
    ['accuracy', s.accuracy, pct(run.accuracy), s.vsAll(signed(100 * (run.accuracy - full.accuracy), 1), s.points)],
    ['loss', s.loss, run.loss.toFixed(3), s.vsAll(signed(run.loss - full.loss, 3), '')],
    ['heads', s.headsOn, `${on} / ${SHAPE.layers * SHAPE.h}`, s.chance(pct(1 / LAB_DEFAULTS.task.vocab))],
  ];
}

/** One held-out sequence's answers as text: caption, and per position the model's answer and whether it is wrong. */
function answerTexts(ex: Example, predicted: ArrayLike<number>, offset: number, index: number) {
  const cells = ex.targets.map((target, i) => {
    const said = predicted[offset + i];
    const wrong = target >= 0 && said !== target;
    return { text: target < 0 ? '·' : String(said), wrong, label: wrong ? s.wrongCell(said, target) : null };
  });
  const scored = ex.targets.filter((v) => v >= 0).length;
  const right = scored - cells.filter((c) => c.wrong).length;
  return { caption: s.exampleCaption(index + 1, right, scored), allRight: right === scored, cells };
}

/** The examples shown: their place in the held-out set and the model's answers on them. */
const shownAnswers = (v: AblationView) => {
  const n = v.examples[0]?.tokens.length ?? 0;
  const first = v.state.example - 1;
  return v.examples.slice(first, first + EXAMPLES_SHOWN).map((ex, i) => ({ ex, ...answerTexts(ex, v.run.predicted, (first + i) * n, first + i) }));
};

/** One held-out sequence: its tokens, the right answers and the model's, wrong ones marked. */
function answerTable(doc: Document, a: ReturnType<typeof shownAnswers>[number]): HTMLElement {
  const plain = (values: readonly (string | number)[]) => values.map((v) => h(doc, 'td', {}, String(v)));
  return h(doc, 'figure', { class: `ab-example${a.allRight ? '' : ' has-wrong'}` },
    scrollBox(doc, a.caption, h(doc, 'table', {},
      h(doc, 'caption', {}, a.caption),
      h(doc, 'tbody', {},
        h(doc, 'tr', {}, h(doc, 'th', { scope: 'row' }, s.tokens), ...plain(a.ex.tokens)),
        h(doc, 'tr', {}, h(doc, 'th', { scope: 'row' }, s.right), ...plain(a.ex.targets.map((v) => (v < 0 ? '·' : v)))),
        h(doc, 'tr', { class: 'ab-model' }, h(doc, 'th', { scope: 'row' }, s.model),
          ...a.cells.map((c) => h(doc, 'td', { class: c.wrong ? 'is-wrong' : undefined, 'aria-label': c.label ?? undefined }, c.text)))))));
}

/** The output area: metrics, a note on empty layers, and the answers on the examples shown. */
export function renderAblation(doc: Document, v: AblationView): HTMLElement {
  const note = maskNote(v.state.mask);
  const first = v.state.example;
  return h(doc, 'div', { class: 'ab-output', 'data-first': first },
    h(doc, 'dl', { class: 'ab-metrics', 'aria-live': 'polite' },
      ...metricTexts(v).map(([key, name, value, delta]) => h(doc, 'div', { class: 'ab-metric', 'data-metric': key },
        h(doc, 'dt', {}, name),
        h(doc, 'dd', {}, h(doc, 'span', { class: 'ab-value' }, value), ' ', h(doc, 'span', { class: 'ab-delta' }, delta))))),
    h(doc, 'p', { class: 'ab-note', hidden: note === '', 'data-note': '' }, note),
    h(doc, 'p', { class: 'ab-examples-title' }, s.examplesTitle(first, first + EXAMPLES_SHOWN - 1, v.examples.length)),
    h(doc, 'div', { class: 'ab-examples' }, ...shownAnswers(v).map((a) => answerTable(doc, a))));
}

/**
 * Refill the output in place for a new mask (the same examples shown): only texts and
 * classes change, so the browser re-lays out little. False when it must be drawn anew.
 */
export function updateAblation(out: HTMLElement, v: AblationView): boolean {
  const root = out.querySelector<HTMLElement>('.ab-output');
  if (!root || root.dataset.first !== String(v.state.example)) return false;
  for (const [key, , value, delta] of metricTexts(v)) {
    const m = root.querySelector(`[data-metric="${key}"]`);
    if (!m) return false;
    m.querySelector('.ab-value')!.textContent = value;
    m.querySelector('.ab-delta')!.textContent = delta;
  }
  const note = root.querySelector<HTMLElement>('[data-note]')!;
  note.textContent = maskNote(v.state.mask);
  note.hidden = note.textContent === '';
  const figures = root.querySelectorAll<HTMLElement>('.ab-example');
  shownAnswers(v).forEach((a, i) => {
    const fig = figures[i];
    fig.classList.toggle('has-wrong', !a.allRight);
    fig.querySelector('caption')!.textContent = a.caption;
    fig.querySelector('.table-scroll')!.setAttribute('aria-label', a.caption);
    fig.querySelectorAll('tr.ab-model td').forEach((td, j) => {
      const c = a.cells[j];
      if (td.textContent !== c.text) td.textContent = c.text;
      td.classList.toggle('is-wrong', c.wrong);
      if (c.label) td.setAttribute('aria-label', c.label);
      else td.removeAttribute('aria-label');
    });
  });
  return true;
}

/** Accuracy with only the first k heads of each layer on (dynamic head selection), as a table. */
export function renderFirstHeads(doc: Document, rows: readonly { k: number; accuracy: number }[], fullAccuracy: number): HTMLElement {
  return scrollBox(doc, s.firstKCaption,
    h(doc, 'table', { class: 'ab-firstk' },
      h(doc, 'caption', {}, s.firstKCaption),
      h(doc, 'thead', {}, h(doc, 'tr', {}, h(doc, 'th', { scope: 'col' }, s.firstKHeads), ...rows.map((r) => h(doc, 'th', { scope: 'col' }, String(r.k))))),
      h(doc, 'tbody', {},
        h(doc, 'tr', {}, h(doc, 'th', { scope: 'row' }, s.accuracy), ...rows.map((r) => h(doc, 'td', {}, pct(r.accuracy)))),
        h(doc, 'tr', {}, h(doc, 'th', { scope: 'row' }, s.vsAllShort), ...rows.map((r) => h(doc, 'td', {}, signed(100 * (r.accuracy - fullAccuracy), 1)))))));
}

/** The training curve: held-out loss by step, the shipped run and (while or after retraining) this page's. */
export function renderCurve(doc: Document, shipped: readonly TrainPoint[], live: readonly TrainPoint[] | null): HTMLElement {
  const series: Series[] = [{ name: s.shippedCurve, color: SERIES.main, points: shipped.map((p) => ({ x: p.step, y: p.test.loss })), dashed: live !== null }];
  if (live) series.push({ name: s.liveCurve, color: SERIES.second, points: live.map((p) => ({ x: p.step, y: p.test.loss })) });
  const maxStep = shipped.at(-1)?.step ?? 1;
  const yMax = Math.max(...shipped.map((p) => p.test.loss), ...(live ?? []).map((p) => p.test.loss));
  const svg = lineChart(series, { label: s.curveLabel, xLabel: 'training step →', yLabel: '↑ held-out loss', yDomain: [0, yMax], width: 520, height: 240, document: doc, xDomain: [0, maxStep] });
  return chartFigure(doc, { title: s.curveTitle, svg, filename: 'lab-training-curve' });
}
