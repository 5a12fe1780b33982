/**
 * A widget's fields, declared once. Each field says what the reader sees (name, label,
 * hint, kind of control, options) and how its text becomes state (parse, which validates)
 * and back (format). The same list makes the controls (controls.ts, at build time), reads
 * them as the reader types (element.ts) and writes and reads the URL (toParams,
 * fromParams), so a link reopens the widget as it was.
 *
 * A name that matches nothing is a mistake in the widget, not something to skip:
 * {@link defineFields} checks the list when the module loads (that is, during
 * `astro build`, which renders every shell) and {@link FieldList.get} throws for an
 * unknown name, each with a message that names the widget, the name and the fix.
 * Pure: no DOM (a label may be a function that builds markup, called by the shell).
 *
 * ```ts
 * const f = fieldKit<SplitCheckState>();
 * export const FIELDS = defineFields('split-check', DEFAULT_STATE, [
 *   { name: 'dmodel', kind: 'select', label: 'd_model', options: optionsOf([4, 8, 12]), ...f.bind('dModel', checkDModel) },
 *   { name: 'h', kind: 'number', label: 'Heads h', hint: '(must divide d_model)', ...f.bind('h', checkH) },
 *   { name: 'seed', kind: 'number', label: 'Seed', action: { name: 'reseed', label: 'New seed', run: (s) => ({ ...s, seed: 7 }) }, ...f.bind('seed', checkSeed) },
 * ]);
 * ```
 */
import type { Checked } from './validate';

/**
 * How a field is edited: a text box (`number`: the same box, with a numeric keyboard on
 * phones), a select of fixed options, a checkbox, or `custom`: controls the widget draws
 * and wires itself (the field still owns the state's key and its URL parameter).
 */
export type FieldKind = 'text' | 'number' | 'select' | 'checkbox' | 'custom';

/** What the reader reads by a control: text, or a builder for a little markup (d<sub>k</sub>), never a string of HTML. */
export type Label = string | ((doc: Document) => Node);

/** One option of a select: its value (as in the URL) and the words the reader sees. */
export interface FieldOption {
  value: string;
  label: string;
}

/** A button beside a text box that changes the state (say, "new seed"): `data-action="name"`. */
export interface FieldAction<S> {
  /** Its `data-action`; unique in the widget. */
  name: string;
  label: string;
  /** The state after a press; the field's error is cleared first. */
  run(state: S): S;
}

interface FieldCommon<S, N extends string> {
  /** Name of the control (`name="…"`, id `key-name`) and of its URL parameter (`key.name`). */
  name: N;
  label: Label;
  /** Shown small after the label: the allowed range, say. */
  hint?: string;
  /** The control spans the whole row. */
  wide?: boolean;
  /** Names of fields whose value this one's parse reads from the state: they are read first. */
  after?: readonly string[];
  /** The state's value as the control's text ("1"/"0" for checkboxes). */
  format(state: S): string;
  /** Check text typed or found in a link; on success, the new state. */
  parse(text: string, state: S): Checked<S>;
}

/** A text box; `number` asks phones for a numeric keyboard. */
export interface TextField<S, N extends string> extends FieldCommon<S, N> {
  kind: 'text' | 'number';
  /** A button beside the box. */
  action?: FieldAction<S>;
  /** The text ↑ (up) or ↓ gives in the box, or null to leave the key alone. */
  step?(text: string, up: boolean, state: S): string | null;
}

/** A select of fixed options. */
export interface SelectField<S, N extends string> extends FieldCommon<S, N> {
  kind: 'select';
  options: readonly FieldOption[];
  /**
   * Picking `value` also puts these texts in these (other) controls, before the controls
   * are read (a model preset filling in its sizes). Checked for every option at definition.
   */
  fills?(value: string): Readonly<Record<string, string>>;
}

/** A checkbox holding a boolean, with a group label above it. */
export interface CheckboxField<S, N extends string> extends FieldCommon<S, N> {
  kind: 'checkbox';
  group: string;
}

/** A part of the state whose controls the widget draws itself (passed to the shell as a slot). */
export interface CustomField<S, N extends string> extends FieldCommon<S, N> {
  kind: 'custom';
}

/** One field of a widget, bound to part of its state. */
export type Field<S, N extends string = string> = TextField<S, N> | SelectField<S, N> | CheckboxField<S, N> | CustomField<S, N>;

/** A checked, ordered list of fields, with lookup by name that fails loudly. */
export type FieldList<S, N extends string = string> = readonly Field<S, N>[] & {
  /** The custom element's tag, for messages. */
  readonly widget: string;
  /** The field names, in order. */
  readonly names: readonly N[];
  /** The fields in the order their controls are read (a field after the ones it reads). */
  readonly readOrder: readonly Field<S, N>[];
  /** The field called `name`; throws, naming the widget and its fields, when there is none. */
  get(name: N): Field<S, N>;
  /** Whether `name` is one of the fields. */
  has(name: string): name is N;
};

/** The names of a field list, as a type: `FieldName<typeof FIELDS>`. */
export type FieldName<L> = L extends FieldList<unknown, infer N> ? N : never;

/** Options of a select from plain values (the value is its own label) or [value, label] pairs. */
export function optionsOf(values: readonly (string | number | readonly [string, string])[]): FieldOption[] {
  return values.map((v) => (Array.isArray(v) ? { value: v[0], label: v[1] } : { value: String(v), label: String(v) }));
}

/** Binders of fields to the keys of a state S (so the declarations stay short and typed). */
export interface FieldKit<S> {
  /** parse/format for a field holding `state[key]`: `check` validates the text (it may read the state). */
  bind<K extends keyof S>(key: K, check: (text: string, state: S) => Checked<S[K]>, format?: (value: S[K]) => string): Pick<FieldCommon<S, string>, 'parse' | 'format'>;
  /** parse/format for a checkbox holding the boolean `state[key]` ("1" on, "0" off). */
  flag<K extends keyof S>(key: K): Pick<FieldCommon<S, string>, 'parse' | 'format'>;
}

/** The binders for state S; see {@link FieldKit}. */
export function fieldKit<S>(): FieldKit<S> {
  return {
    bind: (key, check, format = String) => ({
      format: (state) => format(state[key]),
      parse: (text, state) => {
        const r = check(text, state);
        return r.ok ? { ok: true, value: { ...state, [key]: r.value } } : r;
      },
    }),
    flag: (key) => ({
      format: (state) => (state[key] ? '1' : '0'),
      parse: (text, state) =>
        text === '1' || text === '0' ? { ok: true, value: { ...state, [key]: text === '1' } } : { ok: false, error: `use 1 (on) or 0 (off), not “${text.slice(0, 12)}”` },
    }),
  };
}

const NAME = /^[a-z][a-z0-9_-]*$/;

/**
 * Check a widget's fields and return them as a {@link FieldList}. Throws, naming the widget
 * and the field, when: a name is not a plain lower-case word or is used twice; `after`
 * or a select's `fills` names a field that does not exist; a select has no options or the
 * same value twice; two actions share a name; or the defaults do not survive their own
 * format → parse (a select's default must be one of its options). Run when the state
 * module loads, so a mistake stops `astro build`.
 */
export function defineFields<S, const N extends string>(widget: string, defaults: Readonly<S>, fields: readonly Field<S, N>[]): FieldList<S, N> {
  const fail = (message: string): never => {
    throw new Error(`${widget}: ${message}`);
  };
  const names = fields.map((f) => f.name);
  const known = new Set<string>(names);
  const list = `its fields are ${names.map((n) => `“${n}”`).join(', ')}`;
  const mustExist = (name: string, where: string) => {
    if (!known.has(name)) fail(`${where} names the field “${name}”, which does not exist; ${list}. Fix the name or declare the field.`);
  };
  // The checks run where pages are built (and in the unit tests); a page's own script leaves
  // them out (Vite sets import.meta.env.SSR to false there; plain Node has no import.meta.env), since
  // the build has passed them already.
  if (import.meta.env?.SSR !== false) {
    const actions = new Set<string>(['reset', 'copy-link']);
    for (const [i, f] of fields.entries()) {
      if (!NAME.test(f.name)) fail(`field ${i + 1} is named “${f.name}”: use a lower-case word (letters, digits, - or _), as it becomes a URL parameter and an id.`);
      if (names.indexOf(f.name) !== i) fail(`two fields are named “${f.name}”: each needs its own name (it is its URL parameter).`);
    }
    for (const f of fields) {
      for (const dep of f.after ?? []) {
        mustExist(dep, `field “${f.name}”'s \`after\``);
        if (dep === f.name) fail(`field “${f.name}” cannot be read after itself: remove it from its own \`after\`.`);
      }
      if (f.kind === 'select') {
        if (f.options.length === 0) fail(`select “${f.name}” has no options: give it at least one.`);
        const values = f.options.map((o) => o.value);
        const twice = values.find((v, i) => values.indexOf(v) !== i);
        if (twice !== undefined) fail(`select “${f.name}” has the option “${twice}” twice.`);
        for (const v of values) {
          for (const target of Object.keys(f.fills?.(v) ?? {})) {
            mustExist(target, `select “${f.name}”'s option “${v}” fills a box and`);
            if (target === f.name) fail(`select “${f.name}”'s option “${v}” cannot fill the select itself.`);
          }
        }
      }
      if ((f.kind === 'text' || f.kind === 'number') && f.action) {
        if (!NAME.test(f.action.name) || actions.has(f.action.name)) fail(`field “${f.name}”'s action is named “${f.action.name}”, which is taken or not a lower-case word: pick another.`);
        actions.add(f.action.name);
      }
    }
  }
  const readOrder = orderForReading(fields, fail);
  if (import.meta.env?.SSR !== false) {
    let state: S = { ...defaults };
    for (const f of readOrder) {
      const text = f.format(state);
      if (f.kind === 'select' && !f.options.some((o) => o.value === text)) {
        fail(`the default of select “${f.name}” is “${text}”, which is not one of its options (${f.options.map((o) => o.value).join(', ')}).`);
      }
      const r = f.parse(text, state);
      if (!r.ok) fail(`the default of field “${f.name}” (“${text}”) does not pass its own check: ${r.error}`);
      else state = r.value;
    }
  }
  const get = (name: N): Field<S, N> => {
    const f = fields.find((x) => x.name === name);
    if (!f) fail(`there is no field named “${name}”; ${list}. A name that matches nothing is a bug: fix the name, or declare the field.`);
    return f!;
  };
  const has = (name: string): name is N => known.has(name);
  return Object.freeze(Object.assign([...fields], { widget, names: Object.freeze(names), readOrder: Object.freeze(readOrder), get, has }));
}

/** The fields with each one after those it names in `after` (otherwise in declared order). */
function orderForReading<S, N extends string>(fields: readonly Field<S, N>[], fail: (message: string) => never): Field<S, N>[] {
  const out: Field<S, N>[] = [];
  const visiting = new Set<string>();
  const visit = (f: Field<S, N>) => {
    if (out.includes(f)) return;
    if (visiting.has(f.name)) fail(`the \`after\` of field “${f.name}” goes round in a circle: one of those fields must be read first.`);
    visiting.add(f.name);
    for (const dep of f.after ?? []) visit(fields.find((x) => x.name === dep)!);
    out.push(f);
  };
  fields.forEach(visit);
  return out;
}

/** A rule across fields (say, h must divide d_model): an error shown next to `field`. */
export type CrossCheck<S, N extends string = string> = (state: S) => { field: N; error: string } | null;

/** URL parameters of a state, under `prefix.` so several widgets can share a page. */
export function toParams<S>(fields: readonly Field<S>[], state: S, prefix: string): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [`${prefix}.${f.name}`, f.format(state)]));
}

/**
 * Read a state from URL parameters. Missing ones keep the defaults; invalid ones (or a
 * combination the cross-check rejects), and parameters under the prefix that name no
 * field, are ignored, each with a notice saying why.
 */
export function fromParams<S>(
  fields: readonly Field<S>[], defaults: Readonly<S>, params: URLSearchParams, prefix: string, cross?: CrossCheck<S>,
): { state: S; notices: string[]; present: boolean } {
  let state: S = { ...defaults };
  const notices: string[] = [];
  const order = (fields as Partial<FieldList<S>>).readOrder ?? fields;
  for (const f of order) {
    const text = params.get(`${prefix}.${f.name}`);
    if (text === null) continue;
    const r = f.parse(text, state);
    if (r.ok) state = r.value;
    else notices.push(`The link's ${f.name} was ignored (${r.error})`);
  }
  const problem = cross?.(state);
  if (problem) {
    notices.push(`The link's settings did not fit together (${problem.error}); showing the defaults.`);
    state = { ...defaults };
  }
  const ours = [...new Set(params.keys())].filter((k) => k.startsWith(`${prefix}.`));
  for (const k of ours) {
    const name = k.slice(prefix.length + 1);
    if (!fields.some((f) => f.name === name)) {
      notices.push(`The link's “${name.slice(0, 24)}” was ignored: this widget has no setting of that name (it has ${fields.map((f) => f.name).join(', ')}).`);
    }
  }
  return { state, notices, present: ours.length > 0 };
}
