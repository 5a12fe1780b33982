// Shared by the benchmarks: summary statistics and the in-page timing of typed input.
import type { Page } from 'playwright-core';

/** Median, 95th percentile and maximum of some timings, in ms. */
export function stats(xs: number[]): { median: number; p95: number; max: number; runs: number } {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: Number(q(0.5).toFixed(2)), p95: Number(q(0.95).toFixed(2)), max: Number(s[s.length - 1].toFixed(2)), runs: s.length };
}

/**
 * Type each value into control `name` of the widget `tag` and time it: input event →
 * handler done (DOM updated), and → style and layout forced (the work a frame must fit;
 * paint is not included). A frame passes between runs.
 */
export async function timeInputs(page: Page, tag: string, name: string, values: string[]): Promise<{ dom: number[]; layout: number[] }> {
  return page.evaluate(async ({ tag, name, values }) => {
    const el = document.querySelector(tag)!;
    el.scrollIntoView();
    const input = el.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    const dom: number[] = [];
    const layout: number[] = [];
    for (const value of values) {
      await new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      dom.push(performance.now() - t0);
      void document.body.offsetHeight;
      layout.push(performance.now() - t0);
    }
    return { dom, layout };
  }, { tag, name, values });
}
