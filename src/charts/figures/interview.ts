/** Numbers the interview walkthrough quotes, computed by the project's own functions at build time. */
import type { FigureMap, NumberMap } from './types';

export const interviewFigures = {} satisfies FigureMap;
export const interviewNumbers = {} satisfies NumberMap;
