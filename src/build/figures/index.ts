/**
 * Figures that lessons show as static, build-time charts (<Figure id="…">), and numbers
 * they quote in prose (<Num id="…">), by id. Build-only: each lesson's live in ./<topic>.ts,
 * compute with the project's own functions and data (src/lib accessors) and draw with the
 * pure chart functions of src/charts, so what a page states is what the code computes.
 */
import { costsFigures, costsNumbers } from './costs';
import { mergingFigures, mergingNumbers } from './merging';
import { scalingFigures, scalingNumbers } from './scaling';
import { shapesFigures, shapesNumbers } from './shapes';
import { sweepFigures, sweepNumbers } from './sweep';
import { ablationFigures, ablationNumbers } from './ablation';
import { lookingFigures, lookingNumbers } from './looking';
import { interviewNumbers } from './interview';
import { masksFigures, masksNumbers } from './masks';
import { generatingFigures, generatingNumbers } from './generating';
import { textFigures, textNumbers } from './text';

export type { RenderedFigure } from './types';

export const figures = { ...scalingFigures, ...shapesFigures, ...costsFigures, ...mergingFigures, ...sweepFigures, ...ablationFigures, ...lookingFigures, ...masksFigures, ...generatingFigures, ...textFigures };
export type FigureId = keyof typeof figures;

export const numbers = { ...scalingNumbers, ...shapesNumbers, ...costsNumbers, ...mergingNumbers, ...sweepNumbers, ...ablationNumbers, ...lookingNumbers, ...interviewNumbers, ...masksNumbers, ...generatingNumbers, ...textNumbers };
export type NumberId = keyof typeof numbers;
