// Lesson 4's math: parameter counts (formula against instantiated weights and against
// PyTorch's torch.nn.MultiheadAttention), FLOPs, K/V sharing (MQA/GQA), the models file,
// and the figures and numbers the lesson prints.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Matrix } from 'ml-matrix';
import {
  countParameters, forwardFlops, groupedQueryAttention, initAttentionWeights, kvCacheBytes, kvGroupSize, kvHeadSweep,
  multiHeadAttention, mulberry32, parameterBreakdown, parameterCount, randomMatrix, weightsPerHead, type MhaWeights,
} from '../../src/attention';
import { costsFigures, costsNumbers, COST_MODEL_IDS, modelCosts } from '../../src/build/figures/costs';
import { numbers } from '../../src/build/figures';
import { flopsChart, updateFlopsChart } from '../../src/charts/flops';
import { formatBytes, formatCount, formatSi } from '../../src/charts/format';
import { flopsChartData, flopsCrossing, flopsDomain, flopsPoints } from '../../src/lib/flops';
import { allModels, conventionalModels, decoderModels, followsConvention, headWidth, kvHeadsOf, MODEL_KEYS, modelById, sameModelRows } from '../../src/lib/models';
import { modelSchemas, parseModels } from '../../src/lib/schemas';
import { buildDocument } from '../../src/lib/document';
import { PRESETS } from '../../src/widgets/cost-calculator/state';

const expectClose = (a: Matrix, b: Matrix, tol = 1e-12) => {
  expect([a.rows, a.columns]).toEqual([b.rows, b.columns]);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.columns; j++) expect(Math.abs(a.get(i, j) - b.get(i, j))).toBeLessThan(tol);
};
const errorOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
};

describe('parameters of one layer', () => {
  it('match torch.nn.MultiheadAttention (reference/facts.md §5, computed with PyTorch 1.13)', () => {
    const torch: [number, number, number][] = [[512, 1_050_624, 1_048_576], [768, 2_362_368, 2_359_296], [1024, 4_198_400, 4_194_304]];
    for (const [dModel, withBias, without] of torch) {
      expect(parameterCount({ dModel, bias: true })).toBe(withBias);
      expect(parameterCount({ dModel, bias: false })).toBe(without);
      expect(parameterBreakdown({ dModel, h: 8, bias: true }).total).toBe(withBias);
    }
  });

  it('the formula equals the numbers stored in instantiated weights, for every h that divides d_model', () => {
    for (const dModel of [1, 6, 12, 64]) {
      for (let h = 1; h <= dModel; h++) {
        if (dModel % h) continue;
        for (const bias of [true, false]) {
          const w = initAttentionWeights({ dModel, h, bias, seed: h });
          expect(countParameters(w), `${dModel}/${h}/${bias}`).toBe(parameterCount({ dModel, h, bias }));
          expect(countParameters(w)).toBe(4 * dModel * dModel + (bias ? 4 * dModel : 0));
          // cut into heads: h equal shares that add up to the matrices
          const perHead = weightsPerHead(w, h);
          expect(perHead).toEqual(new Array(h).fill(4 * dModel * (dModel / h)));
        }
      }
    }
  });

  it('instantiated weights are real: multiHeadAttention runs on them', () => {
    const w = initAttentionWeights({ dModel: 12, h: 3, seed: 2 });
    const x = randomMatrix(5, 12, mulberry32(1));
    const { output, heads } = multiHeadAttention(x, w, { h: 3 });
    expect([output.rows, output.columns]).toEqual([5, 12]);
    expect(heads).toHaveLength(3);
  });

  it('breaks the count down by matrix, and K/V sharing shrinks only W_K, W_V and their biases', () => {
    expect(parameterBreakdown({ dModel: 512, h: 8 })).toEqual({ wq: 262_144, wk: 262_144, wv: 262_144, wo: 262_144, biases: 2048, total: 1_050_624 });
    const mqa = parameterBreakdown({ dModel: 512, h: 8, kvHeads: 1 });
    expect(mqa).toEqual({ wq: 262_144, wk: 512 * 64, wv: 512 * 64, wo: 262_144, biases: 512 + 2 * 64 + 512, total: 2 * 262_144 + 2 * 512 * 64 + 1152 });
    const w = initAttentionWeights({ dModel: 16, h: 4, kvHeads: 2 });
    expect([w.wk.rows, w.wk.columns, w.bk!.length]).toEqual([16, 8, 8]);
    expect(countParameters(w)).toBe(parameterBreakdown({ dModel: 16, h: 4, kvHeads: 2 }).total);
    expect(weightsPerHead(w, 4).reduce((a, b) => a + b)).toBe(countParameters({ ...w, bq: undefined, bk: undefined, bv: undefined, bo: undefined }));
  });

  it('errors teach: they name the numbers and what would work', () => {
    expect(errorOf(() => kvGroupSize(8, 3)).message).toMatch(/h \(8\) must be divisible by the number of K\/V heads \(3\).*2 or 4/);
    expect(errorOf(() => kvGroupSize(8, 16)).message).toMatch(/16 K\/V heads but only h \(8\).*at most 8/);
    expect(errorOf(() => kvGroupSize(8, 0)).message).toMatch(/whole number ≥ 1, got 0/);
    expect(errorOf(() => parameterBreakdown({ dModel: 10, h: 4 })).message).toMatch(/dModel \(10\) must be divisible by h \(4\)/);
    expect(errorOf(() => kvCacheBytes({ layers: 2.5, kvHeads: 1, dHead: 64 })).message).toMatch(/layers must be a whole number/);
    expect(kvGroupSize(8, 2)).toBe(4);
  });
});

describe('forward FLOPs', () => {
  it('the two terms cross at n = 2·d_model (searched, not assumed)', () => {
    for (const dModel of [1, 3, 64, 512, 768, 16_384]) expect(flopsCrossing(dModel)).toBe(2 * dModel);
    const f = forwardFlops({ n: 1024, dModel: 512 });
    expect(f.attention).toBe(f.projections);
  });

  it('the chart spans 2d/16 to 2d·8 around the crossing, widened only for an n outside', () => {
    expect(flopsDomain(512)).toEqual([64, 8192]);
    expect(flopsDomain(512, 128)).toEqual([64, 8192]);
    expect(flopsDomain(512, 4096)).toEqual([64, 8192]);
    expect(flopsDomain(512, 100)).toEqual([50, 8192]);
    expect(flopsDomain(512, 65_536)).toEqual([64, 131_072]);
    expect(flopsDomain(1, 1)).toEqual([1, 16]); // never below one token
    const pts = flopsPoints(768);
    expect(pts.map((p) => p.n)).toEqual([96, 128, 256, 512, 1024, 2048, 4096, 8192, 12_288]);
    for (const p of pts) {
      const f = forwardFlops({ n: p.n, dModel: 768 });
      expect([p.projections, p.attention]).toEqual([f.projections, f.attention]);
    }
  });

  it('moving the marker in place gives the chart a fresh drawing gives', () => {
    const doc = buildDocument();
    for (const [from, to] of [[128, 300], [300, 4096], [1024, 129]]) {
      const live = flopsChart(flopsChartData(512, from), { document: doc });
      expect(updateFlopsChart(live, flopsChartData(512, to))).toBe(true);
      expect(live.outerHTML).toBe(flopsChart(flopsChartData(512, to), { document: doc }).outerHTML);
    }
    const live = flopsChart(flopsChartData(512, 128), { document: doc });
    const before = live.outerHTML;
    expect(updateFlopsChart(live, flopsChartData(512, 60))).toBe(false); // the range must widen
    expect(updateFlopsChart(live, flopsChartData(768, 128))).toBe(false); // another d_model
    expect(updateFlopsChart(live, flopsChartData(512))).toBe(false); // no marker to move to
    expect(live.outerHTML).toBe(before);
    // the marker sits on the lines: Plot's own dot for the crossing and ours agree there
    const onCross = flopsChart(flopsChartData(512, 1024), { document: doc });
    const plotDot = onCross.querySelector('g[fill="none"] circle')!;
    const ours = onCross.querySelector('[data-marker] circle')!;
    expect(Number(ours.getAttribute('cx'))).toBeCloseTo(Number(plotDot.getAttribute('cx')), 1);
    expect(Number(ours.getAttribute('cy'))).toBeCloseTo(Number(plotDot.getAttribute('cy')), 1);
  });

  it('the chart has one accessible name and no labelled <g>', () => {
    const data = flopsChartData(512, 128);
    const svg = flopsChart(data, { document: buildDocument() });
    expect(data.crossing.n).toBe(1024);
    expect(svg.getAttribute('role')).toBe('img');
    expect(svg.getAttribute('aria-label')).toMatch(/equal at n = 1024; n = 128 is marked/);
    expect(svg.querySelectorAll('g[aria-label]').length).toBe(0);
    expect(svg.textContent).toContain('n = 2d = 1,024');
  });
});

describe('multi-query and grouped-query attention', () => {
  const rng = mulberry32(7);
  const dModel = 12;
  const h = 6;
  const x = randomMatrix(5, dModel, rng);
  const withBias = (w: MhaWeights, r = mulberry32(3)): MhaWeights => ({
    ...w,
    bq: Array.from({ length: w.wq.columns }, () => r() - 0.5), bk: Array.from({ length: w.wk.columns }, () => r() - 0.5),
    bv: Array.from({ length: w.wv.columns }, () => r() - 0.5), bo: Array.from({ length: w.wo.columns }, () => r() - 0.5),
  });
  /** Repeat each K/V head's block of columns for the query heads of its group: GQA as MHA. */
  const expand = (w: MhaWeights, kvHeads: number): MhaWeights => {
    const dK = dModel / h;
    const group = h / kvHeads;
    const cols = (m: Matrix) => {
      const out = new Matrix(m.rows, dModel);
      for (let i = 0; i < h; i++) out.setSubMatrix(m.subMatrix(0, m.rows - 1, Math.floor(i / group) * dK, (Math.floor(i / group) + 1) * dK - 1), 0, i * dK);
      return out;
    };
    const vec = (b?: number[]) => b && Array.from({ length: dModel }, (_, c) => b[Math.floor(Math.floor(c / dK) / group) * dK + (c % dK)]);
    return { wq: w.wq, wo: w.wo, bq: w.bq, bo: w.bo, wk: cols(w.wk), wv: cols(w.wv), bk: vec(w.bk), bv: vec(w.bv) };
  };

  it('with kvHeads = h it is exactly multi-head attention', () => {
    const w = withBias(initAttentionWeights({ dModel, h, seed: 4 }));
    const gqa = groupedQueryAttention(x, w, { h });
    expect(gqa.kvHeads).toBe(h);
    expectClose(gqa.output, multiHeadAttention(x, w, { h }).output);
    const causal = groupedQueryAttention(x, w, { h, causal: true });
    expectClose(causal.output, multiHeadAttention(x, w, { h, causal: true }).output);
  });

  it('with fewer K/V heads it equals multi-head attention whose K/V heads are copies within each group', () => {
    for (const kvHeads of [1, 2, 3]) {
      const w = withBias(initAttentionWeights({ dModel, h, kvHeads, seed: kvHeads }));
      const before = w.wk.clone();
      const gqa = groupedQueryAttention(x, w, { h, kvHeads });
      expectClose(gqa.output, multiHeadAttention(x, expand(w, kvHeads), { h }).output);
      expect(gqa.heads.map((hd) => hd.kvHead)).toEqual(Array.from({ length: h }, (_, i) => Math.floor(i / (h / kvHeads))));
      for (const hd of gqa.heads) for (let i = 0; i < 5; i++) expect(hd.weights.getRow(i).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
      expect(w.wk.to2DArray()).toEqual(before.to2DArray()); // inputs are not modified
    }
  });

  it('query heads of one group share keys but not queries, so their maps differ', () => {
    const w = initAttentionWeights({ dModel, h, kvHeads: 1, seed: 9 });
    const { heads } = groupedQueryAttention(x, w, { h });
    expect(heads[0].kvHead).toBe(heads[1].kvHead);
    expect(heads[0].weights.to2DArray()).not.toEqual(heads[1].weights.to2DArray());
  });

  it('refuses K/V weights of the wrong width, naming the shapes', () => {
    const w = initAttentionWeights({ dModel, h, kvHeads: 2 });
    expect(errorOf(() => groupedQueryAttention(x, w, { h, kvHeads: 3 })).message).toMatch(/wk is 12×4 but 3 K\/V heads of width 2 need 12×6/);
    expect(errorOf(() => groupedQueryAttention(x, w, { h: 5 })).message).toMatch(/dModel \(12\) must be divisible by h \(5\)/);
  });

  it('K/V cache: 2·layers·kvHeads·d_head·bytes per token; MQA divides it by h', () => {
    expect(kvCacheBytes({ layers: 12, kvHeads: 12, dHead: 64, bytesPerValue: 2 })).toBe(36_864); // GPT-2 small, float16
    expect(kvCacheBytes({ layers: 12, kvHeads: 12, dHead: 64, bytesPerValue: 2, tokens: 1024, batch: 2 })).toBe(36_864 * 2048);
    const rows = kvHeadSweep({ dModel: 1024, h: 16, layers: 24 });
    expect(rows.map((r) => r.name)).toEqual(['MHA', 'GQA-8', 'GQA-4', 'GQA-2', 'MQA']);
    expect(rows[0].kvBytesPerToken / rows.at(-1)!.kvBytesPerToken).toBe(16);
    expect(rows[0].parameters.total).toBe(parameterCount({ dModel: 1024 }));
    for (const r of rows) expect(r.groupSize * r.kvHeads).toBe(16);
    expect(kvHeadSweep({ dModel: 12, h: 12, layers: 1 }).map((r) => r.kvHeads)).toEqual([12, 6, 4, 3, 2, 1]);
  });
});

describe('content/models.json', () => {
  it('is valid; the six models of the lesson are the ones that follow the convention; every row has a source', () => {
    const models = allModels();
    expect(conventionalModels().map((m) => m.id)).toEqual([...COST_MODEL_IDS]);
    expect(models.filter((m) => !followsConvention(m)).map((m) => m.id)).toEqual(['llama2-70b', 'llama3-8b', 'llama3-70b', 'gemma-2b', 'gemma-7b']);
    for (const m of models) expect(m.source.length).toBeGreaterThan(20);
    expect(modelById('bert-base')).toMatchObject({ layers: 12, dModel: 768, h: 12 });
    expect(errorOf(() => modelById('gpt-5')).message).toMatch(/no model "gpt-5".*bert-base/);
  });

  it('the widget’s presets (read raw) are the validated rows', () => {
    expect(sameModelRows(PRESETS, conventionalModels())).toBe(true);
    expect(sameModelRows(PRESETS.slice(1), conventionalModels())).toBe(false);
    expect(sameModelRows([{ ...PRESETS[0], h: 4 }, ...PRESETS.slice(1)], conventionalModels())).toBe(false);
    expect([...MODEL_KEYS].sort()).toEqual(Object.keys(modelSchemas().model.innerType().shape).sort());
  });

  it('rejects bad rows with messages that say what and where', () => {
    const good = JSON.parse(readFileSync('content/models.json', 'utf8'));
    const bad = (change: (m: Record<string, unknown>) => void, message: RegExp) => {
      const copy = structuredClone(good);
      change(copy.models[2]);
      expect(errorOf(() => parseModels(copy)).message).toMatch(message);
    };
    bad((m) => (m.h = 7), /models\.2\.h: bert-base: dModel \(768\) must be divisible by h \(7\)/);
    bad((m) => (m.layers = '12'), /models\.2\.layers: layers must be a number/);
    bad((m) => (m.dModel = 76.8), /dModel must be a whole number/);
    bad((m) => delete m.source, /models\.2\.source/);
    bad((m) => (m.heads = 12), /Unrecognized key/);
    bad((m) => (m.id = 'bert-large'), /model id "bert-large" appears twice/);
    bad((m) => (m.attentionLayers = 6), /attentionLayers \(6\) cannot be fewer than layers \(12\)/);
    bad((m) => (m.kvHeads = 5), /models\.2\.kvHeads: bert-base: kvHeads \(5\) must divide h \(12\)/);
    bad((m) => (m.kvHeads = 24), /kvHeads \(24\) must divide h \(12\)/);
    bad((m) => (m.architecture = 'decoder-only'), /models\.2\.architecture: architecture must be "encoder-decoder", "encoder" or "decoder"/);
    bad((m) => delete m.architecture, /models\.2\.architecture/);
    const decoupled = structuredClone(good);
    Object.assign(decoupled.models[2], { h: 7, dHead: 64 }); // a head width the source sets frees h from dividing d_model
    expect(parseModels(decoupled)[2]).toMatchObject({ h: 7, dHead: 64 });
  });

  it('head width and K/V heads: the source’s where given, the convention’s otherwise', () => {
    expect([headWidth(modelById('gpt2-small')), kvHeadsOf(modelById('gpt2-small'))]).toEqual([64, 12]);
    expect([headWidth(modelById('gemma-7b')), modelById('gemma-7b').dModel / modelById('gemma-7b').h]).toEqual([256, 192]);
    expect([kvHeadsOf(modelById('llama2-70b')), kvHeadsOf(modelById('gemma-2b'))]).toEqual([8, 1]);
    expect(decoderModels().map((m) => m.id)).toEqual(['gpt2-small', 'gpt2-medium', 'llama2-70b', 'llama3-8b', 'llama3-70b', 'gemma-2b', 'gemma-7b']);
  });

  it('real models are counted by the same functions', () => {
    expect(modelCosts('bert-base')).toMatchObject({ perLayer: 2_359_296, perLayerBias: 2_362_368, allLayers: 12 * 2_362_368, dK: 64 });
    expect(modelCosts('transformer-base').allLayers).toBe(18 * 1_050_624);
    // Michel et al. (2019, §4.3): about a third of the parameters are in multi-head attention
    for (const id of COST_MODEL_IDS) {
      expect(modelCosts(id).share, id).toBeGreaterThan(0.2);
      expect(modelCosts(id).share, id).toBeLessThan(0.4);
    }
  });
});

describe('figures and numbers of lesson 4', () => {
  it('numbers are computed and formatted as the lesson needs them', () => {
    expect(costsNumbers['costs.params.512']()).toBe('1,048,576');
    expect(costsNumbers['costs.paramsBias.512']()).toBe('1,050,624');
    expect(costsNumbers['model.bert-base.perLayer']()).toBe('2,359,296');
    expect(costsNumbers['costs.instantiated.64']()).toBe(costsNumbers['costs.formula.64']());
    expect(costsNumbers['costs.crossing.512']()).toBe('1,024');
    expect(costsNumbers['costs.kv.gpt2-small.token']()).toBe('36,864');
    expect(costsNumbers['costs.kv.gpt2-medium.mqa']()).toBe('6 KiB');
    expect(costsNumbers['costs.mqa.saved.shazeer']()).toBe('1,835,008');
    for (const [id, f] of Object.entries(costsNumbers)) expect(f(), id).toMatch(/\d/);
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatSi(301_989_888, 'FLOP')).toBe('302 MFLOP');
    expect(formatSi(999)).toBe('999');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(100)).toBe('100 B');
  });

  it('every figure renders with an accessible name and a table', () => {
    const doc = buildDocument();
    for (const [id, make] of Object.entries(costsFigures)) {
      const { svg, table } = make(doc);
      expect(svg.getAttribute('role'), id).toBe('img');
      expect(svg.getAttribute('aria-label')?.length, id).toBeGreaterThan(40);
      expect(svg.querySelectorAll('g[aria-label]').length, id).toBe(0);
      expect(table.rows.length, id).toBeGreaterThan(3);
      for (const row of table.rows) expect(row.length, id).toBe(table.columns.length);
    }
    const flat = costsFigures['costs-params-h'](doc).table.rows.map((r) => r[2]);
    expect(new Set(flat)).toEqual(new Set(['1,048,576'])); // flat in h
  });

  it('the lesson’s exercise answers are what the code computes, and its numbers exist', () => {
    const lesson = readFileSync('lessons/04-counting-parameters-and-cost.mdx', 'utf8');
    const exercises = readFileSync('content/exercises/04-counting-parameters-and-cost.mdx', 'utf8');
    const answer = (id: string) => {
      const match = exercises.match(new RegExp(`<Exercise id="${id}"[^>]*answer=\\{(\\d+)\\}`));
      expect(match, `numeric exercise ${id} in content/exercises/04-…`).not.toBeNull();
      return Number(match![1]);
    };
    expect(answer('l4-bert')).toBe(parameterCount({ dModel: 768, h: 12, bias: false }));
    expect(answer('l4-cross')).toBe(flopsCrossing(768));
    expect(answer('l4-kv')).toBe(kvCacheBytes({ layers: 12, kvHeads: 12, dHead: 64, bytesPerValue: 2 }));
    expect(answer('l4-mqa')).toBe(parameterBreakdown({ dModel: 1024, h: 8, bias: false }).total - parameterBreakdown({ dModel: 1024, h: 8, kvHeads: 1, bias: false }).total);
    const ids = [...(lesson + exercises).matchAll(/<Num id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(60);
    for (const id of ids) expect(Object.keys(numbers), id).toContain(id);
  });
});
