/**
 * Keyboard reading of a heatmap, cell by cell: where a key moves the focused cell.
 * Pure (no DOM), so every widget with an explorable map moves the same way.
 */

/** A cell of a map: [row, column]. */
export type Cell = readonly [number, number];

/**
 * The cell a key moves to on a rows × cols map: arrows step (stopping at the edges), Home
 * and End jump to the row's ends; with no focused cell yet, any arrow starts at [0, 0].
 * Returns null for other keys (let them do what they normally do).
 */
export function cellAfterKey(key: string, focus: Cell | null, rows: number, cols: number = rows): Cell | null {
  if (focus === null) return key.startsWith('Arrow') ? [0, 0] : null;
  const [i, j] = focus;
  const moves: Record<string, Cell> = {
    ArrowUp: [Math.max(0, i - 1), j], ArrowDown: [Math.min(rows - 1, i + 1), j],
    ArrowLeft: [i, Math.max(0, j - 1)], ArrowRight: [i, Math.min(cols - 1, j + 1)],
    Home: [i, 0], End: [i, cols - 1],
  };
  return moves[key] ?? null;
}
