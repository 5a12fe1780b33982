/** Lesson 3's figures and numbers: heads against d_k at d_model = 512, and the rank of one head's scores. */
import { mulberry32, randomMatrix, softmaxRows } from '../../attention';
import { Matrix } from 'ml-matrix';
import { scoreRank, traceShapes } from '../../attention/demos';
import { table3a } from '../../lib/papers';
import { lineChart } from '../../charts/lines';
import { SERIES } from '../../charts/palette';
import type { FigureMap, NumberMap } from './types';

/** Every h that divides 512 up to 64, with its d_k. */
export const HEAD_SPLITS_512 = [1, 2, 4, 8, 16, 32, 64].map((h) => ({ h, dK: 512 / h }));

/** The rank experiment: n = 16 tokens, random Q and K of width d_k (seed 3). */
export const RANK_N = 16;
export const RANK_DKS = [1, 2, 4, 8, 12, 16, 24, 32, 64];
let rankCache: { dK: number; rank: number }[] | null = null;
export function rankRows(): { dK: number; rank: number }[] {
  rankCache ??= RANK_DKS.map((dK) => {
    const rng = mulberry32(3 * 1000 + dK);
    const scores = randomMatrix(RANK_N, dK, rng).mmul(randomMatrix(RANK_N, dK, rng).transpose()); // (n, dK)·(dK, n) → (n, n)
    return { dK, rank: scoreRank(scores) };
  });
  return rankCache;
}

/** Rank of the attention weights softmax(Q·Kᵀ/√d_k) for the same random Q and K as {@link rankRows}. */
export function weightsRank(dK: number): number {
  const rng = mulberry32(3 * 1000 + dK);
  const scores = randomMatrix(RANK_N, dK, rng).mmul(randomMatrix(RANK_N, dK, rng).transpose()); // (n, dK)·(dK, n) → (n, n)
  return scoreRank(softmaxRows(Matrix.div(scores, Math.sqrt(dK))));
}

export const shapesFigures = {
  'heads-table3a': (document?: Document) => ({
    svg: lineChart(
      [{ name: 'BLEU', color: SERIES.main, points: table3a.rows.map((r) => ({ x: r.h, y: r.bleu })) }],
      { label: 'BLEU on the development set against the number of heads, from Vaswani et al. 2017 Table 3 (A): 24.9 with one head, 25.8 at 8 and 16 heads, 25.4 at 32.', xLabel: 'heads h (dₖ = 512 / h)', yLabel: 'BLEU (dev)', xType: 'log', yDomain: [24.5, 26], width: 520, height: 260, document },
    ),
    table: {
      caption: 'h against d_k at d_model = 512, with Vaswani et al. 2017 Table 3 (A) where it has the row',
      columns: ['h', 'd_k = 512 / h', 'PPL (dev)', 'BLEU (dev)'],
      rows: HEAD_SPLITS_512.map(({ h, dK }) => {
        const r = table3a.rows.find((row) => row.h === h);
        return [h, dK, r ? r.ppl.toFixed(2) : 'not in the table', r ? r.bleu.toFixed(1) : 'not in the table'];
      }),
    },
  }),
  'score-rank': (document?: Document) => ({
    svg: lineChart(
      [
        { name: 'rank of Q·Kᵀ', color: SERIES.main, points: rankRows().map((r) => ({ x: r.dK, y: r.rank })) },
        { name: `n = ${RANK_N}`, color: SERIES.second, dashed: true, points: RANK_DKS.map((dK) => ({ x: dK, y: RANK_N })) },
      ],
      { label: `Rank of one head's ${RANK_N} by ${RANK_N} score matrix against d_k: it equals d_k until d_k reaches ${RANK_N}, then stays at ${RANK_N}.`, xLabel: 'dₖ', yLabel: 'rank', xType: 'log', yDomain: [0, 20], width: 520, height: 260, document },
    ),
    table: {
      caption: `Numerical rank of Q·Kᵀ for ${RANK_N} tokens, random Q and K (seed 3)`,
      columns: ['d_k', 'rank of Q·Kᵀ', 'full rank would be'],
      rows: rankRows().map((r) => [r.dK, r.rank, RANK_N]),
    },
  }),
} satisfies FigureMap;

const bertScores = () => traceShapes({ B: 32, n: 512, dModel: 768, h: 12 }).find((s) => s.name === 'scores')!;

export const shapesNumbers = {
  'shapes.bert.scoresShape': () => `(${bertScores().shape.join(', ')})`,
  'shapes.bert.scoresElements': () => bertScores().elements.toLocaleString('en'),
  'shapes.rank.dk4': () => String(rankRows().find((r) => r.dK === 4)!.rank),
  'shapes.rank.weights.dk4': () => String(weightsRank(4)),
} satisfies NumberMap;
