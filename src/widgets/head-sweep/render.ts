/**
 * The sweep widget's output area, built from a {@link SweepView}: a summary, the
 * reproduction verdict, the loss curves and the accuracy bars (with a legend, tables
 * and downloads). The same functions render the static HTML at build time (linkedom)
 * and redraw in the page; during a live run, updateOutput refreshes the charts and
 * tables in place, so focus and open tables stay where they are.
 */
import { t } from '../../i18n/strings';
import { chartFigure, h, scrollBox } from '../common/dom';
import { accuracyBars, H_GLYPHS, lossCurves, markOfH } from '../../charts/sweep';
import { percent, summarize, type ShownModel, type SweepView } from './results';
import { divisorsOf } from './state';

const s = t.sweep;

/** What the drawing needs besides the view: the models' width and vocabulary, and the verdict on a run here. */
export interface OutputInfo {
  dModel: number;
  vocab: number;
  verdict: { reproduced: boolean; text: string } | null;
}

/** Shipped models among models trained here are dashed, so the two are never mistaken. */
const dashedOf = (view: SweepView) => (m: ShownModel) => m.source === 'shipped' && view.models.some((o) => o.source !== 'shipped');

const lossNum = (v: number | undefined, digits = 3) => (v === undefined ? '—' : v.toFixed(digits));

function lossChart(doc: Document, view: SweepView, info: OutputInfo): SVGSVGElement {
  const all = divisorsOf(info.dModel);
  const dashed = dashedOf(view);
  const series = view.models.map((m) => ({ h: m.h, mark: markOfH(m.h, all), dashed: dashed(m), points: m.history.map((p) => ({ step: p.step, loss: p.test.loss })) }));
  const ends = view.models.map((m) => `h = ${m.h}: ${lossNum(m.history.at(-1)?.test.loss, 2)} at step ${m.history.at(-1)?.step ?? 0}`).join('; ');
  return lossCurves(series, {
    steps: view.steps, chance: Math.log(info.vocab), document: doc,
    label: `Test loss against training step, one line per number of heads (dashed line: guessing, ${Math.log(info.vocab).toFixed(2)}). Last points: ${ends}.`,
  });
}

function barsChart(doc: Document, view: SweepView, info: OutputInfo): SVGSVGElement {
  const all = divisorsOf(info.dModel);
  const dashed = dashedOf(view);
  const scored = view.models.filter((m): m is ShownModel & { accuracy: number } => m.accuracy !== undefined);
  return accuracyBars(scored.map((m) => ({ h: m.h, mark: markOfH(m.h, all), accuracy: m.accuracy, dashed: dashed(m) })), {
    dModel: info.dModel, chance: 1 / info.vocab, document: doc,
    label: `Final test accuracy per number of heads (dashed line: guessing, ${percent(1 / info.vocab)}): ${scored.map((m) => `h = ${m.h} ${percent(m.accuracy)}`).join(', ') || 'no model finished yet'}.`,
  });
}

function legend(doc: Document, view: SweepView, info: OutputInfo): HTMLElement {
  const all = divisorsOf(info.dModel);
  const dashed = dashedOf(view);
  return h(doc, 'ul', { class: 'hs-legend', 'aria-label': 'Marker of each h on the loss chart' },
    ...view.models.map((m) => {
      const mark = markOfH(m.h, all);
      return h(doc, 'li', { style: `--h-opacity:${mark.opacity}` },
        h(doc, 'span', { class: `hs-swatch${dashed(m) ? ' is-dashed' : ''}`, 'aria-hidden': 'true' }),
        h(doc, 'span', { class: 'hs-glyph', 'aria-hidden': 'true' }, H_GLYPHS[mark.shape]),
        `h = ${m.h}${m.source === 'training' ? ' (training)' : dashed(m) ? ' (shipped)' : ''}`);
    }));
}

/** Rows of the results table: h, dₖ, final accuracy, final loss, source. */
export function resultRows(view: SweepView, info: OutputInfo): string[][] {
  return view.models.map((m) => [
    `h = ${m.h}`, String(info.dModel / m.h),
    m.accuracy === undefined ? `step ${m.history.at(-1)?.step ?? 0} of ${view.steps}` : percent(m.accuracy),
    lossNum(m.loss), s.sources[m.source],
  ]);
}

function resultsTable(doc: Document, view: SweepView, info: OutputInfo): HTMLElement {
  return scrollBox(doc, s.resultsCaption,
    h(doc, 'table', { class: 'hs-results' },
      h(doc, 'caption', { class: 'table-caption' }, s.resultsCaption),
      h(doc, 'thead', {}, h(doc, 'tr', {}, ...s.columns.map((c) => h(doc, 'th', { scope: 'col' }, c)))),
      h(doc, 'tbody', {}, ...resultRows(view, info).map(([first, ...rest]) =>
        h(doc, 'tr', {}, h(doc, 'th', { scope: 'row' }, first), ...rest.map((cell) => h(doc, 'td', {}, cell)))))));
}

/** The curves as numbers: one row per evaluated step, one column per h. */
export function curveRows(view: SweepView): { steps: number[]; rows: string[][] } {
  const steps = [...new Set(view.models.flatMap((m) => m.history.map((p) => p.step)))].sort((a, b) => a - b);
  const rows = steps.map((step) => [String(step), ...view.models.map((m) => lossNum(m.history.find((p) => p.step === step)?.test.loss))]);
  return { steps, rows };
}

function curvesTable(doc: Document, view: SweepView): HTMLElement {
  const { rows } = curveRows(view);
  return scrollBox(doc, s.curvesCaption,
    h(doc, 'table', {},
      h(doc, 'caption', { class: 'table-caption' }, s.curvesCaption),
      h(doc, 'thead', {}, h(doc, 'tr', {}, h(doc, 'th', { scope: 'col' }, 'step'), ...view.models.map((m) => h(doc, 'th', { scope: 'col' }, `h = ${m.h}`)))),
      h(doc, 'tbody', {}, ...rows.map(([step, ...cells]) => h(doc, 'tr', {}, h(doc, 'th', { scope: 'row' }, step), ...cells.map((c) => h(doc, 'td', {}, c)))))));
}

function verdict(doc: Document, info: OutputInfo): HTMLElement {
  return h(doc, 'p', { class: 'hs-verdict', 'data-verdict': info.verdict ? (info.verdict.reproduced ? 'same' : 'different') : undefined, hidden: !info.verdict },
    info.verdict?.text ?? '');
}

/** Options of {@link renderOutput}. */
export interface RenderOptions {
  /** Fill the curves table now (true, the default, for the static page) or when it is opened. */
  curvesTable?: boolean;
}

/** The whole output area, drawn from scratch. */
export function renderOutput(doc: Document, view: SweepView, info: OutputInfo, { curvesTable: withCurves = true }: RenderOptions = {}): HTMLElement {
  return h(doc, 'div', { class: 'hs-output' },
    h(doc, 'p', { class: 'widget-summary hs-summary' }, summarize(view)),
    verdict(doc, info),
    h(doc, 'div', { class: 'hs-charts' },
      chartFigure(doc, { title: s.lossTitle, svg: lossChart(doc, view, info), filename: 'sweep-loss-curves', legend: legend(doc, view, info), attrs: { 'data-chart': 'loss' } }),
      chartFigure(doc, { title: s.accuracyTitle, svg: barsChart(doc, view, info), filename: 'sweep-accuracy', attrs: { 'data-chart': 'accuracy' } })),
    resultsTable(doc, view, info),
    h(doc, 'details', { class: 'alt', 'data-stale': !withCurves }, h(doc, 'summary', {}, s.curvesTable), withCurves ? curvesTable(doc, view) : h(doc, 'div', { class: 'table-scroll' })),
  );
}

/**
 * Redraw only the loss curves, their legend and the summary, in place: what a live run changes at
 * each evaluation (bars and tables change when a model finishes). Returns false if the
 * area is not one renderOutput drew.
 */
export function updateCurves(root: HTMLElement, view: SweepView, info: OutputInfo): boolean {
  const loss = root.querySelector('[data-chart="loss"]');
  if (!loss) return false;
  const svg = lossChart(root.ownerDocument, view, info);
  svg.setAttribute('data-export', '');
  loss.querySelector('.figure-svg')!.replaceChildren(svg);
  loss.querySelector('.figure-legend')!.replaceChildren(legend(root.ownerDocument, view, info));
  const summary = root.querySelector('.hs-summary');
  if (summary) summary.textContent = summarize(view);
  return true;
}

/** Fill the curves table (it is filled when opened, not while hidden). */
export function fillCurves(details: HTMLDetailsElement, view: SweepView): void {
  details.querySelector('.table-scroll')!.replaceWith(curvesTable(details.ownerDocument, view));
  details.removeAttribute('data-stale');
}

/**
 * Bring an output area drawn by {@link renderOutput} up to `view` in place: new charts,
 * legend, texts and tables inside the same figures, so buttons, focus and an open table
 * stay. Returns false (changing nothing) if the area is not one renderOutput drew.
 */
export function updateOutput(root: HTMLElement, view: SweepView, info: OutputInfo): boolean {
  const doc = root.ownerDocument;
  const acc = root.querySelector('[data-chart="accuracy"]');
  if (!acc || !updateCurves(root, view, info)) return false;
  acc.querySelector('.figure-svg')!.replaceChildren(barsChart(doc, view, info));
  root.querySelector('.hs-verdict')!.replaceWith(verdict(doc, info));
  root.querySelector('.hs-results')!.closest('.table-scroll')!.replaceWith(resultsTable(doc, view, info));
  const details = root.querySelector<HTMLDetailsElement>('details.alt')!;
  if (details.open) fillCurves(details, view);
  else details.setAttribute('data-stale', '');
  return true;
}
