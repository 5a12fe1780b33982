// Helpers for widget tests in Chromium: mount a widget from its shell, and collect
// anything written to the console (a widget must never write there).
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { flushParams } from '../../src/widgets/common/url';

/** Start collecting console errors and warnings; returns the list it fills. */
export function watchConsole(): string[] {
  const problems: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a) => problems.push(a.join(' ')));
  vi.spyOn(console, 'warn').mockImplementation((...a) => problems.push(a.join(' ')));
  return problems;
}

/**
 * Put a widget on the page as its .astro shell would (element + light DOM from its shell
 * function), with `search` as the page's query string, and wait until it has started.
 */
export async function mountWidget<T extends HTMLElement>(
  tag: string, key: string, shell: (doc: Document, key: string) => Node, define: () => void, search = '',
): Promise<T> {
  flushParams(); // a previous widget's last state must not land in this one's URL
  history.replaceState(null, '', `${location.pathname}${search}`);
  const el = document.createElement(tag) as T;
  el.dataset.key = key;
  el.className = 'cell widget wide'; // as the .astro shells do
  el.append(shell(document, key));
  document.body.append(el);
  define();
  // 10 s: a guard against a widget that never starts, not a timing check (vi.waitFor's 1 s default failed on a loaded CI machine)
  await vi.waitFor(() => expect(el.dataset.ready).toBe('1'), { timeout: 10_000 });
  return el;
}

/**
 * Register the guards every widget test wants: before each test, collect console errors,
 * warnings and uncaught errors; after it, remove the widget and fail if anything was
 * collected (a widget must never write to the console or throw).
 */
export function guardWidgetTests(current: () => HTMLElement | undefined): void {
  let problems: string[] = [];
  const onError = (e: ErrorEvent) => problems.push(e.message);
  beforeEach(() => {
    problems = watchConsole();
    addEventListener('error', onError);
  });
  afterEach(() => {
    removeEventListener('error', onError);
    current()?.remove();
    vi.restoreAllMocks();
    expect(problems).toEqual([]);
  });
}
