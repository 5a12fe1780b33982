/** Finishing touches every chart gets, so it reads well to people and to axe. */

/**
 * Give a Plot SVG one accessible name (role="img" + aria-label) and drop the
 * per-mark aria-labels Plot puts on <g> elements (they are not allowed there).
 */
export function finalizeSvg<T extends Element>(svg: T, label: string): T {
  // Plot's per-chart <style>: inserting a stylesheet restyles the whole page, which
  // costs more than a frame on a long lesson. global.css carries the same rules.
  svg.querySelectorAll('style').forEach((style) => style.remove());
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.removeAttribute('aria-description');
  for (const el of Array.from(svg.querySelectorAll('[aria-label], [aria-description]'))) {
    el.removeAttribute('aria-label');
    el.removeAttribute('aria-description');
  }
  return svg;
}

/** Shorten a label for an axis: at most `max` characters, with an ellipsis. */
export function shortLabel(text: string, max = 10): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Fixed series colours (Okabe–Ito), the same across lessons. */
export const palette = {
  scaled: '#0072b2',
  unscaled: '#d55e00',
  q: '#0072b2',
  k: '#e69f00',
  v: '#009e73',
  heads: ['#0072b2', '#e69f00', '#009e73', '#cc79a7', '#56b4e9', '#d55e00', '#f0e442', '#000000'],
} as const;
