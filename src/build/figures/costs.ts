/**
 * Lesson 4's figures and numbers: parameters against d_model and h, forward FLOPs against
 * n, the K/V cache of multi-query and grouped-query attention, and the counts of real
 * models (content/models.json). Everything is computed with src/attention's counting
 * functions, the same ones the lesson's calculator runs.
 */
import {
  attentionMapEntries, countParameters, forwardFlops, headDim, initAttentionWeights, kvCacheBytes, kvHeadSweep,
  parameterBreakdown, parameterCount,
} from '../../attention';
import { flopsChart } from '../../charts/flops';
import { formatBytes, formatCount } from '../../charts/format';
import { lineChart } from '../../charts/lines';
import { palette, SERIES } from '../../charts/palette';
import { flopsChartData, flopsCrossing } from '../../lib/flops';
import { conventionalModels, modelById } from '../../lib/models';
import type { FigureMap, NumberMap, RenderedFigure } from './types';

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
        [{ name: '4d² + 4d', color: SERIES.main, points: rows.map((r) => ({ x: r.dModel, y: millions(r.bias) })) }],
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
          { name: 'whole layer', color: SERIES.main, points: rows.map((r) => ({ x: r.h, y: millions(r.total) })) },
          { name: 'one head', color: SERIES.second, points: rows.map((r) => ({ x: r.h, y: millions(r.total / r.h) })) },
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
    const data = flopsChartData(dModel);
    const points = data.points;
    return {
      svg: flopsChart(data, { document }),
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
  if (m.reportedParams === undefined) throw new Error(`content/models.json gives no reportedParams for ${id}: lesson 4's table needs it`);
  return { model: m, dK: headDim(m.dModel, m.h), perLayer, perLayerBias, allLayers, share: allLayers / m.reportedParams, reportedParams: m.reportedParams };
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
    set('reported', () => `${Math.round(c().reportedParams / 1e6)}M`);
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
    'costs.models.count': () => String(conventionalModels().length),
    ...modelNumbers(),
  } satisfies NumberMap;
}

/** Numbers lesson 4 quotes, computed, never typed in. */
export const costsNumbers = buildCostsNumbers();
