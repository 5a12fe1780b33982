/** Interface strings of lesson 10 (heads in real text) and its widget. */
export const textHeads = {
  text: 'Text',
  textHint: (min: number, max: number) => `(${min}–${max} characters: lower-case letters, digits, spaces, . , ; : ' " ? ! - ( ))`,
  layer: 'Layer',
  head: 'Head',
  headName: (layer: number, head: number) => `Layer ${layer}, head ${head}`,
  shortName: (layer: number, head: number) => `L${layer} H${head}`,
  switchesLabel: 'Heads: press to switch a head off (zero-ablate it) or on',
  switchesHint: 'A head switched off has ξ = 0: its output is left out of the sum, and everything after it is recomputed.',
  allOn: 'All heads on',
  layerName: (l: number) => `Layer ${l + 1}`,
  on: 'on',
  off: 'off',
  lossTitle: 'Loss on each character (taller bar: the model was more surprised)',
  lossLabel: (n: number, repeated: number) =>
    `The ${n} characters of the text with the model's loss on each one drawn as a bar; ${repeated} of them complete a span of three characters seen earlier in the text (marked). The table “Position by position” lists the same numbers.`,
  repeatKey: 'marked: the last of three characters that already appeared together earlier (an induction head can copy it)',
  firstChar: 'The first character has no loss: nothing comes before it.',
  mapTitle: (layer: number, head: number) => `Layer ${layer}, head ${head}: attention weights (query rows, key columns)`,
  mapLabel: (layer: number, head: number, n: number) =>
    `Attention weights of layer ${layer}, head ${head} on ${n} characters: rows are queries, columns are keys, every few labelled position:character. Darker is more weight; grey cells above the diagonal are hidden by the causal mask.`,
  gridTitle: 'Every head: choose one to draw it large',
  miniLabel: (layer: number, head: number, prev: string, ind: string, off: boolean) =>
    `Layer ${layer}, head ${head}${off ? ' (switched off)' : ''}: previous-token score ${prev}, induction score ${ind} on this text.`,
  scoresCaption: 'Detector scores of every head on this text',
  scoresColumns: ['head', 'previous', 'induction', 'on/off'],
  positionsTitle: 'Position by position: where the drawn head looks, the model’s guesses and its loss',
  next: (guesses: string, head: string, keys: string) => `What comes next? The model guesses ${guesses}. From the last character, ${head} looks at ${keys}.`,
  positionsCaption: (layer: number, head: number) => `Where layer ${layer}, head ${head} looks most (position:character weight), the model's three best guesses for the next character, and its loss in nats on the real one`,
  positionsColumns: ['pos', 'char', 'drawn head looks at', 'model guesses next', 'next', 'loss'],
  summary: (n: number, mean: string, inRepeat: string | null, rest: string | null) =>
    `Mean loss over the ${n} predicted characters: ${mean} nats.` +
    (inRepeat !== null ? ` Inside repeated spans: ${inRepeat}; elsewhere: ${rest ?? '—'}.` : ' No span of three characters repeats, so nothing is marked.'),
  offSummary: (names: string) => ` Switched off: ${names}.`,
  allOff: 'Every head is switched off: the model predicts from each character alone (embedding and read-out only).',
  loading: 'Loading the text model (/lab/text-checkpoint.json)…',
  staticNote: 'The picture shows the default text, computed when the site was built; the controls work once the model loads.',
  space: '␣',
  yours: '(your code)',
} as const;
