/**
 * Mirror widget state in the page URL (history.replaceState), so a link reopens it.
 *
 * Chromium's replaceState costs 1–6 ms (it waits on the browser process), a third of a
 * frame, so it is kept off the path from input to redrawn picture: writes are gathered and
 * made once the reader pauses ({@link URL_WRITE_DELAY_MS}), and at once when a link is
 * copied ({@link flushParams}) or the page is left.
 */
export const URL_WRITE_DELAY_MS = 150;

let pending: Record<string, string> | null = null;
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

/** Ask for `params` to be in the URL; the write happens after a short pause in input. */
export function writeParams(params: Record<string, string>): void {
  pending = { ...pending, ...params };
  clearTimeout(timer);
  timer = setTimeout(flushParams, URL_WRITE_DELAY_MS);
  if (!listening && typeof addEventListener === 'function') {
    listening = true;
    addEventListener('pagehide', flushParams);
    addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && flushParams());
  }
}

/** Write any pending params now (before the URL is read, copied or left). */
export function flushParams(): void {
  clearTimeout(timer);
  if (!pending) return;
  const params = pending;
  pending = null;
  try {
    const url = new URL(location.href);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    history.replaceState(history.state, '', url);
  } catch {
    /* a sandboxed frame may refuse: the widget still works */
  }
}
