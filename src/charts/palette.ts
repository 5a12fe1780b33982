/**
 * The course's colours, in one place: Q, K and V; head i; the merges of lesson 5; series that
 * are not one head ({@link SERIES}); and the page backgrounds they are drawn on. tests/unit/palette.test.ts checks the rules below
 * against both themes (the backgrounds here are checked against global.css):
 * - a mark (line, dot, bar, cell) has contrast ≥ 3:1 with every background of both themes;
 * - chart text drawn in a mark colour reads at ≥ 4.5:1: where the mark colour itself does not,
 *   the text takes {@link textColor}'s shade for that theme (on the page through
 *   {@link themeTextCss}, in downloads through export.ts).
 *
 * The hues start from Okabe & Ito's colour-blind-safe set. So that each mark keeps 3:1 on the
 * light background as well as the dark one, the orange and pink are darkened, and the sky
 * blue, yellow and vermillion of heads 5–7 are replaced by a purple, a brown and a crimson
 * (kept apart from the other heads: ΔE > 20, tested).
 */

/** Page backgrounds a chart can sit on, per theme (global.css: --bg, --bg-soft, --bg-cell, --code-bg). */
export const BACKGROUNDS = {
  light: ['#fdfcfa', '#f4f2ee', '#f7f6f3', '#ffffff'],
  dark: ['#16171a', '#1e2024', '#1b1d21', '#0d1117'],
} as const;

export type Theme = keyof typeof BACKGROUNDS;

/** Head i's colour is heads[i − 1] in every lesson; Q, K and V have one colour each. */
export const palette = {
  scaled: '#0072b2',
  unscaled: '#d55e00',
  q: '#0072b2',
  k: '#b87f00',
  v: '#009e73',
  heads: ['#0072b2', '#b87f00', '#009e73', '#c76c9f', '#9467bd', '#d1345b', '#a56a55', '#8a8a8a'],
  /** One colour per way of merging heads (lesson 5), the same in every chart of the lesson. */
  merge: { concat: '#0072b2', average: '#d55e00', weighted: '#c76c9f', gated: '#009e73' },
} as const;

/**
 * Series that are neither Q, K, V nor one head (a whole layer or model, a baseline, an order of
 * pruning, a loss): the text colour first, vermillion second. So no chart borrows head i's
 * colour for something that is not head i (lesson 6 draws its models with h heads the same way).
 */
export const SERIES = { main: 'currentColor', second: palette.unscaled } as const;

/** Every mark colour of the palette, once. */
export function markColors(): string[] {
  return [...new Set([palette.scaled, palette.unscaled, palette.q, palette.k, palette.v, ...palette.heads, ...Object.values(palette.merge)])];
}

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

/** The lowest contrast of `color` with the backgrounds of `theme`. */
export function worstContrast(color: string, theme: Theme): number {
  return Math.min(...BACKGROUNDS[theme].map((bg) => contrast(color, bg)));
}

/** Mix a colour towards black (t < 0) or white (t > 0) by |t|. */
function mix(hex: string, t: number): string {
  const target = t < 0 ? 0 : 255;
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).map((c) => Math.round(c + (target - c) * Math.abs(t)));
  return `#${channels.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The colour chart text drawn in mark colour `color` takes in `theme`: the colour itself when
 * it reads at 4.5:1 on every background of that theme, else the nearest shade that does
 * (darker on the light theme, lighter on the dark one).
 */
export function textColor(color: string, theme: Theme): string {
  const c = color.toLowerCase();
  for (let step = 0; step <= 20; step++) {
    const shade = mix(c, (theme === 'light' ? -1 : 1) * step * 0.05);
    if (worstContrast(shade, theme) >= 4.5) return shade;
  }
  return theme === 'light' ? '#000000' : '#ffffff';
}

/**
 * The page's rules for text in mark colours (Base.astro puts them in the head): the Q, K and V
 * text colours of each theme, and for chart text each colour that needs another shade to read.
 */
export function themeTextCss(): string {
  // Q, K and V in prose (.q, .k, .v): the same hues as in charts, in the shade that reads as text.
  const qkv = (theme: Theme) => (['q', 'k', 'v'] as const).map((name) => `--${name}: ${textColor(palette[name], theme)};`).join(' ');
  // The light shades hold everywhere, print included (print is always light); the dark ones on screen.
  const light: string[] = [`:root { ${qkv('light')} }`];
  const dark: string[] = [`:root[data-theme='dark'] { ${qkv('dark')} }`];
  for (const color of markColors()) {
    if (textColor(color, 'light') !== color) light.push(`svg text[fill='${color}'] { fill: ${textColor(color, 'light')}; }`);
    if (textColor(color, 'dark') !== color) dark.push(`:root[data-theme='dark'] svg text[fill='${color}'] { fill: ${textColor(color, 'dark')}; }`);
  }
  return `${light.join('\n')}\n@media screen {\n${dark.join('\n')}\n}`;
}
