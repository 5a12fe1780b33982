/** Interface strings of lesson 2's widgets. */
export const heads = {
  sequence: 'Sequence',
  sequenceHint: (min: number, max: number, letters: string) => `(${min}–${max} letters from ${letters})`,
  beta: 'Sharpness β',
  betaHint: (max: number) => `(0–${max}, the scaled score of a wanted position)`,
  oneHead: (dK: number) => `One head (dₖ = ${dK})`,
  headOf: (i: number, h: number, dK: number) => `Head ${i} of ${h} (dₖ = ${dK})`,
  distanceTitle: 'Distance of each output row to its target',
  position: 'position',
  distance: 'distance',
  decodedCaption: 'What each output row carries: the letters in each block, with their values',
  dModel: 'd_model',
  h: 'Heads h',
  hHint: '(must divide d_model)',
  seed: 'Seed',
  blocksTitle: (h: number, dK: number) => `W_Q, coloured by head: ${h} blocks of ${dK} columns`,
} as const;
