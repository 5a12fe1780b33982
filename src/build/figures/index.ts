/**
 * Figures that lessons show as static, build-time charts (<Figure id="…">), and numbers
 * they quote in prose (<Num id="…">), by id. Each lesson's live in ./figures/<topic>.ts
 * and compute with the project's own functions, so what a page states is what the code
 * computes.
 */
import { costsFigures, costsNumbers } from './figures/costs';
import { headsFigures, headsNumbers } from './figures/heads';
import { mergingFigures, mergingNumbers } from './figures/merging';
import { scalingFigures, scalingNumbers } from './figures/scaling';
import { shapesFigures, shapesNumbers } from './figures/shapes';
import { sweepFigures, sweepNumbers } from './figures/sweep';
import { ablationFigures, ablationNumbers } from './figures/ablation';
import { lookingFigures, lookingNumbers } from './figures/looking';
import { interviewFigures, interviewNumbers } from './figures/interview';

export type { RenderedFigure } from './figures/types';
export { scalingRows, SCALING_DKS } from './figures/scaling';

export const figures = { ...scalingFigures, ...headsFigures, ...shapesFigures, ...costsFigures, ...mergingFigures, ...sweepFigures, ...ablationFigures, ...lookingFigures, ...interviewFigures };
export type FigureId = keyof typeof figures;

export const numbers = { ...scalingNumbers, ...headsNumbers, ...shapesNumbers, ...costsNumbers, ...mergingNumbers, ...sweepNumbers, ...ablationNumbers, ...lookingNumbers, ...interviewNumbers };
export type NumberId = keyof typeof numbers;
