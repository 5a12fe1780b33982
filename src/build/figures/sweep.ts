/** Lesson 6 (how many heads): figures and numbers, computed from the shipped lab results and the project's code. */
import { countParameters } from '../../attention';
import { labResults } from '../../lib/lab';
import { table3a } from '../../lib/papers';
import { initParams, labConfig, layerWeights } from '../../training';
import { seedRangeChart, seedStats } from '../../charts/sweep';
import type { FigureMap, NumberMap } from './types';

const settings = labResults.settings;
const dModel = settings.model.dModel;
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
/** Head counts and seeds of the shipped sweep, in their order. */
const hs = [...settings.sweep.hs].sort((a, b) => a - b);
const seeds = settings.sweep.seeds;
/** Every shipped model of the sweep: one per h and seed. */
const sweep = labResults.sweep;

/** The shipped models with `h` heads, one per seed, in seed order (the build fails if one is missing). */
function runsOf(h: number): (typeof sweep)[number][] {
  return seeds.map((seed) => {
    const m = sweep.find((x) => x.h === h && x.seed === seed);
    if (!m) throw new Error(`the shipped sweep has no model with h = ${h} and seed ${seed}: run npm run lab -- --write`);
    return m;
  });
}

/** Mean, lowest and highest final accuracy of `h` over the seeds. */
const statsOf = (h: number) => seedStats(runsOf(h));

/** The h with the highest final accuracy at one seed (the lower h on a tie). */
function bestAt(seed: number): { h: number; accuracy: number } {
  return hs.map((h) => ({ h, accuracy: runsOf(h)[seeds.indexOf(seed)].accuracy })).reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
}

/** The h with the highest (or lowest) mean over the seeds. */
const byMean = (sign: 1 | -1) => hs.reduce((a, b) => (sign * (statsOf(b).mean - statsOf(a).mean) > 0 ? b : a));

/**
 * What lesson 6 claims about the seeds, checked here: the build fails with this message
 * if a regenerated lab no longer supports a sentence of the lesson.
 */
function claim(holds: boolean, sentence: string): void {
  if (!holds) throw new Error(`lesson 6 says "${sentence}", which the shipped sweep (content/lab/results.json) no longer shows: reword the lesson`);
}

/** Points (0–100) by which h = 1 is below the best h of each seed. */
function oneHeadGaps(): number[] {
  const gaps = seeds.map((seed) => 100 * (bestAt(seed).accuracy - runsOf(1)[seeds.indexOf(seed)].accuracy));
  claim(gaps.every((g) => g > 0), 'h = 1 ends below the best h at every seed');
  return gaps;
}

/** The seeds at which each h was best, as "h = 2 (seeds 2, 4 and 5), h = 4 (seed 3), …" in order of h. */
function bestBySeed(): { h: number; seeds: number[] }[] {
  const out = hs.map((h) => ({ h, seeds: seeds.filter((seed) => bestAt(seed).h === h) })).filter((x) => x.seeds.length > 0);
  claim(out.length > 1, 'the best h differs between seeds');
  claim(out.every((x) => x.h !== hs[0] && x.h !== hs[hs.length - 1]), `the best h is never ${hs[0]} or ${hs[hs.length - 1]}`);
  return out;
}

/** "1", "1 and 2", "1, 2 and 4". */
const andList = (xs: readonly (string | number)[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

/**
 * Parameters of the sweep's attention layer (W_Q, W_K, W_V, W_O; the lab uses no
 * biases there), counted in the weights the lab instantiates for each h. The build
 * fails if two head counts ever gave different numbers.
 */
export function attentionParamsPerH(): { h: number; params: number }[] {
  const rows = sweep.map(({ h }) => {
    const config = { ...labConfig(settings, h), layers: 1 };
    return { h, params: countParameters(layerWeights(initParams(config, settings.train.seed), 0)) };
  });
  if (new Set(rows.map((r) => r.params)).size !== 1) throw new Error(`attention parameters differ across h: ${JSON.stringify(rows)}`);
  return rows;
}

/** Answers of the lesson's exercises, computed here so the page cannot disagree with the data. */
export const sweepAnswers = {
  /** Parameters of the attention layer, the same for every h. */
  attentionParams: () => attentionParamsPerH()[0].params,
  /**
   * The choice "which h was best at every seed?": each shipped h, then "none". Its answer
   * is the h that was best at every seed, or "none" (the last option) when the best
   * changed between seeds.
   */
  bestEverywhereOptions: () => [...hs.map((h) => `h = ${h} (dₖ = ${dModel / h})`), 'None: the best h changed from seed to seed'],
  bestEverywhereIndex: () => {
    const winners = new Set(seeds.map((seed) => bestAt(seed).h));
    return winners.size === 1 ? hs.indexOf([...winners][0]) : hs.length;
  },
  /** BLEU between one head and the best row of Table 3 (A). */
  paperGap: () => Number((Math.max(...table3a.rows.map((r) => r.bleu)) - table3a.rows.find((r) => r.h === 1)!.bleu).toFixed(1)),
};

export const sweepFigures = {
  'sweep-accuracy-by-h': (document?: Document) => ({
    svg: seedRangeChart(
      hs.map((h) => ({ h, runs: runsOf(h) })),
      {
        label: `Final test accuracy of the lab's sweep against the number of heads at d_model ${dModel}, over ${seeds.length} seeds: ${hs.map((h) => `h = ${h} mean ${percent(statsOf(h).mean)}, from ${percent(statsOf(h).min)} to ${percent(statsOf(h).max)}`).join('; ')}. Guessing gives ${percent(1 / settings.task.vocab)}.`,
        dModel, chance: 1 / settings.task.vocab, width: 520, height: 280, document,
      },
    ),
    table: {
      caption: `The lab's sweep: one model per h and seed at d_model = ${dModel}, ${settings.train.steps} steps each; final accuracy on ${settings.test.size} held-out sequences`,
      columns: ['h', `d_k = ${dModel} / h`, ...seeds.map((seed) => `seed ${seed}`), 'mean', 'range'],
      rows: hs.map((h) => [h, dModel / h, ...runsOf(h).map((m) => percent(m.accuracy)), percent(statsOf(h).mean), `${percent(statsOf(h).min)}\u00a0–\u2060\u00a0${percent(statsOf(h).max)}`]), // one line: no break around the dash (no-break space, word joiner)
    },
  }),
} satisfies FigureMap;

const mean = (h: number) => () => percent(statsOf(h).mean);
const low = (h: number) => () => percent(statsOf(h).min);
const high = (h: number) => () => percent(statsOf(h).max);

export const sweepNumbers = {
  'sweep.mean.h1': mean(1),
  'sweep.min.h1': low(1),
  'sweep.max.h1': high(1),
  'sweep.mean.h2': mean(2),
  'sweep.min.h2': low(2),
  'sweep.max.h2': high(2),
  'sweep.mean.h4': mean(4),
  'sweep.min.h4': low(4),
  'sweep.max.h4': high(4),
  'sweep.mean.h8': mean(8),
  'sweep.min.h8': low(8),
  'sweep.max.h8': high(8),
  'sweep.mean.h16': mean(16),
  'sweep.min.h16': low(16),
  'sweep.max.h16': high(16),
  'sweep.seeds': () => andList(seeds),
  'sweep.seedCount': () => String(seeds.length),
  'sweep.seed.first': () => String(seeds[0]),
  'sweep.models': () => String(sweep.length),
  'sweep.bestMean.h': () => String(byMean(1)),
  'sweep.worstMean.h': () => { claim(byMean(-1) === 1, 'h = 1 has the lowest mean'); return String(byMean(-1)); },
  'sweep.h1.gapMin': () => Math.min(...oneHeadGaps()).toFixed(1),
  'sweep.h1.gapMax': () => Math.max(...oneHeadGaps()).toFixed(1),
  'sweep.h1.lowestAt': () => String(seeds.filter((seed) => hs.every((h) => runsOf(1)[seeds.indexOf(seed)].accuracy <= runsOf(h)[seeds.indexOf(seed)].accuracy)).length),
  'sweep.best.bySeed': () => bestBySeed().map((x) => `h = ${x.h} (seed${x.seeds.length > 1 ? 's' : ''} ${andList(x.seeds)})`).join(', '),
  'sweep.best.distinct': () => String(bestBySeed().length),
  'sweep.best.hs': () => { const xs = bestBySeed().map((x) => x.h); return xs.length === 1 ? String(xs[0]) : `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}`; },
  'sweep.top.run': () => { const top = sweep.reduce((a, b) => (b.accuracy > a.accuracy ? b : a)); return `${percent(top.accuracy)} (h = ${top.h}, seed ${top.seed})`; },
  'sweep.dModel': () => String(dModel),
  'sweep.dk.max': () => String(dModel / hs[hs.length - 1]),
  'sweep.hs': () => hs.join(', '),
  'sweep.steps': () => String(settings.train.steps),
  'sweep.batch': () => String(settings.train.batch),
  'sweep.lr': () => String(settings.train.lr),
  'sweep.layers': () => String(settings.sweep.layers),
  'sweep.dHidden': () => String(settings.model.dHidden),
  'sweep.vocab': () => String(settings.task.vocab),
  'sweep.seqLen': () => String(settings.task.seqLen),
  'sweep.testSize': () => String(settings.test.size),
  'sweep.monitor': () => String(settings.test.monitor),
  'sweep.chance.acc': () => percent(1 / settings.task.vocab),
  'sweep.chance.loss': () => Math.log(settings.task.vocab).toFixed(2),
  'sweep.params.attention': () => sweepAnswers.attentionParams().toLocaleString('en'),
  'sweep.paper.gap': () => String(sweepAnswers.paperGap()),
  'sweep.paper.bleu.h1': () => table3a.rows.find((r) => r.h === 1)!.bleu.toFixed(1),
  'sweep.paper.bleu.best': () => Math.max(...table3a.rows.map((r) => r.bleu)).toFixed(1),
  'sweep.paper.bleu.h32': () => table3a.rows.find((r) => r.h === 32)!.bleu.toFixed(1),
  'sweep.paper.ppl.h1': () => table3a.rows.find((r) => r.h === 1)!.ppl.toFixed(2),
  'sweep.paper.ppl.best': () => Math.min(...table3a.rows.map((r) => r.ppl)).toFixed(2),
} satisfies NumberMap;
