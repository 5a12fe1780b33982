/** Figures and numbers of the lesson on heads (filled in by that lesson). */
import type { FigureMap, NumberMap } from './types';

export const headsFigures = {} satisfies FigureMap;
export const headsNumbers = {} satisfies NumberMap;
