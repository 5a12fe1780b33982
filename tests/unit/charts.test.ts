// Every chart function of src/charts, drawn from seeded data in Node (linkedom), compared with
// an SVG stored beside this file (tests/unit/__snapshots__/charts/). Numbers in the SVG are
// rounded to 2 decimals first, so the snapshots hold what a reader sees (colours, axes, ticks,
// labels, positions) and not floating-point noise. A change to a chart shows up as a diff of
// its file; when the change is intended, update the files with `npx vitest run -u`.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { mergeSignalBars, updateMergeSignalBars, type SignalBar } from '../../src/charts/bars';
import { flopsChart, updateFlopsChart, type FlopsChartData, type FlopsPoint } from '../../src/charts/flops';
import { headBlocks } from '../../src/charts/headBlocks';
import { axisRole, clearHeatmapTemplates, colorLegend, heatmap, moveHeatmapFocus, updateHeatmap, type HeatmapOptions } from '../../src/charts/heatmap';
import { lineChart, logTicks } from '../../src/charts/lines';
import { drawnFor, fitWidth, PHONE_WIDTH } from '../../src/charts/svg';
import { roleChart, type RoleRow } from '../../src/charts/roles';
import { importanceScatter, placeLabels, type ImportancePoint } from '../../src/charts/scatter';
import { accuracyBars, H_SYMBOLS, lossCurves, markOfH, seedRangeChart, seedStats } from '../../src/charts/sweep';
import { palette } from '../../src/charts/palette';
import { kvReadChart, updateKvReadChart } from '../../src/charts/kvRead';
import { kvReadSweep } from '../../src/lib/kvMemory';
import { modelById } from '../../src/lib/models';
import { mulberry32 } from '../../src/attention';

const doc = buildDocument();

/** A seeded generator of numbers in [0, 1), so the charts' data never changes. */
const seeded = mulberry32;
const grid = (rows: number, cols: number, seed: number, f = (v: number) => v) => {
  const rng = seeded(seed);
  return Array.from({ length: rows }, () => Array.from({ length: cols }, () => f(rng())));
};

/** The SVG as stored: every number with a fractional part rounded to 2 decimals, one element per line. */
function normalize(svg: Element): string {
  return `${svg.outerHTML
    .replace(/-?\d+(?:\.\d+)?e[-+]\d+|-?\d+\.\d+/g, (m) => String(Number(Number(m).toFixed(2))))
    .replace(/></g, '>\n<')}\n`;
}
const snapshot = (svg: Element, name: string) => expect(normalize(svg)).toMatchFileSnapshot(`__snapshots__/charts/${name}.svg`);

describe('normalize', () => {
  it('rounds numbers to 2 decimals and keeps whole numbers and text', () => {
    const el = doc.createElement('div');
    el.setAttribute('d', 'M0.123456,10L-3.14159,2e-7');
    el.textContent = 'n = 1,024';
    expect(normalize(el)).toBe('<div d="M0.12,10L-3.14,0">n = 1,024</div>\n');
  });
});

describe('chart snapshots', () => {
  const words = ['the', 'cat', 'sat', 'on', 'a', 'mat'];
  const mapOptions = (o: Partial<HeatmapOptions> = {}): HeatmapOptions => ({
    rowLabels: words, colLabels: words, kind: 'weights', label: 'Attention weights', xLabel: 'key', yLabel: 'query', document: doc, ...o,
  });

  it('heatmap: weights in blues, with values, labels and a focus', async () => {
    clearHeatmapTemplates(doc);
    await snapshot(heatmap(grid(6, 6, 1), mapOptions({ focus: [2, 3] })), 'heatmap-weights');
  });

  it('heatmap: signed values in red–blue around 0, long rotated labels, no values', async () => {
    clearHeatmapTemplates(doc);
    const cols = Array.from({ length: 12 }, (_, i) => `dimension ${i + 1}`);
    await snapshot(heatmap(grid(4, 12, 2, (v) => 4 * v - 2), mapOptions({ kind: 'signed', colLabels: cols, rowLabels: words.slice(0, 4), maxWidth: 420, showValues: false })), 'heatmap-signed');
  });

  it('heatmap: the query and key axis titles take Q\'s and K\'s colours, other titles the text colour', () => {
    clearHeatmapTemplates(doc);
    const title = (svg: SVGSVGElement, text: string) => [...svg.querySelectorAll('text')].find((t) => t.textContent === text);
    const map = heatmap(grid(6, 6, 1), mapOptions({ xLabel: 'key (other sentence)' }));
    expect(title(map, 'query')!.getAttribute('fill')).toBe(palette.q);
    expect(title(map, 'key (other sentence)')!.getAttribute('fill')).toBe(palette.k);
    const other = heatmap(grid(6, 6, 1), mapOptions({ xLabel: 'dimension', yLabel: 'head' }));
    expect(title(other, 'dimension')!.getAttribute('fill')).toBeNull();
    expect(title(other, 'head')!.getAttribute('fill')).toBeNull();
    expect([axisRole('query'), axisRole('key position'), axisRole('keyword'), axisRole('keys')]).toEqual(['q', 'k', undefined, 'k']);
  });

  it('heatmap: refilled in place and focus moved', async () => {
    clearHeatmapTemplates(doc);
    const svg = heatmap(grid(6, 6, 3), mapOptions());
    expect(updateHeatmap(svg, grid(6, 6, 4), mapOptions({ label: 'Other weights' }))).toBe(true);
    moveHeatmapFocus(svg, [5, 0]);
    await snapshot(svg, 'heatmap-refilled');
  });

  it('colorLegend: both kinds', async () => {
    await snapshot(colorLegend('weights', { label: 'Colour key: 0 to 1', document: doc }), 'legend-weights');
    await snapshot(colorLegend('signed', { domain: [-2, 2], label: 'Colour key: −2 to +2', document: doc }), 'legend-signed');
  });

  it('lineChart: linear axes, a dashed reference and direct labels', async () => {
    const rng = seeded(5);
    const points = Array.from({ length: 8 }, (_, i) => ({ x: i * 25, y: 30 + 60 * (1 - Math.exp(-i / 2)) + 5 * rng() }));
    await snapshot(lineChart(
      [
        { name: 'accuracy', color: '#0072b2', points },
        { name: 'guessing', color: '#d55e00', dashed: true, points: points.map((p) => ({ x: p.x, y: 10 })) },
      ],
      { label: 'Accuracy against steps', xLabel: 'step', yLabel: 'accuracy (%)', yDomain: [0, 100], document: doc },
    ), 'lines-linear');
  });

  it('lineChart: log–log axes with large ticks', async () => {
    const dks = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
    await snapshot(lineChart(
      [
        { name: 'q·k', color: '#d55e00', points: dks.map((d) => ({ x: d, y: d * (0.9 + 0.2 * seeded(d)()) })) },
        { name: 'q·k / √dₖ', color: '#0072b2', points: dks.map((d) => ({ x: d, y: 0.9 + 0.2 * seeded(d + 1)() })) },
      ],
      { label: 'Variance against d_k', xLabel: 'dₖ', yLabel: 'variance', xType: 'log', yType: 'log', width: 520, height: 260, document: doc },
    ), 'lines-log');
  });

  it('headBlocks: columns coloured by head', async () => {
    await snapshot(headBlocks(grid(8, 8, 6, (v) => 2 * v - 1), { h: 4, label: 'W_Q with its columns coloured by head', document: doc }), 'head-blocks');
  });

  it('mergeSignalBars: one merge highlighted, a bar past the end, then refilled', async () => {
    const bars = (values: number[]): SignalBar[] => (['concat', 'average', 'weighted', 'gated'] as const).map((kind, i) => ({ kind, label: kind, value: values[i] }));
    await snapshot(mergeSignalBars(bars([1.42, 0, 0.37, 4.5]), { label: 'Relative signal of each merge', highlight: 'average', document: doc }), 'merge-bars');
    const svg = mergeSignalBars(bars([1, 1, 1, 1]), { label: 'before', document: doc });
    expect(updateMergeSignalBars(svg, bars([2.2, 0.5, Number.NaN, 1]), { label: 'Relative signal, refilled', highlight: 'gated' })).toBe(true);
    await snapshot(svg, 'merge-bars-refilled');
  });

  it('flopsChart: both terms on log–log axes, the crossing and a marker; narrow (a legend below), the marker moved', async () => {
    const at = (n: number, d = 512): FlopsPoint => ({ n, projections: 8 * n * d * d, attention: 4 * n * n * d });
    const data = (n: number): FlopsChartData => ({ dModel: 512, points: [64, 128, 256, 512, 1024, 2048, 4096, 8192].map((x) => at(x)), crossing: at(1024), marker: at(n) });
    await snapshot(flopsChart(data(128), { document: doc }), 'flops');
    const svg = flopsChart(data(128), { width: 360, document: doc });
    expect(updateFlopsChart(svg, data(3000))).toBe(true);
    await snapshot(svg, 'flops-moved');
  });

  it('kvReadChart: K/V bytes read per generated token from MHA to MQA, the model’s own bar in colour', async () => {
    const data = kvReadSweep(modelById('llama2-70b'), { tokens: 4096 }); // computed from content/models.json
    const svg = kvReadChart(data, { document: doc });
    expect(svg.getAttribute('aria-label') ?? svg.querySelector('title')?.textContent).toMatch(/10 GiB with 64 \(MHA\) down to 160 MiB with 1 \(MQA\).*own 8 read 1\.25 GiB/);
    await snapshot(svg, 'kv-read');
    await snapshot(kvReadChart(kvReadSweep(modelById('gpt2-small'), { tokens: 1024, bytesPerValue: 4 }), { width: 340, document: doc }), 'kv-read-narrow');
    const moved = kvReadChart(data, { document: doc });
    expect(updateKvReadChart(moved, kvReadSweep(modelById('llama2-70b'), { tokens: 1024, bytesPerValue: 1 }))).toBe(true);
    expect([...moved.querySelectorAll('text[data-kv-value]')].map((t) => t.textContent)).toEqual(['1.25 GiB', '640 MiB', '320 MiB', '160 MiB', '80 MiB', '40 MiB', '20 MiB']);
    expect(moved.getAttribute('aria-label')).toMatch(/at 1,024 tokens \(1 byte per value\)/);
    expect(normalize(moved).replace(/<text[^>]*data-kv-value[^>]*>[^<]*</g, '').replace(/aria-label="[^"]*"/, '')).toBe(
      normalize(kvReadChart(kvReadSweep(modelById('llama2-70b'), { tokens: 1024, bytesPerValue: 1 }), { document: doc })).replace(/<text[^>]*data-kv-value[^>]*>[^<]*</g, '').replace(/aria-label="[^"]*"/, ''),
    ); // the same picture as drawn anew, but for the printed sizes and the name
    expect(updateKvReadChart(moved, kvReadSweep(modelById('gpt2-small'), { tokens: 1024 }))).toBe(false); // other bars: draw anew
  });

  it('roleChart: previous, first and spread of every head', async () => {
    const rng = seeded(7);
    const roles: RoleRow[][] = Array.from({ length: 2 }, () => Array.from({ length: 4 }, () => ({ previous: rng(), first: rng(), normalizedEntropy: rng() })));
    clearHeatmapTemplates(doc);
    await snapshot(roleChart(roles, 'Role scores of 8 heads', doc), 'roles');
  });

  it('importanceScatter: colour by head, symbol by layer, names never over another marker', async () => {
    const rng = seeded(8);
    const points: ImportancePoint[] = Array.from({ length: 8 }, (_, k) => {
      const layer = Math.floor(k / 4);
      const head = k % 4;
      return { name: `L${layer + 1} H${head + 1}`, layer, head, score: k === 1 ? 1 : k === 2 ? 0.98 : rng() * 0.6, drop: k === 1 ? 42 : 4 * rng() - 1 };
    });
    await snapshot(importanceScatter(points, { label: 'Importance against accuracy lost', layerNames: ['layer 1', 'layer 2'], document: doc }), 'importance');
  });

  it('logTicks: every value where the labels fit; on a narrow axis the powers of two, or every second value from the last', () => {
    const octaves = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];
    expect(logTicks(octaves, undefined, [52, 502])).toEqual(octaves); // 50 px an octave
    expect(logTicks(octaves, undefined, [52, 304])).toEqual([2, 8, 32, 128, 512]); // 28 px: "256 512" would nearly touch
    const rank = [1, 2, 4, 8, 12, 16, 24, 32, 64];
    expect(logTicks(rank, undefined, [52, 410])).toEqual(rank);
    expect(logTicks(rank, undefined, [52, 304])).toEqual([1, 2, 4, 8, 16, 32, 64]); // "12 16" and "24 32" would run together
    expect(logTicks([3], undefined, [0, 10])).toEqual([3]);
  });

  it('placeLabels: a name beside its point, never over another marker; overlapping markers share one label', () => {
    const area = { x0: 50, x1: 500, y0: 20, y1: 280 };
    const head = (name: string, score: number, drop: number): ImportancePoint => ({ name, layer: 0, head: 0, score, drop });
    const px = (p: ImportancePoint) => ({ x: p.score, y: p.drop }); // data given in px
    // far apart: each on its own right; near the right edge: to the left
    expect(placeLabels([head('A', 100, 100), head('B', 300, 200), head('C', 495, 50)], px, area).map(({ text, anchor }) => [text, anchor]))
      .toEqual([['A', 'start'], ['B', 'start'], ['C', 'end']]);
    // lesson 7's crowded corner as drawn at 1280 px: two markers on top of each other and one 32 px
    // to their right, on one row, with a fourth head just above: one label for the row, in order
    const corner = [head('L1 H1', 139, 301), head('L1 H2', 107, 302), head('L1 H3', 103, 303), head('L2 H4', 113, 280)];
    const labels = placeLabels(corner, px, { ...area, y1: 304 });
    expect(labels.map((l) => l.text).sort()).toEqual(['L1 H3, L1 H2, L1 H1', 'L2 H4']);
    // no label covers the marker of a head it does not name
    for (const l of labels) {
      const width = 7 * l.text.length;
      const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - width : l.x - width / 2;
      for (const p of corner.filter((c) => !l.text.includes(c.name))) {
        const clear = p.score + 6 <= x0 || p.score - 6 >= x0 + width || Math.abs(p.drop - l.y) >= 12;
        expect(clear, `${l.text} over ${p.name}`).toBe(true);
      }
    }
  });

  it('markOfH: h in the text colour, darker for more heads, a marker shape each; an unknown h the darkest', () => {
    const hs = [1, 2, 4, 8, 16];
    const marks = hs.map((h) => markOfH(h, hs));
    expect(marks.map((m) => m.opacity)).toEqual([0.6, 0.7, 0.8, 0.9, 1]);
    expect(new Set(marks.map((m) => m.shape)).size).toBe(hs.length);
    expect(markOfH(3, hs)).toEqual({ opacity: 1, shape: 5 });
    expect(markOfH(1, [1])).toEqual({ opacity: 0.6, shape: 0 });
  });

  it('lossCurves and accuracyBars: h by label, marker and shade in the text colour (never a head colour), a shipped model dashed', async () => {
    const hs = [1, 2, 4, 8, 16];
    const rng = seeded(9);
    const series = hs.map((h, i) => ({
      h, mark: markOfH(h, hs), dashed: i === 2,
      points: Array.from({ length: 13 }, (_, k) => ({ step: 25 * k, loss: 0.3 + (2 - 0.3) * Math.exp(-k / (2 + i)) + 0.05 * rng() })),
    }));
    const loss = lossCurves(series, { label: 'Test loss against step for each h', steps: 300, chance: Math.log(8), document: doc });
    const bars = hs.map((h, i) => ({ h, mark: markOfH(h, hs), accuracy: 0.4 + 0.5 * rng(), dashed: i === 2 }));
    const accuracy = accuracyBars(bars, { label: 'Final accuracy for each h', dModel: 16, chance: 1 / 8, document: doc });
    for (const svg of [loss, accuracy]) {
      const painted = [...svg.querySelectorAll('[fill], [stroke]')].flatMap((e) => [e.getAttribute('fill'), e.getAttribute('stroke')]).map((c) => c?.toLowerCase());
      for (const head of palette.heads) expect(painted).not.toContain(head);
    }
    expect([...loss.querySelectorAll('text')].map((t) => t.textContent).filter((t) => t?.startsWith('h = '))).toEqual(hs.map((h) => `h = ${h}`));
    // each line's markers have its own shape: Plot draws a symbol as a path, one distinct path per shape
    const shapes = [...loss.querySelectorAll('.h-marker')].map((g) => g.querySelector('path')?.getAttribute('d'));
    expect(shapes).toHaveLength(hs.length);
    expect(new Set(shapes).size).toBe(hs.length);
    expect(H_SYMBOLS.length).toBeGreaterThanOrEqual(hs.length);
    await snapshot(loss, 'sweep-loss');
    await snapshot(accuracy, 'sweep-accuracy');
    // Narrow (a phone), dₖ moves from under every h into the axis title, "guessing" to the top corner,
    // so the bars get the right margin's room and their values do not run together.
    const texts = (svg: SVGSVGElement) => [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '');
    const narrow = drawnFor(PHONE_WIDTH, () => accuracyBars(bars, { label: 'narrow', dModel: 16, chance: 1 / 8, document: doc }));
    expect(texts(accuracy).some((t) => t.includes('dₖ = 16'))).toBe(true);
    expect(texts(narrow).filter((t) => t.startsWith('h = ') && t.includes('dₖ'))).toEqual([]);
    expect(texts(narrow)).toContain('h (dₖ = 16 / h)');
    expect(texts(narrow)).toContain('╌ guessing 12.5%');
  });

  it('seedRangeChart: the range over seeds as a bar, the mean as a dot with its value, each seed as a ring', async () => {
    const hs = [1, 2, 4, 8, 16];
    const rng = seeded(11);
    const rows = hs.map((h) => ({ h, runs: [1, 2, 3, 4, 5].map((seed) => ({ seed, accuracy: 0.3 + 0.7 * rng() })) }));
    const svg = seedRangeChart(rows, { label: 'Final accuracy for each h over 5 seeds', dModel: 16, chance: 1 / 7, width: 520, document: doc });
    // One range bar per h from its lowest to its highest seed, one mean label per h, one ring per run.
    const means = [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '').filter((t) => /^\d+\.\d%$/.test(t));
    expect(means).toEqual(rows.map((r) => `${(seedStats(r.runs).mean * 100).toFixed(1)}%`));
    expect(svg.querySelectorAll('.seed-run circle')).toHaveLength(25);
    await snapshot(svg, 'sweep-seed-range');
    // Narrow, the means' values go above their ranges (beside, they would run into the next h's rings).
    const narrow = seedRangeChart(rows, { label: 'narrow', dModel: 16, chance: 1 / 7, width: 320, document: doc });
    const anchors = [...narrow.querySelectorAll('text')].filter((t) => /^\d+\.\d%$/.test(t.textContent ?? '')).map((t) => t.closest('[text-anchor]')?.getAttribute('text-anchor'));
    expect(anchors).toEqual(hs.map(() => 'middle'));
  });
});

describe('seedStats', () => {
  it('gives the mean, the lowest and the highest accuracy, and refuses an empty list', () => {
    expect(seedStats([{ accuracy: 0.5 }, { accuracy: 0.9 }, { accuracy: 0.1 }])).toEqual({ mean: 0.5, min: 0.1, max: 0.9 });
    expect(() => seedStats([])).toThrow(/at least one run/);
  });
});

describe('charts drawn for their width (drawnFor, fitWidth)', () => {
  const words = ['the', 'cat', 'sat', 'on', 'the', 'mat', 'because', 'it', 'was', 'warm'];
  const widthOf = (svg: Element) => Number(svg.getAttribute('width'));
  it('a frame caps a chart at its width, only inside drawnFor, and frames nest', () => {
    expect(fitWidth(560)).toBe(560);
    expect(drawnFor(320, () => fitWidth(560))).toBe(320);
    expect(drawnFor(320, () => fitWidth(200))).toBe(200);
    expect(drawnFor(400, () => drawnFor(300, () => fitWidth(560)))).toBe(300);
    expect(drawnFor(400, () => drawnFor(null, () => fitWidth(560)))).toBe(400); // null keeps the outer frame
    expect(() => drawnFor(320, () => { throw new Error('x'); })).toThrow('x');
    expect(fitWidth(560)).toBe(560); // and a throw ends the frame
  });
  it('a narrow line chart fits its frame and names its series in a legend below, not at the line ends', () => {
    const series = [
      { name: 'whole layer', color: '#0072b2', points: [1, 2, 4, 8].map((x) => ({ x, y: 10 })) },
      { name: 'one head', color: '#e69f00', points: [1, 2, 4, 8].map((x) => ({ x, y: 10 / x })), dashed: true },
    ];
    const options = { label: 'l', xLabel: 'h', yLabel: 'p', xType: 'log' as const, document: doc };
    const wide = lineChart(series, options);
    expect(widthOf(wide)).toBe(560);
    expect(wide.querySelectorAll('g.end-label text')).toHaveLength(2);
    expect(wide.querySelectorAll('g.legend-label text')).toHaveLength(0);
    const narrow = drawnFor(PHONE_WIDTH, () => lineChart(series, options));
    expect(widthOf(narrow)).toBe(PHONE_WIDTH);
    expect(narrow.querySelectorAll('g.end-label text')).toHaveLength(0);
    expect([...narrow.querySelectorAll('g.legend-label text')].map((t) => t.textContent)).toEqual(['━━ whole layer', '╌╌ one head']);
    expect(Number(narrow.getAttribute('height'))).toBeGreaterThan(Number(wide.getAttribute('height'))); // the legend's room
  });
  it('a narrow heatmap fits its frame, prints values only in cells that hold them at 11 px, and thins labels that would touch', () => {
    clearHeatmapTemplates(doc);
    const o = { rowLabels: words, colLabels: words, kind: 'weights' as const, label: 'w', xLabel: 'key', yLabel: 'query', document: doc, maxWidth: 520 };
    const values = grid(10, 10, 4);
    const wide = heatmap(values, o);
    expect(wide.querySelectorAll('g.hm-values text').length).toBe(100);
    for (const text of wide.querySelectorAll('g.hm-values')) expect(text.getAttribute('font-size')).toBe('11');
    const narrow = drawnFor(PHONE_WIDTH, () => heatmap(values, o));
    expect(widthOf(narrow)).toBeLessThanOrEqual(PHONE_WIDTH);
    expect(narrow.querySelectorAll('g.hm-values text').length).toBe(0); // cells under 30 px: the table beside has the numbers
    // refilled in the same frame it is the same drawing; refilled for another width it is refused
    expect(drawnFor(PHONE_WIDTH, () => updateHeatmap(narrow, grid(10, 10, 5), o))).toBe(true);
    expect(updateHeatmap(narrow, grid(10, 10, 5), o)).toBe(false);
    // 16 columns numbered 1…16 in a phone's width: every second label, so none touch
    const numbers = Array.from({ length: 16 }, (_, i) => String(i + 1));
    const dims = drawnFor(PHONE_WIDTH, () => heatmap(grid(10, 16, 6), { ...o, colLabels: numbers, kind: 'signed' }));
    const ticks = [...dims.querySelectorAll('text[data-tick="x"]')].map((t) => t.textContent);
    expect(ticks.filter(Boolean)).toEqual(['1', '3', '5', '7', '9', '11', '13', '15']);
  });
  it('the last rotated column label gets room on the right', () => {
    const long = ['alpha', 'beta', 'gamma', 'because'];
    const svg = heatmap(grid(2, 4, 7), { rowLabels: ['a', 'b'], colLabels: long, kind: 'weights', label: 'r', document: doc });
    const cells = [...svg.querySelectorAll('g.hm-cells rect')];
    const right = Math.max(...cells.map((r) => Number(r.getAttribute('x')) + Number(r.getAttribute('width'))));
    expect(widthOf(svg) - right).toBeGreaterThanOrEqual(5 * 'because'.length - 1);
  });
});
