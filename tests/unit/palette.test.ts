// One visual language (issue 11): every mark colour reads at 3:1 on both themes' backgrounds,
// chart text in those colours at 4.5:1 (in its theme's shade), Q/K/V and head i have one
// colour each, and colours are defined in charts/palette.ts only.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BACKGROUNDS, contrast, markColors, palette, SERIES, textColor, themeTextCss, worstContrast } from '../../src/charts/palette';
import { OFFSET_COLORS } from '../../src/charts/offsets';
import { TILE_COLORS } from '../../src/charts/tiles';
import { FORMING_COLORS } from '../../src/widgets/text-forming/render';
import { LIGHTEST_H_OPACITY } from '../../src/charts/sweep';

const css = readFileSync('src/styles/global.css', 'utf8');
/** The custom properties of the CSS block that starts at `selector`. */
function block(selector: string): Record<string, string> {
  const at = css.indexOf(`${selector} {`);
  expect(at, selector).toBeGreaterThanOrEqual(0);
  const body = css.slice(at, css.indexOf('}', at));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-fA-F]{3,6})/g)].map((m) => [m[1], m[2].toLowerCase()]));
}

describe('the palette', () => {
  it('knows the backgrounds global.css gives each theme', () => {
    const light = block(':root');
    const dark = block(":root[data-theme='dark']");
    const names = ['--bg', '--bg-soft', '--bg-cell', '--code-bg'];
    expect(names.map((n) => light[n])).toEqual([...BACKGROUNDS.light]);
    expect(names.map((n) => dark[n])).toEqual([...BACKGROUNDS.dark]);
  });
  it('every mark colour has contrast ≥ 3:1 with every background of both themes', () => {
    const weak = markColors().flatMap((c) => (['light', 'dark'] as const).filter((t) => worstContrast(c, t) < 3).map((t) => `${c} on ${t}: ${worstContrast(c, t).toFixed(2)}`));
    expect(weak).toEqual([]);
  });
  it('chart text in a mark colour reads at ≥ 4.5:1 in its theme\'s shade, which the page and downloads use', () => {
    for (const c of markColors()) {
      for (const theme of ['light', 'dark'] as const) {
        const shade = textColor(c, theme);
        for (const bg of BACKGROUNDS[theme]) expect(contrast(shade, bg), `${c} → ${shade} on ${bg}`).toBeGreaterThanOrEqual(4.5);
        if (shade !== c) expect(themeTextCss()).toContain(`text[fill='${c}'] { fill: ${shade}; }`);
      }
    }
    expect(textColor('#0072b2', 'light')).toBe('#0072b2'); // a colour that reads as it is stays
  });
  it('Q, K and V have one hue each, in charts and in prose (the CSS variables come from the palette)', () => {
    expect(new Set([palette.q, palette.k, palette.v]).size).toBe(3);
    expect(css).not.toMatch(/--[qkv]:\s*#/);
    for (const name of ['q', 'k', 'v'] as const) {
      expect(themeTextCss()).toContain(`--${name}: ${textColor(palette[name], 'light')};`);
      expect(themeTextCss()).toContain(`--${name}: ${textColor(palette[name], 'dark')};`);
    }
  });
  it('the eight head colours are told apart: every pair differs by ΔE (CIE 1976) > 20', () => {
    const lab = (hex: string) => {
      const lin = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
      const xyz = [
        (0.4124 * lin[0] + 0.3576 * lin[1] + 0.1805 * lin[2]) / 0.95047,
        0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2],
        (0.0193 * lin[0] + 0.1192 * lin[1] + 0.9505 * lin[2]) / 1.08883,
      ].map((t) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116));
      return [116 * xyz[1] - 16, 500 * (xyz[0] - xyz[1]), 200 * (xyz[1] - xyz[2])];
    };
    const close: string[] = [];
    palette.heads.forEach((a, i) => palette.heads.slice(i + 1).forEach((b) => {
      const d = Math.hypot(...lab(a).map((v, k) => v - lab(b)[k]));
      if (d <= 20) close.push(`${a} ${b}: ${d.toFixed(1)}`);
    }));
    expect(close).toEqual([]);
  });
  it('the model with h heads (lesson 6), drawn in the text colour at LIGHTEST_H_OPACITY or more, keeps 3:1 on both themes', () => {
    /** `fg` at opacity `a` over `bg`, as the browser composites it (per sRGB channel). */
    const over = (fg: string, a: number, bg: string) => `#${[1, 3, 5].map((i) => Math.round(a * parseInt(fg.slice(i, i + 2), 16) + (1 - a) * parseInt(bg.slice(i, i + 2), 16)).toString(16).padStart(2, '0')).join('')}`;
    const fg = { light: block(':root')['--fg'], dark: block(":root[data-theme='dark']")['--fg'] };
    for (const theme of ['light', 'dark'] as const) {
      for (const bg of BACKGROUNDS[theme]) expect(contrast(over(fg[theme], LIGHTEST_H_OPACITY, bg), bg), `${theme} on ${bg}`).toBeGreaterThanOrEqual(3);
    }
    expect(contrast(over('#000000', 0.5, '#ffffff'), '#ffffff')).toBeCloseTo(contrast('#808080', '#ffffff'), 1); // the compositing itself
  });
  it('series that are not one head (best scores, losses, a reference line) take no head colour', () => {
    const heads = new Set<string>(palette.heads);
    expect(heads.has(SERIES.second)).toBe(false);
    expect(SERIES.main).toBe('currentColor');
    const named = { ...Object.fromEntries(Object.entries(FORMING_COLORS).map(([k, c]) => [`forming ${k}`, c])), ...Object.fromEntries(Object.entries(OFFSET_COLORS).map(([k, c]) => [`offsets ${k}`, c])), 'tiles m after': TILE_COLORS.mAfter };
    expect(Object.entries(named).filter(([, c]) => heads.has(c)).map(([k]) => k)).toEqual([]);
  });
  it('colours are defined in charts/palette.ts: no other chart or widget file writes a #rrggbb colour', () => {
    const files = ['src/charts', 'src/widgets', 'src/build/figures']
      .flatMap((dir) => readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => `${dir}/${f}`))
      .filter((f) => f.endsWith('.ts') && !f.endsWith('charts/palette.ts'));
    expect(files.length).toBeGreaterThan(40);
    const allowed = /export\.ts$/; // the download's fallback text and background colours
    const found = files.filter((f) => !allowed.test(f)).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/['"`]#[0-9a-fA-F]{6}['"`]/g)].map((m) => `${f}: ${m[0]}`));
    expect(found).toEqual([]);
  });
});
