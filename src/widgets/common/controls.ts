/**
 * Builders for a widget's light DOM: the cell frame, labelled controls each with an error
 * slot beside it, and the action buttons every widget has. Used at build time (linkedom)
 * and in tests, so the markup has one source.
 */
import { t } from '../../i18n/strings';
import { h } from './dom';

type Child = Node | string | null | undefined | false;

/** Ids under the widget's key, so two widgets on a page never collide. */
export const idFor = (key: string, name: string) => `${key}-${name}`;

function errorSlot(doc: Document, key: string, name: string): HTMLElement {
  return h(doc, 'p', { class: 'control-error', id: idFor(key, `${name}-error`), 'data-error-for': name, 'aria-live': 'polite' });
}

/** A labelled text box. `hint` is shown small after the label (say, the allowed range). */
export function textControl(doc: Document, key: string, o: { name: string; label: Child; hint?: string; value: string; wide?: boolean; numeric?: boolean; after?: Child }): HTMLElement {
  const id = idFor(key, o.name);
  const input = h(doc, 'input', {
    id, name: o.name, type: 'text', value: o.value, autocomplete: 'off', spellcheck: 'false',
    inputmode: o.numeric ? 'numeric' : undefined, 'aria-describedby': idFor(key, `${o.name}-error`),
  });
  return h(doc, 'div', { class: `control${o.wide ? ' control-wide' : ''}` },
    h(doc, 'label', { for: id }, o.label, o.hint ? ' ' : null, o.hint ? h(doc, 'small', {}, o.hint) : null),
    o.after ? h(doc, 'div', { class: 'control-row' }, input, o.after) : input,
    errorSlot(doc, key, o.name));
}

/** A labelled select of fixed options. */
export function selectControl(doc: Document, key: string, o: { name: string; label: Child; options: readonly (string | number)[]; value: string }): HTMLElement {
  const id = idFor(key, o.name);
  return h(doc, 'div', { class: 'control' },
    h(doc, 'label', { for: id }, o.label),
    h(doc, 'select', { id, name: o.name, 'aria-describedby': idFor(key, `${o.name}-error`) },
      ...o.options.map((v) => h(doc, 'option', { value: String(v), selected: String(v) === o.value }, String(v)))),
    errorSlot(doc, key, o.name));
}

/** A checkbox with a group label above it. */
export function checkboxControl(doc: Document, key: string, o: { name: string; group: string; label: Child; checked: boolean }): HTMLElement {
  return h(doc, 'div', { class: 'control' },
    h(doc, 'span', { class: 'control-label' }, o.group),
    h(doc, 'label', { class: 'check' }, h(doc, 'input', { name: o.name, type: 'checkbox', checked: o.checked, id: idFor(key, o.name) }), h(doc, 'span', {}, o.label)));
}

/** Reset and copy-link buttons, plus any extra actions. */
export function actions(doc: Document, ...extra: Child[]): HTMLElement {
  return h(doc, 'div', { class: 'control control-end widget-actions' },
    h(doc, 'div', { class: 'control-row' },
      ...extra,
      h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'reset' }, t.reset),
      h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'copy-link' }, t.copyLink)));
}

/** The whole light DOM of a widget: header, controls, notice, output. */
export function widgetFrame(doc: Document, o: { runs: Child[]; controls: Child[]; output: Node }): DocumentFragment {
  const frag = doc.createDocumentFragment();
  frag.append(
    h(doc, 'div', { class: 'cell-head' }, h(doc, 'span', { class: 'cell-label' }, t.output), h(doc, 'span', {}, `${t.runs} `, ...o.runs)),
    h(doc, 'div', { class: 'cell-body' },
      h(doc, 'form', { class: 'widget-controls', 'data-controls': '' }, ...o.controls),
      h(doc, 'p', { class: 'widget-notice', 'data-notice': '', role: 'status', hidden: true }),
      h(doc, 'div', { 'data-output': '' }, o.output)),
  );
  return frag;
}

/** Inline code, for the "runs f → g" line. */
export const code = (doc: Document, text: string) => h(doc, 'code', {}, text);
