/**
 * Lesson 4's figures and numbers: parameters against d_model and h, forward FLOPs against
 * n, the K/V cache of multi-query and grouped-query attention, and the counts of real
 * models (content/models.json). Everything is computed with src/attention's counting
 * functions, the same ones the lesson's calculator runs.
 */
import * as Plot from '@observablehq/plot';
import {
  attentionMapEntries, countParameters, forwardFlops, headDim, initAttentionWeights, kvCacheBytes, kvHeadSweep,
  parameterBreakdown, parameterCount,
} from '../../attention';
import { allModels, modelById } from '../../lib/models';
import { lineChart } from '../lines';
import { finalizeSvg, palette } from '../svg';
import type { FigureMap, NumberMap, RenderedFigure } from './types';

let grouping: Intl.NumberFormat | null = null;
/** A whole number with thousands separators: 1048576 → "1,048,576". */
export function formatCount(value: number): string {
  // One formatter for all calls: toLocaleString builds a new one each time, which is slow.
  grouping ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return grouping.format(Math.round(value));
}

const SI = [
  [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'],
] as const;

/** A count in SI units, to 3 significant digits: 302000000 → "302 M". */
export function formatSi(value: number, unit = ''): string {
  for (const [size, prefix] of SI) {
    if (Math.abs(value) >= size) return `${Number((value / size).toPrecision(3))} ${prefix}${unit}`;
  }
  return `${Number(value.toPrecision(3))}${unit ? ` ${unit}` : ''}`;
}

/** Bytes in binary units, to 3 significant digits: 98304 → "96 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${Number(value.toPrecision(3))} ${units[i]}`;
}

/** Axis ticks for powers of ten in SI: 1e9 → "1G". */
const siTick = (d: number) => formatSi(d).replace(' ', '');

/**
 * The smallest n (searched over whole numbers) at which the attention term 4·n²·d reaches
 * the projection term 8·n·d² of {@link forwardFlops}; the algebra says n = 2d.
 */
export function flopsCrossing(dModel: number): number {
  let lo = 1;
  let hi = 1;
  const attentionWins = (n: number) => {
    const f = forwardFlops({ n, dModel });
    return f.attention >= f.projections;
  };
  while (!attentionWins(hi)) hi *= 2;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (attentionWins(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** One point of the FLOPs chart. */
export interface FlopsPoint {
  n: number;
  projections: number;
  attention: number;
}

/**
 * The range of n the FLOPs chart shows: from 2d/16 to 2d·8 around the crossing, widened
 * (with a factor of 2 to spare) when n lies outside, and never below one token. While n
 * stays inside, the range does not move, so the chart can be kept and only its marker moved.
 */
export function flopsDomain(dModel: number, n?: number): [number, number] {
  const crossing = flopsCrossing(dModel);
  let lo = crossing / 16;
  let hi = crossing * 8;
  if (n !== undefined && n < crossing / 8) lo = n / 2;
  if (n !== undefined && n > crossing * 4) hi = n * 2;
  return [Math.max(1, lo), hi];
}

/** The lines' points: both ends of the range and every power of two between. */
export function flopsPoints(dModel: number, n?: number): FlopsPoint[] {
  const [lo, hi] = flopsDomain(dModel, n);
  const ns = [lo];
  for (let x = 2 ** Math.floor(Math.log2(lo) + 1); x < hi; x *= 2) ns.push(x);
  ns.push(hi);
  return ns.map((x) => {
    const f = forwardFlops({ n: x, dModel });
    return { n: x, projections: f.projections, attention: f.attention };
  });
}

/** Options of {@link flopsChart}. */
export interface FlopsChartOptions {
  /** Mark this sequence length on both lines. */
  n?: number;
  width?: number;
  document?: Document;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Where a value lands on a log scale of the given domain and range (d3's scaleLog). */
const logPosition = (v: number, [d0, d1, r0, r1]: number[]) => r0 + ((Math.log(v) - Math.log(d0)) / (Math.log(d1) - Math.log(d0))) * (r1 - r0);
const px = (v: number) => v.toFixed(2);

function flopsLabel(dModel: number, crossing: number, n?: number): string {
  return `Forward FLOPs of one attention layer with d_model = ${dModel}, against the sequence length n on log–log axes. ` +
    `The projections grow in proportion to n, the attention term with n²; they are equal at n = ${crossing}${n !== undefined ? `; n = ${n} is marked` : ''}.`;
}

/** Put the n marker of a FLOPs chart at n, from the scales stored on the chart. */
function placeMarker(svg: Element, dModel: number, n: number): void {
  const x = svg.getAttribute('data-x')!.split(',').map(Number);
  const y = svg.getAttribute('data-y')!.split(',').map(Number);
  const f = forwardFlops({ n, dModel });
  const [proj, attn] = Array.from(svg.querySelectorAll('[data-marker] circle'));
  for (const [dot, value] of [[proj, f.projections], [attn, f.attention]] as const) {
    dot.setAttribute('cx', px(logPosition(n, x)));
    dot.setAttribute('cy', px(logPosition(value, y)));
  }
}

/**
 * Forward FLOPs of one attention layer against n, on log–log axes: the projections
 * (8·n·d², a line of slope 1) and the attention itself (4·n²·d, slope 2), with the
 * crossing at n = 2d marked, and n marked when given. See {@link updateFlopsChart}.
 */
export function flopsChart(dModel: number, { n, width = 560, document }: FlopsChartOptions = {}): { svg: SVGSVGElement; points: FlopsPoint[]; crossing: number } {
  const points = flopsPoints(dModel, n);
  const crossing = flopsCrossing(dModel);
  const [lo, hi] = flopsDomain(dModel, n);
  const first = points[0];
  const last = points[points.length - 1];
  const yDomain = [Math.min(first.projections, first.attention), Math.max(last.projections, last.attention)];
  const series = [
    { name: 'projections 8nd²', key: 'projections' as const, color: palette.q },
    { name: 'attention 4n²d', key: 'attention' as const, color: palette.unscaled },
  ];
  const crossValue = forwardFlops({ n: crossing, dModel }).attention;
  const marks: Plot.Markish[] = [
    Plot.ruleX([crossing], { stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '3,3' }),
    Plot.text([crossing], { x: (d: number) => d, frameAnchor: 'bottom', dy: -6, dx: 5, textAnchor: 'start', text: () => `n = 2d = ${formatCount(crossing)}`, fill: 'currentColor' }),
    Plot.dot([crossing], { x: (d: number) => d, y: () => crossValue, r: 5, stroke: 'currentColor', fill: 'none', strokeWidth: 1.5 }),
  ];
  for (const s of series) {
    marks.push(Plot.line(points, { x: 'n', y: s.key, stroke: s.color, strokeWidth: 2 }));
    marks.push(Plot.text([last], { x: 'n', y: s.key, text: () => s.name, dx: 6, textAnchor: 'start', fill: s.color, fontWeight: 600 }));
  }
  // Ticks at powers of two (x) and of ten (y), thinned so that labels never collide.
  const powers = (base: number, from: number, to: number, most: number) => {
    const k0 = Math.ceil(Math.log(from) / Math.log(base) - 1e-9);
    const k1 = Math.floor(Math.log(to) / Math.log(base) + 1e-9);
    const step = Math.max(1, Math.ceil((k1 - k0 + 1) / most));
    const out: number[] = [];
    for (let k = Math.ceil(k0 / step) * step; k <= k1; k += step) out.push(base ** k);
    return out;
  };
  const plot = Plot.plot({
    document, width, height: 300, marginLeft: 52, marginRight: 118, marginTop: 22, marginBottom: 32,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px', background: 'transparent' },
    x: { type: 'log', base: 2, domain: [lo, hi], label: 'sequence length n', labelAnchor: 'right', ticks: powers(2, lo, hi, 7), tickFormat: (d: number) => formatCount(d) },
    y: { type: 'log', base: 10, domain: yDomain, label: 'FLOPs per layer', grid: true, ticks: powers(10, yDomain[0], yDomain[1], 6), tickFormat: siTick },
    marks,
  });
  const scale = (name: 'x' | 'y') => {
    const sc = plot.scale(name);
    if (!sc?.domain || !sc.range) throw new Error(`the FLOPs chart has no ${name} scale`);
    return { domain: [...sc.domain].map(Number), range: [...sc.range].map(Number) };
  };
  const [xs, ys] = [scale('x'), scale('y')];
  const svg = finalizeSvg(plot as SVGSVGElement, flopsLabel(dModel, crossing, n));
  svg.setAttribute('data-flops', `${dModel}|${lo}|${hi}`);
  svg.setAttribute('data-x', [...xs.domain, ...xs.range].join(','));
  svg.setAttribute('data-y', [...ys.domain, ...ys.range].join(','));
  if (n !== undefined) {
    const doc = svg.ownerDocument;
    const group = doc.createElementNS(SVG_NS, 'g');
    group.setAttribute('data-marker', '');
    for (const s of series) {
      const dot = doc.createElementNS(SVG_NS, 'circle');
      dot.setAttribute('r', '4.5');
      dot.setAttribute('fill', s.color);
      group.append(dot);
    }
    svg.append(group);
    placeMarker(svg, dModel, n);
  }
  return { svg, points, crossing };
}

/**
 * Move the n marker of a chart drawn by {@link flopsChart} in place, when the chart's
 * d_model and range still fit n; returns false, changing nothing, when it must be drawn anew.
 */
export function updateFlopsChart(svg: Element, dModel: number, n: number): boolean {
  const [d, lo, hi] = (svg.getAttribute('data-flops') ?? '').split('|').map(Number);
  const [newLo, newHi] = flopsDomain(dModel, n);
  if (d !== dModel || lo !== newLo || hi !== newHi || !svg.querySelector('[data-marker]')) return false;
  placeMarker(svg, dModel, n);
  svg.setAttribute('aria-label', flopsLabel(dModel, flopsCrossing(dModel), n));
  return true;
}

const millions = (v: number) => Number((v / 1e6).toFixed(3));

/** d_model values of the quadratic figure. */
export const PARAM_DMODELS = [64, 128, 256, 384, 512, 640, 768, 896, 1024] as const;
/** h values of the flat figure, at d_model = 512. */
export const PARAM_HS = [1, 2, 4, 8, 16, 32, 64] as const;
/** The configuration of the K/V-cache figure: GPT-2 medium, float16. */
export const KV_FIGURE_MODEL = 'gpt2-medium';

export const costsFigures = {
  /** Parameters of one layer against d_model: a parabola. */
  'costs-params-dmodel': (document?: Document): RenderedFigure => {
    const rows = PARAM_DMODELS.map((dModel) => ({ dModel, bias: parameterCount({ dModel, bias: true }), none: parameterCount({ dModel, bias: false }) }));
    return {
      svg: lineChart(
        [{ name: '4d² + 4d', color: palette.q, points: rows.map((r) => ({ x: r.dModel, y: millions(r.bias) })) }],
        {
          label: 'Parameters of one multi-head attention layer against d_model, from 64 to 1024: a parabola; doubling d_model multiplies the count by four.',
          xLabel: 'd_model', yLabel: 'parameters (millions)', document,
        },
      ),
      table: {
        caption: 'Parameters of one attention layer, computed by parameterCount',
        columns: ['d_model', 'with biases', 'without biases'],
        rows: rows.map((r) => [r.dModel, formatCount(r.bias), formatCount(r.none)]),
      },
    };
  },
  /** Parameters of one layer against h at d_model = 512: flat. One head's share falls. */
  'costs-params-h': (document?: Document): RenderedFigure => {
    const dModel = 512;
    const rows = PARAM_HS.map((h) => ({ h, dK: headDim(dModel, h), total: parameterCount({ dModel, h, bias: false }) }));
    return {
      svg: lineChart(
        [
          { name: 'whole layer', color: palette.q, points: rows.map((r) => ({ x: r.h, y: millions(r.total) })) },
          { name: 'one head', color: palette.k, points: rows.map((r) => ({ x: r.h, y: millions(r.total / r.h) })) },
        ],
        {
          label: 'Parameters of an attention layer with d_model = 512 against the number of heads h, from 1 to 64 on a log axis: the whole layer stays at 1.05 million whatever h is, while one head’s share halves each time h doubles.',
          xLabel: 'heads h', yLabel: 'parameters (millions)', xType: 'log', yDomain: [0, 1.2], document,
        },
      ),
      table: {
        caption: 'Parameters at d_model = 512, without biases',
        columns: ['h', 'dₖ = 512 / h', 'whole layer', 'one head (4 · 512 · dₖ)'],
        rows: rows.map((r) => [r.h, r.dK, formatCount(r.total), formatCount(r.total / r.h)]),
      },
    };
  },
  /** Forward FLOPs against n at d_model = 512, crossing at n = 1024. */
  'costs-flops-n': (document?: Document): RenderedFigure => {
    const dModel = 512;
    const { svg, points } = flopsChart(dModel, { document });
    return {
      svg,
      table: {
        caption: 'Forward FLOPs of one attention layer at d_model = 512, computed by forwardFlops',
        columns: ['n', 'projections 8nd²', 'attention 4n²d', 'attention share'],
        rows: points.map((p) => [p.n, formatCount(p.projections), formatCount(p.attention), `${((100 * p.attention) / (p.attention + p.projections)).toFixed(1)}%`]),
      },
    };
  },
  /** K/V cache per token as K/V heads go from h to 1, GPT-2 medium in float16. */
  'costs-kv-cache': (document?: Document): RenderedFigure => {
    const m = modelById(KV_FIGURE_MODEL);
    const rows = kvHeadSweep({ dModel: m.dModel, h: m.h, layers: m.attentionLayers, bytesPerValue: 2 });
    return {
      svg: lineChart(
        [{ name: 'K/V cache', color: palette.v, points: [...rows].reverse().map((r) => ({ x: r.kvHeads, y: r.kvBytesPerToken / 1024 })) }],
        {
          label: `K/V cache per token of a model shaped like ${m.name} (${m.attentionLayers} layers, d_model ${m.dModel}, h ${m.h}) in float16, against the number of K/V heads on a log axis: it is proportional to the K/V heads, ${formatBytes(rows[0].kvBytesPerToken)} with ${m.h} (multi-head) down to ${formatBytes(rows[rows.length - 1].kvBytesPerToken)} with 1 (multi-query).`,
          xLabel: 'K/V heads', yLabel: 'KiB per token', xType: 'log', document,
        },
      ),
      table: {
        caption: `K/V cache and parameters of one layer, shaped like ${m.name}, float16`,
        columns: ['K/V heads', 'variant', 'query heads per K/V head', 'cache per token', 'cache for 1,024 tokens', 'parameters per layer'],
        rows: rows.map((r) => [r.kvHeads, r.name, r.groupSize, formatBytes(r.kvBytesPerToken), formatBytes(r.kvBytesPerToken * 1024), formatCount(r.parameters.total)]),
      },
    };
  },
} satisfies FigureMap;

/** Models of the lesson's table, in its order. Each must be in content/models.json. */
export const COST_MODEL_IDS = ['transformer-base', 'transformer-big', 'bert-base', 'bert-large', 'gpt2-small', 'gpt2-medium'] as const;
type CostModelId = (typeof COST_MODEL_IDS)[number];
const MODEL_FIELDS = ['layers', 'attentionLayers', 'dModel', 'h', 'dK', 'perLayer', 'perLayerBias', 'allLayers', 'share', 'reported'] as const;
type ModelNumberId = `model.${CostModelId}.${(typeof MODEL_FIELDS)[number]}`;

/** The counts of one real model, from its configuration, by the attention/ functions. */
export function modelCosts(id: string) {
  const m = modelById(id);
  const perLayer = parameterCount({ dModel: m.dModel, h: m.h, bias: false });
  const perLayerBias = parameterCount({ dModel: m.dModel, h: m.h, bias: true });
  const allLayers = perLayerBias * m.attentionLayers;
  return { model: m, dK: headDim(m.dModel, m.h), perLayer, perLayerBias, allLayers, share: allLayers / m.reportedParams };
}

function modelNumbers(): Record<ModelNumberId, () => string> {
  const out = {} as Record<ModelNumberId, () => string>;
  for (const id of COST_MODEL_IDS) {
    const c = () => modelCosts(id);
    const set = (field: (typeof MODEL_FIELDS)[number], f: () => string) => (out[`model.${id}.${field}`] = f);
    set('layers', () => String(c().model.layers));
    set('attentionLayers', () => String(c().model.attentionLayers));
    set('dModel', () => formatCount(c().model.dModel));
    set('h', () => String(c().model.h));
    set('dK', () => String(c().dK));
    set('perLayer', () => formatCount(c().perLayer));
    set('perLayerBias', () => formatCount(c().perLayerBias));
    set('allLayers', () => formatCount(c().allLayers));
    set('share', () => `${Math.round(100 * c().share)}%`);
    set('reported', () => `${Math.round(c().model.reportedParams / 1e6)}M`);
  }
  return out;
}

const gpt2 = (id: 'gpt2-small' | 'gpt2-medium') => {
  const m = modelById(id);
  if (m.contextLength === undefined) throw new Error(`content/models.json gives no contextLength for ${id}`);
  return { m, dHead: headDim(m.dModel, m.h), n: m.contextLength };
};
const kvOf = (id: 'gpt2-small' | 'gpt2-medium', kvHeads: number, tokens = 1) => {
  const { m, dHead } = gpt2(id);
  return kvCacheBytes({ layers: m.attentionLayers, kvHeads, dHead, bytesPerValue: 2, tokens });
};

function buildCostsNumbers() {
  return {
    'costs.params.512': () => formatCount(parameterCount({ dModel: 512, bias: false })),
    'costs.paramsBias.512': () => formatCount(parameterCount({ dModel: 512, bias: true })),
    'costs.params.768': () => formatCount(parameterCount({ dModel: 768, bias: false })),
    'costs.params.1024': () => formatCount(parameterCount({ dModel: 1024, bias: false })),
    /** Counted in weights instantiated at build time, not by the formula. */
    'costs.instantiated.64': () => formatCount(countParameters(initAttentionWeights({ dModel: 64, h: 8, bias: true }))),
    'costs.formula.64': () => formatCount(parameterCount({ dModel: 64, h: 8, bias: true })),
    'costs.perHead.512.8': () => formatCount(parameterCount({ dModel: 512, bias: false }) / 8),
    'costs.flops.proj.128': () => formatCount(forwardFlops({ n: 128, dModel: 512 }).projections),
    'costs.flops.attn.128': () => formatCount(forwardFlops({ n: 128, dModel: 512 }).attention),
    'costs.flops.attnShare.128': () => `${Math.round((100 * forwardFlops({ n: 128, dModel: 512 }).attention) / forwardFlops({ n: 128, dModel: 512 }).total)}%`,
    'costs.crossing.512': () => formatCount(flopsCrossing(512)),
    'costs.flops.attnShare.4096': () => `${Math.round((100 * forwardFlops({ n: 4096, dModel: 512 }).attention) / forwardFlops({ n: 4096, dModel: 512 }).total)}%`,
    'costs.maps.gpt2-small': () => formatCount(attentionMapEntries({ n: gpt2('gpt2-small').n, h: gpt2('gpt2-small').m.h })),
    'costs.mapsMiB.gpt2-small': () => formatBytes(4 * attentionMapEntries({ n: gpt2('gpt2-small').n, h: gpt2('gpt2-small').m.h }) * gpt2('gpt2-small').m.attentionLayers),
    'costs.kv.gpt2-small.token': () => formatCount(kvOf('gpt2-small', gpt2('gpt2-small').m.h)),
    'costs.kv.gpt2-small.context': () => formatBytes(kvOf('gpt2-small', gpt2('gpt2-small').m.h, gpt2('gpt2-small').n)),
    'costs.kv.gpt2-medium.mha': () => formatBytes(kvOf('gpt2-medium', gpt2('gpt2-medium').m.h)),
    'costs.kv.gpt2-medium.gqa4': () => formatBytes(kvOf('gpt2-medium', 4)),
    'costs.kv.gpt2-medium.mqa': () => formatBytes(kvOf('gpt2-medium', 1)),
    'costs.kv.gpt2-medium.mhaContext': () => formatBytes(kvOf('gpt2-medium', gpt2('gpt2-medium').m.h, gpt2('gpt2-medium').n)),
    'costs.kv.gpt2-medium.mqaContext': () => formatBytes(kvOf('gpt2-medium', 1, gpt2('gpt2-medium').n)),
    'costs.mqa.params.gpt2-medium': () => formatCount(parameterBreakdown({ dModel: gpt2('gpt2-medium').m.dModel, h: gpt2('gpt2-medium').m.h, kvHeads: 1, bias: false }).total),
    /** Shazeer (2019)'s baseline: d_model 1024, h = 8, d_k = 128; K/V weights saved per layer by MQA. */
    'costs.mqa.saved.shazeer': () => formatCount(parameterBreakdown({ dModel: 1024, h: 8, bias: false }).total - parameterBreakdown({ dModel: 1024, h: 8, kvHeads: 1, bias: false }).total),
    'costs.models.count': () => String(allModels().length),
    ...modelNumbers(),
  } satisfies NumberMap;
}

/**
 * Numbers lesson 4 quotes, computed, never typed in. Built by a call marked pure: the
 * calculator's page script imports this module for its chart and formatters, and the
 * bundler then drops these (and the schema library that reading the models needs).
 */
export const costsNumbers = /* @__PURE__ */ buildCostsNumbers();
