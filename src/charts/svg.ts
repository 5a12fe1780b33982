/** Finishing touches every chart gets, so it reads well to people and to axe. */

/** The width of the frame charts are being drawn for; null: each chart's own width. */
let frame: number | null = null;

/**
 * Below this width a chart is drawn in its narrow form (a legend below instead of labels at
 * the line ends, fewer ticks, no values printed in cells that cannot hold them at 11 px).
 */
export const NARROW_WIDTH = 440;

/** The width build-time figures are also drawn at, for phones (a 375 px screen has ≈ 343 px). */
export const PHONE_WIDTH = 320;

/**
 * Draw for a frame `width` px wide: every chart made inside `fn` is at most that wide (each
 * chart function passes its width through {@link fitWidth}). So on a phone a chart is drawn
 * for the room it has, and its text keeps its size, instead of being drawn for a desktop and
 * scaled down as a whole. `null` (or 0, an element not laid out) keeps the outer frame.
 */
export function drawnFor<T>(width: number | null, fn: () => T): T {
  const outer = frame;
  frame = width ? Math.floor(width) : outer;
  try {
    return fn();
  } finally {
    frame = outer;
  }
}

/** A chart's width: `preferred`, or the frame's width when that is narrower. */
export function fitWidth(preferred: number): number {
  return frame !== null && frame < preferred ? frame : preferred;
}

/**
 * How much larger charts are shown in lecture mode (lecture.css): a widget draws its charts for
 * its frame divided by this, and lecture mode shows every chart this much larger (never wider
 * than its column), so that chart text of 11 px reads at 20 px on a projector.
 */
export const LECTURE_CHART_SCALE = 1.85;

/**
 * Give a Plot SVG one accessible name (role="img" + aria-label) and drop the
 * per-mark aria-labels Plot puts on <g> elements (they are not allowed there). Records the
 * width it was drawn for (`--chart-width`), which lecture mode scales by {@link LECTURE_CHART_SCALE}.
 */
export function finalizeSvg<T extends Element>(svg: T, label: string): T {
  const width = svg.getAttribute('width');
  if (width && /^\d+(\.\d+)?$/.test(width)) {
    const style = (svg.getAttribute('style') ?? '').trim();
    svg.setAttribute('style', `${style}${style && !style.endsWith(';') ? ';' : ''}--chart-width:${width}px`);
  }
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

/**
 * Move direct labels apart vertically so that none overlaps another: the texts of `g` groups
 * with class `className` (Plot's text marks put each text at translate(x, y)), sorted by y,
 * are pushed down until `gap` px apart, then pulled back up as far as needed to stay above
 * `bottom`. Labels that are not side by side (x further apart than `near`) do not push each other.
 */
export function spreadLabels(svg: Element, className: string, { gap = 13, bottom = Infinity, near = 60 } = {}): void {
  const at = (t: Element) => {
    const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(t.getAttribute('transform') ?? '');
    return m ? { t, x: Number(m[1]), y: Number(m[2]) } : null;
  };
  const labels = [...svg.querySelectorAll(`g.${className} text`)].map(at).filter((l) => l !== null).sort((a, b) => a.y - b.y || a.x - b.x);
  const isNear = (a: { x: number }, b: { x: number }) => Math.abs(a.x - b.x) < near;
  // down: each label below the ones above it; then up: none below `bottom`, nor closer than `gap` to the next
  labels.forEach((l, i) => {
    for (const p of labels.slice(0, i)) if (isNear(p, l) && l.y < p.y + gap) l.y = p.y + gap;
  });
  for (let i = labels.length - 1; i >= 0; i--) {
    const l = labels[i];
    l.y = Math.min(l.y, bottom);
    for (const p of labels.slice(i + 1)) if (isNear(p, l) && l.y > p.y - gap) l.y = p.y - gap;
  }
  for (const l of labels) l.t.setAttribute('transform', `translate(${l.x},${Number(l.y.toFixed(1))})`);
}

/** Shorten a label for an axis: at most `max` characters, with an ellipsis. */
export function shortLabel(text: string, max = 10): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
