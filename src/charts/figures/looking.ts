/** Lesson 8 (what heads look at): figures and numbers, computed from the shipped lab results and the project's code. */
import type { FigureMap, NumberMap } from './types';

export const lookingFigures = {} satisfies FigureMap;
export const lookingNumbers = {} satisfies NumberMap;
