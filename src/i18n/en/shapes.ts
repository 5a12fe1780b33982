/** Interface strings of lesson 3's widget. */
export const shapes = {
  batch: 'Batch B',
  length: 'Length n',
  dModel: 'd_model',
  heads: 'Heads h',
  tableCaption: 'Every tensor of one multi-head attention layer, as batchedMultiHeadAttention makes it',
  step: 'step',
  operation: 'operation',
  shape: 'shape',
  axes: 'axes',
  values: 'values',
} as const;
