/** Figures and numbers of the lesson on shapes (filled in by that lesson). */
import type { FigureMap, NumberMap } from './types';

export const shapesFigures = {} satisfies FigureMap;
export const shapesNumbers = {} satisfies NumberMap;
