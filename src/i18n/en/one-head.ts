/** Interface strings of lesson 1's widget. */
export const oneHead = {
  sentence: 'Sentence',
  sentenceHint: (max: number) => `(1–${max} words, split at spaces)`,
  seed: 'Seed',
  seedHint: (max: number) => `(0–${max.toLocaleString('en')})`,
  xScale: 'Token vectors ×',
  scaling: 'Scaling',
  divideBy: 'divide scores by √d',
  tables: 'Weights, scores and output as tables',
  idleReadout: 'Hover over a cell, or focus a map and use the arrow keys, to read its value.',
} as const;
