/** Interface strings of the merging lesson's widget (lesson 5). */
export const merging = {
  merge: 'Merge',
  mergeNames: {
    concat: 'Concatenate → W_O',
    average: 'Average → W_up',
    weighted: 'Weighted average → W_up',
    gated: 'Gate each head → concatenate → W_O',
  },
  shortNames: { concat: 'concat', average: 'average', weighted: 'weighted', gated: 'gated' },
  ratio: 'Head 2 = r × head 1',
  ratioHint: (min: number, max: number) => `(${min < 0 ? `−${-min}` : min} to ${max}; ↑/↓ steps 0.25)`,
  heads: 'Heads h',
  headsHint: (min: number, max: number) => `(${min}–${max}, divides d_model)`,
  dModel: 'd_model',
  dModelHint: (min: number, max: number) => `(${min}–${max})`,
  seed: 'Seed',
  seedHint: (max: number) => `(0–${max.toLocaleString('en')})`,
  tables: 'Head outputs and both merged outputs as tables',
  comparison: 'All four merges on these heads',
  columns: ['merge', 'merged before projection', 'projection', 'parameters (no bias)', 'distance', '÷ head 1 alone'],
  shown: ' (shown)',
} as const;
