/** Lesson 6 (how many heads): figures and numbers, computed from the shipped lab results and the project's code. */
import type { FigureMap, NumberMap } from './types';

export const sweepFigures = {} satisfies FigureMap;
export const sweepNumbers = {} satisfies NumberMap;
