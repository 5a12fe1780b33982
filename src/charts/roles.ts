import { heatmap, type HeatmapOptions } from './heatmap';

/** Column names of role charts: mean weight on the previous token, on the first token, and the spread. */
export const ROLE_COLUMNS = ['previous', 'first', 'spread'] as const;

/** The scores of one head a role chart shows (src/training/roles.ts computes them). */
export interface RoleRow {
  /** Mean weight on the previous token. */
  previous: number;
  /** Mean weight on the first token. */
  first: number;
  /** Entropy ÷ ln of the number of visible keys, in [0, 1]. */
  normalizedEntropy: number;
}

/** Row labels of role charts and tables: L1 H1, L1 H2, … */
export function headNames(layers: number, h: number): string[] {
  return Array.from({ length: layers * h }, (_, k) => `L${Math.floor(k / h) + 1} H${(k % h) + 1}`);
}

/** Rows of a role chart: one per head (layer by layer), [previous, first, spread]. */
export function roleValues(roles: readonly (readonly RoleRow[])[]): number[][] {
  return roles.flat().map((r) => [r.previous, r.first, r.normalizedEntropy]);
}

/** Options of the role chart; the same for a fresh render and a refill in place (updateHeatmap). */
export function roleChartOptions(roles: readonly (readonly RoleRow[])[], label: string, document?: Document): HeatmapOptions {
  return { rowLabels: headNames(roles.length, roles[0]?.length ?? 0), colLabels: [...ROLE_COLUMNS], kind: 'weights', label, document, maxWidth: 260, maxCell: 44, digits: 2 };
}

/**
 * Every head's role scores as a heatmap: rows are heads, columns the mean weight on the
 * previous token, on the first token, and the spread.
 *
 * @param roles scores by [layer][head].
 */
export function roleChart(roles: readonly (readonly RoleRow[])[], label: string, document?: Document): SVGSVGElement {
  return heatmap(roleValues(roles), roleChartOptions(roles, label, document));
}
