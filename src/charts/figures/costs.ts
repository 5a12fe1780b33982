/** Figures and numbers of the lesson on costs (filled in by that lesson). */
import type { FigureMap, NumberMap } from './types';

export const costsFigures = {} satisfies FigureMap;
export const costsNumbers = {} satisfies NumberMap;
