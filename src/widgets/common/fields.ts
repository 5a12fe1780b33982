/**
 * The controls of a widget as data: each field reads, checks and writes one part of the
 * state, and the same list drives the URL (so a link reopens the widget as it was).
 * Pure: no DOM.
 */
import type { Checked } from './validate';

/** One control of a widget, bound to one key of the state. */
export interface Field<S> {
  /** Name of the control (`name="…"`) and of its URL parameter (after the prefix). */
  name: string;
  /** Kind of control: text boxes and selects hold text, checkboxes hold a boolean. */
  kind: 'text' | 'checkbox';
  /** The state's value as the control's text ("1"/"0" for checkboxes). */
  format(state: S): string;
  /** Check text typed or found in a link; on success, the new state. */
  parse(text: string, state: S): Checked<S>;
}

/** A field for a text box or select: `check` validates, `format` writes the value back. */
export function textField<S, K extends keyof S>(
  key: K, name: string, check: (text: string) => Checked<S[K]>, format: (value: S[K]) => string = String,
): Field<S> {
  return {
    name, kind: 'text',
    format: (state) => format(state[key]),
    parse: (text, state) => {
      const r = check(text);
      return r.ok ? { ok: true, value: { ...state, [key]: r.value } } : r;
    },
  };
}

/** A field for a checkbox holding a boolean. */
export function checkboxField<S, K extends keyof S>(key: K, name: string): Field<S> {
  return {
    name, kind: 'checkbox',
    format: (state) => (state[key] ? '1' : '0'),
    parse: (text, state) =>
      text === '1' || text === '0' ? { ok: true, value: { ...state, [key]: text === '1' } } : { ok: false, error: `use 1 (on) or 0 (off), not “${text.slice(0, 12)}”` },
  };
}

/** A rule across fields (say, h must divide d_model): an error shown next to `field`. */
export type CrossCheck<S> = (state: S) => { field: string; error: string } | null;

/** URL parameters of a state, under `prefix.` so several widgets can share a page. */
export function toParams<S>(fields: readonly Field<S>[], state: S, prefix: string): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [`${prefix}.${f.name}`, f.format(state)]));
}

/**
 * Read a state from URL parameters. Missing ones keep the defaults; invalid ones (or a
 * combination the cross-check rejects) are ignored, each with a notice saying why.
 */
export function fromParams<S>(
  fields: readonly Field<S>[], defaults: Readonly<S>, params: URLSearchParams, prefix: string, cross?: CrossCheck<S>,
): { state: S; notices: string[]; present: boolean } {
  let state: S = { ...defaults };
  const notices: string[] = [];
  for (const f of fields) {
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
  const present = [...params.keys()].some((k) => k.startsWith(`${prefix}.`));
  return { state, notices, present };
}
