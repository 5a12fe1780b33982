/** Mirror widget state in the page URL (history.replaceState), so a link reopens it. */
export function writeParams(params: Record<string, string>): void {
  try {
    const url = new URL(location.href);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    history.replaceState(history.state, '', url);
  } catch {
    /* a sandboxed frame may refuse: the widget still works */
  }
}
