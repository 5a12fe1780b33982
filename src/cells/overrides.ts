/**
 * Which course functions the reader has replaced on this page: the small meeting point
 * between code cells (which set a function's edited code when the reader presses Run) and
 * widgets (which ask for "the current implementation of F" before drawing). No DOM and no
 * imports, so a widget pays a few hundred bytes for it; the sandbox is loaded only when an
 * override exists. Kept on globalThis so every script bundle of the page sees one registry.
 */

/** A function the reader has edited and run. */
export interface Override {
  /** The function's name, as in its code cell (`softmaxRows`). */
  name: string;
  /** The reader's TypeScript, the whole cell. */
  code: string;
  /** The rest of the file the cell was cut from, if any (the code runs in its place). */
  context?: { before: string; after: string };
}

/** How far a widget found the reader's output from the course's, on its current input. */
export interface Comparison {
  /** The function compared. */
  name: string;
  /** Which widget (its custom element tag). */
  widget: string;
  /** What was compared, e.g. "the attention weights". */
  what: string;
  /** What happened, as a sentence for the cell (largest difference and where, or why none). */
  text: string;
  /** Largest absolute difference (NaN when either side has NaN there; null when not comparable). */
  maxAbsDiff: number | null;
  /** Whether the widget could draw with the reader's function. */
  status: 'ok' | 'error' | 'timeout';
}

interface Registry {
  overrides: Map<string, Override>;
  events: EventTarget;
  /** Names some widget of the page can run in place of the course's. */
  used: Set<string>;
}

const KEY = Symbol.for('head-by-head.cell-overrides');
const registry: Registry = ((globalThis as Record<symbol, Registry>)[KEY] ??= { overrides: new Map(), events: new EventTarget(), used: new Set() });

/** A widget says which functions it can run in the reader's version (when it connects). */
export function declareUse(names: readonly string[]): void {
  for (const n of names) registry.used.add(n);
}

/** Whether some widget of the page can run the reader's `name`. */
export function isUsed(name: string): boolean {
  return registry.used.has(name);
}

/** Run the reader's `code` for `name` wherever the page uses it (widgets redraw). */
export function setOverride(name: string, code: string, context?: Override['context']): void {
  registry.overrides.set(name, { name, code, context });
  registry.events.dispatchEvent(new CustomEvent('change', { detail: name }));
}

/** Go back to the course's `name`. */
export function clearOverride(name: string): void {
  if (!registry.overrides.delete(name)) return;
  registry.events.dispatchEvent(new CustomEvent('change', { detail: name }));
}

/** The first of `names` the reader has replaced (in the order given), or null. */
export function overrideFor(names: readonly string[]): Override | null {
  for (const n of names) {
    const o = registry.overrides.get(n);
    if (o) return o;
  }
  return null;
}

/** Call `listener` with a function's name whenever its override is set or cleared. Returns an unsubscribe. */
export function onOverrideChange(listener: (name: string) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<string>).detail);
  registry.events.addEventListener('change', handler);
  return () => registry.events.removeEventListener('change', handler);
}

/** A widget tells the cells how the reader's function compared on its input. */
export function reportComparison(c: Comparison): void {
  registry.events.dispatchEvent(new CustomEvent('comparison', { detail: c }));
}

/** Listen to comparisons (the cell of that function shows them). Returns an unsubscribe. */
export function onComparison(listener: (c: Comparison) => void): () => void {
  const handler = (e: Event) => listener((e as CustomEvent<Comparison>).detail);
  registry.events.addEventListener('comparison', handler);
  return () => registry.events.removeEventListener('comparison', handler);
}
