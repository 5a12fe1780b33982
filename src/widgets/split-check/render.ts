/**
 * Lesson 2's check that one d_model×d_model projection followed by a split gives the
 * same per-head queries as h separate d_model×d_k projections: W_Q coloured by head,
 * and the largest difference per head, computed by projectThenSplit and
 * perHeadProjections on seeded random inputs.
 */
import { mulberry32, randomMatrix } from '../../attention';
import { splitDifference } from '../../attention/demos';
import { headBlocks } from '../../charts/headBlocks';
import { t } from '../../i18n/strings';
import { chartFigure, h, scrollBox } from '../common/dom';
import type { SplitCheckState } from './state';

/** Tokens in the random input. */
export const N_TOKENS = 4;

export function computeSplit(s: SplitCheckState) {
  const rng = mulberry32(s.seed);
  const x = randomMatrix(N_TOKENS, s.dModel, rng);
  const wq = randomMatrix(s.dModel, s.dModel, rng, 1 / Math.sqrt(s.dModel));
  return { wq, differences: splitDifference(x, wq, s.h), dK: s.dModel / s.h };
}

const show = (v: number) => (v === 0 ? '0 (exactly)' : v.toExponential(1));

export function renderSplitCheck(doc: Document, s: SplitCheckState): HTMLElement {
  const { wq, differences, dK } = computeSplit(s);
  const worst = Math.max(...differences);
  const th = (text: string) => h(doc, 'th', { scope: 'col' }, text);
  return h(doc, 'div', { class: 'sc-output' },
    h(doc, 'p', { class: 'widget-summary' },
      `Largest difference over all ${s.h} heads: ${show(worst)}. ` +
      `Head i's queries are the same numbers either way: columns [i·${dK}, (i+1)·${dK}) of X·W_Q.`),
    chartFigure(doc, {
      title: t.heads.blocksTitle(s.h, dK),
      svg: headBlocks(wq.to2DArray(), { h: s.h, document: doc, label: `The ${s.dModel} by ${s.dModel} matrix W_Q with its columns coloured in ${s.h} blocks of ${dK}, one block per head; stronger colour is a larger weight.` }),
      filename: 'wq-head-blocks', attrs: { 'data-chart': 'blocks' },
    }),
    scrollBox(doc, 'Difference per head',
      h(doc, 'table', { class: 'split-table' },
        h(doc, 'caption', { class: 'table-caption' }, `Per head: one ${s.dModel}×${s.dModel} projection then a split, against its own ${s.dModel}×${dK} projection`),
        h(doc, 'thead', {}, h(doc, 'tr', {}, th('head'), th('columns of W_Q'), th('shape of W_Qⁱ'), th('largest |difference|'))),
        h(doc, 'tbody', {}, ...differences.map((d, i) => h(doc, 'tr', {},
          h(doc, 'th', { scope: 'row' }, String(i + 1)), h(doc, 'td', {}, `${i * dK}–${(i + 1) * dK - 1}`),
          h(doc, 'td', {}, `${s.dModel} × ${dK}`), h(doc, 'td', {}, show(d))))))),
  );
}
