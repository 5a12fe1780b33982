/** Interface strings of lesson 9's widgets: <flash-tiles> and <rope-offset>. */
export const generating = {
  flash: {
    tileSize: 'Tile size',
    tileSizeHint: (n: number) => `(keys per tile, 1–${n}; ↑/↓)`,
    row: 'Query row',
    step: 'Tile',
    prev: '← Previous',
    next: 'Next →',
    stepOf: (k: number, total: number) => `tile ${k} of ${total}`,
    causal: 'Mask',
    causalLabel: 'causal (query i sees keys j ≤ i)',
    seed: 'Seed',
    seedHint: (max: number) => `(0–${max.toLocaleString('en')})`,
    keysHint: 'Focus the chart and press ← / → to step through the tiles, Home / End for the first and last.',
    tables: 'Every tile of this row as a table',
  },
  rope: {
    dK: 'Head width d_k',
    base: 'Base',
    baseHint: '(2 to 1,000,000; RoFormer: 10,000)',
    shift: 'Shift both positions by',
    shiftHint: (max: number) => `(0–${max.toLocaleString('en')}; ↑/↓ steps 100)`,
    span: 'Offsets shown',
    seed: 'Seed',
    seedHint: (max: number) => `(0–${max.toLocaleString('en')})`,
    tables: 'The scores as a table',
  },
} as const;
