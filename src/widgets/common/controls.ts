/**
 * Builders for a widget's light DOM: the cell frame, the controls generated from the
 * widget's fields (fields.ts), each with an error slot beside it, and the action buttons
 * every widget has. Used at build time (linkedom) and in tests, so the markup has one
 * source; {@link widgetShell} checks that the controls and the fields match, so a
 * mismatch stops the build.
 */
import { t } from '../../i18n/strings';
import { h } from './dom';
import type { Field, FieldList, FieldOption, Label } from './fields';

type Child = Node | string | null | undefined | false;

/** Ids under the widget's key, so two widgets on a page never collide. */
export const idFor = (key: string, name: string) => `${key}-${name}`;

function errorSlot(doc: Document, key: string, name: string): HTMLElement {
  return h(doc, 'p', { class: 'control-error', id: idFor(key, `${name}-error`), 'data-error-for': name, 'aria-live': 'polite' });
}

// The builders below are the only way controls are made: through fieldControl, from a
// field's declaration, so a widget cannot hand-write a control its fields do not know.

/** A labelled text box. `hint` is shown small after the label (say, the allowed range). */
function textControl(doc: Document, key: string, o: { name: string; label: Child; hint?: string; value: string; wide?: boolean; numeric?: boolean; after?: Child }): HTMLElement {
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
function selectControl(doc: Document, key: string, o: { name: string; label: Child; options: readonly FieldOption[]; value: string }): HTMLElement {
  const id = idFor(key, o.name);
  return h(doc, 'div', { class: 'control' },
    h(doc, 'label', { for: id }, o.label),
    h(doc, 'select', { id, name: o.name, 'aria-describedby': idFor(key, `${o.name}-error`) },
      ...o.options.map((opt) => h(doc, 'option', { value: opt.value, selected: opt.value === o.value }, opt.label))),
    errorSlot(doc, key, o.name));
}

/** A checkbox with a group label above it. */
function checkboxControl(doc: Document, key: string, o: { name: string; group: string; label: Child; checked: boolean }): HTMLElement {
  return h(doc, 'div', { class: 'control' },
    h(doc, 'span', { class: 'control-label' }, o.group),
    h(doc, 'label', { class: 'check' }, h(doc, 'input', { name: o.name, type: 'checkbox', checked: o.checked, id: idFor(key, o.name) }), h(doc, 'span', {}, o.label)));
}

/** Reset and copy-link buttons, plus any extra actions. */
function actions(doc: Document, ...extra: Child[]): HTMLElement {
  return h(doc, 'div', { class: 'control control-end widget-actions' },
    h(doc, 'div', { class: 'control-row' },
      ...extra,
      h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'reset' }, t.reset),
      h(doc, 'button', { class: 'btn', type: 'button', 'data-action': 'copy-link' }, t.copyLink)));
}

/** The whole light DOM of a widget: header, controls, notice, output. */
function widgetFrame(doc: Document, o: { runs: Child[]; controls: Child[]; output: Node }): DocumentFragment {
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

const labelOf = (doc: Document, label: Label): Child => (typeof label === 'string' ? label : label(doc));

/**
 * The control of one field, showing `state`: a text box (with its action button beside it,
 * if it has one), a select or a checkbox. A `custom` field has no generated control:
 * the widget passes its own as a slot to {@link widgetShell}.
 */
export function fieldControl<S>(doc: Document, key: string, field: Field<S>, state: S): HTMLElement {
  const value = field.format(state);
  switch (field.kind) {
    case 'text':
    case 'number':
      return textControl(doc, key, {
        name: field.name, label: labelOf(doc, field.label), hint: field.hint, value, wide: field.wide, numeric: field.kind === 'number',
        after: field.action ? h(doc, 'button', { class: 'btn', type: 'button', 'data-action': field.action.name }, field.action.label) : null,
      });
    case 'select':
      return selectControl(doc, key, { name: field.name, label: labelOf(doc, field.label), options: field.options, value });
    case 'checkbox':
      return checkboxControl(doc, key, { name: field.name, group: field.group, label: labelOf(doc, field.label), checked: value === '1' });
    case 'custom':
      throw new Error(`field “${field.name}” is custom: its controls come from the widget, as a slot of widgetShell.`);
  }
}

/** What a widget's shell is made of, besides its fields. */
export interface ShellParts<N extends string> {
  /** Prefix of ids (and of URL parameters): the widget's key. */
  key: string;
  /** The "runs f → g" line. */
  runs: Child[];
  /** The controls of `custom` fields, by field name, placed where the field is declared. */
  custom?: Partial<Record<N, Node>>;
  /** Controls after the fields, before reset and copy-link (a run panel, say). */
  extra?: Child[];
  /** After reset and copy-link. */
  trailing?: Child[];
  output: Node;
}

/**
 * The whole light DOM of a widget whose controls are generated from its fields, in their
 * declared order, then `extra`, the reset and copy-link buttons, and `trailing`. Throws
 * (which stops `astro build`), naming the widget and the name, when a slot names no
 * custom field, a custom field has no slot, or the controls built do not match the fields
 * one for one (every field one control and an error slot; every named control and
 * error slot a field).
 */
export function widgetShell<S, N extends string>(doc: Document, fields: FieldList<S, N>, state: S, o: ShellParts<N>): DocumentFragment {
  const fail = (message: string): never => {
    throw new Error(`${fields.widget} (shell): ${message}`);
  };
  if (import.meta.env?.SSR !== false) { // checked where pages are built; a page's own script leaves the checks out
    for (const name of Object.keys(o.custom ?? {})) {
      if (!fields.has(name)) fail(`a custom slot is named “${name}”, which is no field; its fields are ${fields.names.join(', ')}.`);
      else if (fields.get(name).kind !== 'custom') fail(`a custom slot is given for “${name}”, but that field's controls are generated (kind ${fields.get(name).kind}): remove the slot or declare the field custom.`);
    }
  }
  const controls = fields.map((f) => {
    if (f.kind !== 'custom') return fieldControl(doc, o.key, f, state);
    return o.custom?.[f.name] ?? fail(`field “${f.name}” is custom but the shell has no slot for it: pass custom: { ${f.name}: … }.`);
  });
  const frag = widgetFrame(doc, { runs: o.runs, controls: [...controls, ...(o.extra ?? []), actions(doc), ...(o.trailing ?? [])], output: o.output });
  if (import.meta.env?.SSR !== false) checkControls(fields, frag.querySelector('form[data-controls]')!, fail);
  return frag;
}

/** Every field has one named control (unless custom) and an error slot (unless a checkbox); every named control and error slot is a field. */
function checkControls<S, N extends string>(fields: FieldList<S, N>, form: Element, fail: (message: string) => never): void {
  const named = [...form.querySelectorAll('[name]')].map((e) => e.getAttribute('name')!);
  const slots = [...form.querySelectorAll('[data-error-for]')].map((e) => e.getAttribute('data-error-for')!);
  for (const name of named) if (!fields.has(name)) fail(`a control is named “${name}”, which is no field, so it would be read by nothing; its fields are ${fields.names.join(', ')}.`);
  for (const name of slots) if (!fields.has(name)) fail(`an error slot is for “${name}”, which is no field; its fields are ${fields.names.join(', ')}.`);
  for (const f of fields) {
    if (f.kind === 'custom') continue;
    const count = named.filter((n) => n === f.name).length;
    if (count !== 1) fail(`field “${f.name}” has ${count} controls named so: it needs exactly one.`);
    // A checkbox cannot be typed wrong: its only messages are about links, shown as notices.
    if (f.kind !== 'checkbox' && !slots.includes(f.name)) fail(`field “${f.name}” has no error slot: its messages would go nowhere.`);
  }
}
