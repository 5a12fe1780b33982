// Lesson 6's sweep widget in Node: validation and URL state, which models are shown,
// the reproduction check, the runner the Worker uses, the charts and the build-time numbers.
import { describe, expect, it } from 'vitest';
import { buildDocument } from '../../src/lib/document';
import { labResults } from '../../src/lib/lab';
import { table3a } from '../../src/lib/papers';
import { parameterCount } from '../../src/attention';
import { LAB_DEFAULTS, type SweepModel } from '../../src/training';
import { fromParams as fromParamsOf, toParams as toParamsOf } from '../../src/widgets/common/fields';
import { checkHs, checkSeed, checkSteps, DEFAULT_STATE, divisorsOf, FIELDS, type HeadSweepState } from '../../src/widgets/head-sweep/state';
import {
  cancelledText, differences, listHs, progressText, reproduction, runKey, summarize, sweepFraction, viewFor, viewOfRun, type LiveRuns, type Shipped,
} from '../../src/widgets/head-sweep/results';
import { runSweep, sweepSettings, type SweepMessage } from '../../src/widgets/head-sweep/run';
import { dodge } from '../../src/charts/sweep';
import { curveRows, renderOutput, resultRows, updateOutput } from '../../src/widgets/head-sweep/render';
import { renderShell } from '../../src/widgets/head-sweep/shell';
import { sweepAnswers, sweepFigures, sweepNumbers } from '../../src/build/figures/sweep';

const shipped: Shipped = labResults;
const toParams = (s: HeadSweepState) => toParamsOf(FIELDS, s, 'hs');
const fromParams = (search: string) => fromParamsOf(FIELDS, DEFAULT_STATE, new URLSearchParams(search), 'hs');
const shippedModel = (h: number, seed = 1) => shipped.sweep.find((m) => m.h === h && m.seed === seed)!;
/** The shipped run of the lab's main seed (the widget's default): one model per h. */
const seedOne = shipped.sweep.filter((m) => m.seed === shipped.settings.train.seed);
const info = { dModel: 16, vocab: 7, verdict: null };

describe('head-sweep state', () => {
  it('starts from the shipped run’s settings', () => {
    expect(DEFAULT_STATE).toEqual({ seed: shipped.settings.train.seed, steps: shipped.settings.train.steps, hs: shipped.settings.sweep.hs });
    expect(LAB_DEFAULTS.sweep.hs).toEqual(divisorsOf(16));
  });

  it('reads a list of head counts: sorted, repeats dropped, any separator', () => {
    expect(checkHs('16, 1 4;4  2')).toEqual({ ok: true, value: [1, 2, 4, 16] });
    expect(checkHs(' 8 ')).toEqual({ ok: true, value: [8] });
  });

  it('explains every bad list, with the nearest valid h from nearestDivisors', () => {
    const cases: [string, RegExp][] = [
      ['', /Type one or more head counts, such as 1, 2, 4, 8, 16/],
      [' , ', /Type one or more/],
      ['1, 3, 4', /d_model \(16\) is not divisible by h \(3\): the course uses d_k = d_model\/h, so h must divide d_model\. Nearest valid h: 2 \(d_k = 8\) or 4 \(d_k = 4\)\.$/],
      ['6', /Nearest valid h: 4 \(d_k = 4\) or 8 \(d_k = 2\)/],
      ['12', /Nearest valid h: 8 \(d_k = 2\) or 16 \(d_k = 1\)/],
      ['32', /h \(32\) is more heads than d_model \(16\) has dimensions.*Nearest valid h: 16 \(d_k = 1\)/],
      ['0', /at least one head/],
      ['-2', /at least one head/],
      ['2.5', /“2\.5” is not a whole number/],
      ['four', /“four” is not a whole number/],
      ['<b>1</b>', /not a whole number/],
    ];
    for (const [text, message] of cases) {
      const r = checkHs(text);
      expect(r.ok, text).toBe(false);
      if (!r.ok) expect(r.error, text).toMatch(message);
    }
  });

  it('checks steps within the budget and seeds', () => {
    expect(checkSteps('40')).toEqual({ ok: true, value: 40 });
    for (const [text, message] of [['5', /5 steps is out of range: use 10 to 600/], ['601', /out of range/], ['1e3', /not a whole number/], ['', /Type a number of steps/], ['many', /not a whole number/]] as const) {
      const r = checkSteps(text);
      expect(!r.ok && r.error, text).toMatch(message);
    }
    expect(checkSeed('0')).toEqual({ ok: true, value: 0 });
    expect(checkSeed('1000000').ok).toBe(false);
  });

  it('round-trips through the URL; a bad link falls back with a notice', () => {
    const state: HeadSweepState = { seed: 7, steps: 40, hs: [1, 16] };
    expect(toParams(state)).toEqual({ 'hs.seed': '7', 'hs.steps': '40', 'hs.heads': '1, 16' });
    expect(fromParams(new URLSearchParams(toParams(state)).toString())).toEqual({ state, notices: [], present: true });
    const bad = fromParams('hs.heads=3&hs.steps=9999');
    expect(bad.state).toEqual(DEFAULT_STATE);
    expect(bad.notices.join(' ')).toMatch(/steps was ignored \(9999 steps is out of range.*heads was ignored \(d_model \(16\) is not divisible by h \(3\)/);
  });
});

describe('which models are shown', () => {
  it('the shipped run for the shipped settings, only the h asked for', () => {
    const view = viewFor({ ...DEFAULT_STATE, hs: [1, 16] }, shipped, new Map());
    expect(view.models.map((m) => [m.h, m.source, m.accuracy])).toEqual([[1, 'shipped', shippedModel(1).accuracy], [16, 'shipped', shippedModel(16).accuracy]]);
    expect(view.fallback).toBe(false);
    expect(summarize(view)).toMatch(/^Shipped results \(seed 1, 300 steps\).*Highest final accuracy: h = 16 \(46\.8%\); lowest: h = 1 \(35\.6%\)\.$/);
  });

  it('other settings with nothing trained: the shipped run, saying so', () => {
    const view = viewFor({ seed: 5, steps: 40, hs: [2, 4] }, shipped, new Map());
    expect(view.fallback).toBe(true);
    expect(view.models.map((m) => [m.h, m.accuracy])).toEqual(seedOne.map((m) => [m.h, m.accuracy]));
    expect(view.missing).toEqual([2, 4]);
    expect(summarize(view)).toMatch(/^Nothing trained yet with seed 5 and 40 steps, so the shipped results \(seed 1, 300 steps\) are shown/);
  });

  it('every shipped seed is a shipped run: seed 3 at the shipped steps shows seed 3’s models, at other steps nothing', () => {
    expect(shipped.settings.sweep.seeds).toEqual([1, 2, 3, 4, 5]);
    const view = viewFor({ ...DEFAULT_STATE, seed: 3 }, shipped, new Map());
    expect(view.fallback).toBe(false);
    expect(view.models.map((m) => [m.h, m.source, m.accuracy])).toEqual(shipped.settings.sweep.hs.map((h) => [h, 'shipped', shippedModel(h, 3).accuracy]));
    expect(view.models.map((m) => m.accuracy)).not.toEqual(seedOne.map((m) => m.accuracy)); // really another seed's models
    expect(summarize(view)).toMatch(/^Shipped results \(seed 3, 300 steps\)/);
    expect(viewFor({ ...DEFAULT_STATE, seed: 6 }, shipped, new Map()).fallback).toBe(true);
    expect(viewFor({ ...DEFAULT_STATE, seed: 3, steps: 200 }, shipped, new Map()).fallback).toBe(true);
  });

  it('models trained here take precedence; the rest come from the shipped run (dashed) or are missing', () => {
    const live: LiveRuns = new Map([[runKey(DEFAULT_STATE), new Map([[2, shippedModel(2)]])]]);
    const mixed = viewFor(DEFAULT_STATE, shipped, live);
    expect(mixed.models.map((m) => m.source)).toEqual(['shipped', 'here', 'shipped', 'shipped', 'shipped']);
    expect(summarize(mixed)).toMatch(/^Seed 1, 300 steps: h = 2 trained here; h = 1, h = 4, h = 8 and h = 16 from the shipped run \(dashed\)/);
    const other: LiveRuns = new Map([['5/40', new Map([[4, { ...shippedModel(4), accuracy: 0.5 }]])]]);
    const view = viewFor({ seed: 5, steps: 40, hs: [2, 4] }, shipped, other);
    expect(view.models.map((m) => [m.h, m.source])).toEqual([[4, 'here']]);
    expect(view.missing).toEqual([2]);
    expect(summarize(view)).toMatch(/Trained here \(seed 5, 40 steps\)\. Not trained yet: h = 2\./);
  });

  it('a run in progress shows its finished models and the curve so far', () => {
    const state = { seed: 1, steps: 300, hs: [1, 2, 4] };
    const view = viewOfRun({ state, models: [shippedModel(1)], current: { h: 2, history: shippedModel(2).history.slice(0, 3) } });
    expect(view.models.map((m) => [m.h, m.source, m.accuracy])).toEqual([[1, 'here', shippedModel(1).accuracy], [2, 'training', undefined]]);
    expect(view.missing).toEqual([4]);
    expect(resultRows(view, info)[1]).toEqual(['h = 2', '8', 'step 75 of 300', '—', 'training…']);
  });
});

describe('did a run here reproduce the shipped numbers?', () => {
  it('the same numbers: reproduced', () => {
    const live: LiveRuns = new Map([[runKey(DEFAULT_STATE), new Map(seedOne.map((m) => [m.h, structuredClone(m)]))]]);
    const r = reproduction(viewFor(DEFAULT_STATE, shipped, live), shipped, live);
    expect(r).toEqual({ reproduced: true, text: expect.stringMatching(/^Reproduced: all 5 models trained here match the shipped numbers exactly/) });
    // At another shipped seed, the models are compared with that seed's, not seed 1's.
    const four = { seed: 4, steps: 300 };
    const live4: LiveRuns = new Map([[runKey(four), new Map([[2, structuredClone(shippedModel(2, 4))], [8, structuredClone(shippedModel(8, 1))]])]]);
    const r4 = reproduction(viewFor({ ...four, hs: [2, 8] }, shipped, live4), shipped, live4);
    expect(r4?.reproduced).toBe(false);
    expect(r4?.text).toMatch(/^Not reproduced: h = 8: final accuracy/);
  });

  it('any difference is named: accuracy, loss, or where the curves part', () => {
    const ship = shippedModel(4);
    const changed: SweepModel = { ...ship, accuracy: ship.accuracy - 0.01, history: ship.history.map((p, i) => (i === 3 ? { ...p, test: { ...p.test, loss: p.test.loss + 1e-6 } } : p)) };
    expect(differences(changed, ship)).toEqual(['final accuracy 87.4% here, 88.4% shipped', `the curves part at step ${ship.history[3].step}`]);
    expect(differences({ ...ship, history: ship.history.slice(0, 2) }, ship)).toEqual(['the curves part at point 3']);
    expect(differences(structuredClone(ship), ship)).toEqual([]);
    const live: LiveRuns = new Map([[runKey(DEFAULT_STATE), new Map([[4, changed]])]]);
    const r = reproduction(viewFor({ ...DEFAULT_STATE, hs: [4] }, shipped, live), shipped, live);
    expect(r?.reproduced).toBe(false);
    expect(r?.text).toMatch(/^Not reproduced: h = 4: final accuracy 87\.4% here, 88\.4% shipped; the curves part at step 100\.$/);
  });

  it('nothing to compare: other settings, or only shipped models shown', () => {
    const live: LiveRuns = new Map([['5/40', new Map([[4, shippedModel(4)]])]]);
    expect(reproduction(viewFor({ seed: 5, steps: 40, hs: [4] }, shipped, live), shipped, live)).toBeNull();
    expect(reproduction(viewFor(DEFAULT_STATE, shipped, new Map()), shipped, new Map())).toBeNull();
  });
});

describe('progress and cancel messages', () => {
  it('says where the sweep is, and how much of it is done', () => {
    expect(progressText(4, 2, 5, 150, 300)).toBe('h = 4 (model 3 of 5): step 150 of 300');
    expect(sweepFraction(2, 5, 150, 300)).toBeCloseTo(0.5, 12);
    expect(sweepFraction(4, 5, 300, 300)).toBe(1);
    expect(listHs([1, 2, 4])).toBe('h = 1, h = 2 and h = 4');
  });

  it('a cancel says what was kept and what was dropped', () => {
    expect(cancelledText([shippedModel(1), shippedModel(2)], { h: 4, step: 150 }, 300))
      .toBe('Cancelled after h = 1 and h = 2 finished and are kept; h = 4 was stopped at step 150 of 300 and dropped. Run again to train the rest.');
    expect(cancelledText([], null, 300)).toBe('Cancelled after no model had finished. Run again to train the rest.');
  });
});

describe('the runner the Worker uses', () => {
  it('posts progress at each evaluation, each model, then done, and matches the shipped model', () => {
    const posted: SweepMessage[] = [];
    runSweep({ type: 'sweep', id: 3, settings: sweepSettings(shipped.settings, { seed: 1, steps: 300, hs: [4] }) }, (m) => posted.push(m));
    expect(posted.map((m) => m.type)).toEqual([...new Array(12).fill('progress'), 'model', 'done']);
    const model = posted.find((m) => m.type === 'model');
    expect(model?.type === 'model' && model.model).toEqual(shippedModel(4));
  }, 30_000);

  it('reports a bad h as an error message, never a throw', () => {
    const posted: SweepMessage[] = [];
    runSweep({ type: 'sweep', id: 1, settings: sweepSettings(shipped.settings, { seed: 1, steps: 10, hs: [3] }) }, (m) => posted.push(m));
    expect(posted).toEqual([{ type: 'error', id: 1, message: expect.stringMatching(/dModel \(16\) must be divisible by h \(3\)/) }]);
  });

  it('changes only seed, steps and h of the shipped settings', () => {
    const s = sweepSettings(shipped.settings, { seed: 9, steps: 40, hs: [2] });
    expect(s).toEqual({ ...shipped.settings, train: { ...shipped.settings.train, seed: 9, steps: 40 }, sweep: { ...shipped.settings.sweep, hs: [2] } });
  });
});

describe('drawing', () => {
  it('dodge keeps labels apart and in order', () => {
    expect(dodge([1, 1.01, 0.5], 0.1, 0, 2)).toEqual([0.91, 1.01, 0.5]);
    expect(dodge([0, 0, 0], 0.1, 0, 2).map((v) => Number(v.toFixed(9)))).toEqual([0.2, 0.1, 0]);
  });

  it('the shell draws the shipped sweep: bars, curves, tables and the data for the page', () => {
    const doc = buildDocument();
    const root = doc.createElement('div');
    root.append(renderShell(doc, 'hs', shipped));
    const labels = [...root.querySelectorAll('[data-chart="accuracy"] svg text')].map((t) => t.textContent);
    for (const m of seedOne) expect(labels).toContain(`${(m.accuracy * 100).toFixed(1)}%`);
    expect(root.querySelectorAll('[data-chart="loss"] svg path').length).toBeGreaterThanOrEqual(seedOne.length);
    expect(root.querySelectorAll('.hs-results tbody tr')).toHaveLength(5);
    expect(JSON.parse(root.querySelector('script[data-shipped]')!.textContent!)).toEqual({ settings: shipped.settings, sweep: shipped.sweep });
    expect(root.querySelector('[data-run]')!.hasAttribute('hidden')).toBe(true);
    const { rows } = curveRows(viewFor(DEFAULT_STATE, shipped, new Map()));
    expect(rows[0]).toEqual(['25', ...seedOne.map((m) => m.history[0].test.loss.toFixed(3))]);
  });

  it('updateOutput refreshes charts and tables in place', () => {
    const doc = buildDocument();
    const root = renderOutput(doc, viewFor(DEFAULT_STATE, shipped, new Map()), info);
    const figure = root.querySelector('[data-chart="loss"]');
    expect(updateOutput(root, viewFor({ ...DEFAULT_STATE, hs: [2] }, shipped, new Map()), info)).toBe(true);
    expect(root.querySelector('[data-chart="loss"]')).toBe(figure);
    expect(root.querySelectorAll('.hs-results tbody tr')).toHaveLength(1);
    expect(root.querySelectorAll('[data-chart="accuracy"] svg text')).not.toHaveLength(0);
    expect(updateOutput(doc.createElement('div'), viewFor(DEFAULT_STATE, shipped, new Map()), info)).toBe(false);
  });
});

describe('numbers the lesson quotes', () => {
  const seeds = shipped.settings.sweep.seeds;
  const hs = shipped.settings.sweep.hs;
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  const accs = (h: number) => seeds.map((seed) => shippedModel(h, seed).accuracy);
  const bestAt = (seed: number) => hs.reduce((a, b) => (shippedModel(b, seed).accuracy > shippedModel(a, seed).accuracy ? b : a));

  it('mean and range over the seeds come from the per-seed results', () => {
    for (const h of hs) {
      expect(sweepNumbers[`sweep.mean.h${h}` as 'sweep.mean.h1']()).toBe(pct(accs(h).reduce((a, b) => a + b, 0) / seeds.length));
      expect(sweepNumbers[`sweep.min.h${h}` as 'sweep.min.h1']()).toBe(pct(Math.min(...accs(h))));
      expect(sweepNumbers[`sweep.max.h${h}` as 'sweep.max.h1']()).toBe(pct(Math.max(...accs(h))));
    }
    expect(sweepNumbers['sweep.seedCount']()).toBe(String(seeds.length));
    expect(sweepNumbers['sweep.models']()).toBe(String(seeds.length * hs.length));
  });

  it('what the lesson claims holds at every seed: h = 1 below the best, the best h differs, never 1 or 16', () => {
    const gaps = seeds.map((seed) => shippedModel(bestAt(seed), seed).accuracy - shippedModel(1, seed).accuracy);
    expect(Math.min(...gaps)).toBeGreaterThan(0);
    expect(sweepNumbers['sweep.h1.gapMin']()).toBe((100 * Math.min(...gaps)).toFixed(1));
    expect(new Set(seeds.map(bestAt)).size).toBeGreaterThan(1);
    for (const seed of seeds) expect([2, 4, 8]).toContain(bestAt(seed));
    expect(sweepNumbers['sweep.best.bySeed']()).toBe('h = 2 (seeds 2, 4 and 5), h = 4 (seed 3), h = 8 (seed 1)');
    expect(sweepNumbers['sweep.best.hs']()).toBe('2, 4 or 8');
    // The exercise "which h was best at every seed?" answers "none" (its last option).
    expect(sweepAnswers.bestEverywhereIndex()).toBe(hs.length);
    expect(sweepAnswers.bestEverywhereOptions()[sweepAnswers.bestEverywhereIndex()]).toMatch(/^None/);
    // "One head has the lowest mean, but is the lowest at only some seeds."
    expect(sweepNumbers['sweep.worstMean.h']()).toBe('1');
    expect(Number(sweepNumbers['sweep.h1.lowestAt']())).toBeLessThan(seeds.length);
    // "The seed matters as much as h": for h = 2, 4 and 8 the range over seeds is wider than the spread of all the means.
    const means = hs.map((h) => accs(h).reduce((a, b) => a + b, 0) / seeds.length);
    for (const h of [2, 4, 8]) expect(Math.max(...accs(h)) - Math.min(...accs(h))).toBeGreaterThan(Math.max(...means) - Math.min(...means));
  });

  it('come from the paper table and the parameter count; the figure tabulates every seed', () => {
    expect(sweepAnswers.attentionParams()).toBe(parameterCount({ dModel: 16, h: 4, bias: false }));
    const bleu = table3a.rows.map((r) => r.bleu);
    expect(sweepAnswers.paperGap()).toBeCloseTo(Math.max(...bleu) - table3a.rows.find((r) => r.h === 1)!.bleu, 9);
    const table = sweepFigures['sweep-accuracy-by-h'](buildDocument()).table;
    expect(table.rows.map((r) => r[0])).toEqual(hs);
    expect(table.columns).toEqual(['h', 'd_k = 16 / h', ...seeds.map((seed) => `seed ${seed}`), 'mean', 'range']);
    expect(table.rows[0].slice(2, 2 + seeds.length)).toEqual(accs(1).map(pct));
  });
});
