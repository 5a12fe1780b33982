/** Lesson 7 (head ablation): figures and numbers, computed from the shipped lab results and the project's code. */
import type { FigureMap, NumberMap } from './types';

export const ablationFigures = {} satisfies FigureMap;
export const ablationNumbers = {} satisfies NumberMap;
