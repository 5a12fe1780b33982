/** A rendered figure: the chart and a text alternative as a table. */
export interface RenderedFigure {
  svg: SVGSVGElement;
  table: { caption: string; columns: string[]; rows: (string | number)[][] };
}

/** Figures by id: each draws with the given document (linkedom at build time). */
export type FigureMap = Record<string, (document?: Document) => RenderedFigure>;

/** Numbers quoted in prose, by id, formatted as the lesson shows them. */
export type NumberMap = Record<string, () => string>;
