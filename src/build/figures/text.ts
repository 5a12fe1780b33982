/**
 * Lesson 10 (heads in real text): figures and numbers, from the shipped text model's results
 * (content/lab/text/results.json, through src/lib/text.ts), so every number the lesson
 * quotes is what `npm run lab -- text --write` measured.
 */
import { formedBetween, formingLossChart, formingScoresChart } from '../../widgets/text-forming/render';
import { formingCurves } from '../../training/text';
import { textResults } from '../../lib/text';
import type { FigureMap, NumberMap } from './types';

const r = () => textResults;
const e = () => r().evaluation;
const f2 = (v: number) => v.toFixed(2);
const pct = (v: number) => `${Math.round(v * 100)}%`;
const maxOf = (row: readonly number[]) => Math.max(...row);
const argmax = (row: readonly number[]) => row.indexOf(maxOf(row));
const lastLayer = () => e().inductionScore.length - 1;
/** 0-based [layer, head] → "layer 1, head 3". */
const name = ([layer, head]: readonly [number, number]) => `layer ${layer + 1}, head ${head + 1}`;
const previousHead = (): [number, number] => [0, argmax(e().previousTokenScore[0])];
const inductionHead = (): [number, number] => [lastLayer(), argmax(e().inductionScore[lastLayer()])];
const count = (v: number) => v.toLocaleString('en-US');

const curves = () => formingCurves(r().snapshots);
/** Where induction forms in the shipped run (the widget's rule, on the shipped snapshots). */
const formed = () => formedBetween(curves())!;

export const textFigures = {
  'text-forming-loss': (document?: Document) => {
    const c = curves();
    return {
      svg: formingLossChart(c, {
        label: `Loss in nats per character over training, every ${r().settings.train.snapshotEvery} steps: the training loss, and the loss on the first and second copy of repeated random characters. The second copy's loss falls sharply from step ${formed().before.step} on, while the first copy's, which no head can help with, does not.`,
        document,
      }),
      table: {
        caption: 'Loss in nats per character at each snapshot',
        columns: ['step', 'training', 'first copy', 'second copy'],
        rows: c.map((p) => [p.step, f2(p.trainLoss), f2(p.first), f2(p.second)]),
      },
    };
  },
  'text-forming-scores': (document?: Document) => {
    const c = curves();
    return {
      svg: formingScoresChart(c, {
        label: `The best previous-token score in layer 1 and the best induction score in layer 2 at each snapshot. The previous-token score rises gradually; the induction score jumps from ${f2(formed().before.induction)} to ${f2(formed().after.induction)} between steps ${formed().before.step} and ${formed().after.step}.`,
        document,
      }),
      table: {
        caption: 'Best scores at each snapshot',
        columns: ['step', 'previous-token, layer 1', 'induction, layer 2'],
        rows: c.map((p) => [p.step, f2(p.previous), f2(p.induction)]),
      },
    };
  },
} satisfies FigureMap;

export const textNumbers = {
  'text.previousHead': () => name(previousHead()),
  'text.previousHead.score': () => f2(e().previousTokenScore[0][previousHead()[1]]),
  'text.inductionHead': () => name(inductionHead()),
  'text.inductionHead.score': () => f2(e().inductionScore[inductionHead()[0]][inductionHead()[1]]),
  'text.lossFirst': () => f2(e().lossFirstRepeat),
  'text.lossSecond': () => f2(e().lossSecondRepeat),
  'text.gap': () => f2(e().lossFirstRepeat - e().lossSecondRepeat),
  'text.heldOutLoss': () => f2(e().heldOutLoss),
  'text.period': () => String(e().period),
  'text.windows': () => String(e().windows),
  'text.repeats': () => String(e().repeats),
  'text.seed': () => String(e().seed),
  'text.ablatePrevious.heads': () => e().ablation.previousTokenHeads.heads.map(name).join(' and '),
  'text.ablatePrevious.induction': () => f2(e().ablation.previousTokenHeads.inductionScore),
  'text.ablatePrevious.gapClosed': () => pct(e().ablation.previousTokenHeads.gapClosed),
  'text.ablateOther.heads': () => e().ablation.otherLayer1Heads.heads.map(name).join(' and '),
  'text.ablateOther.induction': () => f2(e().ablation.otherLayer1Heads.inductionScore),
  'text.ablateOther.gapClosed': () => pct(e().ablation.otherLayer1Heads.gapClosed),
  'text.steps': () => count(r().training.steps),
  'text.batch': () => String(r().settings.train.batch),
  'text.tokensSeen': () => count(r().training.tokensSeen),
  'text.seconds': () => String(Math.round(r().training.seconds)),
  'text.checkpointKb': () => String(Math.round(r().checkpointBytes / 1000)),
  'text.trainCharacters': () => count(r().corpus.trainCharacters),
  'text.heldOutCharacters': () => count(r().corpus.heldOutCharacters),
  'text.formedBefore': () => String(formed().before.step),
  'text.formedAfter': () => String(formed().after.step),
  'text.formedBefore.induction': () => f2(formed().before.induction),
  'text.formedAfter.induction': () => f2(formed().after.induction),
  'text.snapshotEvery': () => String(r().settings.train.snapshotEvery),
  'text.formedAfter.characters': () => count(formed().after.step * r().settings.train.batch * r().settings.model.seqLen),
  'text.dModel': () => String(r().settings.model.dModel),
  'text.h': () => String(r().settings.model.h),
  'text.seqLen': () => String(r().settings.model.seqLen),
  'text.minSpan': () => String(r().settings.repeat.minSpan),
  'text.maxSpan': () => String(r().settings.repeat.maxSpan),
} satisfies NumberMap;
