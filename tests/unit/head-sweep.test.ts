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
import { colorOfH, dodge } from '../../src/charts/sweep';
import { curveRows, renderOutput, resultRows, updateOutput } from '../../src/widgets/head-sweep/render';
import { renderShell } from '../../src/widgets/head-sweep/shell';
import { sweepAnswers, sweepFigures, sweepNumbers } from '../../src/build/figures/sweep';

const shipped: Shipped = labResults;
const toParams = (s: HeadSweepState) => toParamsOf(FIELDS, s, 'hs');
const fromParams = (search: string) => fromParamsOf(FIELDS, DEFAULT_STATE, new URLSearchParams(search), 'hs');
const shippedModel = (h: number) => shipped.sweep.find((m) => m.h === h)!;
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
    expect(view.models).toHaveLength(shipped.sweep.length);
    expect(view.missing).toEqual([2, 4]);
    expect(summarize(view)).toMatch(/^Nothing trained yet with seed 5 and 40 steps, so the shipped results \(seed 1, 300 steps\) are shown/);
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
    const live: LiveRuns = new Map([[runKey(DEFAULT_STATE), new Map(shipped.sweep.map((m) => [m.h, structuredClone(m)]))]]);
    const r = reproduction(viewFor(DEFAULT_STATE, shipped, live), shipped, live);
    expect(r).toEqual({ reproduced: true, text: expect.stringMatching(/^Reproduced: all 5 models trained here match the shipped numbers exactly/) });
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
    expect(colorOfH(4, [1, 2, 4, 8, 16])).not.toBe(colorOfH(8, [1, 2, 4, 8, 16]));
  });

  it('the shell draws the shipped sweep: bars, curves, tables and the data for the page', () => {
    const doc = buildDocument();
    const root = doc.createElement('div');
    root.append(renderShell(doc, 'hs', shipped));
    const labels = [...root.querySelectorAll('[data-chart="accuracy"] svg text')].map((t) => t.textContent);
    for (const m of shipped.sweep) expect(labels).toContain(`${(m.accuracy * 100).toFixed(1)}%`);
    expect(root.querySelectorAll('[data-chart="loss"] svg path').length).toBeGreaterThanOrEqual(shipped.sweep.length);
    expect(root.querySelectorAll('.hs-results tbody tr')).toHaveLength(5);
    expect(JSON.parse(root.querySelector('script[data-shipped]')!.textContent!)).toEqual({ settings: shipped.settings, sweep: shipped.sweep });
    expect(root.querySelector('[data-run]')!.hasAttribute('hidden')).toBe(true);
    const { rows } = curveRows(viewFor(DEFAULT_STATE, shipped, new Map()));
    expect(rows[0]).toEqual(['25', ...shipped.sweep.map((m) => m.history[0].test.loss.toFixed(3))]);
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
  it('come from the shipped data, the paper table and the parameter count', () => {
    expect(sweepNumbers['sweep.acc.h4']()).toBe(`${(shippedModel(4).accuracy * 100).toFixed(1)}%`);
    const best = shipped.sweep.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
    expect(sweepNumbers['sweep.best.h']()).toBe(String(best.h));
    expect(sweepAnswers.hOptions()[sweepAnswers.bestIndex()]).toMatch(new RegExp(`^h = ${best.h} `));
    expect(sweepAnswers.attentionParams()).toBe(parameterCount({ dModel: 16, h: 4, bias: false }));
    const bleu = table3a.rows.map((r) => r.bleu);
    expect(sweepAnswers.paperGap()).toBeCloseTo(Math.max(...bleu) - table3a.rows.find((r) => r.h === 1)!.bleu, 9);
    expect(sweepFigures['sweep-accuracy-by-h'](buildDocument()).table.rows.map((r) => r[0])).toEqual(shipped.sweep.map((m) => m.h));
  });
});
