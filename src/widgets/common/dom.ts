/** Small DOM builders for widgets; text always goes in as text, never as markup. */
import { t } from '../../i18n/strings';

type Attrs = Record<string, string | number | boolean | undefined>;

/** Create an element with attributes and children (strings become text nodes). */
export function h(doc: Document, tag: string, attrs: Attrs = {}, ...children: (Node | string | null | undefined | false)[]): HTMLElement {
  const el = doc.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' ? doc.createTextNode(c) : c);
  }
  return el;
}

/** A figure with a title, a chart and SVG/PNG download buttons (handled by charts/export). */
export function chartFigure(doc: Document, { title, svg, filename, legend, attrs = {} }: { title: string; svg: Element; filename: string; legend?: Element; attrs?: Attrs }): HTMLElement {
  if (legend) svg.setAttribute('data-export', '');
  return h(doc, 'figure', { class: 'plot widget-figure', 'data-filename': filename, ...attrs },
    h(doc, 'p', { class: 'figure-title' }, title),
    legend ? h(doc, 'div', { class: 'figure-legend' }, legend) : null,
    h(doc, 'div', { class: 'figure-svg' }, svg),
    h(doc, 'div', { class: 'figure-actions' },
      h(doc, 'button', { class: 'btn', type: 'button', 'data-download': 'svg' }, t.downloadSvg),
      h(doc, 'button', { class: 'btn', type: 'button', 'data-download': 'png' }, t.downloadPng)),
  );
}

/**
 * A horizontally scrollable box for a wide table: focusable and named, so keyboard users
 * can scroll it too.
 */
export function scrollBox(doc: Document, label: string, child: Node): HTMLElement {
  return h(doc, 'div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': label }, child);
}

/** Most columns one table of numbers shows: wider matrices are cut into several tables. */
export const TABLE_COLUMNS = 12;

/**
 * A table of numbers with row and column headers, for text alternatives. A matrix of more
 * than {@link TABLE_COLUMNS} columns is shown as several tables of equal column ranges, one
 * under the other (captions say which columns), so that none scrolls sideways in a lesson's
 * column at 1280 px.
 */
export function numberTable(doc: Document, { caption, rowLabels, colLabels, values, digits = 2, corner = '' }: {
  caption: string; rowLabels: readonly string[]; colLabels: readonly string[]; values: readonly (readonly number[])[]; digits?: number; corner?: string;
}): HTMLElement {
  const n = colLabels.length;
  const parts = Math.max(1, Math.ceil(n / TABLE_COLUMNS));
  const size = Math.ceil(n / parts);
  const one = (from: number, to: number, title: string) => scrollBox(doc, title,
    h(doc, 'table', { class: 'numbers' },
      h(doc, 'caption', { class: 'table-caption' }, title),
      h(doc, 'thead', {}, h(doc, 'tr', {}, h(doc, 'th', { scope: 'col' }, corner), ...colLabels.slice(from, to).map((c) => h(doc, 'th', { scope: 'col' }, c)))),
      h(doc, 'tbody', {}, ...values.map((row, i) =>
        h(doc, 'tr', {}, h(doc, 'th', { scope: 'row' }, rowLabels[i]), ...row.slice(from, to).map((v) => h(doc, 'td', {}, Number.isFinite(v) ? v.toFixed(digits) : Number.isNaN(v) ? 'NaN' : v > 0 ? '∞' : '−∞'))))),
    ),
  );
  if (parts === 1) return one(0, n, caption);
  return h(doc, 'div', { class: 'table-parts' },
    ...Array.from({ length: parts }, (_, k) => one(k * size, Math.min(n, (k + 1) * size), `${caption} (columns ${k * size + 1}–${Math.min(n, (k + 1) * size)} of ${n})`)));
}

/**
 * Whether every chart drawn inside `box` fits the width it is shown in. A drawing made at
 * build time for a desktop does not fit a phone: a widget that keeps its build-time picture
 * should draw anew when this is false (charts are drawn for the room they have, charts/svg.ts).
 */
export function chartsFit(box: Element): boolean {
  return [...box.querySelectorAll('svg[width]')].every((svg) => Number(svg.getAttribute('width')) <= (svg.parentElement?.clientWidth ?? Infinity) + 1);
}
