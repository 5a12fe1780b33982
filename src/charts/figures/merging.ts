/** Figures and numbers of the lesson on merging (filled in by that lesson). */
import type { FigureMap, NumberMap } from './types';

export const mergingFigures = {} satisfies FigureMap;
export const mergingNumbers = {} satisfies NumberMap;
