/**
 * State of <flash-tiles> (lesson 9): the tile size, the query row watched, the tile reached,
 * the causal mask and the seed, and the fields that show and check them. Plain,
 * serialisable, validated here; no DOM.
 */
import { t } from '../../i18n/strings';
import { defineFields, fieldKit, optionsOf, type FieldName } from '../common/fields';
import { clip, parseWholeNumber, type Checked } from '../common/validate';
import { EXAMPLE, tileCount } from './model';

const s = t.generating.flash;

export interface FlashTilesState {
  /** Keys per tile, 1 to n (8). */
  tileSize: number;
  /** The query row watched, 1-based (1 to n). */
  row: number;
  /** The tile reached, 1-based (1 to the number of tiles). */
  step: number;
  /** Query i sees keys j ≤ i only. */
  causal: boolean;
  /** Seed of Q, K and V. */
  seed: number;
}

/** Bounds the widget promises to redraw within one frame. */
export const LIMITS = { maxSeed: 999_999 } as const;

/**
 * Seed 1, row 4, tiles of 3 keys (3 + 3 + 2: the size need not divide n), at tile 2: that
 * tile's largest score (2.04) beats the running max after tile 1 (0.05), so the old sum and
 * accumulator are rescaled by exp(0.05 − 2.04) ≈ 0.14; tile 3 then leaves the max alone.
 */
export const DEFAULT_STATE: Readonly<FlashTilesState> = Object.freeze({ tileSize: 3, row: 4, step: 2, causal: false, seed: 1 });

/** The largest state: one key per tile, the most tiles (for benchmarks and tests). */
export const LARGEST_STATE: Readonly<FlashTilesState> = Object.freeze({ tileSize: 1, row: 8, step: 8, causal: true, seed: 1 });

/** Check a tile size: a whole number from 1 to n. */
export function checkTileSize(text: string): Checked<number> {
  const r = parseWholeNumber(text, { name: 'tile size', min: 1, max: EXAMPLE.n });
  if (!r.ok && /out of range/.test(r.error)) {
    return { ok: false, error: `A tile of ${clip(text.trim())} keys does not fit: there are ${EXAMPLE.n} keys, so use 1 to ${EXAMPLE.n} (${EXAMPLE.n} is one tile: the ordinary softmax).` };
  }
  return r;
}

/** Check a tile number against the tile size: 1 to ⌈n / tileSize⌉. */
export function checkStep(text: string, tileSize: number): Checked<number> {
  const total = tileCount(tileSize);
  const r = parseWholeNumber(text, { name: 'tile', min: 1, max: total });
  if (!r.ok && /out of range/.test(r.error)) {
    return { ok: false, error: `There is no tile ${clip(text.trim())}: tiles of ${tileSize} keys over ${EXAMPLE.n} keys make ${total} tiles.` };
  }
  return r;
}

/** Check a query row: 1 to n. */
export const checkRow = (text: string) => parseWholeNumber(text, { name: 'query row', min: 1, max: EXAMPLE.n });

/** Check a typed seed: a whole number from 0 to 999999. */
export const checkSeed = (text: string) => parseWholeNumber(text, { name: 'seed', min: 0, max: LIMITS.maxSeed });

const f = fieldKit<FlashTilesState>();

/** ↑/↓ in the tile-size box: 1 to n. */
function stepTileSize(text: string, up: boolean, state: FlashTilesState): string {
  const r = checkTileSize(text);
  const from = r.ok ? r.value : state.tileSize;
  return String(Math.min(EXAMPLE.n, Math.max(1, from + (up ? 1 : -1))));
}

/**
 * The widget's fields, in order: its controls and its URL parameters. A new tile size keeps
 * the tile reached when it still exists, else goes to the last tile. The tile reached is a
 * custom field: Previous / Next buttons and the arrow keys on the chart, drawn by the widget.
 */
export const FIELDS = defineFields('flash-tiles', DEFAULT_STATE, [
  {
    name: 'tile', kind: 'number', label: s.tileSize, hint: s.tileSizeHint(EXAMPLE.n), step: stepTileSize,
    format: (st) => String(st.tileSize),
    parse: (text, st) => {
      const r = checkTileSize(text);
      return r.ok ? { ok: true, value: { ...st, tileSize: r.value, step: Math.min(st.step, tileCount(r.value)) } } : r;
    },
  },
  { name: 'row', kind: 'select', label: s.row, options: optionsOf(Array.from({ length: EXAMPLE.n }, (_, i) => i + 1)), ...f.bind('row', checkRow) },
  { name: 'step', kind: 'custom', label: s.step, after: ['tile'], ...f.bind('step', (text, st) => checkStep(text, st.tileSize)) },
  { name: 'causal', kind: 'checkbox', group: s.causal, label: s.causalLabel, ...f.flag('causal') },
  {
    name: 'seed', kind: 'number', label: s.seed, hint: s.seedHint(LIMITS.maxSeed),
    action: { name: 'reseed', label: t.newSeed, run: (st) => ({ ...st, seed: Math.floor(Math.random() * 1000) }) },
    ...f.bind('seed', checkSeed),
  },
]);

/** A field name of this widget. */
export type FlashTilesField = FieldName<typeof FIELDS>;

/** The tile reached must exist for the tile size (states set from code or links). */
export const crossCheck = (st: FlashTilesState): { field: FlashTilesField; error: string } | null => {
  const r = checkStep(String(st.step), st.tileSize);
  return r.ok ? null : { field: 'tile', error: r.error };
};

/** The state one tile before (−1) or after (+1), or at the first / last tile; unchanged at the ends. */
export function moveStep(state: FlashTilesState, to: -1 | 1 | 'first' | 'last'): FlashTilesState {
  const total = tileCount(state.tileSize);
  const step = to === 'first' ? 1 : to === 'last' ? total : Math.min(total, Math.max(1, state.step + to));
  return { ...state, step };
}
