/**
 * <kv-cache>: lesson 9's K/V-cache calculator, on the shared widget base (common/element.ts:
 * controls read as typed, messages next to them, URL state, lazy start, input events).
 * Picking a model fills in its context length when its source gives one (declared with the
 * fields). What is particular here: the chart is drawn as wide as the cell allows, and
 * refilled in place when only the context or the precision changed.
 */
import { defineWidget, type WidgetElement } from '../common/element';
import { renderKvCache, updateKvCache } from './render';
import { DEFAULT_STATE, FIELDS, type KvCacheField, type KvCacheState } from './state';

interface Context {
  /** Width for the chart: as wide as the cell allows, up to the 520 px it is built with. */
  chartWidth: number | null;
}

const widthFor = (out: HTMLElement) => (out.clientWidth > 0 ? Math.max(300, Math.min(520, Math.floor(out.clientWidth))) : 520);

function redraw(out: HTMLElement, state: KvCacheState, ctx: Context): void {
  const chartWidth = (ctx.chartWidth ??= widthFor(out));
  const current = out.firstElementChild as HTMLElement | null;
  if (current && updateKvCache(current, state, undefined, { chartWidth })) return; // same bars: refill in place
  const tableOpen = out.querySelector<HTMLDetailsElement>('details.alt')?.open ?? false;
  out.replaceChildren(renderKvCache(document, state, undefined, { chartWidth, tableOpen }));
}

function setup(el: WidgetElement<KvCacheState, Context, KvCacheField>, ctx: Context): void {
  const out = el.querySelector<HTMLElement>('[data-output]')!;
  if ('ResizeObserver' in window) {
    new ResizeObserver(() => {
      const w = widthFor(out);
      if (w !== ctx.chartWidth) {
        ctx.chartWidth = w;
        redraw(out, el.value, ctx);
      }
    }).observe(out);
  }
}

/** Register <kv-cache>. */
export function defineKvCache(): void {
  defineWidget({ tag: 'kv-cache', defaults: DEFAULT_STATE, fields: FIELDS, context: () => ({ chartWidth: null }), redraw, setup });
}

export type KvCache = WidgetElement<KvCacheState, Context, KvCacheField>;
