/** Lesson 6 (how many heads): figures and numbers, computed from the shipped lab results and the project's code. */
import { countParameters } from '../../attention';
import { labResults } from '../../lib/lab';
import { table3a } from '../../lib/papers';
import { initParams, labConfig, layerWeights } from '../../training';
import { lineChart } from '../../charts/lines';
import { palette } from '../../charts/svg';
import type { FigureMap, NumberMap } from './types';

const settings = labResults.settings;
const sweep = [...labResults.sweep].sort((a, b) => a.h - b.h);
const dModel = settings.model.dModel;
const percent = (v: number) => `${(v * 100).toFixed(1)}%`;

/** The shipped model with `h` heads (the build fails if the sweep lacks it). */
function model(h: number): (typeof sweep)[number] {
  const m = sweep.find((s) => s.h === h);
  if (!m) throw new Error(`the shipped sweep has no model with h = ${h} (it has ${sweep.map((s) => s.h).join(', ')})`);
  return m;
}

const best = () => sweep.reduce((a, b) => (b.accuracy > a.accuracy ? b : a));
const worst = () => sweep.reduce((a, b) => (b.accuracy < a.accuracy ? b : a));

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
  /** Index of the best h among the shipped head counts (for a choice exercise). */
  bestIndex: () => sweep.indexOf(best()),
  /** The shipped head counts, as choice options. */
  hOptions: () => sweep.map((m) => `h = ${m.h} (dₖ = ${dModel / m.h})`),
  /** BLEU between one head and the best row of Table 3 (A). */
  paperGap: () => Number((Math.max(...table3a.rows.map((r) => r.bleu)) - table3a.rows.find((r) => r.h === 1)!.bleu).toFixed(1)),
};

export const sweepFigures = {
  'sweep-accuracy-by-h': (document?: Document) => ({
    svg: lineChart(
      [
        { name: 'accuracy', color: palette.scaled, points: sweep.map((m) => ({ x: m.h, y: m.accuracy * 100 })) },
        { name: 'guessing', color: palette.unscaled, dashed: true, points: sweep.map((m) => ({ x: m.h, y: 100 / settings.task.vocab })) },
      ],
      {
        label: `Final test accuracy of the lab's sweep against the number of heads at d_model ${dModel}: ${sweep.map((m) => `h = ${m.h} ${percent(m.accuracy)}`).join(', ')}. Guessing gives ${percent(1 / settings.task.vocab)}.`,
        xLabel: `heads h (dₖ = ${dModel} / h)`, yLabel: 'final test accuracy (%)', xType: 'log', yDomain: [0, 100], width: 520, height: 260, document,
      },
    ),
    table: {
      caption: `The lab's sweep: one model per h at d_model = ${dModel}, ${settings.train.steps} steps, seed ${settings.train.seed}; scored on ${settings.test.size} held-out sequences`,
      columns: ['h', `d_k = ${dModel} / h`, 'final accuracy', 'final loss'],
      rows: sweep.map((m) => [m.h, dModel / m.h, percent(m.accuracy), m.loss.toFixed(3)]),
    },
  }),
} satisfies FigureMap;

export const sweepNumbers = {
  'sweep.acc.h1': () => percent(model(1).accuracy),
  'sweep.acc.h2': () => percent(model(2).accuracy),
  'sweep.acc.h4': () => percent(model(4).accuracy),
  'sweep.acc.h8': () => percent(model(8).accuracy),
  'sweep.acc.h16': () => percent(model(16).accuracy),
  'sweep.best.h': () => String(best().h),
  'sweep.best.acc': () => percent(best().accuracy),
  'sweep.worst.h': () => String(worst().h),
  'sweep.dModel': () => String(dModel),
  'sweep.dk.max': () => String(dModel / sweep[sweep.length - 1].h),
  'sweep.hs': () => sweep.map((m) => m.h).join(', '),
  'sweep.steps': () => String(settings.train.steps),
  'sweep.batch': () => String(settings.train.batch),
  'sweep.lr': () => String(settings.train.lr),
  'sweep.seed': () => String(settings.train.seed),
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
